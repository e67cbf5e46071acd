import Foundation
import Model
import Store
import XCTest

/// The Store side of the TUI's company merge and deal linking: one company's duplicates and
/// a page's duplicate marks agree with `companyDuplicates()`; a merge with picks takes them
/// (empty included) in one mutation that one undo reverses; the link picker's deal search
/// and a contact's roles.
final class CompanyMergeChoiceTests: StoreTestCase {
  func company(_ name: String, domain: String? = nil, phone: String? = nil) throws -> Company {
    try store.createCompany(Company(name: name, domain: domain, phone: phone), now: tick())
  }

  func testOneCompanysDuplicatesAndThePageMarks() throws {
    let acme = try company("Acme Corp", domain: "acme.example")
    let inc = try company("ACME, Inc.")
    let byDomain = try company("Roadrunner Supplies", domain: "ACME.example")
    let other = try company("Globex", domain: "globex.example")
    let gone = try company("Acme Ltd")
    try store.deleteCompany(gone.id, now: tick())
    let pairs = try store.companyDuplicates(of: acme.id)
    XCTAssertEqual(pairs.map(\.a.id), [acme.id, acme.id])
    XCTAssertEqual(Set(pairs.map(\.b.id)), [inc.id, byDomain.id], "not the deleted one")
    XCTAssertEqual(
      pairs.first { $0.b.id == byDomain.id }?.reasons, [.domain("acme.example")])
    XCTAssertEqual(pairs.first { $0.b.id == inc.id }?.reasons, [.name("acme")])
    XCTAssertEqual(try store.companyDuplicates(of: other.id), [])
    XCTAssertEqual(
      try store.companyDuplicateIds(among: [acme.id, inc.id, byDomain.id, other.id, gone.id]),
      [acme.id, inc.id, byDomain.id])
    XCTAssertEqual(try store.companyDuplicateIds(among: []), [])
    // The same pairs as the whole-database query finds.
    let all = try store.companyDuplicates()
    XCTAssertEqual(
      Set(
        all.filter { $0.a.id == acme.id || $0.b.id == acme.id }.map { [$0.a.id, $0.b.id].sorted() }),
      Set(pairs.map { [$0.a.id, $0.b.id].sorted() }))
  }

  func testPicksTakeASideEvenWhenEmptyInOneUndoableMutation() throws {
    let acme = try company("Acme Corp", domain: "acme.example")
    let twin = try company("ACME Corp.", domain: "acme-corp.example", phone: "+1 555 0199")
    let contact = try store.createContact(
      Contact(firstName: "Dana", lastName: "Cole", companyId: twin.id), now: tick())
    let mutations = try store.changes(limit: 1_000_000).map(\.mutation)
    let kept = try store.mergeCompanies(
      keep: acme.id, remove: twin.id,
      choice: CompanyMergeChoice([.name: .removed, .domain: .removed, .phone: .kept]),
      now: tick())
    XCTAssertEqual(kept.name, "ACME Corp.")
    XCTAssertEqual(kept.domain, "acme-corp.example")
    XCTAssertNil(kept.phone, "the kept side's empty phone, as picked")
    XCTAssertEqual(try store.contact(contact.id).companyId, acme.id)
    XCTAssertThrowsError(try store.company(twin.id))
    let added = Set(try store.changes(limit: 1_000_000).map(\.mutation)).subtracting(mutations)
    XCTAssertEqual(added.count, 1, "one mutation")
    XCTAssertEqual(try store.undo(now: tick()), "merge company \(twin.id) into \(acme.id)")
    XCTAssertEqual(try store.company(acme.id).name, "Acme Corp")
    XCTAssertEqual(try store.company(twin.id).phone, "+1 555 0199")
    XCTAssertEqual(try store.contact(contact.id).companyId, twin.id)
  }

  func testAMergeIntoItselfIsRefused() throws {
    let acme = try company("Acme Corp")
    XCTAssertThrowsError(
      try store.mergeCompanies(keep: acme.id, remove: acme.id, choice: CompanyMergeChoice())
    ) { error in
      XCTAssertTrue("\(error)".contains("is the company to keep"), "\(error)")
    }
  }

  func testDealChoicesAndRoles() throws {
    let renewal = try store.createDeal(
      DealDraft(title: "Acme renewal", value: Money(minorUnits: 0, currency: .eur)), now: tick())
    let pilot = try store.createDeal(
      DealDraft(title: "Globex pilot", value: Money(minorUnits: 0, currency: .eur)), now: tick())
    let expansion = try store.createDeal(
      DealDraft(title: "Acme expansion", value: Money(minorUnits: 0, currency: .eur)),
      now: tick())
    XCTAssertEqual(
      try store.dealChoices(matching: "").map(\.deal.id), [expansion.id, pilot.id, renewal.id],
      "newest first")
    XCTAssertEqual(
      try store.dealChoices(matching: "ac").map(\.deal.id), [expansion.id, renewal.id])
    XCTAssertEqual(try store.dealChoices(matching: "acme ren").map(\.deal.id), [renewal.id])
    XCTAssertEqual(try store.dealChoices(matching: "\"*").map(\.deal.id).count, 3)
    try store.deleteDeal(expansion.id, now: tick())
    XCTAssertEqual(try store.dealChoices(matching: "acme").map(\.deal.id), [renewal.id])
    let ann = try store.createContact(Contact(firstName: "Ann", lastName: "Archer"), now: tick())
    try store.linkContact(ann.id, toDeal: renewal.id, role: "champion")
    try store.linkContact(ann.id, toDeal: pilot.id)
    XCTAssertEqual(try store.dealRoles(contact: ann.id), [renewal.id: "champion"])
    try store.unlinkContact(ann.id, fromDeal: renewal.id)
    XCTAssertEqual(try store.dealRoles(contact: ann.id), [:])
  }
}
