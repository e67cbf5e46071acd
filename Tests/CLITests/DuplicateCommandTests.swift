import Foundation
import XCTest

/// `crm contact duplicates|merge` and `crm company duplicates|merge` as a script sees them.
final class DuplicateCommandTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  func testContactDuplicatesListsEachPairWithItsReasons() throws {
    try add("company", "add", "--name", "Acme")
    let ann = try add(
      "contact", "add", "--first", "Ann", "--last", "Lee", "--email", "Ann@Acme.com",
      "--phone", "+44 20 7946 0000", "--company", "Acme")
    let annie = try add(
      "contact", "add", "--first", "ann", "--last", "lee", "--email", "ann@acme.COM",
      "--phone", "+442079460000", "--company", "Acme")
    try add("contact", "add", "--first", "Bob", "--phone", "+1 555 0100")

    let pairs = try jsonArray("contact", "duplicates")
    XCTAssertEqual(pairs.count, 1)
    XCTAssertEqual((pairs[0]["a"] as? [String: Any])?["id"] as? String, ann)
    XCTAssertEqual((pairs[0]["b"] as? [String: Any])?["id"] as? String, annie)
    let reasons = try XCTUnwrap(pairs[0]["reasons"] as? [[String: String]])
    XCTAssertEqual(reasons.map { $0["kind"] }, ["email", "phone", "nameAtCompany"])
    XCTAssertEqual(reasons[0]["value"], "ann@acme.com")
    XCTAssertEqual(reasons[1]["value"], "+442079460000")
    assertCamelCaseKeys(pairs)

    let table = try ok("contact", "duplicates")
    XCTAssertTrue(table.contains(ann) && table.contains(annie), table)
    XCTAssertTrue(table.contains("name at Acme"), table)
  }

  func testMergeNeedsYesOffATerminalAndThenMovesEverything() throws {
    let ann = try add("contact", "add", "--first", "Ann", "--email", "ann@acme.com")
    let annie = try add(
      "contact", "add", "--first", "Annie", "--last", "Lee", "--email", "annie@home.net",
      "--tag", "vip")
    let deal = try add("deal", "add", "--title", "Fleet")
    try ok("deal", "link", deal, "--contact", annie, "--role", "champion")
    let note = try add("note", "add", "--body", "Met Annie", "--contact", annie)

    try refused("contact", "merge", ann, annie, naming: "--yes")
    XCTAssertEqual(
      try ok("contact", "merge", ann, annie, "--yes", "--take-from-removed", "firstName"), ann)

    let shown = try jsonObject("contact", "show", ann)
    XCTAssertEqual(shown["name"] as? String, "Annie Lee")
    XCTAssertEqual((shown["emails"] as? [[String: String]])?.count, 2)
    XCTAssertEqual(shown["tags"] as? [String], ["vip"])
    let links = try XCTUnwrap(jsonObject("deal", "show", deal)["contacts"] as? [[String: Any]])
    XCTAssertEqual(links.map { $0["id"] as? String }, [ann])
    XCTAssertEqual(links.first?["role"] as? String, "champion")
    XCTAssertEqual(try jsonObject("note", "show", note)["contactId"] as? String, ann)
    try refused("contact", "show", annie, naming: annie)

    try ok("undo")
    XCTAssertEqual(try jsonObject("contact", "show", annie)["name"] as? String, "Annie Lee")
    XCTAssertEqual(try jsonObject("note", "show", note)["contactId"] as? String, annie)
    XCTAssertEqual(try jsonObject("contact", "show", ann)["name"] as? String, "Ann")
  }

  func testMergeRefusalsNameTheArgument() throws {
    let ann = try add("contact", "add", "--first", "Ann")
    try refused("contact", "merge", ann, ann, "--yes", naming: "remove", ann)
    try refused("contact", "merge", "ffff", ann, "--yes", naming: "ffff")
    try refused("contact", "merge", ann, "eeee", "--yes", naming: "eeee")
    try refused(
      "contact", "merge", ann, ann, "--yes", "--take-from-removed", "shoeSize",
      naming: "shoeSize")
    try refused("company", "merge", "Nope", "Nobody", "--yes", naming: "Nope")
  }

  func testCompanyDuplicatesAndMerge() throws {
    let acme = try add("company", "add", "--name", "Acme Inc", "--domain", "acme.com")
    let dup = try add("company", "add", "--name", "ACME, Inc.", "--industry", "Rockets")
    try add("company", "add", "--name", "Globex", "--domain", "globex.com")
    let ann = try add("contact", "add", "--first", "Ann", "--company", dup)

    let pairs = try jsonArray("company", "duplicates")
    XCTAssertEqual(pairs.count, 1)
    XCTAssertEqual((pairs[0]["b"] as? [String: Any])?["id"] as? String, dup)
    XCTAssertEqual(
      pairs[0]["reasons"] as? [[String: String]], [["kind": "name", "value": "acme"]])

    try refused("company", "merge", acme, dup, naming: "--yes")
    XCTAssertEqual(try ok("company", "merge", acme, dup, "--yes"), acme)
    XCTAssertEqual(try jsonObject("company", "show", acme)["industry"] as? String, "Rockets")
    XCTAssertEqual(try jsonObject("contact", "show", ann)["companyId"] as? String, acme)
    XCTAssertEqual(try jsonArray("company", "duplicates").count, 0)
    try ok("undo")
    XCTAssertEqual(try jsonObject("contact", "show", ann)["companyId"] as? String, dup)
  }
}
