import Foundation
import Model
import Store
import XCTest

/// Importing contacts: one mutation per file, matched by source id or email, merged field by
/// field, refused whole on a bad row, idempotent on re-import.
final class ImportTests: StoreTestCase {
  typealias Row = Result<ContactImport, ImportProblem>

  func row(
    _ line: Int, _ first: String, _ last: String = "", emails: [String] = [],
    phones: [String] = [], tags: [String] = [], title: String? = nil, company: String? = nil,
    domain: String? = nil, owner: String? = nil, note: String? = nil, source: String? = nil
  ) -> Row {
    .success(
      ContactImport(
        line: line,
        contact: Contact(
          firstName: first, lastName: last, title: title, emails: emails.map { EmailAddress($0) },
          phones: phones.map { PhoneNumber($0) }, tags: tags),
        companyName: company, companyDomain: domain, ownerEmail: owner, note: note,
        sourceId: source))
  }

  /// A small file: three people at two companies, one with a note.
  func sampleRows() -> [Row] {
    [
      row(2, "Ann", "Lee", emails: ["ann@acme.com"], company: "Acme", domain: "acme.com"),
      row(3, "Bob", "Ray", emails: ["bob@acme.com"], company: "ACME", note: "Met at the fair"),
      row(4, "Cy", "Fox", emails: ["cy@globex.io"], phones: ["+1 555 0100"], company: "Globex"),
    ]
  }

  @discardableResult
  func importRows(
    _ rows: [Row], mode: ImportMode = .both, dryRun: Bool = false, skipInvalid: Bool = false
  ) throws -> ImportReport {
    try store.importContacts(
      rows, mode: mode, dryRun: dryRun, skipInvalid: skipInvalid, now: tick())
  }

  func contact(email: String) throws -> Contact {
    try XCTUnwrap(
      store.contacts(limit: 1000).first {
        $0.emails.contains { $0.address.lowercased() == email.lowercased() }
      }, "no contact with \(email)")
  }

  // MARK: - Creating

  func testImportCreatesContactsCompaniesAndNotes() throws {
    let report = try importRows(sampleRows())
    XCTAssertEqual(
      report, ImportReport(created: 3, updated: 0, unchanged: 0, companiesCreated: 2))
    XCTAssertEqual(
      report.summary, "created 3, updated 0, unchanged 0, skipped 0; 2 companies created")
    XCTAssertEqual(try store.companies().map(\.name), ["Acme", "Globex"])
    let acme = try store.company("Acme")
    XCTAssertEqual(acme.domain, "acme.com")
    XCTAssertEqual(try store.contacts(company: "Acme").map(\.firstName), ["Ann", "Bob"])
    let bob = try contact(email: "bob@acme.com")
    XCTAssertEqual(bob.ownerId, try me().id)
    XCTAssertEqual(try store.notes(contact: bob.id).map(\.body), ["Met at the fair"])
    XCTAssertEqual(try store.undoLabel(), "import contacts")
  }

  func testCompaniesAreMatchedByDomainThenName() throws {
    let existing = try store.createCompany(
      Company(name: "Initech Corp", domain: "initech.com"), now: tick())
    let other = try store.createCompany(Company(name: "Hooli"), now: tick())
    let report = try importRows([
      row(2, "A", emails: ["a@x.com"], company: "Initech", domain: "INITECH.com"),
      row(3, "B", emails: ["b@x.com"], company: "hooli"),
      row(4, "C", emails: ["c@x.com"], domain: "new.example"),
      row(5, "D", emails: ["d@x.com"], company: "Other name", domain: "NEW.example"),
    ])
    XCTAssertEqual(report.companiesCreated, 1)
    XCTAssertEqual(try contact(email: "a@x.com").companyId, existing.id)
    XCTAssertEqual(try contact(email: "b@x.com").companyId, other.id)
    let created = try store.company("new.example")
    XCTAssertEqual(created.domain, "new.example")
    XCTAssertEqual(try contact(email: "c@x.com").companyId, created.id)
    XCTAssertEqual(try contact(email: "d@x.com").companyId, created.id)
  }

  func testOwnersAreFoundByEmail() throws {
    let rep = try store.createUser(
      User(name: "Rita Rep", email: "rita@crm.example", role: .rep), now: tick())
    try importRows([row(2, "A", emails: ["a@x.com"], owner: "RITA@crm.example")])
    XCTAssertEqual(try contact(email: "a@x.com").ownerId, rep.id)

    // An owner the database does not know is left out, not a refusal.
    try importRows([row(7, "B", emails: ["b@x.com"], owner: "nobody@crm.example")])
    XCTAssertEqual(try contact(email: "b@x.com").ownerId, try me().id)
  }

