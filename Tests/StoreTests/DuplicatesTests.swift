import Foundation
import Model
import Store
import XCTest

/// Duplicate detection: contacts by email (case-folded), phone (normalised) and name at the
/// same company; companies by domain and name key. No self-pairs, each pair once.
final class DuplicatesTests: StoreTestCase {
  @discardableResult
  func contact(
    _ first: String, _ last: String = "", emails: [String] = [], phones: [String] = [],
    company: Company? = nil
  ) throws -> Contact {
    try store.createContact(
      Contact(
        firstName: first, lastName: last, emails: emails.map { EmailAddress($0) },
        phones: phones.map { PhoneNumber($0) }, companyId: company?.id), now: tick())
  }

  func testSameEmailInAnyCaseIsADuplicate() throws {
    let ann = try contact("Ann", "Lee", emails: ["Ann.Lee@Example.com"])
    let other = try contact("A.", "Lee", emails: ["other@example.com", "ann.lee@example.COM"])
    try contact("Bob", emails: ["bob@example.com"])

    let pairs = try store.contactDuplicates()
    XCTAssertEqual(pairs.count, 1)
    XCTAssertEqual(pairs.first?.a.id, ann.id)
    XCTAssertEqual(pairs.first?.b.id, other.id)
    XCTAssertEqual(pairs.first?.reasons, [.email("ann.lee@example.com")])
  }

  func testSamePhoneInAnotherFormatIsADuplicate() throws {
    let a = try contact("Ann", phones: ["+44 20 7946 0000"])
    let b = try contact("Annie", phones: ["+442079460000"])
    let c = try contact("Carl", phones: ["(020) 7946-0000"])
    try contact("Dee", phones: ["442079460000"])  // no +: another number as far as we know
    let pairs = try store.contactDuplicates()
    XCTAssertEqual(pairs.map { [$0.a.id, $0.b.id] }, [[a.id, b.id]])
    XCTAssertEqual(pairs.first?.reasons, [.phone("+442079460000")])
    XCTAssertEqual(PhoneNumber("+44 20 7946 0000").normalized, "+442079460000")
    XCTAssertEqual(try store.duplicates(of: c.id), [])
  }

  func testPhoneEditsKeepTheIndex() throws {
    let a = try contact("Ann", phones: ["+1 (555) 010-0200"])
    let b = try contact("Bea", phones: ["555 0100"])
    XCTAssertEqual(try store.contactDuplicates(), [])
    try store.editContact(b.id, now: tick()) { $0.phones = [PhoneNumber("+1.555.010.0200")] }
    XCTAssertEqual(try store.contactDuplicates().map(\.reasons), [[.phone("+15550100200")]])
    try store.editContact(a.id, now: tick()) { $0.phones = [] }
    XCTAssertEqual(try store.contactDuplicates(), [])
  }

  func testSameNameOnlyAtTheSameCompany() throws {
    let acme = try store.createCompany(Company(name: "Acme"), now: tick())
    let globex = try store.createCompany(Company(name: "Globex"), now: tick())
    let a = try contact("Ann", "Lee", company: acme)
    let b = try contact(" ann", "LEE ", company: acme)
    try contact("Ann", "Lee", company: globex)
    try contact("Ann", "Lee")
    try contact("Ann", "Leigh", company: acme)

    let pairs = try store.contactDuplicates()
    XCTAssertEqual(pairs.map { [$0.a.id, $0.b.id] }, [[a.id, b.id]])
    XCTAssertEqual(pairs.first?.reasons, [.nameAtCompany(acme.id)])
  }

  func testEveryReasonOfAPairInOnePairAndNoSelfPairs() throws {
    let acme = try store.createCompany(Company(name: "Acme"), now: tick())
    // One contact with an address and number twice pairs with nobody.
    try contact(
      "Solo", emails: ["solo@example.com", "SOLO@example.com"], phones: ["123 456", "123456"])
    let a = try contact(
      "Ann", "Lee", emails: ["ann@example.com", "lee@example.com"], phones: ["+1 555 0100"],
      company: acme)
    let b = try contact(
      "Ann", "Lee", emails: ["LEE@example.com", "ann@example.com"], phones: ["+15550100"],
      company: acme)
    let c = try contact("Ann", "Lee", company: acme)

    let pairs = try store.contactDuplicates()
    XCTAssertEqual(
      pairs.map { [$0.a.id, $0.b.id] }, [[a.id, b.id], [a.id, c.id], [b.id, c.id]])
    XCTAssertEqual(
      pairs[0].reasons,
      [
        .email("ann@example.com"), .email("lee@example.com"), .phone("+15550100"),
        .nameAtCompany(acme.id),
      ])
    XCTAssertEqual(Set(pairs.map { Set([$0.a.id, $0.b.id]) }).count, pairs.count)
    XCTAssertEqual(try store.contactDuplicates(limit: 2).count, 2)

    let ofB = try store.duplicates(of: b.id)
    XCTAssertEqual(ofB.map(\.a.id), [b.id, b.id])
    XCTAssertEqual(ofB.map(\.b.id), [a.id, c.id])
    XCTAssertEqual(ofB.first?.reasons, pairs[0].reasons)
  }

  func testDeletedContactsAreNotDuplicates() throws {
    let a = try contact("Ann", emails: ["ann@example.com"])
    try contact("Annie", emails: ["ann@example.com"])
    XCTAssertEqual(try store.contactDuplicates().count, 1)
    try store.deleteContact(a.id, now: tick())
    XCTAssertEqual(try store.contactDuplicates(), [])
    try store.undo(now: tick())
    XCTAssertEqual(try store.contactDuplicates().count, 1)
  }

  func testDuplicatesOfAnUnknownContactNameTheKey() throws {
    assertThrows(.notFound(entity: "contact", key: "0000")) { try store.duplicates(of: "0000") }
  }

  func testCompaniesByDomainAndByNameKey() throws {
    let a = try store.createCompany(Company(name: "Acme Inc", domain: "acme.com"), now: tick())
    let b = try store.createCompany(Company(name: "ACME, Inc."), now: tick())
    let c = try store.createCompany(Company(name: "Roadrunner", domain: "ACME.com"), now: tick())
    let d = try store.createCompany(Company(name: "  acme gmbh "), now: tick())
    try store.createCompany(Company(name: "Acme Rockets"), now: tick())
    try store.createCompany(Company(name: "Inc"), now: tick())

    let pairs = try store.companyDuplicates()
    XCTAssertEqual(
      pairs.map { [$0.a.id, $0.b.id] },
      [[a.id, b.id], [a.id, c.id], [a.id, d.id], [b.id, d.id]])
    XCTAssertEqual(pairs[0].reasons, [.name("acme")])
    XCTAssertEqual(pairs[1].reasons, [.domain("acme.com")])

    try store.editCompany(b.id, now: tick()) { $0.name = "Wile E." }
    try store.deleteCompany(d.id, now: tick())
    XCTAssertEqual(try store.companyDuplicates().map { [$0.a.id, $0.b.id] }, [[a.id, c.id]])
  }
}
