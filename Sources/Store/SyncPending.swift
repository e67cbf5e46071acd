import Foundation
import GRDB
import Model

/// What waits to be pushed: the user's own mutations (kind do, undo or redo; origin
/// 'local') after the pushed mark. Pulled pages and reverts are never pushed, nor are
/// changes to users: the server keeps the team's users and publishes them to every client.
extension Store {
  public func syncStatus() throws -> SyncStatus {
    try reader.read { db in
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
    try reader.read { db in
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
        // A snapshot goes out as the field changes it stands for, as rows of their own did.
        let writes = try ChangeLogReader.writes(
          db,
          sql: """
            SELECT \(ChangeLogReader.columns) FROM change_log
            WHERE mutation IN (SELECT value FROM json_each(?)) AND entity != 'user'
            ORDER BY seq
            """, arguments: [SyncSQL.jsonArray(ids)])
        for write in writes {
          guard let at = index[write.mutation] else { continue }
          mutations[at].changes.append(try Self.fieldChange(write))
        }
        start += 500
      }
      return mutations
    }
  }

  /// A logged write as the wire carries it; a bad site is an error, not a guess.
  static func fieldChange(_ write: LoggedWrite) throws -> FieldChange {
    guard write.siteIsValid else {
      throw StoreError.conflict("the change log holds a bad site id at entry \(write.seq)")
    }
    return write.fieldChange
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
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT \(ChangeLogReader.columns) FROM change_log WHERE mutation IN (\(pending))
          ORDER BY seq
          """)
      let statement = try db.cachedStatement(sql: "UPDATE change_log SET hlc = ? WHERE seq = ?")
      let snapshot = try db.cachedStatement(
        sql: "UPDATE change_log SET hlc = ?, value = ?, actor = ? WHERE seq = ?")
      for row in rows {
        let seq: Int64 = row[0]
        guard row[4] as String == RecordSnapshot.field else {
          try statement.execute(arguments: [clock.tick(wallMillis: wallMillis).packed, seq])
          continue
        }
        // A snapshot's fields, each a clock of its own as rows of their own would get.
        let entries = try ChangeLogReader.writes(row).map { write in
          RecordSnapshot.Entry(
            field: write.field, value: write.value,
            hlc: HLC(packed: clock.tick(wallMillis: wallMillis).packed, site: write.hlc.site),
            actor: write.actor)
        }
        let (json, hlc, actor) = RecordSnapshot.encode(entries)
        try snapshot.execute(arguments: [hlc.packed, json, actor, seq])
      }
      try Meta.set(db, .hlc, clock.last.packed)
    }
  }
}
