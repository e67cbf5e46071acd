import GRDB

/// The sync log's tables: the current winning value of every field (`fields`), one row per
/// record with its latest server sequence (`records`, what pull pages over), the pushed
/// mutations already applied (`applied`, so a retry answers duplicate) and the server's own
/// state (`sync_state`: site id, last sequence, clock).
enum SyncSchema {
  static func migrate(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE fields (
          team TEXT NOT NULL,
          entity TEXT NOT NULL,
          recordId TEXT NOT NULL,
          field TEXT NOT NULL,
          value,
          hlc INTEGER NOT NULL,
          site TEXT NOT NULL,
          seq INTEGER NOT NULL,
          actor TEXT,
          PRIMARY KEY (team, entity, recordId, field)
        ) WITHOUT ROWID;
        CREATE TABLE records (
          team TEXT NOT NULL,
          entity TEXT NOT NULL,
          recordId TEXT NOT NULL,
          ownerId TEXT,
          createdBy TEXT,
          seq INTEGER NOT NULL,
          PRIMARY KEY (team, entity, recordId)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX records_by_seq ON records(team, seq);
        CREATE TABLE applied (
          site TEXT NOT NULL,
          clientSeq INTEGER NOT NULL,
          team TEXT NOT NULL,
          userId TEXT NOT NULL,
          result TEXT NOT NULL,
          at REAL NOT NULL,
          PRIMARY KEY (site, clientSeq)
        ) WITHOUT ROWID;
        CREATE TABLE sync_state (
          key TEXT PRIMARY KEY NOT NULL,
          value NOT NULL
        ) WITHOUT ROWID;
        """)
  }
}
