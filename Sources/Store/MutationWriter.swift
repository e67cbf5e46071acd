import Foundation
import GRDB
import GRDBSQLite
import Model

/// The one write path. A mutation is one transaction: it writes rows and appends one
/// change-log entry per field written (a record it creates, one snapshot row of all its
/// fields: `RecordSnapshot`), stamped with the hybrid logical clock, this site and
/// the acting user. Nothing is written that cannot be synced, undone or audited.
final class MutationWriter {
  let db: Database
  let id: String
  let now: Date
  let actor: String?
  private let site: SiteID
  private var clock: HybridClock
  private let wallMillis: UInt64
  private(set) var entryCount = 0
  /// The values every change-log row of this mutation repeats.
  private let idValue: DatabaseValue
  private let siteValue: DatabaseValue
  private let actorValue: DatabaseValue
  private var dates = DateColumns()
  private var insertSQLs: [Entity: (columns: [String], sql: String)] = [:]

  init(db: Database, site: SiteID, now: Date) throws {
    self.db = db
    self.id = UUIDv7.generate(now: now)
    self.now = now
    self.site = site
    self.actor = try Meta.string(db, .localUser)
    self.wallMillis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
    // The clock lives in the database, read inside the write lock, so two processes on one
    // file still issue strictly increasing timestamps.
    let last = try Meta.get(db, .hlc).flatMap { Int64.fromDatabaseValue($0) }
    self.clock = HybridClock(site: site, last: last.map { HLC(packed: $0, site: site) })
    self.idValue = id.databaseValue
    self.siteValue = site.rawValue.databaseValue
    self.actorValue = actor?.databaseValue ?? .null
  }

  /// Whether entries are held back and written many rows at a time (`logBatchRows` rows a
  /// statement) until the batch is full or `finish`, instead of at the end of each call
  /// that logs: for mutations that do not read the change log back before they finish
  /// (imports). Held entries are written in the order they were logged, so the log's order
  /// and its clocks still agree.
  var batchesLog = false
  static let logBatchRows = 256
  /// Held rows, five values each: entity, record, field, value, clock; and how many
  /// sequence numbers each takes (a snapshot one a field).
  private var heldLog: [DatabaseValue] = []
  private var heldWidths: [Int] = []
  /// Statements of this mutation by their SQL's shape, looked up once each.
  private var statements: [String: Statement] = [:]

  /// Appends one change-log entry.
  func log(_ entity: Entity, _ recordId: String, _ field: String, _ value: DatabaseValue) throws {
    try log(entity, recordId, [(field, value)])
  }

  /// Appends the entries of one record, each a row of its own, ticking the clock once a
  /// field.
  func log(_ entity: Entity, _ recordId: String, _ fields: [(String, DatabaseValue)]) throws {
    guard !fields.isEmpty else { return }
    let entityValue = entity.rawValue.databaseValue
    let recordValue = recordId.databaseValue
    for (field, value) in fields {
      let hlc = clock.tick(wallMillis: wallMillis)
      heldLog += [entityValue, recordValue, field.databaseValue, value, hlc.packed.databaseValue]
      heldWidths.append(1)
    }
    entryCount += fields.count
    try flushIfDue()
  }

  /// Logs the fields a record was created with as one record snapshot (`RecordSnapshot`),
  /// their clocks ticked one after another as rows of their own would be; a record with a
  /// value a snapshot cannot hold is logged a row a field.
  func logCreation(_ entity: Entity, _ recordId: String, _ fields: [(String, DatabaseValue)])
    throws
  {
    guard !fields.isEmpty else { return }
    guard fields.allSatisfy({ RecordSnapshot.canHold($0.1) }) else {
      try log(entity, recordId, fields)
      return
    }
    var entries: [RecordSnapshot.Entry] = []
    entries.reserveCapacity(fields.count)
    for (field, value) in fields {
      entries.append(
        RecordSnapshot.Entry(
          field: field, value: value, hlc: clock.tick(wallMillis: wallMillis), actor: actorValue))
    }
    let (json, hlc, _) = RecordSnapshot.encode(entries)
    heldLog += [
      entity.rawValue.databaseValue, recordId.databaseValue, RecordSnapshot.field.databaseValue,
      json.databaseValue, hlc.packed.databaseValue,
    ]
    heldWidths.append(fields.count)
    entryCount += fields.count
    try flushIfDue()
  }

  private func flushIfDue() throws {
    if !batchesLog || heldWidths.count >= Self.logBatchRows { try flushLog() }
  }

  /// Writes the held entries, `logBatchRows` to a statement, each row with the sequence
  /// number that ends its range.
  func flushLog() throws {
    var start = 0
    while start < heldWidths.count {
      let rows = min(Self.logBatchRows, heldWidths.count - start)
      let statement = try cached("log \(rows)") { Self.insertLogSQL(rows: rows) }
      var seq = try ChangeLogReader.nextSeq(db) - 1
      var values: [DatabaseValue] = [idValue, siteValue, actorValue]
      values.reserveCapacity(3 + rows * 6)
      for row in start..<(start + rows) {
        seq += Int64(heldWidths[row])
        values.append(seq.databaseValue)
        values += heldLog[(row * 5)..<((row + 1) * 5)]
      }
      try run(statement, values)
      start += rows
    }
    heldLog.removeAll(keepingCapacity: true)
    heldWidths.removeAll(keepingCapacity: true)
  }

