import Foundation
import GRDB
import Model
import Sync

extension SyncStore {
  /// Writes `user` into the team's change log as a `user` record (fields name, email,
  /// role, createdAt, updatedAt, deleted), stamped with the server's site and clock, so
  /// every client learns the team's users by pulling. Call it inside the accounts
  /// transaction that changed the user (signup, profile, role change, deactivation); only
  /// the fields whose value changed get new sequence numbers. Returns the latest server
  /// sequence number afterwards: tell the team (`EventHub.publish`) once that commits.
  ///
  /// A deactivated user stays published as they were (`deleted` 0): their name must still
  /// show on the deals and notes they own. Clients learn who is active from the accounts
  /// API; the change log only names people.
  @discardableResult
  public func publishUser(_ db: Database, _ user: UserInfo) throws -> Int64 {
    let dates = try Row.fetchOne(
      db, sql: "SELECT createdAt, updatedAt FROM users WHERE id = ?", arguments: [user.id])
    let stamp = Self.dateText(now())
    let createdAt: String = dates?[0] ?? stamp
    let updatedAt: String = dates?[1] ?? stamp
    let fields: [(String, FieldValue)] = [
      ("name", .text(user.name)), ("email", .text(user.email)), ("role", .text(user.role.rawValue)),
      ("createdAt", .text(createdAt)), ("updatedAt", .text(updatedAt)), ("deleted", .integer(0)),
    ]
    var current: [String: DatabaseValue] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT field, value FROM fields WHERE team = ? AND entity = 'user' AND recordId = ?",
      arguments: [user.teamId, user.id])
    while let row = try rows.next() { current[row[0]] = row[1] }

    var seq = try Self.latestSeq(db)
    let start = seq
    let wall = wallMillis()
    for (field, value) in fields where current[field] != value.databaseValue {
      let hlc = clock.withLock { $0.tick(wallMillis: wall) }
      seq += 1
      try db.execute(
        sql: """
          INSERT INTO fields(team, entity, recordId, field, value, hlc, site, seq, actor)
          VALUES (?, 'user', ?, ?, ?, ?, ?, ?, NULL)
          ON CONFLICT(team, entity, recordId, field) DO UPDATE SET
            value = excluded.value, hlc = excluded.hlc, site = excluded.site,
            seq = excluded.seq, actor = NULL
          """,
        arguments: [
          user.teamId, user.id, field, value.databaseValue, hlc.packed, site.rawValue, seq,
        ])
    }
    guard seq != start else { return seq }
    try db.execute(
      sql: """
        INSERT INTO records(team, entity, recordId, ownerId, createdBy, seq)
        VALUES (?, 'user', ?, NULL, NULL, ?)
        ON CONFLICT(team, entity, recordId) DO UPDATE SET seq = excluded.seq
        """, arguments: [user.teamId, user.id, seq])
    try Self.saveSeq(db, seq)
    try saveClock(db)
    return seq
  }

  /// A date as the client's database stores it (GRDB's UTC text form).
  static func dateText(_ date: Date) -> String {
    String.fromDatabaseValue(date.databaseValue) ?? ""
  }
}
