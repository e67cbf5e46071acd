import Foundation
import Model
import Store
import XCTest

/// Merging duplicates: the kept record takes the chosen fields, every link, note and
/// activity moves to it, the removed record is tombstoned, all in one undoable mutation.
final class MergeTests: StoreTestCase {
  var acme: Company!
  var ann: Contact!
  var annie: Contact!

  override func setUpWithError() throws {
    try super.setUpWithError()
    acme = try store.createCompany(Company(name: "Acme"), now: tick())
    ann = try store.createContact(
      Contact(
        firstName: "Ann", lastName: "Lee", emails: [EmailAddress("ann@acme.com")],
        phones: [PhoneNumber("+44 20 7946 0000")], tags: ["vip"], companyId: acme.id),
      now: tick())
    annie = try store.createContact(
      Contact(
        firstName: "Annie", lastName: "Lee", title: "CTO",
        emails: [EmailAddress("ANN@acme.com", type: .home), EmailAddress("annie@home.net")],
        phones: [PhoneNumber("+442079460000"), PhoneNumber("555 0100", type: .mobile)],
        address: PostalAddress(city: "London"), tags: ["VIP", "tech"], emailOptOut: true),
      now: tick())
  }

  /// Deal links as a user sees them: contact id and role, per deal.
  func links(_ deals: [Deal]) throws -> [[String]] {
    try deals.map { deal in
      try store.dealDetail(deal.id, now: clock).contacts.map {
        "\($0.contact.id) \($0.role ?? "-")"
      }
      .sorted()
    }
  }

  func testMergeUnionsListsAndFillsEmptyFields() throws {
    let merged = try store.mergeContacts(keep: ann.id, remove: annie.id, now: tick())
    XCTAssertEqual(merged.id, ann.id)
    XCTAssertEqual(merged.firstName, "Ann")
    XCTAssertEqual(merged.title, "CTO")
    XCTAssertEqual(merged.address?.city, "London")
    XCTAssertEqual(merged.companyId, acme.id)
    XCTAssertTrue(merged.emailOptOut)
    XCTAssertEqual(merged.emails, [EmailAddress("ann@acme.com"), EmailAddress("annie@home.net")])
    XCTAssertEqual(
      merged.phones, [PhoneNumber("+44 20 7946 0000"), PhoneNumber("555 0100", type: .mobile)])
    XCTAssertEqual(merged.tags, ["vip", "tech"])
    XCTAssertEqual(merged.updatedAt, clock)
    XCTAssertEqual(try store.contact(ann.id), merged)
    assertThrows(.notFound(entity: "contact", key: annie.id)) { try store.contact(annie.id) }
    XCTAssertEqual(try store.contactDuplicates(), [])
  }

  func testChoicesPickASideEvenWhenEmpty() throws {
    var choice = MergeChoice.takingFromRemoved([.firstName, .emails, .companyId])
    choice.picks[.title] = .kept
    choice.picks[.tags] = .kept
    let merged = try store.mergeContacts(
      keep: ann.id, remove: annie.id, choice: choice, now: tick())
    XCTAssertEqual(merged.firstName, "Annie")
    XCTAssertEqual(merged.lastName, "Lee")
    XCTAssertNil(merged.title)
    XCTAssertEqual(merged.emails, annie.emails)
    XCTAssertNil(merged.companyId)
    XCTAssertEqual(merged.tags, ["vip"])
    XCTAssertEqual(merged.phones.count, 2)
  }

