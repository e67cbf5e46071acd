import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// Record snapshots: a creation is one change-log row, read everywhere as the fields it
/// stands for, with the sequence numbers and clocks rows of their own would have had.
final class ChangeLogSnapshotTests: SyncTestCase {
  /// The change log's rows as the file holds them.
  private func rows(of recordId: String) throws -> [Row] {
    let queue = try DatabaseQueue(path: path)
    return try queue.read { db in
      try Row.fetchAll(
        db, sql: "SELECT seq, field, value FROM change_log WHERE recordId = ? ORDER BY seq",
        arguments: [recordId])
    }
  }

  func testACreationIsOneRowReadAsItsFields() throws {
    let company = try store.createCompany(
      Company(name: "Initech \"Ltd\" \\ ☕️", domain: "initech.example"), now: tick())
    let stored = try rows(of: company.id)
    XCTAssertEqual(stored.count, 1)
    XCTAssertEqual(stored[0]["field"] as String, "*")
    let entries = try store.changes(recordId: company.id)
    XCTAssertGreaterThan(entries.count, 5)
    XCTAssertEqual(entries.last?.seq, stored[0]["seq"] as Int64)
    for (earlier, later) in zip(entries, entries.dropFirst()) {
      XCTAssertEqual(earlier.seq + 1, later.seq)
      XCTAssertLessThan(earlier.hlc, later.hlc)
    }
    XCTAssertEqual(entries.first { $0.field == "name" }?.value, "Initech \"Ltd\" \\ ☕️")
    XCTAssertEqual(entries.first { $0.field == "deleted" }?.value, "0")
    XCTAssertTrue(entries.contains { $0.field == "domain" && $0.value == "initech.example" })
    // The next row takes the sequence number after the snapshot's range.
    try store.editCompany(company.id, now: tick()) { $0.name = "Initech" }
    let edits = try store.changes(recordId: company.id, afterSeq: try XCTUnwrap(entries.last).seq)
    XCTAssertEqual(edits.first?.seq, try XCTUnwrap(entries.last).seq + 1)
    // Paging inside a snapshot gives the rest of it.
    let page = try store.changes(recordId: company.id, limit: 3)
    let rest = try store.changes(recordId: company.id, afterSeq: try XCTUnwrap(page.last).seq)
    XCTAssertEqual(page + rest, try store.changes(recordId: company.id))
  }

  func testValuesRoundTripExactly() throws {
    let site = SiteID(0x0a0a_0a0a_0a0a_0a0a)
    let other = SiteID(0x0b0b_0b0b_0b0b_0b0b)
    let values: [DatabaseValue] = [
      .null, Int64.min.databaseValue, Int64.max.databaseValue, 0.databaseValue,
      1.0.databaseValue, (-0.5).databaseValue, 1e-300.databaseValue, 123456789.125.databaseValue,
      "".databaseValue, "tab\tquote\"back\\slash\u{1}\u{1F}é😀".databaseValue,
      "[1,2]".databaseValue,
    ]
    let base = HLC(millis: 1_750_000_000_000, counter: 65_530, site: site)
    var entries: [RecordSnapshot.Entry] = []
    for (index, value) in values.enumerated() {
      // Mostly consecutive clocks; some with a gap, another site or another actor.
      var packed = base.packed + Int64(index)
      if index >= 8 { packed += 1_000 }
      entries.append(
        RecordSnapshot.Entry(
          field: "f\(index)", value: value,
          hlc: HLC(packed: packed, site: index == 9 ? other : site),
          actor: index == 10 ? "someone".databaseValue : "me".databaseValue))
    }
    let (json, hlc, actor) = RecordSnapshot.encode(entries)
    XCTAssertEqual(hlc, entries.last?.hlc)
    XCTAssertEqual(actor, "someone".databaseValue)
    let writes = try RecordSnapshot.decode(
      json, seq: 100, mutation: "m", entity: "deal", recordId: "r", hlc: hlc.packed,
      site: hlc.site, siteIsValid: true, actor: actor)
    XCTAssertEqual(writes.map(\.field), entries.map(\.field))
    XCTAssertEqual(writes.map(\.hlc), entries.map(\.hlc))
    XCTAssertEqual(writes.map(\.actor), entries.map(\.actor))
    XCTAssertEqual(writes.map(\.seq), Array((100 - Int64(values.count) + 1)...100))
    for (write, value) in zip(writes, values) {
      XCTAssertEqual(write.value, value, "\(write.field) in \(json)")
      XCTAssertEqual(write.value.storage.kind, value.storage.kind, write.field)
    }
    // SQLite reads it as JSON too (the timeline names fields with json_each).
    let keys = try DatabaseQueue().read { db in
      try String.fetchAll(db, sql: "SELECT key FROM json_each(?)", arguments: [json])
    }
    XCTAssertEqual(keys, entries.map(\.field))
    XCTAssertNil(RecordSnapshot.fields("{\"a\":1"))
  }

