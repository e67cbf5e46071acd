import Foundation
import GRDB
import GRDBSQLite
import Model

/// The local database: the one type that opens the client's SQLite file. Reads page; every
/// write goes through `mutate`, one transaction that writes the rows and the change log.
///
///     let store = try Store(path: "crm.sqlite")
///     let board = try store.board(pipelineId: id, cardsPerStage: 20)
public final class Store: Sendable {
  /// The connections, opened as they are needed (see `StoreConnections`).
  let connections: StoreConnections
  /// The pool, for writes: opened by the first one if it is not open yet.
  var pool: DatabasePool { get throws { try connections.pool() } }
  /// Where reads go: the pool's readers, or the one connection a start read on.
  var reader: any DatabaseReader { get throws { try connections.reader() } }
  public let path: String
  /// This replica's id in the change log and the tie-break of its clock.
  public let site: SiteID
  /// Background checkpoints: every 32 commits with `checkpointInBackground`, else only
  /// for a pull's large pages (`applyPulled`).
  let checkpointer: Checkpointer
  /// Whether SQLite's own checkpoints are off on the writer (see `init`).
  let checkpointsInBackground: Bool
  /// Whether the file had its local user when it was opened (`initialize` then has nothing
  /// to do and does not look again).
  let setUpAtOpen: Bool
  /// Where each contact stands in the contacts list, for search (see `ContactListOrder`).
  let contactOrder = ContactListOrder()
  /// Every contact's folded search text, for the search's walk (see `ContactSearchTexts`).
  let contactTexts = ContactSearchTexts()
  /// The duplicate marks of contacts already asked about (see `DuplicateMarkMemory`).
  let duplicateMarks = DuplicateMarkMemory()

