import GRDB

/// Migration "v15: sync state": what the Store needs to sync with a team's server.
///
/// - `mutations.origin`: 'local' (the user's own writes: pushed, offered by undo), 'remote'
///   (a pulled page: never pushed, never undone) and 'revert' (a refused change set back:
///   neither). Undo's candidates are local only; its partial index is rebuilt to say so.
///   The redo index stays as it was: undo rows are always local (an undo is the user's),
///   and `mutate`'s end of the redo chain reads that index by its own condition.
/// - `sync_refusals`: local mutations the server refused, with what they tried to write
///   (JSON of `FieldChange`s), until the user redoes or drops them.
/// - `sync_conflicts`: local writes a later remote write beat, both values kept untyped as
///   the change log keeps them.
extension Schema {
  static func createSyncState(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE mutations ADD COLUMN origin TEXT NOT NULL DEFAULT 'local'
          CHECK (origin IN ('local', 'remote', 'revert'));
        DROP INDEX mutations_undoable;
        CREATE INDEX mutations_undoable ON mutations(seq)
          WHERE kind IN ('do', 'redo') AND undone = 0 AND origin = 'local';
        -- What is waiting to be pushed: local mutations past the pushed mark.
        CREATE INDEX mutations_local ON mutations(seq) WHERE origin = 'local';
        CREATE TABLE sync_refusals (
          id TEXT PRIMARY KEY NOT NULL,
          seq INTEGER NOT NULL,
          label TEXT NOT NULL,
          reason TEXT NOT NULL,
          at DATETIME NOT NULL,
          changes TEXT NOT NULL
        );
        CREATE TABLE sync_conflicts (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          entity TEXT NOT NULL,
          recordId TEXT NOT NULL,
          field TEXT NOT NULL,
          mine,
          theirs,
          theirActor TEXT,
          at DATETIME NOT NULL
        );
        """)
  }
}
