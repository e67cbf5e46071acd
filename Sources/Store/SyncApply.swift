import Foundation
import GRDB
import Model

/// Applying a pulled page (see `PullApplier`).
extension Store {
  /// At most this many notices come back from one page: a first sync brings the whole
  /// team's data, and a notice is for the few records someone just changed.
  public static let noticeLimit = 50

  /// Applies one pulled page in one transaction: per field, the change with the greater
  /// clock wins over the field's latest change-log entry (an equal clock is the same write,
  /// already here); winners update their row, or insert a record not here yet, and are
  /// logged with their own clock, site and actor in a mutation of origin 'remote' (never
  /// pushed, never offered by undo). Folds `serverClock` and every received clock into the
  /// local clock and saves `cursor`. A record with an unknown entity or field, a value of the
  /// wrong kind, or a new record without its required fields is skipped whole and reported.
  public func applyPulled(
    _ changes: [FieldChange], cursor: Int64, serverClock: HLC, now: Date = Date()
  ) throws -> PullApplyReport {
    guard cursor >= 0 else {
      throw StoreError.conflict("the server's cursor \(cursor) is not a sequence number")
    }
    let report = try pool.write { db in
      try PullApplier(db: db, site: site, now: now, serverClock: serverClock).apply(
        changes, cursor: cursor)
    }
    // Searches and duplicate marks follow `list_versions` and the change log, which the
    // apply moved through the tables' triggers and its log rows; nothing else is cached.
    checkpointer?.committed()
    return report
  }
}

/// One pulled page's records checked and grouped, then written: existing records field by
/// field against their latest log entries (read a few thousand records to a query), new
/// ones with multi-row INSERTs, every winner logged through `StampedLog` (a new record's as
/// one snapshot, `RecordSnapshot`).
final class PullApplier {
  private let db: Database
  private let site: SiteID
  private let now: Date
  private let serverClock: HLC
  /// The wall this apply trusts: the later of ours and the server's.
  private let wallMillis: UInt64
  private let localUser: String?
  private let mutationId: String
  private let log: StampedLog
  private var catalogs: [Entity: SyncFields] = [:]
  private var report = PullApplyReport()
  private var greatest: HLC
  private var noticeCandidates: [(entity: Entity, id: String, kind: NoticeKind, actor: String?)] =
    []

  private enum NoticeKind {
    case created, edited, deleted
    case moved(stageId: String)
  }

  /// One record of the page, checked: its fields sorted by name, one change each.
  private struct Incoming {
    let entity: Entity
    let id: String
    var fields: [String]
    var changes: [FieldChange]
    var values: [DatabaseValue]
  }

  /// The latest entry of a field here.
  private struct Current {
    let hlc: HLC
    let value: DatabaseValue
  }

  static let lookupChunk = 2000
  /// Fields every edit writes beside what the user changed: losing one is no conflict.
  static let bookkeeping: Set<String> = ["updatedAt", "stageChangedAt"]

  init(db: Database, site: SiteID, now: Date, serverClock: HLC) throws {
    self.db = db
    self.site = site
    self.now = now
    self.serverClock = serverClock
    let wall = UInt64(max(0, now.timeIntervalSince1970 * 1000))
    self.wallMillis = min(max(wall, serverClock.millis), HLC.maxMillis)
    self.localUser = try Meta.string(db, .localUser)
    self.mutationId = UUIDv7.generate(now: now)
    self.log = StampedLog(db: db, mutation: mutationId)
    self.greatest = serverClock
  }

  func apply(_ changes: [FieldChange], cursor: Int64) throws -> PullApplyReport {
    var existing: [Incoming] = []
    var new: [Incoming] = []
    let checked = try check(group(changes))
    for entity in Entity.allCases {
      let records = checked.filter { $0.entity == entity }
      guard !records.isEmpty else { continue }
      let here = try existingIds(entity, records.map(\.id))
      for record in records {
        if here.contains(record.id) { existing.append(record) } else { new.append(record) }
      }
    }
    try update(existing)
    try insert(new)
    try log.flush()
    if log.count > 0 {
      try Store.recordForeignMutation(
        db, id: mutationId, label: "sync", origin: "remote", actor: nil, at: now)
    }
    try Store.foldClock(db, site: site, received: greatest, wallMillis: wallMillis)
    try Meta.set(db, .pullCursor, cursor)
    try finishNotices()
    try titleConflicts()
    return report
  }

  // MARK: - Checking

