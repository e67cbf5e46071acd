import Foundation
import GRDB
import Model
import Sync

/// A record of one team as the sync tables key it.
struct RecordKey: Hashable {
  var entity: String
  var id: String
}

/// A field's winning write as the server holds it.
struct StoredClock {
  var packed: Int64
  var site: String

  func isBeaten(by incoming: HLC) -> Bool {
    let mine = UInt64(bitPattern: packed)
    let theirs = UInt64(bitPattern: incoming.packed)
    if mine != theirs { return mine < theirs }
    return site < incoming.site.rawValue
  }
}

extension SyncStore {
  /// What a push did: the answer, and whether it gave out new sequence numbers (then the
  /// team's other clients are told).
  public struct PushOutcome: Sendable {
    public var response: PushResponse
    public var advanced: Bool
  }

  /// Applies a push from `user` in one transaction: each mutation is skipped as a
  /// duplicate (its (site, seq) was applied before), refused whole (a malformed change, a
  /// clock more than 60 s ahead, a change the user's role may not make), or validated,
  /// merged field by field (last writer wins) and recorded. Refused mutations are not
  /// recorded, so a retry after the client fixed them (re-stamped clocks) is judged again.
  public func push(_ request: PushRequest, as user: AuthenticatedUser) async throws
    -> PushOutcome
  {
    let wall = wallMillis()
    let at = now()
    return try await database.pool.write { db in
      let start = try Self.latestSeq(db)
      var writer = try PushWriter(db: db, store: self, user: user, site: request.site)
      writer.seq = start
      var results: [PushResult] = []
      results.reserveCapacity(request.mutations.count)
      for mutation in request.mutations {
        results.append(try writer.apply(mutation, wallMillis: wall, at: at))
      }
      if writer.seq != start { try Self.saveSeq(db, writer.seq) }
      // A fresh reading: greater than every clock this push carried or the server issued.
      let serverClock = self.clock.withLock { $0.tick(wallMillis: wall) }
      try self.saveClock(db)
      let response = PushResponse(
        results: results, serverClock: serverClock, latestSeq: writer.seq)
      return PushOutcome(response: response, advanced: writer.seq != start)
    }
  }
}

/// The prepared statements and running state of one push transaction.
struct PushWriter {
  let db: Database
  let store: SyncStore
  let user: AuthenticatedUser
  let site: SiteID
  var seq: Int64 = 0
  /// Users already looked up by `member`.
  private var members: [String: SyncValidation.Member] = [:]

  private let findApplied: Statement
  private let findRecord: Statement
  private let findClocks: Statement
  private let findField: Statement
  private let findWrite: Statement
  private let findMember: Statement
  private let upsertField: Statement
  private let upsertRecord: Statement
  private let insertApplied: Statement
  private let encoder = WireJSON.encoder()

  init(db: Database, store: SyncStore, user: AuthenticatedUser, site: SiteID) throws {
    self.db = db
    self.store = store
    self.user = user
    self.site = site
    findApplied = try db.cachedStatement(
      sql: "SELECT 1 FROM applied WHERE site = ? AND clientSeq = ?")
    findRecord = try db.cachedStatement(
      sql: "SELECT ownerId, createdBy FROM records WHERE team = ? AND entity = ? AND recordId = ?")
    findClocks = try db.cachedStatement(
      sql: "SELECT field, hlc, site FROM fields WHERE team = ? AND entity = ? AND recordId = ?")
    findField = try db.cachedStatement(
      sql:
        "SELECT value FROM fields WHERE team = ? AND entity = ? AND recordId = ? AND field = ?")
    findWrite = try db.cachedStatement(
      sql: """
        SELECT value, hlc, site, actor FROM fields
        WHERE team = ? AND entity = ? AND recordId = ? AND field = ?
        """)
    findMember = try db.cachedStatement(sql: "SELECT teamId, active FROM users WHERE id = ?")
    upsertField = try db.cachedStatement(
      sql: """
        INSERT INTO fields(team, entity, recordId, field, value, hlc, site, seq, actor)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(team, entity, recordId, field) DO UPDATE SET
          value = excluded.value, hlc = excluded.hlc, site = excluded.site,
          seq = excluded.seq, actor = excluded.actor
        """)
    upsertRecord = try db.cachedStatement(
      sql: """
        INSERT INTO records(team, entity, recordId, ownerId, createdBy, seq)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(team, entity, recordId) DO UPDATE SET
          ownerId = excluded.ownerId, seq = excluded.seq
        """)
    insertApplied = try db.cachedStatement(
      sql:
        "INSERT INTO applied(site, clientSeq, team, userId, result, at) VALUES (?, ?, ?, ?, ?, ?)"
    )
  }