  // MARK: - Matching and merging

  func testReImportIsIdempotent() throws {
    try importRows(sampleRows())
    let before = try snapshot()
    let report = try importRows(sampleRows())
    XCTAssertEqual(report, ImportReport(unchanged: 3))
    XCTAssertEqual(try snapshot(), before, "a re-import wrote something")
  }

  func testMatchByEmailIsCaseFoldedAndMerges() throws {
    let ann = try store.createContact(
      Contact(
        firstName: "Ann", lastName: "Lee", emails: [EmailAddress("Ann@Acme.com")],
        phones: [PhoneNumber("555-0100")], tags: ["vip"]), now: tick())
    let report = try importRows([
      row(
        2, "Annie", emails: ["ann@ACME.COM", "ann.lee@home.example"], phones: ["555 0100"],
        tags: ["VIP", "fair"], title: "CTO")
    ])
    XCTAssertEqual(report, ImportReport(updated: 1))
    let merged = try store.contact(ann.id)
    XCTAssertEqual(merged.firstName, "Annie")
    XCTAssertEqual(merged.lastName, "Lee", "a field the row leaves empty is kept")
    XCTAssertEqual(merged.title, "CTO")
    XCTAssertEqual(merged.emails.map(\.address), ["Ann@Acme.com", "ann.lee@home.example"])
    XCTAssertEqual(merged.phones.map(\.number), ["555-0100"])
    XCTAssertEqual(merged.tags, ["vip", "fair"])
    XCTAssertEqual(try store.count(.contact), 1)
  }

  func testMatchBySourceIdWinsOverEmail() throws {
    try importRows([row(2, "Ann", emails: ["ann@old.example"], source: "vcard-uid-1")])
    let ann = try contact(email: "ann@old.example")
    // The same card later, with a new address only.
    let report = try importRows([row(2, "Ann", emails: ["ann@new.example"], source: "vcard-uid-1")])
    XCTAssertEqual(report, ImportReport(updated: 1))
    XCTAssertEqual(try store.count(.contact), 1)
    XCTAssertEqual(
      try store.contact(ann.id).emails.map(\.address), ["ann@old.example", "ann@new.example"])
    XCTAssertEqual(
      try importRows([row(2, "Ann", emails: ["ann@new.example"], source: "vcard-uid-1")]),
      ImportReport(unchanged: 1))
  }

  func testOurOwnExportIdMatchesTheContact() throws {
    let ann = try store.createContact(Contact(firstName: "Ann"), now: tick())
    let report = try importRows([row(2, "Ann", "Lee", source: ann.id)])
    XCTAssertEqual(report, ImportReport(updated: 1))
    XCTAssertEqual(try store.contact(ann.id).lastName, "Lee")
    XCTAssertEqual(
      try importRows([row(2, "Ann", "Lee", source: ann.id)]), ImportReport(unchanged: 1))
  }

  func testRowsOfOneFileMatchEachOther() throws {
    let report = try importRows([
      row(2, "Ann", emails: ["ann@x.com"]), row(3, "Ann", "Lee", emails: ["ANN@x.com"]),
    ])
    XCTAssertEqual(report, ImportReport(created: 1, updated: 1))
    XCTAssertEqual(try contact(email: "ann@x.com").fullName, "Ann Lee")
  }

  func testNoteIsNotAddedTwice() throws {
    try importRows(sampleRows())
    var rows = sampleRows()
    rows[0] = row(2, "Ann", "Lee", emails: ["ann@acme.com"], company: "Acme", note: "Called")
    XCTAssertEqual(try importRows(rows), ImportReport(updated: 1, unchanged: 2))
    let ann = try contact(email: "ann@acme.com")
    XCTAssertEqual(try store.notes(contact: ann.id).map(\.body), ["Called"])
  }

  // MARK: - Modes

  func testCreateModeSkipsExistingContacts() throws {
    try importRows(Array(sampleRows().prefix(1)))
    let report = try importRows(sampleRows(), mode: .create)
    XCTAssertEqual(report.created, 2)
    XCTAssertEqual(report.updated, 0)
    XCTAssertEqual(report.skipped.map(\.line), [2])
    XCTAssertEqual(try store.count(.contact), 3)
  }

