import Foundation
import GRDB
import Model
import Store
import XCTest

/// The report builder on the team of `ReportTestCase`: filters, group-bys, measures and
/// the currency rule, saved reports, and refusals that name what is wrong.
final class ReportBuilderTests: ReportTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try buildTeam()
  }

  private func run(
    _ entity: ReportEntity, filters: [String] = [], group: String? = nil,
    measures: [String] = ["count"]
  ) throws -> [String] {
    let spec = ReportSpec(
      entity: entity, filters: try filters.map { try ReportFilter(parsing: $0) },
      group: try group.map { try ReportGroup(parsing: $0) },
      measures: try measures.map { try ReportMeasure(parsing: $0) })
    let result = try store.runReport(spec, zone: utc)
    return result.rows.map { row in
      ([row.label ?? "-"] + (row.currency.map { [$0.code] } ?? []) + row.values.map(\.text))
        .joined(separator: " ")
    }
  }

  func testCountByStageInPipelineOrder() throws {
    XCTAssertEqual(
      try run(.deals, group: "stage"),
      ["Qualification 3", "Contact made 0", "Proposal 1", "Negotiation 1", "Won 1", "Lost 1"]
        .filter { !$0.hasSuffix(" 0") })
  }

  func testMoneyIsSummedPerCurrency() throws {
    XCTAssertEqual(
      try run(.deals, group: "owner", measures: ["count", "sum:value", "max:value"]),
      [
        "Alex Admin EUR 2 3000.00 2000.00", "Alex Admin USD 2 800.00 500.00",
        "Bea EUR 2 3400.00 3000.00", "Bea USD 1 700.00 700.00",
      ])
    // No group: one row per currency, never one total.
    XCTAssertEqual(
      try run(.deals, measures: ["sum:value", "avg:value"]),
      ["- EUR 6400.00 1600.00", "- USD 1500.00 500.00"])
  }

  func testFiltersAreAndedAndTyped() throws {
    XCTAssertEqual(
      try run(.deals, filters: ["value>=1000 EUR", "status=open"], group: "stage"),
      ["Qualification 1", "Proposal 1"])
    XCTAssertEqual(try run(.deals, filters: ["title~ALP"]), ["- 1"])
    XCTAssertEqual(try run(.deals, filters: ["owner!=Bea", "closeDate<2026-03-01"]), ["- 3"])
    XCTAssertEqual(try run(.deals, filters: ["stage=won"]), ["- 1"])
    // Created on 5 February: Zeta and Eta.
    XCTAssertEqual(try run(.deals, filters: ["createdAt=2026-02-05"]), ["- 2"])
    XCTAssertEqual(try run(.deals, filters: ["createdAt>2026-02-05"]), [])
  }

  func testGroupByMonthOfADate() throws {
    XCTAssertEqual(
      try run(.deals, group: "month:closeDate", measures: ["count"]),
      ["- 2", "2026-01 1", "2026-02 3", "2026-03 1"])
    XCTAssertEqual(
      try run(.deals, group: "month:createdAt"), ["2026-01 5", "2026-02 2"])
  }

  func testContactsByTagAndActivitiesByKind() throws {
    try store.createContact(
      Contact(firstName: "Ann", lastName: "Lee", tags: ["vip", "press"]), now: t0)
    try store.createContact(Contact(firstName: "Bo", lastName: "Ma", tags: ["vip"]), now: t0)
    XCTAssertEqual(try run(.contacts, group: "tag"), ["press 1", "vip 2"])
    XCTAssertEqual(try run(.contacts, filters: ["tag=VIP", "lastName~le"]), ["- 1"])
    try store.createActivity(
      Activity(kind: .call, title: "A", doneAt: t0, callDurationSeconds: 300), now: t0)
    try store.createActivity(
      Activity(kind: .call, title: "B", callDurationSeconds: 100), now: t0)
    try store.createActivity(Activity(kind: .task, title: "C"), now: t0)
    XCTAssertEqual(
      try run(.activities, group: "kind", measures: ["count", "sum:duration"]),
      ["task 1 ", "call 2 400"])
    XCTAssertEqual(try run(.activities, filters: ["done=true"]), ["- 1"])
  }

  func testSaveListRunAndReplace() throws {
    let spec = ReportSpec(
      entity: .deals, group: ReportGroup(field: "stage"), measures: [ReportMeasure(.count)])
    try store.saveReport(name: "By stage", spec: spec, now: t0)
    XCTAssertThrowsError(try store.saveReport(name: "by STAGE", spec: spec, now: t0))
    XCTAssertEqual(try store.savedReports().map(\.name), ["By stage"])
    XCTAssertEqual(try store.runSavedReport(named: "by stage", zone: utc).rows.count, 5)
    var open = spec
    open.filters = [ReportFilter(field: "status", op: .equal, value: "open")]
    try store.saveReport(name: "By stage", spec: open, replace: true, now: t0)
    XCTAssertEqual(try store.runSavedReport(named: "By stage", zone: utc).rows.count, 3)
    try store.undo(now: t0)
    XCTAssertEqual(try store.runSavedReport(named: "By stage", zone: utc).rows.count, 5)
    try store.deleteReport(named: "By stage", now: t0)
    XCTAssertEqual(try store.savedReports(), [])
  }

  func testBadSpecsNameWhatIsWrongAndSaveNothing() throws {
    let cases: [(ReportSpec, String)] = [
      (
        ReportSpec(
          entity: .deals, filters: [ReportFilter(field: "colour", op: .equal, value: "red")]),
        "colour"
      ),
      (
        ReportSpec(
          entity: .deals, filters: [ReportFilter(field: "value", op: .greater, value: "1000")]),
        "currency"
      ),
      (
        ReportSpec(
          entity: .deals, filters: [ReportFilter(field: "stage", op: .equal, value: "Nope")]),
        "Nope"
      ),
      (
        ReportSpec(entity: .deals, filters: [ReportFilter(field: "title", op: .less, value: "b")]),
        "title takes"
      ),
      (
        ReportSpec(
          entity: .deals, filters: [ReportFilter(field: "closeDate", op: .less, value: "March")]),
        "March"
      ),
      (
        ReportSpec(
          entity: .deals, filters: [ReportFilter(field: "priority", op: .equal, value: "mega")]),
        "mega"
      ),
      (ReportSpec(entity: .deals, group: ReportGroup(field: "title")), "cannot group by title"),
      (
        ReportSpec(entity: .deals, group: ReportGroup(field: "month", monthOf: "title")),
        "date field"
      ),
      (ReportSpec(entity: .deals, measures: [ReportMeasure(.sum, "title")]), "needs a number"),
    ]
    for (spec, needle) in cases {
      XCTAssertThrowsError(try store.runReport(spec)) { error in
        XCTAssertTrue("\(error)".contains(needle), "\(needle): \(error)")
      }
      XCTAssertThrowsError(try store.saveReport(name: "Bad", spec: spec))
    }
    XCTAssertEqual(try store.savedReports(), [])
    XCTAssertThrowsError(try ReportFilter(parsing: "value 1000"))
    XCTAssertThrowsError(try ReportMeasure(parsing: "median:value"))
    XCTAssertThrowsError(try ReportMeasure(parsing: "sum"))
  }

  func testACorruptSavedReportIsAnErrorNamingIt() throws {
    try store.saveReport(name: "Broken", spec: ReportSpec(entity: .deals), now: t0)
    // Damaged outside the app (a bad sync, a hand edit).
    try corrupt(name: "Broken", definition: "{\"entity\": \"deals\", \"filters\": 7}")
    XCTAssertThrowsError(try store.runSavedReport(named: "Broken")) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("Broken") && text.contains("definition"), text)
    }
  }

  private func corrupt(name: String, definition: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      try db.execute(
        sql: "UPDATE saved_reports SET definition = ? WHERE name = ?",
        arguments: [definition, name])
    }
  }
}
