import Foundation
import Model
import Store
import XCTest

/// Search as you type over deals, contacts and companies: prefixes of words, diacritics
/// folded, typed text never read as query syntax, and the index always in step.
final class SearchTests: StoreTestCase {
  private var chloe: Contact!
  private var hiro: Contact!
  private var acme: Company!
  private var fleet: Deal!

  override func setUpWithError() throws {
    try super.setUpWithError()
    acme = try store.createCompany(
      Company(name: "Acme Logistics", domain: "acme-logistics.example", industry: "Freight"),
      now: tick())
    try store.createCompany(
      Company(name: "München Maschinenbau", domain: "mm-bau.example"), now: tick())
    chloe = try store.createContact(
      Contact(
        firstName: "Chloé", lastName: "Dubois", title: "Head of Operations",
        emails: [EmailAddress("chloe.dubois@acme-logistics.example")],
        phones: [PhoneNumber("+44 20 7946 0958", type: .mobile)], tags: ["decision-maker", "vip"],
        companyId: acme.id), now: tick())
    hiro = try store.createContact(
      Contact(
        firstName: "Hiro", lastName: "Tanaka", emails: [EmailAddress("hiro@irisbio.example")],
        phones: [PhoneNumber("+81 3 1234 5678")], tags: ["newsletter"]), now: tick())
    fleet = try addDeal("Acme — fleet tracking", eur(12_000_00), company: acme.id)
    try addDeal("Renewal of support plan", eur(900_00))
  }

  private func ids(_ text: String, _ entities: [Entity] = [.deal, .contact, .company]) throws
    -> Set<String>
  {
    Set(try store.search(text, in: entities).map(\.id))
  }