  func testABootstrapLogsARowARecordAndMergesAgainstItsClocks() throws {
    let deal = try remoteDeal("Their deal")
    let company = try remote.createCompany(Company(name: "Initech"), now: tick())
    try joinAndBootstrap()
    XCTAssertEqual(try rows(of: deal.id).count, 1)
    XCTAssertEqual(try rows(of: company.id).count, 1)
    let theirs = try remote.changes(recordId: deal.id)
    let mine = try store.changes(recordId: deal.id)
    // The same writes, with the remote's clocks and actor, each.
    XCTAssertEqual(
      Set(mine.map { "\($0.field)=\($0.value ?? "nil")@\($0.hlc)" }),
      Set(theirs.map { "\($0.field)=\($0.value ?? "nil")@\($0.hlc)" }))
    XCTAssertEqual(Set(mine.map(\.actor)), [try remoteUser.id])
    // A write older than the snapshot's title loses; a newer one wins.
    let title = try XCTUnwrap(theirs.first { $0.field == "title" })
    let older = HLC(packed: title.hlc.packed - 1, site: title.hlc.site)
    let newer = HLC(packed: title.hlc.packed + 1, site: title.hlc.site)
    XCTAssertEqual(
      try apply([
        FieldChange(entity: "deal", id: deal.id, field: "title", value: .text("Old"), hlc: older)
      ])
      .applied, 0)
    XCTAssertEqual(try store.deal(deal.id).title, "Their deal")
    XCTAssertEqual(
      try apply([
        FieldChange(entity: "deal", id: deal.id, field: "title", value: .text("New"), hlc: newer)
      ])
      .applied, 1)
    XCTAssertEqual(try store.deal(deal.id).title, "New")
  }

  func testPendingPushSendsEveryFieldOfACreation() throws {
    try store.joinTeam(account, mergeLocalWork: false, now: tick())
    let company = try store.createCompany(Company(name: "Initech"), now: tick())
    let pending = try XCTUnwrap(store.pendingMutations(limit: 10).last)
    let logged = try store.changes(recordId: company.id)
    XCTAssertEqual(pending.changes.map(\.field), logged.map(\.field))
    XCTAssertEqual(pending.changes.map(\.hlc), logged.map(\.hlc))
    XCTAssertTrue(pending.changes.allSatisfy { $0.field != "*" })
    // Re-stamped, a snapshot's fields keep their order and get fresh increasing clocks.
    try store.restamp(pendingAheadBy: 3_600_000, now: tick())
    let restamped = try XCTUnwrap(store.pendingMutations(limit: 10).last)
    XCTAssertEqual(restamped.changes.map(\.field), pending.changes.map(\.field))
    XCTAssertEqual(restamped.changes.map(\.value), pending.changes.map(\.value))
    for (earlier, later) in zip(restamped.changes, restamped.changes.dropFirst()) {
      XCTAssertLessThan(earlier.hlc, later.hlc)
    }
    XCTAssertLessThan(
      try XCTUnwrap(restamped.changes.last).hlc, try XCTUnwrap(pending.changes.first).hlc)
  }

  func testUndoOfAnEditAfterACreationGoesBackToTheSnapshotsValue() throws {
    let company = try store.createCompany(Company(name: "Initech"), now: tick())
    try store.editCompany(company.id, now: tick()) { $0.name = "Initrode" }
    try store.undo(now: tick())
    XCTAssertEqual(try store.company(company.id).name, "Initech")
    try store.undo(now: tick())
    XCTAssertEqual(try store.count(.company), 0)
    try store.redo(now: tick())
    XCTAssertEqual(try store.company(company.id).name, "Initech")
  }

  func testATimelineNamesTheCreationAndTheEdits() throws {
    let company = try store.createCompany(Company(name: "Initech"), now: tick())
    try store.editCompany(company.id, now: tick()) { $0.name = "Initrode" }
    let timeline = try store.timeline(company: company.id)
    XCTAssertEqual(timeline.map(\.kind), [.edited, .created])
    XCTAssertEqual(timeline.first?.text, "name")
  }
}

extension DatabaseValue.Storage {
  fileprivate var kind: String {
    switch self {
    case .null: return "null"
    case .int64: return "integer"
    case .double: return "real"
    case .string: return "text"
    case .blob: return "blob"
    }
  }
}
