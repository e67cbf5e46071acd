import Foundation
import Model
import Store
import XCTest

/// A pulled page is network input: whatever it holds, the database stays whole and only
/// records that are right in every field are written.
final class SyncHostileTests: SyncTestCase {
  func testBadRecordsAreSkippedWholeAndReportedAndTheRestIsApplied() throws {
    let deal = try remoteDeal("Target")
    try joinAndBootstrap()
    let good = try remote.createCompany(Company(name: "Good Co"), now: tick())
    let goodPage = try remoteChanges()
    let newId = "0190ffff-0000-7000-8000-00000000000f"
    func change(_ entity: String, _ id: String, _ field: String, _ value: FieldValue)
      -> FieldChange
    {
      FieldChange(entity: entity, id: id, field: field, value: value, hlc: hlc(1))
    }
    let hostile: [FieldChange] = [
      change("widget", newId, "name", .text("What is this")),
      // An existing deal: a good field and a forbidden one; neither is written.
      change("deal", deal.id, "title", .text("Half applied?")),
      change("deal", deal.id, "rid", .integer(1)),
      change("deal", "0190ffff-0000-7000-8000-000000000001", "title", .text("No stage")),
      change(
        "deal", "0190ffff-0000-7000-8000-000000000002",
        "title\" = 'x'; DROP TABLE deals; --", .text("x")),
      change("deal", "0190ffff-0000-7000-8000-000000000003", "id", .text("other")),
      change("company", "0190ffff-0000-7000-8000-000000000004", "name", .integer(7)),
      change("company", "0190ffff-0000-7000-8000-000000000005", "name", .null),
      change("contact", "0190ffff-0000-7000-8000-000000000006", "listOwner", .text("x")),
      FieldChange(
        entity: "company", id: "0190ffff-0000-7000-8000-000000000007", field: "name",
        value: .text("From the future"), hlc: hlc(3600)),
      change("deal", "has space", "title", .text("x")),
      // SQLite would keep the text only up to the NUL.
      change("company", "0190ffff-0000-7000-8000-000000000009", "name", .text("Cut\u{0}short")),
    ]
    let contactId = "0190ffff-0000-7000-8000-000000000008"
    let badJSON: [FieldChange] = [
      ("firstName", FieldValue.text("Bad")), ("lastName", .text("Json")),
      ("emails", .text("[{\"address\": ")), ("phones", .text("[]")), ("tags", .text("[]")),
      ("emailOptOut", .integer(0)), ("createdAt", .text("2026-01-01 00:00:00.000")),
      ("updatedAt", .text("2026-01-01 00:00:00.000")), ("deleted", .integer(0)),
    ].map { change("contact", contactId, $0.0, $0.1) }
    let before = try snapshot()
    let report = try apply(hostile + badJSON + goodPage)

    XCTAssertEqual(report.skipped.count, 12, report.skipped.joined(separator: "\n"))
    XCTAssertTrue(report.skipped.contains { $0.hasPrefix("widget ") })
    XCTAssertTrue(report.skipped.contains { $0.contains("\"rid\" is not a field of deal") })
    XCTAssertTrue(report.skipped.contains { $0.contains("a new record without") })
    XCTAssertTrue(report.skipped.contains { $0.contains("DROP TABLE") })
    XCTAssertTrue(report.skipped.contains { $0.contains("malformed JSON") })
    XCTAssertTrue(report.skipped.contains { $0.contains("clock") })
    XCTAssertTrue(report.skipped.contains { $0.contains("name holds a NUL character (U+0000)") })
    XCTAssertEqual(try store.deal(deal.id).title, "Target")
    XCTAssertEqual(try store.company(good.id).name, "Good Co")
    var after = try snapshot()
    after.companies.removeAll { $0.id == good.id }
    after.counts["company"]! -= 1
    XCTAssertEqual(after.counts, before.counts)
    XCTAssertEqual(after.deals, before.deals)
    XCTAssertEqual(after.contacts, before.contacts)
    XCTAssertEqual(try store.integrityCheck(), "ok")
    XCTAssertEqual(try store.contactPage(search: "json").rows, [])
  }

  func testAFieldSentTwiceInARecordTakesTheGreaterClockAndTheFirstOnATie() throws {
    try joinAndBootstrap()
    let id = "0190ffff-0000-7000-8000-0000000000aa"
    let page: [FieldChange] = [
      FieldChange(entity: "company", id: id, field: "name", value: .text("Older"), hlc: hlc(1)),
      FieldChange(entity: "company", id: id, field: "deleted", value: .integer(0), hlc: hlc(1)),
      FieldChange(
        entity: "company", id: id, field: "createdAt", value: .text("2026-01-01 00:00:00.000"),
        hlc: hlc(1)),
      FieldChange(
        entity: "company", id: id, field: "updatedAt", value: .text("2026-01-01 00:00:00.000"),
        hlc: hlc(1)),
      FieldChange(entity: "company", id: id, field: "name", value: .text("Newer"), hlc: hlc(2)),
      FieldChange(entity: "company", id: id, field: "name", value: .text("Tie"), hlc: hlc(2)),
    ]
    let report = try apply(page)
    XCTAssertEqual(report.skipped, [])
    XCTAssertEqual(report.ignored, 2)
    XCTAssertEqual(try store.company(id).name, "Newer")
    let latest = try store.changes(recordId: id).last { $0.field == "name" }
    XCTAssertEqual(latest?.hlc, page[4].hlc, "the log keeps the winner's clock")
  }

  func testAPageOfNothingButBadRecordsWritesNoMutation() throws {
    try joinAndBootstrap()
    let before = try snapshot()
    let report = try apply([
      FieldChange(entity: "deal", id: "x1", field: "deleted", value: .text("yes"), hlc: hlc())
    ])
    XCTAssertEqual(report.applied, 0)
    XCTAssertEqual(report.skipped.count, 1)
    XCTAssertEqual(try snapshot(), before)
  }
}