  /// The page's changes by record, in the order records first appear (the server sends a
  /// record's fields together, so this looks a record up only when the record changes).
  private func group(_ changes: [FieldChange]) -> [[FieldChange]] {
    var groups: [[FieldChange]] = []
    var index: [String: [String: Int]] = [:]
    var current = -1
    for change in changes {
      if current >= 0, let first = groups[current].first, first.id == change.id,
        first.entity == change.entity
      {
        groups[current].append(change)
        continue
      }
      if let known = index[change.entity]?[change.id] {
        current = known
        groups[current].append(change)
      } else {
        current = groups.count
        groups.append([change])
        index[change.entity, default: [:]][change.id] = current
      }
    }
    return groups
  }

  private func catalog(_ entity: Entity) throws -> SyncFields {
    if let known = catalogs[entity] { return known }
    let fields = try SyncFields(db, table: entity.table)
    catalogs[entity] = fields
    return fields
  }

  /// The records whose every change can be written; the others are reported, whole.
  private func check(_ groups: [[FieldChange]]) throws -> [Incoming] {
    var checked: [Incoming] = []
    checked.reserveCapacity(groups.count)
    let clockLimit = wallMillis + UInt64(HybridClock(site: site).maxDriftMillis)
    for changes in groups {
      let first = changes[0]
      // Only a skipped record is named: showing a name walks its every scalar, and a
      // bootstrap checks a hundred thousand records.
      func name() -> String { "\(SyncSQL.shown(first.entity)) \(SyncSQL.shown(first.id))" }
      guard let entity = Entity(rawValue: first.entity) else {
        report.skipped.append("\(name()): no such kind of record")
        continue
      }
      guard Self.isRecordId(first.id) else {
        report.skipped.append("\(name()): not a record id")
        continue
      }
      let fields = try catalog(entity)
      var record = Incoming(entity: entity, id: first.id, fields: [], changes: [], values: [])
      var problem: String?
      for change in changes {
        guard let column = fields.columns[change.field] else {
          problem = "\"\(SyncSQL.shown(change.field))\" is not a field of \(entity.rawValue)"
          break
        }
        let value = change.value.databaseValue
        if let why = SyncFields.problem(value, for: column) {
          problem = "\(change.field) \(why)"
          break
        }
        guard change.hlc.millis <= clockLimit else {
          problem = "\(change.field) has a clock more than a minute ahead of the server's"
          break
        }
        if let at = record.fields.firstIndex(of: change.field) {
          // The same field twice: the greater clock stands for it.
          report.ignored += 1
          if record.changes[at].hlc < change.hlc {
            record.changes[at] = change
            record.values[at] = value
          }
          continue
        }
        record.fields.append(change.field)
        record.changes.append(change)
        record.values.append(value)
      }
      if let problem {
        report.skipped.append("\(name()): \(problem)")
        continue
      }
      if !record.fields.isSorted() {
        let order = record.fields.indices.sorted { record.fields[$0] < record.fields[$1] }
        record.fields = order.map { record.fields[$0] }
        record.changes = order.map { record.changes[$0] }
        record.values = order.map { record.values[$0] }
      }
      for change in record.changes where greatest < change.hlc { greatest = change.hlc }
      checked.append(record)
    }
    return checked
  }

  /// 1 to 128 bytes, no control characters or spaces (ids are UUIDv7s, but a server's
  /// users may be named otherwise).
  static func isRecordId(_ id: String) -> Bool {
    let bytes = id.utf8
    return !bytes.isEmpty && bytes.count <= 128 && bytes.allSatisfy { $0 > 0x20 && $0 != 0x7F }
  }

  /// Which of `ids` the entity's table holds.
  private func existingIds(_ entity: Entity, _ ids: [String]) throws -> Set<String> {
    var found: Set<String> = []
    var start = 0
    while start < ids.count {
      let chunk = Array(ids[start..<min(ids.count, start + Self.lookupChunk)])
      let cursor = try String.fetchCursor(
        db,
        sql: "SELECT id FROM \(entity.table) WHERE id IN (SELECT value FROM json_each(?))",
        arguments: [SyncSQL.jsonArray(chunk)])
      while let id = try cursor.next() { found.insert(id) }
      start += Self.lookupChunk
    }
    return found
  }

  // MARK: - Existing records

  /// The latest log entry of every field of `ids`, by record then field.
  private func currentEntries(_ entity: Entity, _ ids: [String]) throws
    -> [String: [String: Current]]
  {
    // A log row always carries a valid site; one that does not loses to any change (site 0).
    try ChangeLogReader.latest(db, entity: entity.rawValue, recordIds: ids).mapValues {
      $0.mapValues { Current(hlc: $0.hlc, value: $0.value) }
    }
  }

  private func update(_ records: [Incoming]) throws {
    var start = 0
    while start < records.count {
      let chunk = records[start..<min(records.count, start + Self.lookupChunk)]
      var byEntity: [Entity: [String: [String: Current]]] = [:]
      for entity in Set(chunk.map(\.entity)) {
        byEntity[entity] = try currentEntries(
          entity, chunk.filter { $0.entity == entity }.map(\.id))
      }
      for record in chunk {
        try update(record, current: byEntity[record.entity]?[record.id] ?? [:])
      }
      start += Self.lookupChunk
    }
  }