  func testMergeMovesEveryLinkNoteAndActivityAndOneUndoRestoresAll() throws {
    let both = try addDeal("Both", contacts: [ann.id])
    try store.linkContact(annie.id, toDeal: both.id, role: "champion")
    let onlyAnnie = try addDeal("Annie's", contacts: [])
    try store.linkContact(annie.id, toDeal: onlyAnnie.id, role: "buyer")
    let revived = try addDeal("Revived", contacts: [ann.id, annie.id])
    try store.unlinkContact(ann.id, fromDeal: revived.id)
    let note = try store.createNote(Note(body: "Met Annie", contactId: annie.id), now: tick())
    let annNote = try store.createNote(Note(body: "Met Ann", contactId: ann.id), now: tick())
    let call = try store.createActivity(
      Activity(kind: .call, title: "Call Annie", contactId: annie.id), now: tick())
    let deals = [both, onlyAnnie, revived]
    let before = try visibleState()
    let linksBefore = try links(deals)
    let annieBefore = try store.contact(annie.id)
    let logBefore = try logLength()

    try store.mergeContacts(keep: ann.id, remove: annie.id, now: tick())

    XCTAssertEqual(
      try links(deals),
      [["\(ann.id) champion"], ["\(ann.id) buyer"], ["\(ann.id) -"]])
    XCTAssertEqual(try store.note(note.id).contactId, ann.id)
    XCTAssertEqual(try store.note(annNote.id).contactId, ann.id)
    XCTAssertEqual(try store.activity(call.id).contactId, ann.id)
    XCTAssertEqual(Set(try store.notes(contact: ann.id).map(\.id)), [note.id, annNote.id])
    XCTAssertEqual(try store.undoLabel(), "merge contact \(annie.id) into \(ann.id)")
    let entries = try log().dropFirst(logBefore)
    XCTAssertEqual(Set(entries.map(\.mutation)).count, 1, "one mutation")

    try store.undo(now: tick())

    XCTAssertEqual(try visibleState(), before)
    XCTAssertEqual(try links(deals), linksBefore)
    XCTAssertEqual(try store.contact(annie.id), annieBefore)
    XCTAssertEqual(try store.note(note.id).contactId, annie.id)
    XCTAssertEqual(try store.activity(call.id).contactId, annie.id)
    XCTAssertEqual(try store.contactDuplicates().count, 1)

    try store.redo(now: tick())
    XCTAssertEqual(try links(deals)[0], ["\(ann.id) champion"])
    assertThrows(.notFound(entity: "contact", key: annie.id)) { try store.contact(annie.id) }
  }

  func testALinkOnBothKeepsTheKeptRole() throws {
    let deal = try addDeal("Both")
    try store.linkContact(ann.id, toDeal: deal.id, role: "signer")
    try store.linkContact(annie.id, toDeal: deal.id, role: "champion")
    try store.mergeContacts(keep: ann.id, remove: annie.id, now: tick())
    XCTAssertEqual(try links([deal]), [["\(ann.id) signer"]])
  }

  func testRefusalsChangeNothingAndNameTheArgument() throws {
    let gone = try store.createCompany(Company(name: "Gone"), now: tick())
    let stale = try store.createContact(
      Contact(firstName: "Stale", companyId: gone.id), now: tick())
    try store.deleteCompany(gone.id, now: tick())
    try assertNothingChanges {
      assertInvalid("remove") { try store.mergeContacts(keep: ann.id, remove: ann.id) }
      assertInvalid("remove") {
        try store.mergeContacts(keep: ann.id, remove: String(ann.id.prefix(30)))
      }
      assertThrows(.notFound(entity: "contact", key: "ffff")) {
        try store.mergeContacts(keep: "ffff", remove: annie.id)
      }
      assertThrows(.notFound(entity: "contact", key: "eeee")) {
        try store.mergeContacts(keep: ann.id, remove: "eeee")
      }
      // Taking a link to a deleted record is refused as an edit would be.
      assertInvalid("company") {
        try store.mergeContacts(
          keep: ann.id, remove: stale.id, choice: .takingFromRemoved([.companyId]))
      }
      assertInvalid("remove") { try store.mergeCompanies(keep: acme.id, remove: "Acme") }
      assertThrows(.notFound(entity: "company", key: "nope")) {
        try store.mergeCompanies(keep: acme.id, remove: "nope")
      }
    }
  }

  func testMergeCompaniesMovesContactsDealsActivitiesAndNotes() throws {
    let dup = try store.createCompany(
      Company(name: "ACME, Inc.", domain: "acme.com", industry: "Rockets"), now: tick())
    try store.editContact(annie.id, now: tick()) { $0.companyId = dup.id }
    let deal = try addDeal("Rockets", company: dup.id)
    let note = try store.createNote(Note(body: "HQ moved", companyId: dup.id), now: tick())
    let task = try store.createActivity(
      Activity(kind: .task, title: "Visit", companyId: dup.id), now: tick())
    let before = try visibleState()
    XCTAssertEqual(try store.companyDuplicates().count, 1)

    let merged = try store.mergeCompanies(keep: acme.id, remove: dup.id, now: tick())

    XCTAssertEqual(merged.name, "Acme")
    XCTAssertEqual(merged.domain, "acme.com")
    XCTAssertEqual(merged.industry, "Rockets")
    XCTAssertEqual(try store.contact(annie.id).companyId, acme.id)
    XCTAssertEqual(try store.deal(deal.id).companyId, acme.id)
    XCTAssertEqual(try store.note(note.id).companyId, acme.id)
    XCTAssertEqual(try store.activity(task.id).companyId, acme.id)
    XCTAssertEqual(try store.companies().map(\.id), [acme.id])
    XCTAssertEqual(try store.companyDuplicates(), [])

    try store.undo(now: tick())
    XCTAssertEqual(try visibleState(), before)
    XCTAssertEqual(try store.deal(deal.id).companyId, dup.id)
  }
}
