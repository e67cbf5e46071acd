import Foundation
import GRDB
import Logging
import Model
import Server
import Store
import Sync
import Synchronization

/// SplitMix64: a small, fast, seedable generator, so a failing history is replayed exactly
/// from the seed its failure prints.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func chance(_ probability: Double) -> Bool {
    Double.random(in: 0..<1, using: &self) < probability
  }

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

  mutating func pick<T>(_ items: [T]) -> T? { items.randomElement(using: &self) }
}

/// The histories' wall clock, shared by the server and the replicas: it starts at the real
/// time (so the few Store writes that read `Date()` themselves stay behind it) and only moves
/// forward, by the history's steps.
final class SimulatedClock: Sendable {
  private let current: Mutex<Date>

  init(start: Date = Date()) {
    // Whole milliseconds: what the change log keeps.
    current = Mutex(
      Date(timeIntervalSince1970: (start.timeIntervalSince1970 * 1000).rounded() / 1000))
  }

  func now() -> Date { current.withLock { $0 } }

  @discardableResult
  func advance(_ seconds: TimeInterval) -> Date {
    current.withLock { date in
      date = date.addingTimeInterval(seconds)
      return date
    }
  }
}

/// The sync server in-process, driven through its storage layer (`SyncStore.push` and
/// `.pull`, the code the HTTP routes call) with every request and answer passed through its
/// JSON form, as the routes would. One server database serves every history of a test,
/// each history in a team of its own.
final class ConvergenceServer: Sendable {
  let services: ServerServices
  let path: String
  private let clock: @Sendable () -> Date

  init(directory: URL, clock: SimulatedClock) throws {
    self.clock = { clock.now() }
    path = directory.appendingPathComponent("server.sqlite").path
    var logger = Logger(label: "convergence-server")
    logger.logLevel = .critical
    services = try ServerServices(
      config: ServerConfig(port: 0, databasePath: path, bcryptCost: 4, logLevel: .critical),
      logger: logger, now: { clock.now() })
  }

  /// Makes a team member as the accounts API does when they sign up: an active account of
  /// the team (the server refuses owners that are not), and a `user` record of the team's
  /// log, written with the server's own site.
  func publish(_ user: UserInfo) throws {
    _ = try services.database.pool.write { db in
      let at = clock()
      try db.execute(
        sql: "INSERT OR IGNORE INTO teams(id, name, createdAt) VALUES (?, ?, ?)",
        arguments: [user.teamId, "team \(user.teamId)", at])
      try db.execute(
        sql: """
          INSERT INTO users(id, teamId, email, name, passwordHash, role, active, createdAt,
            updatedAt)
          VALUES (?, ?, ?, ?, 'not a hash: never logs in', ?, ?, ?, ?)
          """,
        arguments: [
          user.id, user.teamId, "\(user.id)@example.com", user.name, user.role.rawValue,
          user.active, at, at,
        ])
      return try services.sync.publishUser(db, user)
    }
  }

  /// One push as the route handles it: the request decoded from its JSON, the answer
  /// encoded and decoded again.
  func push(_ request: PushRequest, as user: AuthenticatedUser) async throws -> PushResponse {
    let body = try WireJSON.encoder().encode(request)
    let received = try WireJSON.decoder().decode(PushRequest.self, from: body)
    let outcome = try await services.sync.push(received, as: user)
    let answer = try WireJSON.encoder().encode(outcome.response)
    return try WireJSON.decoder().decode(PushResponse.self, from: answer)
  }

  /// One pull page, decoded from the bytes the route sends.
  func pull(team: String, cursor: Int64, since: Int64? = nil, limit: Int) async throws
    -> PullResponse
  {
    let page = try await services.sync.pull(
      team: team, cursor: cursor, since: since ?? cursor, limit: limit)
    return try WireJSON.decoder().decode(PullResponse.self, from: Data(page.json))
  }

  func latestSeq(team: String) throws -> Int64 {
    try services.database.pool.read { db in
      try Int64.fetchOne(db, sql: "SELECT max(seq) FROM records WHERE team = ?", arguments: [team])
        ?? 0
    }
  }

  /// The team's current state as the server holds it: every record's winning fields.
  func state(team: String) throws -> VisibleState {
    try services.database.pool.read { db in
      var state = VisibleState()
      let rows = try Row.fetchCursor(
        db, sql: "SELECT entity, recordId, field, value FROM fields WHERE team = ?",
        arguments: [team])
      while let row = try rows.next() {
        let entity: String = row[0]
        let id: String = row[1]
        let field: String = row[2]
        let value: DatabaseValue = row[3]
        state.records[VisibleState.Key(entity: entity, id: id), default: [:]][field] = value
      }
      return state
    }
  }
}

/// What a user can see of a replica: every record of every entity table with its columns
/// (those the change log carries; `rid` and the columns triggers derive are local), keyed by
/// entity and id. Compared value by value as SQLite stores them.
struct VisibleState: Equatable {
  struct Key: Hashable, Comparable, CustomStringConvertible {
    var entity: String
    var id: String

    static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.entity, lhs.id) < (rhs.entity, rhs.id)
    }

    var description: String { "\(entity) \(id)" }
  }

  var records: [Key: [String: DatabaseValue]] = [:]

  /// Columns a replica keeps for itself: never in the log, so never compared.
  static let localColumns: Set<String> = ["rid", "id", "listCompany", "listOwner", "listLast"]

  /// Reads a replica's file read-only, table by table.
  static func read(replicaAt path: String) throws -> VisibleState {
    var configuration = Configuration()
    configuration.readonly = true
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    defer { try? queue.close() }
    return try queue.read { db in
      var state = VisibleState()
      for entity in Entity.allCases {
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(entity.table)")
        while let row = try rows.next() {
          var fields: [String: DatabaseValue] = [:]
          var id: String?
          for (column, value) in row {
            if column == "id" { id = String.fromDatabaseValue(value) }
            if !localColumns.contains(column) { fields[column] = value }
          }
          guard let id else { continue }
          state.records[Key(entity: entity.rawValue, id: id)] = fields
        }
      }
      return state
    }
  }

  /// Where `other` differs from this state, at most `limit` lines, each naming the record
  /// and field: empty when they are the same. `fieldsOfThis` compares only the fields this
  /// state holds (the server keeps the logged fields, a replica's row has them all).
  func differences(from other: VisibleState, fieldsOfThis: Bool = false, limit: Int = 12)
    -> [String]
  {
    var lines: [String] = []
    for key in Set(records.keys).union(other.records.keys).sorted() {
      guard lines.count < limit else { break }
      guard let mine = records[key] else {
        lines.append("\(key): only in the other")
        continue
      }
      guard let theirs = other.records[key] else {
        lines.append("\(key): missing from the other")
        continue
      }
      let fields = fieldsOfThis ? Set(mine.keys) : Set(mine.keys).union(theirs.keys)
      for field in fields.sorted() where !Self.same(mine[field], theirs[field]) {
        lines.append(
          "\(key).\(field): \(mine[field]?.description ?? "absent") vs \(theirs[field]?.description ?? "absent")"
        )
        if lines.count >= limit { break }
      }
    }
    return lines
  }

  /// Equal as stored; an integer and a real of the same number are equal (a REAL column
  /// keeps an integer as a real, the server's untyped column keeps it as sent).
  static func same(_ a: DatabaseValue?, _ b: DatabaseValue?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    if a == b { return true }
    switch (a.storage, b.storage) {
    case (.int64(let x), .double(let y)), (.double(let y), .int64(let x)):
      return Double(x) == y
    default:
      return false
    }
  }
}