  private func update(_ record: Incoming, current: [String: Current]) throws {
    var winners: [Int] = []
    for (index, change) in record.changes.enumerated() {
      if LastWriterWins.wins(change.hlc, over: current[change.field]?.hlc) {
        winners.append(index)
      } else {
        report.ignored += 1
      }
    }
    guard !winners.isEmpty else { return }
    let table = try catalog(record.entity).table
    let assignments = winners.map { "\(SyncSQL.quoted(record.fields[$0])) = ?" }
    let sql = "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE id = ?"
    let written = try isolated(record) {
      try SyncSQL.run(
        SyncSQL.statement(db, sql), winners.map { record.values[$0] } + [record.id.databaseValue])
    }
    guard written else { return }
    var conflicts: [(String, DatabaseValue, DatabaseValue, String?)] = []
    for index in winners {
      let change = record.changes[index]
      if !Self.bookkeeping.contains(change.field), let mine = current[change.field],
        mine.hlc.site == site,
        mine.value != record.values[index]
      {
        conflicts.append((change.field, mine.value, record.values[index], change.actor))
      }
    }
    try logWinners(record, winners, created: false)
    for (field, mine, theirs, actor) in conflicts {
      try recordConflict(record, field: field, mine: mine, theirs: theirs, actor: actor)
    }
  }

  // MARK: - New records

  private func insert(_ records: [Incoming]) throws {
    var shapes: [String: [Incoming]] = [:]
    var order: [String] = []
    for record in records {
      let fields = try catalog(record.entity)
      let missing = fields.required.filter { !record.fields.contains($0) }
      guard missing.isEmpty else {
        report.skipped.append(
          "\(record.entity.rawValue) \(SyncSQL.shown(record.id)): a new record without "
            + missing.joined(separator: ", "))
        continue
      }
      let shape = record.entity.rawValue + " " + record.fields.joined(separator: ",")
      if shapes[shape] == nil { order.append(shape) }
      shapes[shape, default: []].append(record)
    }
    for shape in order {
      let group = shapes[shape]!
      // Large statements: full-text search writes an index segment per statement, so 128
      // rows to a statement cost a third more than a thousand (measured on imports).
      let rowsPerStatement = max(1, min(1000, 30_000 / (group[0].fields.count + 1)))
      var start = 0
      while start < group.count {
        let batch = Array(group[start..<min(group.count, start + rowsPerStatement)])
        try insertBatch(batch)
        start += rowsPerStatement
      }
    }
  }

  /// One multi-row INSERT; if SQLite refuses it (a trigger's JSON, a constraint), each
  /// record alone, so only the bad ones are skipped. A failed statement leaves nothing.
  private func insertBatch(_ batch: [Incoming]) throws {
    if batch.count > 1 {
      do {
        try insertRows(batch)
        for record in batch {
          try logWinners(record, Array(record.fields.indices), created: true)
        }
        return
      } catch let error as DatabaseError where Self.isRecordProblem(error) {
        guard db.isInsideTransaction else { throw error }
      }
    }
    for record in batch where try isolated(record, { try insertRows([record]) }) {
      try logWinners(record, Array(record.fields.indices), created: true)
    }
  }

  private func insertRows(_ batch: [Incoming]) throws {
    let first = batch[0]
    let columns = (["id"] + first.fields).map(SyncSQL.quoted).joined(separator: ", ")
    let marks =
      "(" + Array(repeating: "?", count: first.fields.count + 1).joined(separator: ", ")
      + ")"
    let sql =
      "INSERT INTO \(first.entity.table) (\(columns)) VALUES "
      + Array(repeating: marks, count: batch.count).joined(separator: ", ")
    var values: [DatabaseValue] = []
    values.reserveCapacity(batch.count * (first.fields.count + 1))
    for record in batch {
      values.append(record.id.databaseValue)
      values += record.values
    }
    try SyncSQL.run(SyncSQL.statement(db, sql), values)
  }

  // MARK: - Writing down

  /// Runs one record's statement; a record SQLite refuses is reported, not fatal.
  private func isolated(_ record: Incoming, _ body: () throws -> Void) throws -> Bool {
    do {
      try body()
      return true
    } catch let error as DatabaseError where Self.isRecordProblem(error) {
      guard db.isInsideTransaction else { throw error }
      report.skipped.append(
        "\(record.entity.rawValue) \(SyncSQL.shown(record.id)): "
          + SyncSQL.shown(error.message ?? "refused by the database"))
      return false
    }
  }

