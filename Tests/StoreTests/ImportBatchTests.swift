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

  /// Rows are looked up a batch at a time (`Store.importLookupRows`); a row whose contact an
  /// earlier row of the same batch changed sees the change.
  func testARowSeesWhatAnEarlierRowOfItsBatchDidToItsContact() throws {
    let ann = try store.createContact(
      Contact(firstName: "Ann", emails: [EmailAddress("ann@x.com")]), now: tick())
    let rows: [Result<ContactImport, ImportProblem>] = [
      .success(
        ContactImport(
          line: 2,
          contact: Contact(
            firstName: "Ann", title: "CTO",
            emails: [EmailAddress("ann@x.com"), EmailAddress("ann2@x.com")]))),
      // Only the address row 2 gave her.
      .success(
        ContactImport(
          line: 3, contact: Contact(firstName: "Ann", emails: [EmailAddress("ANN2@x.com")]),
          sourceId: "crm-ann")),
      // Her first address again: row 2's title stays.
      .success(
        ContactImport(
          line: 4,
          contact: Contact(firstName: "Ann", emails: [EmailAddress("ann@x.com")], tags: ["vip"]))),
      // By the source id row 3 gave her.
      .success(
        ContactImport(
          line: 5, contact: Contact(firstName: "Ann", lastName: "Lee"), sourceId: "crm-ann")),
    ]
    let report = try store.importContacts(rows, now: tick())
    XCTAssertEqual(report, ImportReport(updated: 4))
    XCTAssertEqual(try store.count(.contact), 1)
    let merged = try store.contact(ann.id)
    XCTAssertEqual(merged.title, "CTO")
    XCTAssertEqual(merged.lastName, "Lee")
    XCTAssertEqual(merged.tags, ["vip"])
    XCTAssertEqual(merged.emails.map(\.address), ["ann@x.com", "ann2@x.com"])
    XCTAssertEqual(try store.importContacts(rows, now: tick()), ImportReport(unchanged: 4))
  }

  /// A file is read as it is imported, at most one lookup batch ahead, and matched rows past
  /// a batch's end still find what they match.
  func testRowsAreReadAtMostABatchAheadAndProgressCountsEach() throws {
    let total = Store.importLookupRows * 2 + 5
    var seen = 0
    var ahead = 0
    let rows = (0..<total).lazy.map { index -> Result<ContactImport, ImportProblem> in
      ahead = max(ahead, index - seen)
      // The second half repeats the first half's people.
      return self.person(index % (total / 2 + 1))
    }
    let report = try store.importContacts(rows, now: tick()) { count in
      XCTAssertEqual(count, seen + 1)
      seen = count
    }
    XCTAssertEqual(seen, total)
    XCTAssertLessThanOrEqual(ahead, Store.importLookupRows)
    XCTAssertEqual(report.created, total / 2 + 1)
    XCTAssertEqual(report.unchanged, total - (total / 2 + 1))
    XCTAssertEqual(try store.count(.contact), total / 2 + 1)
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
