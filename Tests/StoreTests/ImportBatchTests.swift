import Foundation
import Model
import XCTest

@testable import Store

/// Imports write new records many to a statement (PendingInserts); what a user sees is the
/// same as one at a time: a row still finds a contact or activity created earlier in the
/// same file, past a batch's end too, and every new record is logged field by field.
final class ImportBatchTests: StoreTestCase {
  /// More rows than one batch holds.
  var many: Int { MutationWriter.insertBatchRows * 2 + 7 }

  func person(_ index: Int, email: String? = nil, source: String? = nil) -> Result<
    ContactImport, ImportProblem
  > {
    .success(
      ContactImport(
        line: index + 2,
        contact: Contact(
          firstName: "P\(index)", lastName: "Lee",
          emails: [EmailAddress(email ?? "p\(index)@x.com")]),
        companyName: "Company \(index % 5)", sourceId: source))
  }

  func testLaterRowsOfALargeFileMatchContactsCreatedEarlierInIt() throws {
    var rows = (0..<many).map { person($0, source: $0 == 3 ? "crm-3" : nil) }
    // Row 1's email again, in capitals, with a new last name; and row 3 by its source id.
    rows.append(
      .success(
        ContactImport(
          line: 9000,
          contact: Contact(firstName: "P1", lastName: "Ray", emails: [EmailAddress("P1@X.COM")]))))
    rows.append(person(9001, email: "other@x.com", source: "crm-3"))
    let report = try store.importContacts(rows, now: tick())
    XCTAssertEqual(report, ImportReport(created: many, updated: 2, companiesCreated: 5))
    XCTAssertEqual(try store.count(.contact), many)
    let p1 = try XCTUnwrap(store.contacts(limit: 10_000).first { $0.firstName == "P1" })
    XCTAssertEqual(p1.lastName, "Ray")
    let p3 = try XCTUnwrap(store.contacts(limit: 10_000).first { $0.firstName == "P9001" })
    XCTAssertEqual(p3.emails.map(\.address), ["p3@x.com", "other@x.com"])
    // Search, the email index and the company shown in the list follow every new row.
    XCTAssertEqual(try store.search("P\(many - 1)", in: [.contact]).count, 1)
    XCTAssertEqual(try store.importContacts([person(many - 1)], now: tick()).unchanged, 1)
  }

  func testEveryNewContactIsLoggedAsASingleCreateLogsIt() throws {
    let rows = (0..<many).map { person($0, source: "s\($0)") }
    XCTAssertEqual(try store.importContacts(rows, now: tick()).created, many)
    let entries = try log()
    let byRecord = Dictionary(grouping: entries.filter { $0.entity == "contact" }, by: \.recordId)
    XCTAssertEqual(byRecord.count, many)
    for (_, fields) in byRecord {
      XCTAssertEqual(
        fields.map(\.field), Contact.sortedColumns.filter { $0 != "id" } + ["deleted", "sourceId"])
    }
    XCTAssertEqual(entries.map(\.hlc), entries.map(\.hlc).sorted())
    XCTAssertEqual(Set(entries.map(\.mutation)).count, 2, "init, then the one import")
    XCTAssertEqual(try store.undoLabel(), "import contacts")
    _ = try store.undo(now: tick())
    XCTAssertEqual(try store.count(.contact), 0)
  }

  func testARefusedRowPastABatchLeavesNothingWritten() throws {
    var rows = (0..<many).map { person($0) }
    rows.append(.failure(ImportProblem(line: 9999, reason: "bad quote")))
    let before = try logLength()
    XCTAssertThrowsError(try store.importContacts(rows, now: tick()))
    XCTAssertEqual(try store.count(.contact), 0)
    XCTAssertEqual(try logLength(), before)
  }

  func item(_ index: Int, uid: String, title: String) -> Result<ActivityImport, ImportProblem> {
    let start = Date(timeIntervalSince1970: 1_900_000_800 + Double(index) * 3600)
    let activity = Activity(
      kind: .meeting, title: title, startAt: start, endAt: start.addingTimeInterval(1800),
      createdAt: clock)
    return .success(ActivityImport(line: index * 10, activity: activity, sourceId: uid))
  }

  func testALaterItemWithTheUIDOfANewOneUpdatesIt() throws {
    var items = (0..<many).map { item($0, uid: "u\($0)@cal", title: "Item \($0)") }
    items.append(item(5, uid: "u5@cal", title: "Item 5, moved"))
    let report = try store.importActivities(items, now: tick())
    XCTAssertEqual(report.created, many)
    XCTAssertEqual(report.updated, 1)
    XCTAssertEqual(try store.count(.activity), many)
    // Again: item 5 is set back to its first title, then moved again; the rest is unchanged.
    let again = try store.importActivities(items, now: tick())
    XCTAssertEqual(again.unchanged, many - 1)
    XCTAssertEqual(again.updated, 2)
    let created = try log().filter { $0.entity == "activity" }
    let fields = Dictionary(grouping: created, by: \.recordId).values.map { $0.count }
    XCTAssertEqual(fields.filter { $0 == Activity.sortedColumns.count }.count, many - 1)
  }
}
