import Foundation
import GRDB
import Model
import Synchronization

/// The server's side of the change log: applies pushes, answers pulls, publishes users and
/// reads records for the REST API, all on the server database's sync tables.
///
/// The server is a replica with its own site id (kept in `sync_state`) and hybrid clock,
/// which folds in every accepted clock; its readings are what `serverClock` answers. The
/// server sequence number (`sync_state.seq`) is read and advanced inside each write
/// transaction, so a rolled-back push never leaves a gap or reuses a number.
public final class SyncStore: Sendable {
  let database: ServerDatabase
  let now: @Sendable () -> Date
  /// The server's own site.
  public let site: SiteID
  let clock: Mutex<HybridClock>

  static let maxDriftMillis: UInt64 = 60_000

  init(database: ServerDatabase, now: @escaping @Sendable () -> Date) throws {
    self.database = database
    self.now = now
    let (site, last) = try database.pool.write { db -> (SiteID, HLC?) in
      let stored = try String.fetchOne(
        db, sql: "SELECT value FROM sync_state WHERE key = 'site'")
      let site: SiteID
      if let stored, let parsed = SiteID(rawValue: stored) {
        site = parsed
      } else {
        site = SiteID.random()
        try db.execute(
          sql: "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('site', ?)",
          arguments: [site.rawValue])
      }
      let packed = try Int64.fetchOne(
        db, sql: "SELECT value FROM sync_state WHERE key = 'clock'")
      return (site, packed.map { HLC(packed: $0, site: site) })
    }
    self.site = site
    self.clock = Mutex(HybridClock(site: site, last: last, maxDriftMillis: Self.maxDriftMillis))
  }

  /// The server's clock now (a fresh reading, so it is greater than every clock folded in).
  public func currentClock() -> HLC {
    let wall = wallMillis()
    return clock.withLock { $0.tick(wallMillis: wall) }
  }

  func wallMillis() -> UInt64 {
    let seconds = now().timeIntervalSince1970
    return seconds <= 0 ? 0 : UInt64(seconds * 1000)
  }

  /// The latest server sequence number given to any change.
  public func latestSeq() throws -> Int64 {
    try database.pool.read { db in try Self.latestSeq(db) }
  }

  static func latestSeq(_ db: Database) throws -> Int64 {
    try Int64.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = 'seq'") ?? 0
  }

  static func saveSeq(_ db: Database, _ seq: Int64) throws {
    try db.execute(
      sql: "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('seq', ?)", arguments: [seq])
  }

  /// Persists the clock's latest reading, so a restarted server resumes after it.
  func saveClock(_ db: Database) throws {
    let last = clock.withLock { $0.last }
    try db.execute(
      sql: "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('clock', ?)",
      arguments: [last.packed])
  }
}

extension FieldValue {
  /// The value as SQLite stores it.
  var databaseValue: DatabaseValue {
    switch self {
    case .null: return .null
    case .integer(let number): return number.databaseValue
    case .real(let real): return real.databaseValue
    case .text(let text): return text.databaseValue
    case .blob(let bytes): return Data(bytes).databaseValue
    }
  }

  /// A stored value back, by its storage class.
  init(_ value: DatabaseValue) {
    switch value.storage {
    case .null: self = .null
    case .int64(let number): self = .integer(number)
    case .double(let real): self = .real(real)
    case .string(let text): self = .text(text)
    case .blob(let data): self = .blob(Array(data))
    }
  }
}
