import Foundation
import XCTest

final class ContactTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  private func contact(_ id: String) throws -> [String: Any] {
    try jsonObject("contact", "show", id)
  }

  private func ids(_ args: String...) throws -> [String] {
    try jsonArray(args).compactMap { $0["id"] as? String }
  }

  func testAddWithSeveralEmailsPhonesAndTags() throws {
    let company = try add("company", "add", "--name", "Acme")
    let id = try add(
      "contact", "add", "--first", "Annabel", "--last", "Lee", "--title", "CTO",
      "--email", "work:a@x.io", "--email", "home:b@y.io", "--phone", "mobile:+44 7700 900123",
      "--phone", "+1 555 0100", "--tag", "vip", "--tag", "lead", "--company", "Acme",
      "--city", "Berlin")
    let shown = try contact(id)
    XCTAssertEqual(shown["firstName"] as? String, "Annabel")
    XCTAssertEqual(shown["lastName"] as? String, "Lee")
    XCTAssertEqual(shown["name"] as? String, "Annabel Lee")
    XCTAssertEqual(shown["title"] as? String, "CTO")
    let emails = try XCTUnwrap(shown["emails"] as? [[String: String]])
    XCTAssertEqual(
      emails, [["address": "a@x.io", "type": "work"], ["address": "b@y.io", "type": "home"]])
    let phones = try XCTUnwrap(shown["phones"] as? [[String: String]])
    XCTAssertEqual(
      phones,
      [
        ["number": "+44 7700 900123", "type": "mobile"], ["number": "+1 555 0100", "type": "work"],
      ])
    XCTAssertEqual(shown["tags"] as? [String], ["vip", "lead"])
    XCTAssertEqual(shown["companyId"] as? String, company)
    XCTAssertEqual((shown["address"] as? [String: Any])?["city"] as? String, "Berlin")
    XCTAssertTrue(isISO8601(shown["createdAt"]))
    XCTAssertEqual(shown["emailOptOut"] as? Bool, false)
    assertCamelCaseKeys(shown)
    XCTAssertEqual(try ids("contact", "list"), [id])
  }

  func testSearchByPrefix() throws {
    let ann = try add(
      "contact", "add", "--first", "Annabel", "--last", "Lee", "--email", "ann@x.io")
    let bob = try add("contact", "add", "--first", "Bob", "--last", "Stone", "--tag", "partner")
    XCTAssertEqual(try ids("contact", "list", "--search", "Anna"), [ann])
    XCTAssertEqual(try ids("contact", "list", "--search", "ann"), [ann], "case does not matter")
    XCTAssertEqual(try ids("contact", "list", "--search", "sto"), [bob])
    XCTAssertEqual(try ids("contact", "list", "--search", "partn"), [bob], "tags are searched")
    XCTAssertEqual(try ids("contact", "list", "--search", "zzz"), [])
  }

  func testSearchPagesLikeList() throws {
    var all: [String] = []
    for index in 0..<4 {
      all.append(try add("contact", "add", "--first", "Sam\(index)", "--last", "Miller"))
    }
    let found = try ids("contact", "list", "--search", "Miller")
    XCTAssertEqual(Set(found), Set(all))
    let first = try ids("contact", "list", "--search", "Miller", "--limit", "2")
    let second = try ids("contact", "list", "--search", "Miller", "--limit", "2", "--offset", "2")
    XCTAssertEqual(first.count, 2)
    XCTAssertEqual(second.count, 2)
    XCTAssertTrue(Set(first).isDisjoint(with: second), "--offset is honoured with --search")
  }

  func testSearchWithCompanyKeepsBothFilters() throws {
    try add("company", "add", "--name", "Acme")
    let inside = try add("contact", "add", "--first", "Kim", "--last", "Park", "--company", "Acme")
    try add("contact", "add", "--first", "Kim", "--last", "Lo")
    XCTAssertEqual(try ids("contact", "list", "--search", "Kim", "--company", "Acme"), [inside])
  }

  func testListByCompanyAndPaging() throws {
    try add("company", "add", "--name", "Acme")
    let a = try add("contact", "add", "--first", "A", "--company", "Acme")
    try add("contact", "add", "--first", "B")
    XCTAssertEqual(try ids("contact", "list", "--company", "Acme"), [a])
    let first = try ids("contact", "list", "--limit", "1")
    let second = try ids("contact", "list", "--limit", "1", "--offset", "1")
    XCTAssertEqual(first.count, 1)
    XCTAssertEqual(second.count, 1)
    XCTAssertNotEqual(first, second)
  }

  func testBadEmailRefusedNamingEmail() throws {
    try refused("contact", "add", "--first", "Bob", "--email", "nope", naming: "email", "nope")
    try refused(
      "contact", "add", "--first", "Bob", "--email", "work:a@x.io", "--email", "home:@y",
      naming: "email")
    XCTAssertEqual(try ids("contact", "list"), [])
  }

  func testNamelessContactRefused() throws {
    let message = try refused("contact", "add", "--email", "a@x.io")
    XCTAssertTrue(message.contains("name") || message.contains("first"), message)
  }

  func testUnknownCompanyRefused() throws {
    try refused("contact", "add", "--first", "Bob", "--company", "Nope", naming: "Nope")
  }

  func testEditReplacesListsAndClearsTitle() throws {
    let id = try add(
      "contact", "add", "--first", "Ann", "--title", "CEO", "--email", "a@x.io", "--tag", "x")
    try ok("contact", "edit", id, "--email", "home:new@x.io", "--title", "", "--last", "Lee")
    let shown = try contact(id)
    XCTAssertEqual(
      shown["emails"] as? [[String: String]], [["address": "new@x.io", "type": "home"]])
    XCTAssertTrue(shown["title"] is NSNull)
    XCTAssertEqual(shown["tags"] as? [String], ["x"], "unnamed fields stay")
    XCTAssertEqual(shown["name"] as? String, "Ann Lee")
    try refused("contact", "edit", id, "--email", "broken", naming: "email")
  }

  func testDeleteAndUndo() throws {
    let id = try add("contact", "add", "--first", "Ann")
    try refused("contact", "delete", id, naming: "--yes")
    try ok("contact", "delete", id, "--yes")
    try refused("contact", "show", id, naming: id)
    try ok("undo")
    XCTAssertEqual(try contact(id)["firstName"] as? String, "Ann")
  }
}