  /// Opens (creating if needed) the database at `path`, creating its directory, and brings
  /// the schema up to date.
  ///
  /// A long-lived process (the TUI) passes `checkpointInBackground`: SQLite then never
  /// copies the write-ahead log into the database inside a write (a stall of several
  /// milliseconds every ~60 moves); a background connection does it between writes. Short
  /// commands keep SQLite's own checkpoints, so their log never grows unchecked.
  public init(path: String, checkpointInBackground: Bool = false) throws {
    // An existing file needs no directory (every start but the first skips Foundation here).
    if access(path, F_OK) != 0 {
      let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    var config = Configuration()
    config.foreignKeysEnabled = true
    // Another process (the TUI, a script) may hold the write lock for a moment.
    config.busyMode = .timeout(5)
    config.prepareDatabase { db in
      // In WAL mode NORMAL keeps every committed transaction through a crash of the process
      // (SIGKILL); only a power cut may lose the last commits, and never corrupts the file.
      try db.execute(sql: "PRAGMA synchronous = NORMAL")
      if checkpointInBackground { try db.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
      // Reads map the file instead of copying each page out of the OS's cache (a read(2)
      // and a page buffer per page): a search's walk over a million contacts reads
      // thousands of pages. SQLite caps it (2 GB in Debian's build); past that, reads copy.
      try db.execute(sql: "PRAGMA mmap_size = \(Self.mappedBytes)")
      // The write-ahead log stays on disk when the last connection closes (its content
      // already copied into the database): GRDB writes a dummy transaction on every open
      // that finds no log, a write lock and a commit before the first read of each start.
      if !db.configuration.readonly {
        // The writer's temporary data in memory: its TEMP triggers (`WriterTriggers`) and
        // an import's statement journals (see `withBulkWriter`). Set before the triggers
        // are made, and never changed after: a change of temp_store drops them all.
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        var persist: CInt = 1
        _ = sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, &persist)
      }
    }
    let migrator = Schema.migrator
    // An up-to-date file (every start but the first after an upgrade) is only read, on one
    // read-only connection: no write lock, no wait for another process's write, and no
    // writer until something writes. The same read gives the site id and whether the file
    // is set up, so `initialize` on a set-up file costs nothing; the first page is read on
    // that connection next, its schema parsed once.
    if access(path, F_OK) == 0,
      let first = try? DatabaseQueue(
        path: path, configuration: StoreConnections.firstConfiguration(config)),
      let (site, setUp) = try? first.read({ db in try Self.upToDate(db, migrator) })
    {
      self.connections = StoreConnections(path: path, configuration: config, first: first)
      self.site = site
      self.setUpAtOpen = setUp
    } else {
      // A new file, one to migrate, or one the read-only connection cannot read (its log
      // files missing in a folder it cannot write): the pool opens now, and says what is
      // wrong if it cannot.
      let pool = try DatabasePool(path: path, configuration: config)
      try migrator.migrate(pool)
      try pool.writeWithoutTransaction { db in
        try WriterTriggers.moveOutOfSchema(db)
        try WriterTriggers.install(db)
      }
      self.connections = StoreConnections(path: path, configuration: config, pool: pool)
      self.site = try pool.write { db in try Meta.site(db) }
      self.setUpAtOpen = try pool.read { db in try Meta.get(db, .localUser) != nil }
    }
    self.path = path
    self.checkpointsInBackground = checkpointInBackground
    self.checkpointer = Checkpointer(path: path, interval: checkpointInBackground ? 32 : nil)
  }

  /// The site id and whether the file is set up, if its schema is up to date and it has a
  /// site id; nil if the pool must open to migrate it or give it one.
  private static func upToDate(
    _ db: Database, _ migrator: DatabaseMigrator
  ) throws -> (SiteID, Bool)? {
    guard
      // A schema still holding triggers has them moved out by the pool (`WriterTriggers`).
      // Not GRDB's tableExists, which reads the schema through its cache (~0.9 ms at start).
      try Bool.fetchOne(
        db,
        sql: """
          SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'grdb_migrations')
            AND NOT \(WriterTriggers.inSchema)
          """) == true && migrator.hasCompletedMigrations(db)
        && !migrator.hasBeenSuperseded(db),
      let site = try Meta.string(db, .site).flatMap(SiteID.init(rawValue:))
    else { return nil }
    return (site, try Meta.get(db, .localUser) != nil)
  }

  /// The TUI's start, once its first screen is up: the pool opens on another thread, so
  /// the first write (a key pressed a moment later) does not wait for it.
  public func openForWritesInBackground() {
    connections.openPoolInBackground()
  }

  /// How much of the file reads map (see `init`).
  static let mappedBytes: Int64 = 1 << 31

  /// The most write-ahead log a closing store leaves for the next start to read (see
  /// `deinit`): a few milliseconds.
  public static let logSizeLimit = 4 << 20

  deinit {
    // A write of many pages (an import, a bootstrap) leaves as many frames in the log, all
    // valid after the checkpoint that copies them, and the next process to open the file
    // reads every one to rebuild the log's index: each start after importing 100k contacts
    // (a 160 MB log) took ~110 ms more. Such a log is emptied, and one small commit left in
    // it, as a session's own commits would be: an open that finds a log writes nothing,
    // one that finds none writes (GRDB's dummy commit). If another process keeps reading
    // the log, the checkpoint gives up after a moment and the next close tries again.
    // A session that never opened the pool wrote nothing: its log is as the last one left it.
    try? connections.openedPool?.writeWithoutTransaction { db in
      let frames = try db.checkpoint(.passive).walFrameCount
      let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
      guard frames * pageSize > Self.logSizeLimit else { return }
      // Not the store's 5 s: a closing program does not wait on another's reads that long.
      sqlite3_busy_timeout(db.sqliteConnection, 200)
      _ = try db.checkpoint(.truncate)
      let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
      try db.execute(sql: "PRAGMA user_version = \(version)")
    }
  }

  /// The user this replica acts as (the local admin until sync logs someone in).
  public func localUser() throws -> User? {
    try reader.read { db in
      guard let id = try Meta.string(db, .localUser) else { return nil }
      return try User.filter(key: ["id": id]).fetchOne(db)
    }
  }

  /// SQLite's own check of the file.
  public func integrityCheck() throws -> String {
    try reader.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
  }

  /// The journal mode, "wal" for a healthy store.
  public func journalMode() throws -> String {
    try reader.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
  }
}

/// Small key-value facts about this replica: its site id, the last clock value, who it acts as.
enum Meta {
  enum Key: String {
    case site, hlc, localUser
    /// When `crm remind` last ran (seconds since 1970), so the next run starts there.
    case remindLastRun
    /// The sync account (JSON of `SyncAccount`); none while the database syncs with no one.
    case syncAccount
    /// The last local `mutations.seq` the server has acknowledged (or refused).
    case pushedSeq
    /// The last server sequence number pulled.
    case pullCursor
    /// When the last sync succeeded (seconds since 1970).
    case lastSyncAt
  }

  static func get(_ db: Database, _ key: Key) throws -> DatabaseValue? {
    try DatabaseValue.fetchOne(
      db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key.rawValue])
  }

  static func set(_ db: Database, _ key: Key, _ value: some DatabaseValueConvertible) throws {
    try db.execute(
      sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
      arguments: [key.rawValue, value])
  }

  static func string(_ db: Database, _ key: Key) throws -> String? {
    try get(db, key).flatMap { String.fromDatabaseValue($0) }
  }

  static func site(_ db: Database) throws -> SiteID {
    if let raw = try string(db, .site), let site = SiteID(rawValue: raw) {
      return site
    }
    let site = SiteID.random()
    try set(db, .site, site.rawValue)
    return site
  }
}
