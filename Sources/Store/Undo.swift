import Foundation
import GRDB
import Model

/// Undo and redo, computed from the change log: undoing a mutation sets every field it wrote
/// back to the value the log held before it, as a new mutation (so undo itself syncs and can
/// be redone). A record the mutation created is tombstoned. Stage history is append-only, so
/// undoing a move appends the move back rather than erasing the first.
extension Store {
  /// What `undo()` would undo, if anything.
  public func undoLabel() throws -> String? {
    try reader.read { db in try Self.undoCandidate(db)?.label }
  }

  /// What `redo()` would redo, if anything.
  public func redoLabel() throws -> String? {
    try reader.read { db in try Self.redoCandidate(db)?.label }
  }

  /// Undoes the latest mutation not yet undone; returns its label.
  @discardableResult
  public func undo(now: Date = Date()) throws -> String {
    try reverseLatest(now: now, find: Self.undoCandidate, kind: "undo", missing: .nothingToUndo)
  }

  /// Redoes the latest undo, as long as nothing new was done since; returns its label.
  @discardableResult
  public func redo(now: Date = Date()) throws -> String {
    try reverseLatest(now: now, find: Self.redoCandidate, kind: "redo", missing: .nothingToRedo)
  }

  struct MutationRow {
    let seq: Int64
    let id: String
    let label: String
  }

  private static func undoCandidate(_ db: Database) throws -> MutationRow? {
    try row(db, "kind IN ('do', 'redo') AND undone = 0 AND origin = 'local'")
  }

  private static func redoCandidate(_ db: Database) throws -> MutationRow? {
    try row(db, "kind = 'undo' AND undone = 0 AND origin = 'local'")
  }

  private static func row(_ db: Database, _ condition: String) throws -> MutationRow? {
    try Row.fetchOne(
      db, sql: "SELECT seq, id, label FROM mutations WHERE \(condition) ORDER BY seq DESC LIMIT 1"
    ).map { MutationRow(seq: $0["seq"], id: $0["id"], label: $0["label"]) }
  }

  private func reverseLatest(
    now: Date, find: @escaping (Database) throws -> MutationRow?, kind: String,
    missing: StoreError
  ) throws -> String {
    // Find and reverse in one transaction, so two processes cannot undo the same thing.
    let label: String? = try pool.write { db in
      guard let target = try find(db) else { return nil }
      let writer = try MutationWriter(db: db, site: site, now: now)
      try Self.reverse(target, with: writer)
      try db.execute(sql: "UPDATE mutations SET undone = 1 WHERE id = ?", arguments: [target.id])
      try writer.finish(label: target.label, kind: kind, target: target.id)
      return target.label
    }
    guard let label else { throw missing }
    return label
  }

  /// The value a field held before a mutation, with the clock and actor of that write.
  struct PreviousValue {
    let value: DatabaseValue
    let hlc: HLC
    let actor: DatabaseValue
  }

  /// What reversing a mutation writes: the fields to set back, per record in key order, and
  /// the records it created (to tombstone). Undo and a refused push's revert share it.
  struct Reversal {
    var restore: [(entity: Entity, recordId: String, fields: [String: PreviousValue])] = []
    var created: [(Entity, String)] = []
  }

  /// The reversal of `target`. `onlyWhereLatest` leaves out fields written again since
  /// (a refused change must not undo the user's later ones); `appendOnlyToo` tombstones the
  /// stage history it appended instead of leaving it (undo appends the move back instead).
  static func reversal(
    of target: MutationRow, _ db: Database, onlyWhereLatest: Bool = false,
    appendOnlyToo: Bool = false
  ) throws -> Reversal {
    let writes = try ChangeLogReader.writes(ofMutation: target.id, db)
    guard let firstSeq = writes.first?.seq else { return Reversal() }
    // The records it wrote, in log order, with the fields it wrote of each.
    var order: [(Entity, String)] = []
    var written: [String: [String: Set<String>]] = [:]
    for write in writes {
      guard let entity = Entity(rawValue: write.entity) else { continue }
      if entity.isAppendOnly && !appendOnlyToo { continue }
      if written[write.entity]?[write.recordId] == nil { order.append((entity, write.recordId)) }
      written[write.entity, default: [:]][write.recordId, default: []].insert(write.field)
    }
    var previous: [String: [String: [String: LoggedWrite]]] = [:]
    var latest: [String: [String: [String: LoggedWrite]]] = [:]
    for (entity, records) in written {
      let ids = Array(records.keys)
      // A refusal's revert goes back past every earlier refused change too: the server
      // took none of them, so the value before them is what it holds.
      previous[entity] = try ChangeLogReader.latest(
        db, entity: entity, recordIds: ids, beforeSeq: firstSeq, skippingRefused: onlyWhereLatest)
      if onlyWhereLatest {
        latest[entity] = try ChangeLogReader.latest(db, entity: entity, recordIds: ids)
      }
    }
    var reversal = Reversal()
    var restore: [String: (Entity, String, [String: PreviousValue])] = [:]
    for (entity, recordId) in order {
      let key = "\(entity.rawValue)/\(recordId)"
      for field in written[entity.rawValue]![recordId]!.sorted() {
        guard let before = previous[entity.rawValue]?[recordId]?[field] else {
          if !reversal.created.contains(where: { $0 == (entity, recordId) }) {
            reversal.created.append((entity, recordId))
          }
          continue
        }
        if onlyWhereLatest, latest[entity.rawValue]?[recordId]?[field]?.mutation != target.id {
          continue
        }
        restore[key, default: (entity, recordId, [:])].2[field] = PreviousValue(
          value: before.value, hlc: before.hlc, actor: before.actor)
      }
    }
    reversal.restore = restore.keys.sorted().map { key in
      let (entity, recordId, fields) = restore[key]!
      return (entity, recordId, fields)
    }
    return reversal
  }

  private static func reverse(_ target: MutationRow, with writer: MutationWriter) throws {
    let db = writer.db
    let reversal = try reversal(of: target, db)
    for (entity, recordId) in reversal.created { try writer.delete(entity, recordId) }
    for (entity, recordId, previous) in reversal.restore {
      let fields = previous.mapValues(\.value)
      let stageBefore =
        entity == .deal && fields["stageId"] != nil
        ? try String.fetchOne(
          db, sql: "SELECT stageId FROM deals WHERE id = ?", arguments: [recordId])
        : nil
      try writer.set(entity, recordId, fields)
      if let stageBefore, let stageAfter = String.fromDatabaseValue(fields["stageId"]!),
        stageBefore != stageAfter
      {
        try writer.insert(
          StageChange(
            dealId: recordId, fromStageId: stageBefore, toStageId: stageAfter, at: writer.now,
            byUserId: writer.actor))
      }
    }
  }
}