  /// Errors about the values of one statement (it alone is undone); any other ends the
  /// apply.
  static func isRecordProblem(_ error: DatabaseError) -> Bool {
    [.SQLITE_CONSTRAINT, .SQLITE_ERROR, .SQLITE_MISMATCH, .SQLITE_TOOBIG].contains(
      error.resultCode)
  }

  private func logWinners(_ record: Incoming, _ winners: [Int], created: Bool) throws {
    let entity = record.entity.rawValue.databaseValue
    let id = record.id.databaseValue
    var noticeActor: String??
    var deleted = false
    var moved: String?
    if created {
      try log.appendCreation(
        entity, id,
        winners.map { index in
          RecordSnapshot.Entry(
            field: record.fields[index], value: record.values[index],
            hlc: record.changes[index].hlc,
            actor: record.changes[index].actor?.databaseValue ?? .null)
        })
    }
    for index in winners {
      let change = record.changes[index]
      if !created {
        try log.append(
          entity, id, record.fields[index].databaseValue, record.values[index],
          hlc: change.hlc, actor: change.actor?.databaseValue ?? .null)
      }
      if change.hlc.site != site && (change.actor == nil || change.actor != localUser) {
        noticeActor = .some(change.actor)
      }
      if change.field == "deleted", change.value == .integer(1) { deleted = true }
      if record.entity == .deal, change.field == "stageId", case .text(let stage) = change.value {
        moved = stage
      }
    }
    report.applied += winners.count
    guard let actor = noticeActor, noticeCandidates.count < Store.noticeLimit,
      ![.stageChange, .dealContact].contains(record.entity)
    else { return }
    let kind: NoticeKind
    if created {
      guard !deleted else { return }
      kind = .created
    } else if deleted {
      kind = .deleted
    } else if let moved {
      kind = .moved(stageId: moved)
    } else {
      kind = .edited
    }
    noticeCandidates.append((record.entity, record.id, kind, actor))
  }

  private func recordConflict(
    _ record: Incoming, field: String, mine: DatabaseValue, theirs: DatabaseValue,
    actor: String?
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO sync_conflicts(entity, recordId, field, mine, theirs, theirActor, at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [record.entity.rawValue, record.id, field, mine, theirs, actor, now])
    report.conflicts.append(
      SyncConflict(
        id: db.lastInsertedRowID, entity: record.entity.rawValue, recordId: record.id,
        recordTitle: nil, field: field, mine: FieldValue(mine), theirs: FieldValue(theirs),
        theirActor: actor, at: now))
  }

  private func finishNotices() throws {
    var names: [String: String?] = [:]
    for candidate in noticeCandidates {
      let title = try Store.recordTitle(db, candidate.entity, candidate.id) ?? ""
      let kind: RemoteNotice.Kind
      switch candidate.kind {
      case .created: kind = .created
      case .edited: kind = .edited
      case .deleted: kind = .deleted
      case .moved(let stageId):
        let stage = try String.fetchOne(
          db, sql: "SELECT name FROM stages WHERE id = ?", arguments: [stageId])
        kind = .moved(toStage: stage ?? stageId)
      }
      var actorName: String?
      if let actor = candidate.actor {
        if let known = names[actor] {
          actorName = known
        } else {
          actorName = try String.fetchOne(
            db, sql: "SELECT name FROM users WHERE id = ?", arguments: [actor])
          names[actor] = actorName
        }
      }
      report.notices.append(
        RemoteNotice(
          kind: kind, entity: candidate.entity.rawValue, recordId: candidate.id, title: title,
          actorName: actorName))
    }
  }

  private func titleConflicts() throws {
    for index in report.conflicts.indices {
      let conflict = report.conflicts[index]
      guard let entity = Entity(rawValue: conflict.entity) else { continue }
      report.conflicts[index].recordTitle = try Store.recordTitle(db, entity, conflict.recordId)
    }
  }
}

extension Array where Element == String {
  fileprivate func isSorted() -> Bool {
    zip(self, dropFirst()).allSatisfy { $0 < $1 }
  }
}

extension Store {
  /// What a record is called in a notice or a conflict: a deal's title, a contact's name.
  static func recordTitle(_ db: Database, _ entity: Entity, _ id: String) throws -> String? {
    let expression: String
    switch entity {
    case .deal, .activity: expression = "title"
    case .contact: expression = "trim(firstName || ' ' || lastName)"
    case .company, .pipeline, .stage, .user, .report: expression = "name"
    case .note: expression = "substr(body, 1, 60)"
    case .stageChange, .dealContact: return nil
    }
    return try String.fetchOne(
      db, sql: "SELECT \(expression) FROM \(entity.table) WHERE id = ?", arguments: [id])
  }
}
