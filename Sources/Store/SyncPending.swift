import Foundation
import GRDB
import Model

/// What waits to be pushed: the user's own mutations (kind do, undo or redo; origin
/// 'local') after the pushed mark. Pulled pages and reverts are never pushed, nor are
/// changes to users: the server keeps the team's users and publishes them to every client.
extension Store {
  public func syncStatus() throws -> SyncStatus {
    try pool.read { db in
      let pushed = try Self.pushedSeq(db)
      return SyncStatus(
        account: try Self.syncAccount(db),
        pending: try Int.fetchOne(
          db, sql: "SELECT count(*) FROM mutations WHERE origin = 'local' AND seq > ?",
          arguments: [pushed]) ?? 0,
        cursor: try Meta.get(db, .pullCursor).flatMap { Int64.fromDatabaseValue($0) } ?? 0,
        lastSyncAt: try Meta.get(db, .lastSyncAt).flatMap { Double.fromDatabaseValue($0) }
          .map { Date(timeIntervalSince1970: $0) },
        refusals: try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_refusals") ?? 0,
        conflicts: try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_conflicts") ?? 0)
    }
  }

  /// The oldest `limit` mutations waiting to be pushed, each with its changes in log order.
  public func pendingMutations(limit: Int) throws -> [PendingMutation] {
    try pool.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT seq, id, label FROM mutations WHERE origin = 'local' AND seq > ?
          ORDER BY seq LIMIT ?
          """, arguments: [try Self.pushedSeq(db), max(0, limit)])
      var mutations = rows.map { row in
        PendingMutation(seq: row["seq"], id: row["id"], label: row["label"], changes: [])
      }
      let index = Dictionary(
        uniqueKeysWithValues: mutations.enumerated().map { ($0.element.id, $0.offset) })
      var start = 0
      while start < mutations.count {
        let ids = mutations[start..<min(mutations.count, start + 500)].map(\.id)
        let entries = try Row.fetchCursor(
          db,
          sql: """
            SELECT mutation, entity, recordId, field, value, hlc, site, actor FROM change_log
            WHERE mutation IN (SELECT value FROM json_each(?)) AND entity != 'user'
            ORDER BY seq
            """, arguments: [SyncSQL.jsonArray(ids)])
        while let row = try entries.next() {
          guard let at = index[row[0]] else { continue }
          mutations[at].changes.append(try Self.fieldChange(row, from: 1))
        }
        start += 500
      }
      return mutations
    }
  }

  /// A change-log row's (entity, recordId, field, value, hlc, site, actor) at `from`.
  static func fieldChange(_ row: Row, from: Int) throws -> FieldChange {
    let siteText: String = row[from + 5]
    guard let entrySite = SiteID(rawValue: siteText) else {
      throw StoreError.conflict("the change log holds a bad site id \"\(siteText)\"")
    }
    return FieldChange(
      entity: row[from], id: row[from + 1], field: row[from + 2],
      value: FieldValue(row[from + 3] as DatabaseValue),
      hlc: HLC(packed: row[from + 4], site: entrySite), actor: row[from + 6])
  }

  /// The server acknowledged every mutation through `throughSeq`. Not a mutation: nothing
  /// to undo, nothing logged. The mark never moves back.
  public func markPushed(throughSeq: Int64) throws {
    try pool.write { db in
      try Meta.set(db, .pushedSeq, max(try Self.pushedSeq(db), throughSeq))
    }
  }

  public func recordSyncSuccess(at: Date) throws {
    try pool.write { db in try Meta.set(db, .lastSyncAt, at.timeIntervalSince1970) }
  }

  static func pushedSeq(_ db: Database) throws -> Int64 {
    try Meta.get(db, .pushedSeq).flatMap { Int64.fromDatabaseValue($0) } ?? 0
  }

  static func syncAccount(_ db: Database) throws -> SyncAccount? {
    guard let json = try Meta.string(db, .syncAccount) else { return nil }
    return try? JSONDecoder().decode(SyncAccount.self, from: Data(json.utf8))
  }

  /// The server said this replica's clock runs `offsetMillis` ahead of its own: every
  /// change-log entry waiting to be pushed gets, in log order, a clock running on the wall
  /// minus the offset (after every other entry's clock, so no field's latest entry falls
  /// behind an earlier one), and the saved clock starts again from there.
  public func restamp(pendingAheadBy offsetMillis: Int64, now: Date = Date()) throws {
    try pool.write { db in
      let pushed = try Self.pushedSeq(db)
      let pending = """
        SELECT id FROM mutations WHERE origin = 'local' AND seq > \(pushed)
        """
      let base = try Int64.fetchOne(
        db, sql: "SELECT max(hlc) FROM change_log WHERE mutation NOT IN (\(pending))")
      var clock = HybridClock(site: site, last: base.map { HLC(packed: $0, site: site) })
      let wall = now.timeIntervalSince1970 * 1000 - Double(offsetMillis)
      let wallMillis = UInt64(max(0, min(wall, Double(HLC.maxMillis))))
      let seqs = try Int64.fetchAll(
        db, sql: "SELECT seq FROM change_log WHERE mutation IN (\(pending)) ORDER BY seq")
      let statement = try db.cachedStatement(sql: "UPDATE change_log SET hlc = ? WHERE seq = ?")
      for seq in seqs {
        try statement.execute(arguments: [clock.tick(wallMillis: wallMillis).packed, seq])
      }
      try Meta.set(db, .hlc, clock.last.packed)
    }
  }
}
