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
    let write = {
      try self.pool.write { db in
        try PullApplier(
          db: db, site: self.site, now: now, serverClock: serverClock, page: changes
        )
        .apply(cursor: cursor)
      }
    }
    // Searches and duplicate marks follow `list_versions` and the change log, which the
    // apply moved through the tables' triggers and its log rows; nothing else is cached.
    guard changes.count >= Self.largePullPage else {
      let report = try write()
      checkpointer.committed()
      return report
    }
    let report = try withBulkWriter(offSQLiteCheckpoints: true, write)
    checkpointer.soon()
    return report
  }

  /// Changes in a pulled page from which it is written as a long write (`withBulkWriter`)
  /// and its log copied into the database in the background, as the next page is fetched
  /// and written (a bootstrap's pages hold 50,000 or so).
  static let largePullPage = 2_000
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
  /// The page's changes: a record refers to its own by index (copying a change copies
  /// its six strings, and a bootstrap's copies were a fifth of its apply).
  private let page: [FieldChange]
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

  /// One record of the page, checked: its changes (indices into `page`), one a field,
  /// sorted by field name, and their values as written.
  private struct Incoming {
    let entity: Entity
    let id: String
    var slots: [Int]
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

  init(db: Database, site: SiteID, now: Date, serverClock: HLC, page: [FieldChange]) throws {
    self.db = db
    self.page = page
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

  func apply(cursor: Int64) throws -> PullApplyReport {
    var existing: [Incoming] = []
    var new: [Incoming] = []
    let checked = try check(group())
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

  /// The page's changes by record (their indices), in the order records first appear (the
  /// server sends a record's fields together, so this looks a record up only when the
  /// record changes).
  private func group() -> [[Int]] {
    var groups: [[Int]] = []
    var index: [String: [String: Int]] = [:]
    var current = -1
    var currentSlot = -1
    for slot in page.indices {
      if currentSlot >= 0, page[currentSlot].id == page[slot].id,
        page[currentSlot].entity == page[slot].entity
      {
        groups[current].append(slot)
        continue
      }
      if let known = index[page[slot].entity]?[page[slot].id] {
        current = known
        groups[current].append(slot)
      } else {
        current = groups.count
        groups.append([slot])
        index[page[slot].entity, default: [:]][page[slot].id] = current
      }
      currentSlot = slot
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
  private func check(_ groups: [[Int]]) throws -> [Incoming] {
    var checked: [Incoming] = []
    checked.reserveCapacity(groups.count)
    let clockLimit = wallMillis + UInt64(HybridClock(site: site).maxDriftMillis)
    var greatest = self.greatest
    for slots in groups {
      let first = slots[0]
      // Only a skipped record is named: showing a name walks its every scalar, and a
      // bootstrap checks a hundred thousand records.
      func name() -> String {
        "\(SyncSQL.shown(page[first].entity)) \(SyncSQL.shown(page[first].id))"
      }
      guard let entity = Entity(rawValue: page[first].entity) else {
        report.skipped.append("\(name()): no such kind of record")
        continue
      }
      guard Self.isRecordId(page[first].id) else {
        report.skipped.append("\(name()): not a record id")
        continue
      }
      let fields = try catalog(entity)
      var problem: String?
      var values: [DatabaseValue] = []
      values.reserveCapacity(slots.count)
      for slot in slots {
        guard let column = fields.columns[page[slot].field] else {
          problem = "\"\(SyncSQL.shown(page[slot].field))\" is not a field of \(entity.rawValue)"
          break
        }
        let value = page[slot].value.databaseValue
        if let why = SyncFields.problem(value, for: column) {
          problem = "\(page[slot].field) \(why)"
          break
        }
        guard page[slot].hlc.millis <= clockLimit else {
          problem = "\(page[slot].field) has a clock more than a minute ahead of the server's"
          break
        }
        values.append(value)
      }
      if let problem {
        report.skipped.append("\(name()): \(problem)")
        continue
      }
      var record = Incoming(entity: entity, id: page[first].id, slots: slots, values: values)
      if !isSortedByField(slots) { sortAndDeduplicate(&record) }
      for slot in record.slots where greatest < page[slot].hlc { greatest = page[slot].hlc }
      checked.append(record)
    }
    self.greatest = greatest
    return checked
  }

  /// Whether the slots' fields are in strictly increasing order (so no field is twice).
  private func isSortedByField(_ slots: [Int]) -> Bool {
    var previous = -1
    for slot in slots {
      if previous >= 0, !(page[previous].field < page[slot].field) { return false }
      previous = slot
    }
    return true
  }

  /// Sorts a record's changes by field; of a field sent twice the greater clock stands for
  /// it (on equal clocks, the first sent), and the other is ignored.
  private func sortAndDeduplicate(_ record: inout Incoming) {
    let order = record.slots.indices.sorted {
      let (a, b) = (record.slots[$0], record.slots[$1])
      return page[a].field != page[b].field ? page[a].field < page[b].field : a < b
    }
    var slots: [Int] = []
    var values: [DatabaseValue] = []
    for position in order {
      let slot = record.slots[position]
      if let last = slots.last, page[last].field == page[slot].field {
        report.ignored += 1
        if page[last].hlc < page[slot].hlc {
          slots[slots.count - 1] = slot
          values[values.count - 1] = record.values[position]
        }
        continue
      }
      slots.append(slot)
      values.append(record.values[position])
    }
    record.slots = slots
    record.values = values
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
    for (index, slot) in record.slots.enumerated() {
      if LastWriterWins.wins(page[slot].hlc, over: current[page[slot].field]?.hlc) {
        winners.append(index)
      } else {
        report.ignored += 1
      }
    }
    guard !winners.isEmpty else { return }
    let table = try catalog(record.entity).table
    let assignments = winners.map { "\(SyncSQL.quoted(page[record.slots[$0]].field)) = ?" }
    let sql = "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE id = ?"
    let written = try isolated(record) {
      try SyncSQL.run(
        SyncSQL.statement(db, sql), winners.map { record.values[$0] } + [record.id.databaseValue])
    }
    guard written else { return }
    var conflicts: [(String, DatabaseValue, DatabaseValue, String?)] = []
    for index in winners {
      let change = page[record.slots[index]]
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

  /// Records of one entity with the same fields: one INSERT statement's shape.
  private struct Shape {
    let entity: Entity
    let fields: [String]
    var records: [Incoming] = []
  }

  private func insert(_ records: [Incoming]) throws {
    var shapes: [Shape] = []
    var shapeIndex: [String: Int] = [:]
    var last = -1
    for record in records {
      let fields = try catalog(record.entity)
      let missing = fields.required.filter { required in
        !record.slots.contains { page[$0].field == required }
      }
      guard missing.isEmpty else {
        report.skipped.append(
          "\(record.entity.rawValue) \(SyncSQL.shown(record.id)): a new record without "
            + missing.joined(separator: ", "))
        continue
      }
      // Records come in runs of one shape: the last one is tried before building a key.
      if last >= 0, hasShape(record, shapes[last]) {
        shapes[last].records.append(record)
        continue
      }
      let names = record.slots.map { page[$0].field }
      let key = record.entity.rawValue + " " + names.joined(separator: ",")
      if let known = shapeIndex[key] {
        last = known
      } else {
        last = shapes.count
        shapeIndex[key] = last
        shapes.append(Shape(entity: record.entity, fields: names))
      }
      shapes[last].records.append(record)
    }
    for shape in shapes {
      let group = shape.records
      // Large statements: full-text search writes an index segment per statement, so 128
      // rows to a statement cost a third more than a thousand (measured on imports).
      let rowsPerStatement = max(1, min(1000, 30_000 / (shape.fields.count + 1)))
      var start = 0
      while start < group.count {
        let batch = Array(group[start..<min(group.count, start + rowsPerStatement)])
        try insertBatch(batch, fields: shape.fields)
        start += rowsPerStatement
      }
    }
  }

  private func hasShape(_ record: Incoming, _ shape: Shape) -> Bool {
    guard record.entity == shape.entity, record.slots.count == shape.fields.count else {
      return false
    }
    for (slot, field) in zip(record.slots, shape.fields) where page[slot].field != field {
      return false
    }
    return true
  }

  /// One multi-row INSERT; if SQLite refuses it (a trigger's JSON, a constraint), each
  /// record alone, so only the bad ones are skipped. A failed statement leaves nothing.
  private func insertBatch(_ batch: [Incoming], fields: [String]) throws {
    if batch.count > 1 {
      do {
        try insertRows(batch, fields: fields)
        for record in batch {
          try logWinners(record, Array(record.slots.indices), created: true)
        }
        return
      } catch let error as DatabaseError where Self.isRecordProblem(error) {
        guard db.isInsideTransaction else { throw error }
      }
    }
    for record in batch where try isolated(record, { try insertRows([record], fields: fields) }) {
      try logWinners(record, Array(record.slots.indices), created: true)
    }
  }

  private func insertRows(_ batch: [Incoming], fields: [String]) throws {
    let first = batch[0]
    let columns = (["id"] + fields).map(SyncSQL.quoted).joined(separator: ", ")
    let marks =
      "(" + Array(repeating: "?", count: fields.count + 1).joined(separator: ", ")
      + ")"
    let sql =
      "INSERT INTO \(first.entity.table) (\(columns)) VALUES "
      + Array(repeating: marks, count: batch.count).joined(separator: ", ")
    var values: [DatabaseValue] = []
    values.reserveCapacity(batch.count * (fields.count + 1))
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
    report.applied += winners.count
    // A bootstrap's records are past the notices' limit after its first few: they are
    // logged and nothing more.
    let wantsNotice =
      noticeCandidates.count < Store.noticeLimit
      && ![.stageChange, .dealContact].contains(record.entity)
    if created {
      try log.appendCreation(
        entity, id,
        winners.map { index in
          let slot = record.slots[index]
          return RecordSnapshot.Entry(
            field: page[slot].field, value: record.values[index], hlc: page[slot].hlc,
            actor: page[slot].actor?.databaseValue ?? .null)
        })
      guard wantsNotice else { return }
    }
    for index in winners {
      let slot = record.slots[index]
      if !created {
        try log.append(
          entity, id, page[slot].field.databaseValue, record.values[index],
          hlc: page[slot].hlc, actor: page[slot].actor?.databaseValue ?? .null)
      }
      guard wantsNotice else { continue }
      let change = page[slot]
      if change.hlc.site != site && (change.actor == nil || change.actor != localUser) {
        noticeActor = .some(change.actor)
      }
      if change.field == "deleted", change.value == .integer(1) { deleted = true }
      if record.entity == .deal, change.field == "stageId", case .text(let stage) = change.value {
        moved = stage
      }
    }
    guard wantsNotice, let actor = noticeActor else { return }
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