  /// One record a mutation touches: its state on the server before the mutation.
  private struct Touched {
    var key: RecordKey
    var entity: SyncEntity
    var existing: RecordOwnership?
    var clocks: [String: StoredClock] = [:]
    var ownerId: String?
    var newSeq: Int64?
  }

  mutating func apply(_ mutation: PushMutation, wallMillis: UInt64, at: Date) throws
    -> PushResult
  {
    if try Bool.fetchOne(findApplied, arguments: [site.rawValue, mutation.seq]) ?? false {
      return PushResult(seq: mutation.seq, status: .duplicate)
    }
    var refusals: [Refusal] = []
    for change in mutation.changes {
      refusals += SyncValidation.refusals(
        of: change, site: site, wallMillis: wallMillis, maxDriftMillis: SyncStore.maxDriftMillis)
    }
    for change in mutation.changes {
      if let refusal = try SyncValidation.userRefusal(of: change, member: { try member($0) }) {
        refusals.append(refusal)
      }
    }
    if !refusals.isEmpty { return try refused(mutation, refusals) }

    // The records in first-touched order, with their state before the mutation.
    var order: [RecordKey] = []
    var touched: [RecordKey: Touched] = [:]
    for change in mutation.changes {
      let key = RecordKey(entity: change.entity, id: change.id)
      guard touched[key] == nil else { continue }
      let entity = SyncEntity(rawValue: change.entity)!
      let existing = try ownership(entity: change.entity, id: change.id)
      var record = Touched(key: key, entity: entity, existing: existing)
      record.ownerId = existing?.ownerId
      if existing != nil { record.clocks = try clocks(of: key) }
      touched[key] = record
      order.append(key)
    }
    for key in order {
      let record = touched[key]!
      if let reason = try permissionRefusal(record, in: mutation, touched: touched) {
        refusals.append(Refusal(entity: key.entity, id: key.id, reason: reason))
      }
    }
    if !refusals.isEmpty { return try refused(mutation, refusals) }

    for change in mutation.changes {
      let key = RecordKey(entity: change.entity, id: change.id)
      var record = touched[key]!
      if let current = record.clocks[change.field], !current.isBeaten(by: change.hlc) {
        continue
      }
      seq += 1
      try upsertField.execute(arguments: [
        user.teamId, change.entity, change.id, change.field, change.value.databaseValue,
        change.hlc.packed, site.rawValue, seq, user.userId,
      ])
      record.clocks[change.field] = StoredClock(packed: change.hlc.packed, site: site.rawValue)
      record.newSeq = seq
      if change.field == record.entity.ownerField {
        if case .text(let owner) = change.value {
          record.ownerId = owner
        } else {
          record.ownerId = nil
        }
      }
      touched[key] = record
    }
    for key in order {
      let record = touched[key]!
      guard let newSeq = record.newSeq else { continue }
      try upsertRecord.execute(arguments: [
        user.teamId, key.entity, key.id, record.ownerId,
        record.existing?.createdBy ?? user.userId, newSeq,
      ])
    }
    let wall = wallMillis
    store.clock.withLock { clock in
      for change in mutation.changes {
        _ = try? clock.receive(change.hlc, wallMillis: wall)
      }
    }
    let result = PushResult(seq: mutation.seq, status: .accepted)
    let resultJSON = String(decoding: try encoder.encode(result), as: UTF8.self)
    try insertApplied.execute(arguments: [
      site.rawValue, mutation.seq, user.teamId, user.userId, resultJSON,
      at.timeIntervalSince1970,
    ])
    return result
  }