  func testContactsByNamePrefixEmailPhoneAndTag() throws {
    XCTAssertEqual(try ids("chlo", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("dub", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("Chloé Dubois", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("tan", [.contact]), [hiro.id])
    XCTAssertEqual(try ids("chloe.dubois@acme", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("hiro@irisbio.example", [.contact]), [hiro.id])
    XCTAssertEqual(try ids("7946", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("+81", [.contact]), [hiro.id])
    XCTAssertEqual(try ids("vip", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("newsl", [.contact]), [hiro.id])
    XCTAssertEqual(try ids("operations", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("zzz", [.contact]), [])
    let hit = try XCTUnwrap(store.search("chlo").first)
    XCTAssertEqual(hit.entity, .contact)
    XCTAssertEqual(hit.label, "Chloé Dubois")
  }

  func testEveryWordMustMatch() throws {
    XCTAssertEqual(try ids("chloe tanaka", [.contact]), [])
    XCTAssertEqual(try ids("hiro tan", [.contact]), [hiro.id])
  }

  func testDiacriticsAndCaseAreFolded() throws {
    XCTAssertEqual(try ids("chloe", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("CHLOE", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("munchen", [.company]).count, 1)
    XCTAssertEqual(try ids("München", [.company]).count, 1)
  }

  func testDealsByTitleAndCompaniesByNameAndDomain() throws {
    XCTAssertEqual(try ids("fleet", [.deal]), [fleet.id])
    XCTAssertEqual(try ids("track", [.deal]), [fleet.id])
    XCTAssertEqual(try ids("acme fle", [.deal]), [fleet.id])
    XCTAssertEqual(try ids("acme", [.company]), [acme.id])
    XCTAssertEqual(try ids("logis", [.company]), [acme.id])
    XCTAssertEqual(try ids("mm", [.company]).count, 1)
    XCTAssertEqual(try ids("freight", [.company]), [acme.id])
    // Across kinds, each hit says what it is.
    let hits = try store.search("acme")
    XCTAssertEqual(Set(hits.map(\.entity)), [.deal, .company])
    XCTAssertEqual(Set(try store.search("logistics").map(\.entity)), [.contact, .company])
    XCTAssertEqual(hits.first { $0.entity == .deal }?.label, "Acme — fleet tracking")
    XCTAssertEqual(hits.first { $0.entity == .company }?.label, "Acme Logistics")
  }

  func testQuerySyntaxInTypedTextIsHarmless() throws {
    for text in [
      "\"", "\"acme", "acme\"", "*", "acme*", "a*b", "OR", "acme OR", "OR acme", "AND", "NOT",
      "NEAR(", "NEAR(acme fleet)", "acme NEAR( fleet", "(", ")", "()", "^", "^acme", "-", "-acme",
      "+", ":", "title:acme", "{title}: acme", "'", "' OR 1=1 --", "acme; DROP TABLE deals", "\\",
      "%", "_", "\u{0}", "acme\u{0}", "fle\u{0}et", "\u{1b}[A", "—", "🙂",
      String(repeating: "a ", count: 100),
    ] {
      XCTAssertNoThrow(try store.search(text), "searching \(text.debugDescription)")
    }
    // Words that are FTS operators are searched as words.
    let or = try addDeal("OR tools for surgeons")
    XCTAssertEqual(try ids("or", [.deal]), [or.id])
    XCTAssertEqual(try ids("acme OR", [.deal]), [])
    XCTAssertEqual(try ids("\"acme\"", [.deal]), [fleet.id])
    XCTAssertEqual(try ids("acme*", [.deal]), [fleet.id])
    XCTAssertEqual(try ids("NEAR(acme", [.deal]), [])
    XCTAssertEqual(try ids("   ", [.deal]), [])
    XCTAssertEqual(try ids("", [.deal]), [])
    XCTAssertEqual(try store.count(.deal), 3, "nothing was dropped")
  }

  func testEditsAndDeletesKeepTheIndexInStep() throws {
    try store.editDeal(fleet.id, DealChanges(title: "Acme — route planning"), now: tick())
    XCTAssertEqual(try ids("fleet", [.deal]), [])
    XCTAssertEqual(try ids("route", [.deal]), [fleet.id])

    try store.editContact(chloe.id, now: tick()) {
      $0.lastName = "Martin"
      $0.emails = [EmailAddress("chloe@martin.example")]
      $0.tags = []
    }
    XCTAssertEqual(try ids("dubois", [.contact]), [])
    XCTAssertEqual(try ids("vip", [.contact]), [])
    XCTAssertEqual(try ids("chloe@martin", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("martin", [.contact]), [chloe.id])

    try store.editCompany(acme.id, now: tick()) { $0.domain = "acme.example" }
    XCTAssertEqual(try ids("logistics.example", [.company]), [])
    XCTAssertEqual(try ids("acme.example", [.company]), [acme.id])

    try store.deleteContact(chloe.id, now: tick())
    try store.deleteDeal(fleet.id, now: tick())
    try store.deleteCompany(acme.id, now: tick())
    XCTAssertEqual(try ids("chloe"), [])
    XCTAssertEqual(try ids("route"), [])
    XCTAssertEqual(try ids("acme"), [])

    try store.undo(now: tick())
    XCTAssertEqual(try ids("acme", [.company]), [acme.id])
    try store.undo(now: tick())
    XCTAssertEqual(try ids("route", [.deal]), [fleet.id])
    try store.undo(now: tick())
    XCTAssertEqual(try ids("chloe@martin", [.contact]), [chloe.id])
    try store.undo(now: tick())
    XCTAssertEqual(try ids("logistics.example", [.company]), [acme.id])
    try store.undo(now: tick())
    XCTAssertEqual(try ids("dubois", [.contact]), [chloe.id])
    XCTAssertEqual(try ids("vip", [.contact]), [chloe.id])
    XCTAssertEqual(try store.integrityCheck(), "ok")
  }

  func testUndoOfCreateLeavesTheIndex() throws {
    let deal = try addDeal("Zeppelin charter")
    XCTAssertEqual(try ids("zeppelin"), [deal.id])
    try store.undo(now: tick())
    XCTAssertEqual(try ids("zeppelin"), [])
    try store.redo(now: tick())
    XCTAssertEqual(try ids("zeppelin"), [deal.id])
  }

  func testLimitBoundsEachKind() throws {
    for n in 1...30 { try addDeal("Bulk deal \(n)") }
    XCTAssertEqual(try store.search("bulk", in: [.deal], limit: 5).count, 5)
    XCTAssertEqual(try store.search("bulk", in: [.deal]).count, 20)
  }
}
