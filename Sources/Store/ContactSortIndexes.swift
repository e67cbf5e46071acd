import GRDB

extension Schema {
  /// Migration "v5: contact list sorts": what sorting the contacts list by a column other
  /// than the name needs.
  static func addContactSortIndexes(_ db: Database) throws {
  }
}
