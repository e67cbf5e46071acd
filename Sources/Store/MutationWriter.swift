import Foundation
import GRDB
import Model

/// The one write path. A mutation is one transaction: it writes rows and appends one
/// change-log entry per field written, stamped with the hybrid logical clock, this site and
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
  }

  /// Appends one change-log entry.
  func log(_ entity: Entity, _ recordId: String, _ field: String, _ value: DatabaseValue) throws {
    try log(entity, recordId, [(field, value)])
  }

  /// Appends the entries of one record in one statement: a record's creation logs a dozen
  /// fields, and one multi-row INSERT (its statement cached per row count) is several times
  /// cheaper than a dozen single ones.
  func log(_ entity: Entity, _ recordId: String, _ fields: [(String, DatabaseValue)]) throws {
    guard !fields.isEmpty else { return }
    let statement = try db.cachedStatement(sql: Self.insertLogSQL(rows: fields.count))
    var arguments: [(any DatabaseValueConvertible)?] = []
    arguments.reserveCapacity(fields.count * 8)
    for (field, value) in fields {
      let hlc = clock.tick(wallMillis: wallMillis)
      arguments += [id, entity.rawValue, recordId, field, value, hlc.packed, site.rawValue, actor]
    }
    try statement.execute(arguments: StatementArguments(arguments))
    entryCount += fields.count
  }

  private static func insertLogSQL(rows: Int) -> String {
    "INSERT INTO change_log(mutation, entity, recordId, field, value, hlc, site, actor) VALUES "
      + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
  }

  /// Inserts a new record and logs every one of its fields, the tombstone included, so that
  /// undo and sync can always find a field's previous value.
  func insert<R: StoredRecord>(_ record: R) throws {
    // Encoded once, for the row and for the log alike.
    let row = try record.databaseDictionary.sorted(by: { $0.key < $1.key })
    let columns = row.map { "\"\($0.key)\"" }.joined(separator: ", ")
    let marks = Array(repeating: "?", count: row.count).joined(separator: ", ")
    try db.cachedStatement(sql: "INSERT INTO \(R.entity.table) (\(columns)) VALUES (\(marks))")
      .execute(arguments: StatementArguments(row.map(\.value)))
    try log(
      R.entity, record.id,
      row.filter { $0.key != "id" }.map { ($0.key, $0.value) } + [("deleted", false.databaseValue)])
  }

  /// Writes the fields that differ between `old` and `new`; returns whether any did.
  @discardableResult
  func update<R: StoredRecord>(_ new: R, from old: R) throws -> Bool {
    precondition(new.id == old.id, "an update keeps the record's id")
    let before = try old.databaseDictionary
    let changes = try new.databaseDictionary.filter { before[$0.key] != $0.value }
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
    checkpointer?.committed()
    return result
  }
}
