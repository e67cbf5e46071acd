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
  /// Entries in log order, optionally of one record.
  public func changes(recordId: String? = nil, limit: Int = 1000, afterSeq: Int64 = 0) throws
    -> [ChangeEntry]
  {
    try pool.read { db in
      var sql = "SELECT * FROM change_log WHERE seq > ?"
      var arguments: StatementArguments = [afterSeq]
      if let recordId {
        sql += " AND recordId = ?"
        arguments += [recordId]
      }
      sql += " ORDER BY seq LIMIT ?"
      arguments += [limit]
      return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
        let value = row["value"] as DatabaseValue
        let site = SiteID(rawValue: row["site"]) ?? SiteID.random()
        return ChangeEntry(
          seq: row["seq"], mutation: row["mutation"], entity: row["entity"],
          recordId: row["recordId"], field: row["field"],
          value: value.isNull ? nil : String(describing: value.storage.value ?? ""),
          hlc: HLC(packed: row["hlc"], site: site), actor: row["actor"])
      }
    }
  }

  /// How many rows an entity's table holds that are not tombstoned.
  public func count(_ entity: Entity) throws -> Int {
    try pool.read { db in
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
