import GRDB

extension Schema {
  /// Migration "v7: activity recurrence, priority and sources": what issue 5's activities
  /// carry beyond the first schema.
  static func extendActivities(_ db: Database) throws {
  }
}
