import Foundation
import GRDB
import Model

/// One field written by one mutation, as every reader of the change log sees it: a row of
/// its own or an entry of a record snapshot (`RecordSnapshot`), alike.
struct LoggedWrite {
  var seq: Int64
  var mutation: String
  var entity: String
  var recordId: String
  var field: String
  var value: DatabaseValue
  var hlc: HLC
  /// False when the row's site is not a site id (`hlc` then carries site 0).
  var siteIsValid: Bool
  var actor: DatabaseValue

  var fieldChange: FieldChange {
    FieldChange(
      entity: entity, id: recordId, field: field, value: FieldValue(value), hlc: hlc,
      actor: String.fromDatabaseValue(actor))
  }
}

/// The readers of the change log. Each row is read as the writes it stands for
/// (`writes(_:)`), and the latest write of fields of records, the question sync's merge,
/// undo and refusals all ask, is `latest(...)`.
enum ChangeLogReader {
  /// The columns `writes(_:)` reads, in order.
  static let columns = "seq, mutation, entity, recordId, field, value, hlc, site, actor"

  /// The writes of one row of `columns`: one, or a snapshot's fields in log order.
  static func writes(_ row: Row) throws -> [LoggedWrite] {
    let siteText: String = row[7]
    let site = SiteID(rawValue: siteText)
    let field: String = row[4]
    let value = row[5] as DatabaseValue
    if field == RecordSnapshot.field, let json = String.fromDatabaseValue(value) {
      return try RecordSnapshot.decode(
        json, seq: row[0], mutation: row[1], entity: row[2], recordId: row[3], hlc: row[6],
        site: site ?? SiteID(0), siteIsValid: site != nil, actor: row[8])
    }
    return [
      LoggedWrite(
        seq: row[0], mutation: row[1], entity: row[2], recordId: row[3], field: field,
        value: value, hlc: HLC(packed: row[6], site: site ?? SiteID(0)),
        siteIsValid: site != nil, actor: row[8])
    ]
  }

  /// The writes of the rows `sql` selects (it selects `columns`), in its order.
  static func writes(_ db: Database, sql: String, arguments: StatementArguments = [])
    throws -> [LoggedWrite]
  {
    var result: [LoggedWrite] = []
    let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
    while let row = try rows.next() { result += try writes(row) }
    return result
  }

  /// The writes of one mutation, in log order.
  static func writes(ofMutation id: String, _ db: Database) throws -> [LoggedWrite] {
    try writes(
      db, sql: "SELECT \(columns) FROM change_log WHERE mutation = ? ORDER BY seq",
      arguments: [id])
  }

  /// Records looked up a query at a time.
  static let chunk = 2000

  /// The latest logged write (greatest `seq`) of every field of `recordIds`, by record then
  /// field: of the rows before `beforeSeq` only if given, and, with `skippingRefused`, not
  /// of a mutation the server refused.
  static func latest(
    _ db: Database, entity: String, recordIds: [String], beforeSeq: Int64? = nil,
    skippingRefused: Bool = false
  ) throws -> [String: [String: LoggedWrite]] {
    var result: [String: [String: LoggedWrite]] = [:]
    var filter = ""
    if beforeSeq != nil { filter += " AND seq < ?3" }
    if skippingRefused { filter += " AND mutation NOT IN (SELECT id FROM sync_refusals)" }
    // SQLite gives a bare column of an aggregate query the values of the row max() chose.
    // Snapshots come whole: a record has one at most, from its creation.
    let sql = """
      SELECT max(seq), mutation, entity, recordId, field, value, hlc, site, actor
      FROM change_log
      WHERE entity = ?1 AND recordId IN (SELECT value FROM json_each(?2))
        AND field != '*'\(filter)
      GROUP BY recordId, field
      UNION ALL
      SELECT \(columns) FROM change_log
      WHERE entity = ?1 AND recordId IN (SELECT value FROM json_each(?2))
        AND field = '*'\(filter)
      """
    let unique = Array(Set(recordIds))
    var start = 0
    while start < unique.count {
      let ids = Array(unique[start..<min(unique.count, start + chunk)])
      var arguments: StatementArguments = [entity, try SyncSQL.jsonArray(ids)]
      if let beforeSeq { arguments += [beforeSeq] }
      let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
      while let row = try rows.next() {
        for write in try writes(row) {
          if let known = result[write.recordId]?[write.field], known.seq > write.seq { continue }
          result[write.recordId, default: [:]][write.field] = write
        }
      }
      start += chunk
    }
    return result
  }

  /// The sequence number the next change-log row would take: writers that set `seq`
  /// themselves (snapshots reserve a range) start from here at each statement.
  static func nextSeq(_ db: Database) throws -> Int64 {
    let top = try Int64.fetchOne(
      db.cachedStatement(
        sql: """
          SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0),
                     coalesce((SELECT max(seq) FROM change_log), 0))
          """))
    return (top ?? 0) + 1
  }
}
