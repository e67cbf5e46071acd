import Foundation
import GRDB
import Model

/// Change-log rows that carry a clock, site and actor of their own: a pulled change keeps
/// the writer's (so a field's latest entry holds its greatest clock, here as on the server),
/// and a refused change set back keeps the clock of the value it restores. `MutationWriter`
/// stamps its rows with this replica's clock instead, so this is a writer of its own, held
/// and written `batchRows` rows to a statement as `MutationWriter.batchesLog` does.
///
///     let log = StampedLog(db: db, mutation: id)
///     try log.append(.deal, id, "title", "ACME", hlc: change.hlc, actor: change.actor)
///     try log.flush()
final class StampedLog {
  private let db: Database
  private let mutation: DatabaseValue
  /// Held rows, seven values each: entity, record, field, value, clock, site, actor; and
  /// how many sequence numbers each takes (a snapshot one a field).
  private var held: [DatabaseValue] = []
  private var widths: [Int] = []
  private var sites: [SiteID: DatabaseValue] = [:]
  /// Writes appended, a snapshot's fields each.
  private(set) var count = 0
  static let batchRows = 256

  init(db: Database, mutation: String) {
    self.db = db
    self.mutation = mutation.databaseValue
    held.reserveCapacity(Self.batchRows * 7)
  }

  private func siteValue(_ site: SiteID) -> DatabaseValue {
    if let known = sites[site] { return known }
    let value = site.rawValue.databaseValue
    sites[site] = value
    return value
  }

  func append(
    _ entity: DatabaseValue, _ recordId: DatabaseValue, _ field: DatabaseValue,
    _ value: DatabaseValue, hlc: HLC, actor: DatabaseValue
  ) throws {
    // One by one: a seven-element array literal a row is an allocation a row.
    held.append(entity)
    held.append(recordId)
    held.append(field)
    held.append(value)
    held.append(hlc.packed.databaseValue)
    held.append(siteValue(hlc.site))
    held.append(actor)
    widths.append(1)
    count += 1
    if widths.count == Self.batchRows { try flush() }
  }

  /// Appends the writes of a record this mutation creates as one record snapshot
  /// (`RecordSnapshot`), each with its own clock, site and actor, in clock order; a record
  /// with a value a snapshot cannot hold gets a row a field.
  func appendCreation(
    _ entity: DatabaseValue, _ recordId: DatabaseValue, _ entries: [RecordSnapshot.Entry]
  ) throws {
    guard !entries.isEmpty else { return }
    guard entries.allSatisfy({ RecordSnapshot.canHold($0.value) }) else {
      for entry in entries {
        try append(
          entity, recordId, entry.field.databaseValue, entry.value, hlc: entry.hlc,
          actor: entry.actor)
      }
      return
    }
    var ordered = entries
    if !zip(entries, entries.dropFirst()).allSatisfy({ $0.hlc < $1.hlc }) {
      ordered.sort { $0.hlc < $1.hlc }
    }
    let (json, hlc, actor) = RecordSnapshot.encode(ordered)
    held.append(entity)
    held.append(recordId)
    held.append(RecordSnapshot.field.databaseValue)
    held.append(json.databaseValue)
    held.append(hlc.packed.databaseValue)
    held.append(siteValue(hlc.site))
    held.append(actor)
    widths.append(entries.count)
    count += entries.count
    if widths.count == Self.batchRows { try flush() }
  }

  /// Writes what is held, each row with the sequence number that ends its range.
  func flush() throws {
    guard !widths.isEmpty else { return }
    let rows = widths.count
    let sql = rows == Self.batchRows ? Self.fullBatchSQL : Self.insertSQL(rows: rows)
    let statement = try SyncSQL.statement(db, sql)
    var values: [DatabaseValue] = []
    values.reserveCapacity(rows * 9)
    var seq = try ChangeLogReader.nextSeq(db) - 1
    for row in 0..<rows {
      seq += Int64(widths[row])
      values.append(seq.databaseValue)
      values.append(mutation)
      values += held[(row * 7)..<((row + 1) * 7)]
    }
    try SyncSQL.run(statement, values)
    held.removeAll(keepingCapacity: true)
    widths.removeAll(keepingCapacity: true)
  }

  /// Built once: the statement cache is looked up by its text, and building the text of
  /// 256 rows was a tenth of a bootstrap's time in Swift.
  private static let fullBatchSQL = insertSQL(rows: batchRows)

  /// Nine plain parameters a row: seq, the mutation, then the seven held values. Not
  /// numbered (`?1` for the mutation): GRDB asks each parameter's name, which SQLite finds
  /// by walking the list of numbered ones, 2,000 a statement (1.5% of a bootstrap's apply
  /// instructions).
  private static func insertSQL(rows: Int) -> String {
    "INSERT INTO change_log(seq, mutation, entity, recordId, field, value, hlc, site, actor) "
      + "VALUES "
      + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
  }
}

extension Store {
  /// The row of a mutation that is not the user's own: never pushed (`origin` is not
  /// 'local') and stored as undone, so no undo or redo condition ever finds it.
  static func recordForeignMutation(
    _ db: Database, id: String, label: String, origin: String, actor: String?, at: Date
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO mutations(id, label, kind, target, undone, actor, at, origin)
        VALUES (?, ?, 'do', NULL, 1, ?, ?, ?)
        """,
      arguments: [id, label, actor, at, origin])
  }

  /// The saved clock, folded with `received` (a reading from elsewhere) against the wall
  /// `wallMillis`: every later local write is greater than it.
  static func foldClock(_ db: Database, site: SiteID, received: HLC, wallMillis: UInt64) throws {
    let last = try Meta.get(db, .hlc).flatMap { Int64.fromDatabaseValue($0) }
    var clock = HybridClock(
      site: site, last: last.map { HLC(packed: $0, site: site) }, maxDriftMillis: .max)
    _ = try? clock.receive(received, wallMillis: wallMillis)
    try Meta.set(db, .hlc, clock.last.packed)
  }
}
