import GRDB

/// The triggers that keep the derived tables (full-text search, list orders, duplicate
/// indexes, report summaries, stage totals) in step with the records, kept out of the
/// file's schema and created on the writer's connection only, as TEMP triggers.
///
///     try pool.writeWithoutTransaction { db in try WriterTriggers.install(db) }
///
/// Every connection parses the whole schema on its first statement, and the 53 triggers'
/// bodies were three quarters of it (~3 ms of ~4 ms): the read-only connection that reads
/// a start's first screen, and every reader, paid that for triggers only a write can fire.
/// Only the Store writes the file, on its one writer (GRDB's pool has a single writer), so
/// that one connection holds them. A write made with another program (the sqlite3 shell)
/// fires none of them, as it writes no change log either: the file is the Store's. They
/// live in the writer's temp database: nothing may change its `temp_store` after they are
/// made (SQLite then drops every TEMP object).
///
/// Migrations create triggers as they always did; `moveOutOfSchema`, run after them,
/// moves every trigger the schema holds into `store_triggers`, so a migration that adds or
/// replaces one needs nothing more, and a file whose schema still holds a trigger (an
/// older file, an interrupted move) is not up to date (`inSchema`) until it has run.
enum WriterTriggers {
  /// The table that holds the triggers' SQL (made by the migration "v17").
  static func createTable(_ db: Database) throws {
    try db.execute(
      sql: """
        -- `position` keeps the order they were made in: SQLite fires the triggers of one
        -- event in that order (newest first), and the copies must fire as the originals.
        CREATE TABLE store_triggers (
          position INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE,
          sql TEXT NOT NULL
        );
        """)
  }

  /// Whether the file's schema holds any trigger (a direct read of `sqlite_master`, which
  /// needs no schema parse of its own).
  static let inSchema = "EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger')"

  /// Moves every trigger of the schema into `store_triggers` (replacing one of the same
  /// name) and drops it, in one transaction; a no-op when the schema holds none.
  static func moveOutOfSchema(_ db: Database) throws {
    let triggers = try Row.fetchAll(
      db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid")
    guard !triggers.isEmpty else { return }
    try db.inTransaction {
      for trigger in triggers {
        let name: String = trigger["name"]
        let sql: String = trigger["sql"]
        try db.execute(sql: "DELETE FROM store_triggers WHERE name = ?", arguments: [name])
        try db.execute(
          sql: "INSERT INTO store_triggers(name, sql) VALUES (?, ?)", arguments: [name, sql])
        try db.execute(sql: "DROP TRIGGER main.\(name.quotedDatabaseIdentifier)")
      }
      return .commit
    }
  }

  /// Creates every trigger of `store_triggers` as a TEMP trigger of this connection (once,
  /// when the writer opens), in one transaction.
  static func install(_ db: Database) throws {
    let triggers = try Row.fetchAll(
      db, sql: "SELECT name, sql FROM store_triggers ORDER BY position")
    try db.inTransaction {
      for trigger in triggers {
        try db.execute(sql: try temporary(trigger["sql"], name: trigger["name"]))
      }
      return .commit
    }
  }

  /// `sql` as written to the schema (SQLite stores every trigger as "CREATE TRIGGER ...")
  /// made TEMP: it then lives in this connection only, on the main database's table.
  static func temporary(_ sql: String, name: String) throws -> String {
    let prefix = "CREATE TRIGGER "
    guard sql.hasPrefix(prefix) else {
      throw DatabaseError(
        resultCode: .SQLITE_CORRUPT,
        message: "store_triggers: the trigger \(name) does not begin with \(prefix)")
    }
    return "CREATE TEMP TRIGGER " + sql.dropFirst(prefix.count)
  }
}
