import GRDB

/// v13: the report builder's saved reports, an entity like the others (change log, undo,
/// tombstone), so a saved report syncs to the team with the rest.
extension Schema {
  static func createSavedReports(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE saved_reports (
          rid INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          definition TEXT NOT NULL,
          createdAt DATETIME NOT NULL,
          updatedAt DATETIME NOT NULL,
          deleted BOOLEAN NOT NULL DEFAULT 0
        );
        CREATE INDEX saved_reports_by_name ON saved_reports(name COLLATE NOCASE) WHERE deleted = 0;
        """)
  }
}