final class CompanyTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  func testAddShowList() throws {
    let id = try add(
      "company", "add", "--name", "Acme Corp", "--domain", "ACME.io", "--industry", "Tools",
      "--phone", "+49 30 1234", "--city", "Berlin", "--country", "DE")
    let shown = try jsonObject("company", "show", id)
    XCTAssertEqual(shown["name"] as? String, "Acme Corp")
    XCTAssertEqual(shown["domain"] as? String, "acme.io")
    XCTAssertEqual(shown["industry"] as? String, "Tools")
    XCTAssertEqual(shown["phone"] as? String, "+49 30 1234")
    XCTAssertEqual((shown["address"] as? [String: Any])?["country"] as? String, "DE")
    XCTAssertTrue(isISO8601(shown["createdAt"]))
    assertCamelCaseKeys(shown)
    XCTAssertEqual(try jsonObject("company", "show", "Acme Corp")["id"] as? String, id)
    XCTAssertEqual(try jsonArray("company", "list").compactMap { $0["id"] as? String }, [id])
    XCTAssertEqual(
      try jsonArray("company", "list", "--search", "acm").compactMap { $0["id"] as? String }, [id])
    XCTAssertTrue(try ok("company", "list").contains("Acme Corp"))
  }

  func testEdit() throws {
    let id = try add("company", "add", "--name", "Acme", "--industry", "Tools")
    try ok("company", "edit", "Acme", "--name", "Acme Group", "--industry", "")
    let shown = try jsonObject("company", "show", id)
    XCTAssertEqual(shown["name"] as? String, "Acme Group")
    XCTAssertTrue(shown["industry"] is NSNull)
    try refused("company", "edit", id, "--name", "", naming: "name")
  }

  func testRefusals() throws {
    try refused("company", "add", "--domain", "x.io", naming: "name")
    try refused("company", "add", "--name", "  ", naming: "name")
    try refused("company", "show", "Nope", naming: "Nope")
    try refused("company", "edit", "Nope", "--industry", "X", naming: "Nope")
  }

  func testPaging() throws {
    for name in ["A", "B", "C"] { try add("company", "add", "--name", name) }
    let first = try jsonArray("company", "list", "--limit", "2").compactMap { $0["id"] as? String }
    let rest = try jsonArray("company", "list", "--offset", "2").compactMap { $0["id"] as? String }
    XCTAssertEqual(first.count, 2)
    XCTAssertEqual(rest.count, 1)
    XCTAssertTrue(Set(first).isDisjoint(with: rest))
  }

  func testSearchHonoursOffset() throws {
    for name in ["Nordic Foods", "Nordic Steel", "Nordic Air"] {
      try add("company", "add", "--name", name)
    }
    let all = try jsonArray("company", "list", "--search", "nord").compactMap {
      $0["id"] as? String
    }
    XCTAssertEqual(all.count, 3)
    let page = try jsonArray("company", "list", "--search", "nord", "--limit", "2", "--offset", "1")
      .compactMap { $0["id"] as? String }
    XCTAssertEqual(page, Array(all.dropFirst()))
  }

  func testDealShowsCompanyByName() throws {
    let company = try add("company", "add", "--name", "Acme")
    let deal = try add("deal", "add", "--title", "D", "--company", "Acme")
    let shown = try jsonObject("deal", "show", deal)
    XCTAssertEqual(shown["companyId"] as? String, company)
    XCTAssertEqual(shown["company"] as? String, "Acme")
  }

  func testDeleteAndUndo() throws {
    let id = try add("company", "add", "--name", "Acme")
    try refused("company", "delete", id, naming: "--yes")
    try ok("company", "delete", id, "--yes")
    XCTAssertEqual(try jsonArray("company", "list").count, 0)
    try ok("undo")
    XCTAssertEqual(try jsonArray("company", "list").count, 1)
  }
}