  /// The refused answer, with the server's current write of every field the mutation
  /// tried to change (each once, in the mutation's order) that the server holds: the client
  /// sets its fields back to these, not to older local values.
  private func refused(_ mutation: PushMutation, _ refusals: [Refusal]) throws -> PushResult {
    var seen: Set<[String]> = []
    var current: [FieldChange] = []
    for change in mutation.changes
    where seen.insert([change.entity, change.id, change.field]).inserted {
      guard
        let row = try Row.fetchOne(
          findWrite, arguments: [user.teamId, change.entity, change.id, change.field]),
        let site = SiteID(rawValue: row[2])
      else { continue }
      current.append(
        FieldChange(
          entity: change.entity, id: change.id, field: change.field,
          value: FieldValue(row[0] as DatabaseValue), hlc: HLC(packed: row[1], site: site),
          actor: row[3]))
    }
    return PushResult(
      seq: mutation.seq, status: .refused, reason: refusals.first?.reason, refusals: refusals,
      current: current)
  }

  /// How the server knows user `id`, asked once per push.
  private mutating func member(_ id: String) throws -> SyncValidation.Member {
    if let known = members[id] { return known }
    let found: SyncValidation.Member
    if let row = try Row.fetchOne(findMember, arguments: [id]) {
      let team: String = row[0]
      let active: Bool = row[1]
      found = team != user.teamId ? .otherTeam : active ? .active : .inactive
    } else {
      found = .unknown
    }
    members[id] = found
    return found
  }

  private func ownership(entity: String, id: String) throws -> RecordOwnership? {
    guard
      let row = try Row.fetchOne(findRecord, arguments: [user.teamId, entity, id])
    else { return nil }
    return RecordOwnership(ownerId: row[0], createdBy: row[1])
  }

  private func clocks(of key: RecordKey) throws -> [String: StoredClock] {
    var clocks: [String: StoredClock] = [:]
    let rows = try Row.fetchCursor(findClocks, arguments: [user.teamId, key.entity, key.id])
    while let row = try rows.next() {
      clocks[row[0]] = StoredClock(packed: row[1], site: row[2])
    }
    return clocks
  }

  /// The role check of one record, with the deal a stage change or deal contact belongs
  /// to looked up (the mutation's own `dealId` for a new row, the stored one otherwise).
  private func permissionRefusal(
    _ record: Touched, in mutation: PushMutation, touched: [RecordKey: Touched]
  ) throws -> String? {
    guard user.role == .rep, let dealField = record.entity.dealField else {
      return Permissions.refusal(
        user: user, entity: record.entity, id: record.key.id, existing: record.existing,
        dealId: nil, deal: nil, dealIsNew: false)
    }
    var dealId: String?
    if record.existing != nil {
      let stored = try DatabaseValue.fetchOne(
        findField, arguments: [user.teamId, record.key.entity, record.key.id, dealField])
      if case .string(let id) = stored?.storage { dealId = id }
    }
    if dealId == nil {
      for change in mutation.changes
      where change.id == record.key.id && change.entity == record.key.entity
        && change.field == dealField
      {
        if case .text(let id) = change.value { dealId = id }
      }
    }
    var deal: RecordOwnership?
    var dealIsNew = false
    if let dealId {
      let dealKey = RecordKey(entity: SyncEntity.deal.rawValue, id: dealId)
      if let inMutation = touched[dealKey] {
        deal = inMutation.existing
        dealIsNew = inMutation.existing == nil
      } else {
        deal = try ownership(entity: dealKey.entity, id: dealId)
      }
    }
    return Permissions.refusal(
      user: user, entity: record.entity, id: record.key.id, existing: record.existing,
      dealId: dealId, deal: deal, dealIsNew: dealIsNew)
  }
}
