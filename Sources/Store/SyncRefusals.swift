import Foundation
import GRDB
import Model

/// Changes the server refused and local writes that lost to later remote ones: what the
/// user sees, redoes or drops on the sync screen.
extension Store {
  /// The server refused the pushed mutation `mutationSeq`: every field it wrote whose latest
  /// entry is still its own goes back to the value before it, with that value's clock (so
  /// later pulls compare against what the server holds), and a record it created is
  /// tombstoned; as one mutation of origin 'revert', never pushed, never offered by undo.
  /// The refusal is kept (with what the mutation tried to write) and the mutation counts as
  /// pushed. `serverCurrent` is the server's current write of the refused fields
  /// (`PushResult.current`); where one is newer than the local value before the mutation,
  /// the field goes back to the server's.
  public func refuse(
    mutationSeq: Int64, reason: String, serverCurrent: [FieldChange] = [], now: Date = Date()
  ) throws {
    try pool.write { db in
      guard
        let row = try Row.fetchOne(
          db, sql: "SELECT id, label FROM mutations WHERE seq = ? AND origin = 'local'",
          arguments: [mutationSeq])
      else { throw StoreError.notFound(entity: "pushed change", key: String(mutationSeq)) }
      let target = MutationRow(seq: mutationSeq, id: row["id"], label: row["label"])
      let changes = try ChangeLogReader.writes(ofMutation: target.id, db).map {
        try Self.fieldChange($0)
      }
      try revert(db, target, serverCurrent: serverCurrent, now: now)
      try db.execute(
        sql: "UPDATE mutations SET undone = 1 WHERE id = ?", arguments: [target.id])
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO sync_refusals(id, seq, label, reason, at, changes)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          target.id, mutationSeq, target.label, reason, now,
          String(decoding: try JSONEncoder().encode(changes), as: UTF8.self),
        ])
      try Meta.set(db, .pushedSeq, max(try Self.pushedSeq(db), mutationSeq))
    }
    checkpointer.committed()
  }

  /// Writes the revert of `target` (see `refuse`): each field back to the newer, by
  /// last-writer-wins, of its local value before the mutation and the server's current
  /// write, logged with that write's clock, site and actor.
  private func revert(
    _ db: Database, _ target: MutationRow, serverCurrent: [FieldChange], now: Date
  ) throws {
    var plan = try Self.reversal(of: target, db, onlyWhereLatest: true, appendOnlyToo: true)
    // The server's writes of the fields, the latest of each (a server sends one).
    // Only writes this replica could have pulled: a field of its kind, a value it takes.
    var server: [String: [String: FieldChange]] = [:]
    var catalogs: [Entity: SyncFields] = [:]
    for change in serverCurrent {
      guard let entity = Entity(rawValue: change.entity) else { continue }
      if catalogs[entity] == nil { catalogs[entity] = try SyncFields(db, table: entity.table) }
      guard let column = catalogs[entity]?.columns[change.field],
        SyncFields.problem(change.value.databaseValue, for: column) == nil
      else { continue }
      let key = change.entity + "/" + change.id
      if let known = server[key]?[change.field], !(known.hlc < change.hlc) { continue }
      server[key, default: [:]][change.field] = change
    }
    for index in plan.restore.indices {
      let key = plan.restore[index].entity.rawValue + "/" + plan.restore[index].recordId
      guard let theirs = server[key] else { continue }
      for (field, previous) in plan.restore[index].fields {
        guard let change = theirs[field], LastWriterWins.wins(change.hlc, over: previous.hlc)
        else { continue }
        plan.restore[index].fields[field] = PreviousValue(
          value: change.value.databaseValue, hlc: change.hlc,
          actor: change.actor?.databaseValue ?? .null)
      }
    }
    // A record the mutation created that the server holds after all (its current write
    // of the fields says so) takes the server's fields instead of a tombstone.
    var created: [(Entity, String)] = []
    for (entity, recordId) in plan.created {
      guard let theirs = server[entity.rawValue + "/" + recordId], !theirs.isEmpty else {
        created.append((entity, recordId))
        continue
      }
      let fields = theirs.mapValues {
        PreviousValue(
          value: $0.value.databaseValue, hlc: $0.hlc, actor: $0.actor?.databaseValue ?? .null)
      }
      if fields["deleted"] == nil {
        created.append((entity, recordId))
      }
      if !fields.isEmpty { plan.restore.append((entity, recordId, fields)) }
    }
    plan.created = created
    let id = UUIDv7.generate(now: now)
    let log = StampedLog(db: db, mutation: id)
    let actor = try Meta.string(db, .localUser)
    var clock = HybridClock(
      site: site,
      last: try Meta.get(db, .hlc).flatMap { Int64.fromDatabaseValue($0) }.map {
        HLC(packed: $0, site: site)
      })
    let wallMillis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
    for (entity, recordId) in plan.created {
      try db.execute(
        sql: "UPDATE \(entity.table) SET deleted = 1 WHERE id = ?", arguments: [recordId])
      try log.append(
        entity.rawValue.databaseValue, recordId.databaseValue, "deleted".databaseValue,
        true.databaseValue, hlc: clock.tick(wallMillis: wallMillis),
        actor: actor?.databaseValue ?? .null)
    }
    var greatest: HLC?
    for restore in plan.restore {
      let fields = restore.fields.keys.sorted()
      let assignments = fields.map { "\(SyncSQL.quoted($0)) = ?" }.joined(separator: ", ")
      try db.execute(
        sql: "UPDATE \(restore.entity.table) SET \(assignments) WHERE id = ?",
        arguments: StatementArguments(
          fields.map { restore.fields[$0]!.value } + [restore.recordId.databaseValue]))
      for field in fields {
        let previous = restore.fields[field]!
        try log.append(
          restore.entity.rawValue.databaseValue, restore.recordId.databaseValue,
          field.databaseValue, previous.value, hlc: previous.hlc,
          actor: previous.actor)
        if greatest.map({ $0 < previous.hlc }) ?? true { greatest = previous.hlc }
      }
    }
    try log.flush()
    guard log.count > 0 else { return }
    try Self.recordForeignMutation(
      db, id: id, label: target.label, origin: "revert", actor: actor, at: now)
    try Meta.set(db, .hlc, clock.last.packed)
    // The server's clocks are folded in as a pull's are: later local writes beat them.
    if let greatest {
      try Self.foldClock(db, site: site, received: greatest, wallMillis: wallMillis)
    }
  }

  /// The refused changes, newest first.
  public func refusals() throws -> [SyncRefusal] {
    try reader.read { db in
      try Row.fetchAll(
        db, sql: "SELECT id, label, reason, at, changes FROM sync_refusals ORDER BY seq DESC"
      ).map { row in
        let json: String = row["changes"]
        return SyncRefusal(
          id: row["id"], label: row["label"], reason: row["reason"], at: row["at"],
          changes: (try? JSONDecoder().decode([FieldChange].self, from: Data(json.utf8))) ?? [])
      }
    }
  }

  /// Writes a refused mutation's changes again, as a new local mutation (pushed by the next
  /// sync), and drops the refusal.
  public func redoRefusal(id: String, now: Date = Date()) throws {
    guard let refusal = try refusals().first(where: { $0.id == id }) else {
      throw StoreError.notFound(entity: "refused change", key: id)
    }
    var records: [String: (Entity, String, [String: DatabaseValue])] = [:]
    var order: [String] = []
    for change in refusal.changes {
      guard let entity = Entity(rawValue: change.entity) else { continue }
      let key = change.entity + "/" + change.id
      if records[key] == nil { order.append(key) }
      records[key, default: (entity, change.id, [:])].2[change.field] = change.value.databaseValue
    }
    try mutate(refusal.label, now: now) { w in
      for key in order {
        let (entity, recordId, fields) = records[key]!
        try w.set(entity, recordId, fields)
      }
      try w.db.execute(sql: "DELETE FROM sync_refusals WHERE id = ?", arguments: [id])
    }
  }

  public func dropRefusal(id: String) throws {
    try pool.write { db in
      try db.execute(sql: "DELETE FROM sync_refusals WHERE id = ?", arguments: [id])
      guard db.changesCount == 1 else {
        throw StoreError.notFound(entity: "refused change", key: id)
      }
    }
  }

  /// The newest conflicts first.
  public func conflicts(limit: Int) throws -> [SyncConflict] {
    try reader.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT id, entity, recordId, field, mine, theirs, theirActor, at FROM sync_conflicts
          ORDER BY id DESC LIMIT ?
          """, arguments: [max(0, limit)]
      ).map { row in
        let entityName: String = row["entity"]
        let recordId: String = row["recordId"]
        return SyncConflict(
          id: row["id"], entity: entityName, recordId: recordId,
          recordTitle: try Entity(rawValue: entityName).flatMap {
            try Self.recordTitle(db, $0, recordId)
          },
          field: row["field"], mine: FieldValue(row["mine"] as DatabaseValue),
          theirs: FieldValue(row["theirs"] as DatabaseValue), theirActor: row["theirActor"],
          at: row["at"])
      }
    }
  }

  public func dismissConflicts() throws {
    try pool.write { db in try db.execute(sql: "DELETE FROM sync_conflicts") }
  }
}
