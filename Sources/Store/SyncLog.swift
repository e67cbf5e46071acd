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
  /// Held rows, seven values each: entity, record, field, value, clock, site, actor.
  private var held: [DatabaseValue] = []
  private var heldRows = 0
  private var sites: [SiteID: DatabaseValue] = [:]
  private(set) var count = 0
  static let batchRows = 256

  init(db: Database, mutation: String) {
    self.db = db
    self.mutation = mutation.databaseValue
    held.reserveCapacity(Self.batchRows * 7)
  }

  func append(
    _ entity: DatabaseValue, _ recordId: DatabaseValue, _ field: DatabaseValue,
    _ value: DatabaseValue, hlc: HLC, actor: DatabaseValue
  ) throws {
    let site: DatabaseValue
    if let known = sites[hlc.site] {
      site = known
    } else {
      site = hlc.site.rawValue.databaseValue
      sites[hlc.site] = site
    }
    // One by one: a seven-element array literal a row is an allocation a row.
    held.append(entity)
    held.append(recordId)
    held.append(field)
    held.append(value)
    held.append(hlc.packed.databaseValue)
    held.append(site)
    held.append(actor)
    heldRows += 1
    count += 1
    if heldRows == Self.batchRows { try flush() }
  }

  /// Writes what is held.
  func flush() throws {
    guard heldRows > 0 else { return }
    let sql = heldRows == Self.batchRows ? Self.fullBatchSQL : Self.insertSQL(rows: heldRows)
    let statement = try SyncSQL.statement(db, sql)
    try SyncSQL.run(statement, CollectionOfOne(mutation) + held)
    held.removeAll(keepingCapacity: true)
    heldRows = 0
  }

  /// Built once: the statement cache is looked up by its text, and building the text of
  /// 256 rows was a tenth of a bootstrap's time in Swift.
  private static let fullBatchSQL = insertSQL(rows: batchRows)

  /// ?1 is the mutation, then seven per row.
  private static func insertSQL(rows: Int) -> String {
    "INSERT INTO change_log(mutation, entity, recordId, field, value, hlc, site, actor) VALUES "
      + (0..<rows).map { row in
        let first = 2 + row * 7
        return "(?1, " + (first..<(first + 7)).map { "?\($0)" }.joined(separator: ", ") + ")"
      }.joined(separator: ", ")
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