  /// A statement of this mutation, prepared once for its `key`, run by `run`.
  private func cached(_ key: String, _ sql: () -> String) throws -> Statement {
    if let statement = statements[key] { return statement }
    // Prepared once per connection: a mutation of one record finds its statements there.
    let statement = try db.cachedStatement(sql: sql())
    // No arguments, marked valid: `run` binds its values itself.
    statement.setUncheckedArguments(StatementArguments())
    statements[key] = statement
    return statement
  }

  /// Runs a statement of `cached` with `values` then `more` bound straight to its
  /// parameters, in order. Building `StatementArguments` of a thousand values (GRDB maps
  /// them through a key path) was a tenth of an iCalendar import's time.
  private func run(
    _ statement: Statement, _ values: [DatabaseValue],
    _ more: ArraySlice<DatabaseValue> = []
  ) throws {
    let handle = statement.sqliteStatement
    // Bindings can change only on a reset statement (its last run ended, or failed).
    _ = sqlite3_reset(handle)
    precondition(values.count + more.count == Int(sqlite3_bind_parameter_count(handle)))
    var index: CInt = 1
    for value in [values[...], more].joined() {
      let code = value.bind(to: handle, at: index)
      guard code == SQLITE_OK else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)",
          sql: statement.sql)
      }
      index += 1
    }
    try statement.execute()
  }

  /// ?1 to ?3 are the mutation, site and actor, then six per row: seq, entity, record,
  /// field, value, clock.
  private static func insertLogSQL(rows: Int) -> String {
    "INSERT INTO change_log(seq, mutation, entity, recordId, field, value, hlc, site, actor) "
      + "VALUES "
      + (0..<rows).map { row in
        let first = 4 + row * 6
        return "(?\(first), ?1, "
          + ((first + 1)..<(first + 6)).map { "?\($0)" }.joined(
            separator: ", ") + ", ?2, ?3)"
      }.joined(separator: ", ")
  }

  /// Inserts a new record and logs every one of its fields, the tombstone included, so that
  /// undo and sync can always find a field's previous value: as one record snapshot.
  func insert<R: StoredRecord>(_ record: R) throws {
    // Encoded once, for the row and for the log alike.
    let (columns, values) = try encode(record)
    try db.cachedStatement(sql: insertSQL(R.entity, columns))
      .execute(arguments: StatementArguments(values))
    var fields = zip(columns, values).filter { $0.0 != "id" }
    fields.append(("deleted", false.databaseValue))
    try logCreation(R.entity, record.id, fields)
  }

  /// Inserts new records of one kind, `insertBatchRows` to a statement, and logs them as
  /// `insert(_:)` does. `extraColumns` are columns that are not fields of `R` (a contact's
  /// source id), with each record's values in `extraValues`: logged after the tombstone,
  /// those that are not NULL. A multi-row INSERT runs the table's triggers once a row, but
  /// SQLite ends the statement, and full-text search writes what it has gathered, once.
  func insert<R: StoredRecord & ColumnEncodedRecord>(
    _ records: [R], extraColumns: [String] = [], extraValues: [[DatabaseValue]] = []
  ) throws {
    precondition(extraValues.isEmpty || extraValues.count == records.count)
    let columns = R.sortedColumns + extraColumns
    let batchRows = insertRows(columns: columns.count)
    var start = 0
    while start < records.count {
      let rows = min(batchRows, records.count - start)
      let statement = try cached("insert \(R.entity.rawValue) \(extraColumns) \(rows)") {
        insertSQL(R.entity, columns, rows: rows)
      }
      var values: [DatabaseValue] = []
      values.reserveCapacity(rows * columns.count)
      var logged: [[(String, DatabaseValue)]] = []
      logged.reserveCapacity(rows)
      for index in start..<(start + rows) {
        let own = try records[index].columnValues(dates: &dates)
        let extra = extraValues.isEmpty ? [] : extraValues[index]
        values += own
        values += extra
        var fields = zip(R.sortedColumns, own).filter { $0.0 != "id" }
        fields.append(("deleted", false.databaseValue))
        fields += zip(extraColumns, extra).filter { !$0.1.isNull }
        logged.append(fields)
      }
      try run(statement, values)
      let batched = batchesLog
      batchesLog = true
      defer { batchesLog = batched }
      for (offset, fields) in logged.enumerated() {
        try logCreation(R.entity, records[start + offset].id, fields)
      }
      if !batched { try flushLog() }
      start += rows
    }
  }

  /// The most new records one INSERT writes, and an import holds before writing them: as
  /// many as SQLite binds (`insertRows`), at most a thousand, so the held records and the
  /// prepared statement stay small. Full-text search writes an index segment at the end of
  /// every statement, so fewer, larger statements leave fewer segments to merge.
  static let insertBatchRows = 1000

  /// The rows one INSERT of `columns` columns writes: `insertBatchRows`, or fewer when that
  /// many would bind more values than this connection's SQLite allows (32,766 by default,
  /// 999 before 3.32).
  private func insertRows(columns: Int) -> Int {
    let bindable = Int(sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, -1))
    return max(1, min(Self.insertBatchRows, bindable / max(1, columns)))
  }

  /// A record's columns in name order and their values: straight from the record when it
  /// can (`ColumnEncodedRecord`), else through Codable.
  private func encode<R: StoredRecord>(_ record: R) throws -> ([String], [DatabaseValue]) {
    if let direct = record as? any ColumnEncodedRecord {
      return (type(of: direct).sortedColumns, try direct.columnValues(dates: &dates))
    }
    let row = try record.databaseDictionary.sorted(by: { $0.key < $1.key })
    return (row.map(\.key), row.map(\.value))
  }

  /// The INSERT of an entity's row for these columns, built once per entity.
  private func insertSQL(_ entity: Entity, _ columns: [String]) -> String {
    if let cached = insertSQLs[entity], cached.columns == columns { return cached.sql }
    let sql = insertSQL(entity, columns, rows: 1)
    insertSQLs[entity] = (columns, sql)
    return sql
  }

  private func insertSQL(_ entity: Entity, _ columns: [String], rows: Int) -> String {
    let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
    let marks = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    let values = Array(repeating: marks, count: rows).joined(separator: ", ")
    return "INSERT INTO \(entity.table) (\(names)) VALUES \(values)"
  }

  /// A record's columns as a dictionary, as `databaseDictionary` gives them.
  private func dictionary<R: StoredRecord>(_ record: R) throws -> [String: DatabaseValue] {
    let (columns, values) = try encode(record)
    return Dictionary(uniqueKeysWithValues: zip(columns, values))
  }

  /// Writes the fields that differ between `old` and `new`; returns whether any did.
  @discardableResult
  func update<R: StoredRecord>(_ new: R, from old: R) throws -> Bool {
    precondition(new.id == old.id, "an update keeps the record's id")
    let before = try dictionary(old)
    let changes = try dictionary(new).filter { before[$0.key] != $0.value }
    try set(R.entity, new.id, changes)
    return !changes.isEmpty
  }

  /// Sets columns of one row by id and logs them. Column names must be the entity's own.
  func set(_ entity: Entity, _ recordId: String, _ changes: [String: DatabaseValue]) throws {
    guard !changes.isEmpty else { return }
    let columns = try Set(db.columns(in: entity.table).map(\.name))
    let fields = changes.keys.sorted()
    for field in fields where !columns.contains(field) || field == "id" || field == "rid" {
      throw StoreError.conflict("\(entity.rawValue) has no field \"\(field)\"")
    }
    let assignments = fields.map { "\"\($0)\" = ?" }.joined(separator: ", ")
    try db.cachedStatement(sql: "UPDATE \(entity.table) SET \(assignments) WHERE id = ?")
      .execute(
        arguments: StatementArguments(fields.map { changes[$0]! } + [recordId.databaseValue]))
    guard db.changesCount == 1 else {
      throw StoreError.notFound(entity: entity.rawValue, key: recordId)
    }
    try log(entity, recordId, fields.map { ($0, changes[$0]!) })
  }

  /// Tombstones a record: it leaves every list and index but stays for sync and undo.
  func delete(_ entity: Entity, _ recordId: String) throws {
    try set(entity, recordId, ["deleted": true.databaseValue])
  }

  /// Records the mutation itself (label, kind, what it undoes) and saves the clock. A
  /// mutation that is not `undoable` is stored as already undone, so undo never offers it.
  func finish(label: String, kind: String, target: String?, undoable: Bool = true) throws {
    try flushLog()
    try db.execute(
      sql: """
        INSERT INTO mutations(id, label, kind, target, undone, actor, at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [id, label, kind, target, undoable ? 0 : 1, actor, now])
    try Meta.set(db, .hlc, clock.last.packed)
  }
}

extension Store {
  /// Runs one mutation in one transaction. If `body` throws, nothing is written. A mutation
  /// that changes no field leaves no trace. One that is not `undoable` (setting up the
  /// database) is logged and synced like any other, but undo never offers it.
  @discardableResult
  func mutate<T>(
    _ label: String, kind: String = "do", target: String? = nil, now: Date = Date(),
    undoable: Bool = true, _ body: (MutationWriter) throws -> T
  ) throws -> T {
    let result = try pool.write { db in
      let writer = try MutationWriter(db: db, site: site, now: now)
      let result = try body(writer)
      if writer.entryCount > 0 {
        try writer.finish(label: label, kind: kind, target: target, undoable: undoable)
        if kind == "do" {
          // A new change ends the redo chain, as in every editor.
          try db.execute(sql: "UPDATE mutations SET undone = 1 WHERE kind = 'undo' AND undone = 0")
        }
      }
      return result
    }
    checkpointer.committed()
    return result
  }
}
