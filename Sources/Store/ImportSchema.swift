import GRDB

extension Schema {
  /// Migration "v6: import speed": schema changes that make a large import cheaper.
  static func speedUpImport(_ db: Database) throws {
  }
}
