import Foundation
import GRDB
import Model

/// One field written by one mutation, as the change log holds it.
public struct ChangeEntry: Sendable, Hashable {
  public var seq: Int64
  public var mutation: String
  public var entity: String
  public var recordId: String
  public var field: String
  /// The value as SQLite stores it, rendered as text (NULL as nil).
  public var value: String?
  public var hlc: HLC
  public var actor: String?
}

/// Reading the change log: the audit trail of a record, and what sync will send.
extension Store {
  /// Entries in log order, optionally of one record: a record snapshot's fields each
  /// (`RecordSnapshot`), with the sequence number and clock each has.
  public func changes(recordId: String? = nil, limit: Int = 1000, afterSeq: Int64 = 0) throws
    -> [ChangeEntry]
  {
    try reader.read { db in
      var sql = "SELECT \(ChangeLogReader.columns) FROM change_log WHERE seq > ?"
      var arguments: StatementArguments = [afterSeq]
      if let recordId {
        sql += " AND recordId = ?"
        arguments += [recordId]
      }
      // A row stands for one entry or more: `limit` rows are enough.
      sql += " ORDER BY seq LIMIT ?"
      arguments += [max(0, limit)]
      let writes = try ChangeLogReader.writes(db, sql: sql, arguments: arguments)
      return writes.filter { $0.seq > afterSeq }.prefix(max(0, limit)).map { write in
        ChangeEntry(
          seq: write.seq, mutation: write.mutation, entity: write.entity,
          recordId: write.recordId, field: write.field,
          value: write.value.isNull
            ? nil : String(describing: write.value.storage.value ?? ""),
          hlc: write.hlc, actor: String.fromDatabaseValue(write.actor))
      }
    }
  }

  /// How many rows an entity's table holds that are not tombstoned.
  public func count(_ entity: Entity) throws -> Int {
    try reader.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM \(entity.table) WHERE deleted = 0") ?? 0
    }
  }
}

extension DatabaseValue.Storage {
  var value: (any Sendable)? {
    switch self {
    case .null: return nil
    case .int64(let v): return v
    case .double(let v): return v
    case .string(let v): return v
    case .blob(let v): return v.base64EncodedString()
    }
  }
}
