import GRDB

/// The writer set up for one long write (an import's mutation, a large pulled page), then
/// set back: the settings cost memory or leave work for later, so ordinary writes keep
/// SQLite's defaults.
extension Store {
  /// The page cache a long write may use, in KiB. A large write dirties far more pages than
  /// SQLite's default 2 MiB cache holds: it then writes pages out to the WAL and reads them
  /// back (the name, email and search indexes take rows in random order) many times over.
  /// A fixed cache keeps memory flat whatever the file's size.
  static let bulkCacheKiB = 64 * 1024

  /// Runs `body` with the writer's page cache at `bulkCacheKiB` and, if
  /// `offSQLiteCheckpoints` and the writer has them (short commands), SQLite's own
  /// checkpoints off; then sets both back.
  ///
  /// Its temporary files are in memory already (the writer's `temp_store`, set at open, see
  /// `Store.init`), which matters to an import: every INSERT of a contact (its triggers
  /// write five more tables) keeps a statement journal, the pages it changes as they were,
  /// so that a failing statement can be undone alone; past 64 KiB SQLite spills that
  /// journal to a temporary file, and 100k contacts made six million small writes to it.
  /// In memory it lives for one statement only.
  ///
  /// Checkpoints off: at a commit over SQLite's threshold (1,000 pages of log) the writer
  /// itself reads the log back and copies it into the database while the next write
  /// waits. A bootstrap's apply wrote 358 MB for a 150 MB file that way and read 360 MB;
  /// the caller starts that copy on the checkpointer's own connection and thread instead
  /// (`Checkpointer.soon`).
  func withBulkWriter<T>(offSQLiteCheckpoints: Bool, _ body: () throws -> T) throws -> T {
    let checkpoints = offSQLiteCheckpoints && !checkpointsInBackground
    let old = try pool.writeWithoutTransaction { db in
      let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size")
      try db.execute(sql: "PRAGMA cache_size = -\(Self.bulkCacheKiB)")
      guard checkpoints else { return (cache, nil as Int?) }
      let pages = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
      try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
      return (cache, pages)
    }
    defer {
      try? pool.writeWithoutTransaction { db in
        if let cache = old.0 { try db.execute(sql: "PRAGMA cache_size = \(cache)") }
        if let pages = old.1 { try db.execute(sql: "PRAGMA wal_autocheckpoint = \(pages)") }
      }
    }
    return try body()
  }
}