  func testUpdateModeCreatesNothing() throws {
    try importRows(Array(sampleRows().prefix(1)))
    var rows = sampleRows()
    rows[0] = row(2, "Ann", "Lee", emails: ["ann@acme.com"], title: "CEO")
    let report = try importRows(rows, mode: .update)
    XCTAssertEqual(report.updated, 1)
    XCTAssertEqual(report.created, 0)
    XCTAssertEqual(report.companiesCreated, 0)
    XCTAssertEqual(report.skipped.map(\.line), [3, 4])
    XCTAssertEqual(try store.count(.contact), 1)
    XCTAssertEqual(try store.count(.company), 1)
    XCTAssertEqual(try contact(email: "ann@acme.com").title, "CEO")
  }

  // MARK: - Refusals

  func testBadRowRefusesTheWholeImport() throws {
    try importRows(Array(sampleRows().prefix(1)))
    let before = try snapshot()
    var rows = sampleRows()
    rows.append(row(17, "Dee", emails: ["x"], company: "Brand new"))
    rows.append(row(18, "Eve", emails: ["eve@x.com"]))
    XCTAssertThrowsError(try importRows(rows)) { error in
      XCTAssertEqual(
        error as? ImportProblem,
        ImportProblem(line: 17, reason: "email: \"x\" is not an email address"))
    }
    XCTAssertEqual(try snapshot(), before)
  }

  func testUnreadableRowRefusesTheWholeImport() throws {
    let before = try snapshot()
    let rows = sampleRows() + [.failure(ImportProblem(line: 9, reason: "unterminated quote"))]
    XCTAssertThrowsError(try importRows(rows)) { error in
      XCTAssertEqual(error as? ImportProblem, ImportProblem(line: 9, reason: "unterminated quote"))
    }
    XCTAssertEqual(try snapshot(), before)
  }

  func testSkipInvalidImportsTheGoodRows() throws {
    let rows: [Row] = [
      row(2, "Ann", emails: ["ann@x.com"]),
      row(3, "", emails: ["nameless@x.com"]),
      .failure(ImportProblem(line: 4, reason: "row has 9 fields, the header 8")),
      row(5, "Bob", phones: ["12"], company: "Never made"),
      row(6, "Cy", emails: ["cy@x.com"]),
    ]
    let report = try importRows(rows, skipInvalid: true)
    XCTAssertEqual(report.created, 2)
    XCTAssertEqual(report.companiesCreated, 0, "a skipped row leaves no company behind")
    XCTAssertEqual(
      report.skipped,
      [
        ImportProblem(line: 3, reason: "firstName: a contact needs a first or last name"),
        ImportProblem(line: 4, reason: "row has 9 fields, the header 8"),
        ImportProblem(line: 5, reason: "phone: \"12\" is not a phone number"),
      ])
    XCTAssertEqual(try store.count(.contact), 2)
  }

  // MARK: - Dry run and undo

  func testDryRunReportsTheRealRunAndWritesNothing() throws {
    try importRows(Array(sampleRows().prefix(1)))
    var rows = sampleRows()
    rows[0] = row(2, "Ann", "Lee", emails: ["ann@acme.com"], title: "CEO")
    rows.append(row(5, "", emails: ["bad"]))
    let before = try snapshot()
    let dry = try importRows(rows, dryRun: true, skipInvalid: true)
    XCTAssertEqual(try snapshot(), before)
    let real = try importRows(rows, skipInvalid: true)
    XCTAssertEqual(dry, real)
    XCTAssertEqual(real.created, 2)
    XCTAssertEqual(real.updated, 1)
    XCTAssertEqual(real.companiesCreated, 1)
    XCTAssertEqual(real.skipped.map(\.line), [5])
  }

  func testOneUndoTakesBackTheWholeImport() throws {
    try importRows(Array(sampleRows().prefix(1)))
    let before = try visibleState()
    var rows = sampleRows()
    rows[0] = row(2, "Ann", "Lee", emails: ["ann@acme.com"], title: "CEO", note: "Promoted")
    try importRows(rows)
    XCTAssertNotEqual(try visibleState(), before)
    XCTAssertEqual(try store.undo(now: tick()), "import contacts")
    XCTAssertEqual(try visibleState(), before)
  }

  func testProgressCountsRowsAsTheyStream() throws {
    var seen: [Int] = []
    // A lazy sequence: rows are made as the import asks for them (at most a batch ahead:
    // ImportBatchTests).
    let rows = (0..<5).lazy.map { index -> Row in
      self.row(index + 2, "P\(index)", emails: ["p\(index)@x.com"])
    }
    let report = try store.importContacts(rows, now: tick()) { seen.append($0) }
    XCTAssertEqual(report.created, 5)
    XCTAssertEqual(seen, [1, 2, 3, 4, 5])
  }
}
