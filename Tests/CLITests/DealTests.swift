import Foundation
import XCTest

final class DealTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  private func deal(_ id: String) throws -> [String: Any] { try jsonObject("deal", "show", id) }

  // MARK: add and JSON

  func testAddPrintsOnlyTheNewID() throws {
    let id = try add("deal", "add", "--title", "Website relaunch", "--value", "1234.56")
    let listed = try jsonArray("deal", "list")
    XCTAssertEqual(listed.map { $0["id"] as? String }, [id])
  }

  func testJSONKeysAndTypes() throws {
    let id = try add(
      "deal", "add", "--title", "Fleet", "--value", "1234.56", "--currency", "EUR", "--close",
      "2030-03-31", "--priority", "high")
    let listed = try XCTUnwrap(try jsonArray("deal", "list").first)
    let shown = try deal(id)
    for object in [listed, shown] {
      XCTAssertEqual(object["id"] as? String, id)
      XCTAssertEqual(object["title"] as? String, "Fleet")
      XCTAssertEqual(object["value"] as? String, "1234.56")
      XCTAssertEqual(object["currency"] as? String, "EUR")
      XCTAssertEqual(object["priority"] as? String, "high")
      XCTAssertEqual(object["closeDate"] as? String, "2030-03-31")
      XCTAssertEqual(object["stage"] as? String, "Qualification")
      XCTAssertEqual(object["pipeline"] as? String, "Sales")
      XCTAssertEqual(object["status"] as? String, "open")
      XCTAssertTrue(isUUIDv7(object["stageId"] as? String ?? ""))
      XCTAssertTrue(isUUIDv7(object["pipelineId"] as? String ?? ""))
      for key in ["createdAt", "updatedAt", "stageChangedAt"] {
        let text = try XCTUnwrap(object[key] as? String, key)
        XCTAssertNotNil(ISO8601DateFormatter().date(from: text), "\(key) \(text) is not ISO 8601")
      }
      assertCamelCaseKeys(object)
      XCTAssertTrue(object["lostReason"] is NSNull, "absent fields are null, not missing")
    }
    // The ids in the deal match the stage list.
    let stages = try jsonArray("stage", "list")
    let qualification = stages.first { $0["name"] as? String == "Qualification" }
    XCTAssertEqual(qualification?["id"] as? String, shown["stageId"] as? String)
    XCTAssertEqual(qualification?["pipelineId"] as? String, shown["pipelineId"] as? String)
    // Stable keys: the list and show objects share every list key.
    XCTAssertTrue(Set(listed.keys).isSubset(of: Set(shown.keys)))
    XCTAssertTrue(
      Set(["stageHistory", "contacts", "notes", "activities"]).isSubset(of: Set(shown.keys)))
  }

  func testJSONOutputIsStableFromRunToRun() throws {
    let id = try add("deal", "add", "--title", "Stable", "--value", "5")
    XCTAssertEqual(
      try ok("deal", "show", id, "--json"), try ok("deal", "show", id, "--json"))
  }

  // MARK: money

  func testValueWithAndWithoutGroupingIsTheSameAmount() throws {
    let a = try add("deal", "add", "--title", "A", "--value", "1,234.56", "--currency", "USD")
    let b = try add("deal", "add", "--title", "B", "--value", "1234.56", "--currency", "USD")
    XCTAssertEqual(try deal(a)["value"] as? String, "1234.56")
    XCTAssertEqual(try deal(b)["value"] as? String, "1234.56")
  }

  func testWholeNumberGetsTheCurrencysDecimals() throws {
    let id = try add("deal", "add", "--title", "A", "--value", "10", "--currency", "USD")
    XCTAssertEqual(try deal(id)["value"] as? String, "10.00")
  }

  func testJPYHasNoDecimals() throws {
    let id = try add("deal", "add", "--title", "Tokyo", "--value", "1,000", "--currency", "JPY")
    let shown = try deal(id)
    XCTAssertEqual(shown["value"] as? String, "1000")
    XCTAssertEqual(shown["currency"] as? String, "JPY")
    try refused(
      "deal", "add", "--title", "Tokyo", "--value", "1000.5", "--currency", "JPY",
      naming: "value")
  }

  func testTooManyDecimalsRefusedNamingValue() throws {
    try refused(
      "deal", "add", "--title", "X", "--value", "12.345", "--currency", "EUR", naming: "value")
  }

  func testUnknownCurrencyRefusedNamingCurrency() throws {
    try refused("deal", "add", "--title", "X", "--currency", "XYZ", naming: "currency", "XYZ")
    try refused(
      "deal", "add", "--title", "X", "--value", "5", "--currency", "XYZ", naming: "currency")
  }

  func testNegativeValueRefused() throws {
    // `--value -5` looks like an option to the parser; `--value=-5` reaches the money rule.
    try refused("deal", "add", "--title", "X", "--value", "-5", naming: "value")
    try refused("deal", "add", "--title", "X", "--value=-5", naming: "value")
    XCTAssertEqual(try jsonArray("deal", "list").count, 0)
  }

  func testGarbageValueRefused() throws {
    try refused("deal", "add", "--title", "X", "--value", "abc", naming: "value", "abc")
  }

  func testEditValueKeepsCurrencyAndChangingCurrencyRechecksDecimals() throws {
    let id = try add("deal", "add", "--title", "X", "--value", "12.50", "--currency", "EUR")
    try ok("deal", "edit", id, "--value", "99")
    XCTAssertEqual(try deal(id)["value"] as? String, "99.00")
    XCTAssertEqual(try deal(id)["currency"] as? String, "EUR")
    try refused("deal", "edit", id, "--value", "1.5", "--currency", "JPY", naming: "value")
    // Only --currency: the amount stays when the new currency can hold it.
    try ok("deal", "edit", id, "--currency", "JPY")
    XCTAssertEqual(try deal(id)["value"] as? String, "99")
    XCTAssertEqual(try deal(id)["currency"] as? String, "JPY")
    try ok("deal", "edit", id, "--currency", "USD")
    XCTAssertEqual(try deal(id)["value"] as? String, "99.00")
    let cents = try add("deal", "add", "--title", "C", "--value", "12.50", "--currency", "EUR")
    try refused("deal", "edit", cents, "--currency", "JPY", naming: "currency", "JPY")
  }

  // MARK: required fields

  func testTitleRequiredAndNotBlank() throws {
    try refused("deal", "add", "--value", "5", naming: "title")
    try refused("deal", "add", "--title", "  ", naming: "title")
  }

  func testUnknownStageOrPipelineRefusedNamingIt() throws {
    try refused("deal", "add", "--title", "X", "--stage", "Nowhere", naming: "Nowhere")
    try refused("deal", "add", "--title", "X", "--pipeline", "Nowhere", naming: "Nowhere")
  }

  func testBadPriorityAndCloseDateRefused() throws {
    try refused("deal", "add", "--title", "X", "--priority", "asap", naming: "priority")
    try refused("deal", "add", "--title", "X", "--close", "31/12/2030", naming: "close")
  }

  func testAddIntoStageAndPipelineByName() throws {
    try ok("pipeline", "add", "Partners", "--stages", "Lead,Pilot")
    let id = try add("deal", "add", "--title", "P", "--pipeline", "Partners", "--stage", "Pilot")
    let shown = try deal(id)
    XCTAssertEqual(shown["pipeline"] as? String, "Partners")
    XCTAssertEqual(shown["stage"] as? String, "Pilot")
  }

  // MARK: ids

  func testUniquePrefixWorks() throws {
    let a = try add("deal", "add", "--title", "A")
    let b = try add("deal", "add", "--title", "B")
    let prefix = try XCTUnwrap(uniquePrefix(of: b, among: [a, b]))
    XCTAssertLessThan(prefix.count, b.count)
    XCTAssertEqual(try deal(prefix)["id"] as? String, b)
    try ok("deal", "edit", prefix, "--title", "B2")
    XCTAssertEqual(try deal(b)["title"] as? String, "B2")
  }

  func testAmbiguousPrefixIsAnErrorNamingIt() throws {
    let a = try add("deal", "add", "--title", "A")
    let b = try add("deal", "add", "--title", "B")
    let shared = String(zip(a, b).prefix { $0 == $1 }.map(\.0))
    XCTAssertFalse(shared.isEmpty, "ids made one after the other share their time prefix")
    let message = try refused("deal", "show", shared, naming: shared)
    XCTAssertTrue(message.contains(a) && message.contains(b), message)
    try refused("deal", "edit", shared, "--title", "Z", naming: shared)
  }

  func testUnknownIDIsAnErrorNamingIt() throws {
    try add("deal", "add", "--title", "A")
    try refused("deal", "show", "ffffffff", naming: "ffffffff")
    try refused("deal", "move", "ffffffff", "--stage", "Won", naming: "ffffffff")
    try refused("deal", "delete", "ffffffff", "--yes", naming: "ffffffff")
  }

  // MARK: paging and filters

  func testLimitAndOffsetGiveDisjointPages() throws {
    var ids: [String] = []
    for index in 0..<7 { ids.append(try add("deal", "add", "--title", "Deal \(index)")) }
    let all = try jsonArray("deal", "list").compactMap { $0["id"] as? String }
    XCTAssertEqual(Set(all), Set(ids))
    let first = try jsonArray("deal", "list", "--limit", "3").compactMap { $0["id"] as? String }
    let second = try jsonArray("deal", "list", "--limit", "3", "--offset", "3").compactMap {
      $0["id"] as? String
    }
    let third = try jsonArray("deal", "list", "--limit", "3", "--offset", "6").compactMap {
      $0["id"] as? String
    }
    XCTAssertEqual(first.count, 3)
    XCTAssertEqual(second.count, 3)
    XCTAssertEqual(third.count, 1)
    XCTAssertTrue(Set(first).isDisjoint(with: second))
    XCTAssertEqual(first + second + third, all, "pages follow list order")
    XCTAssertEqual(try jsonArray("deal", "list", "--offset", "7").count, 0)
  }

  func testNegativeLimitRefused() throws {
    try refused("deal", "list", "--limit=-1", naming: "limit")
    try refused("deal", "list", "--offset=-1", naming: "offset")
  }

  func testListFilters() throws {
    let won = try add("deal", "add", "--title", "W", "--stage", "Won")
    try add("deal", "add", "--title", "O")
    XCTAssertEqual(
      try jsonArray("deal", "list", "--status", "won").compactMap { $0["id"] as? String }, [won])
    XCTAssertEqual(
      try jsonArray("deal", "list", "--stage", "Won").compactMap { $0["id"] as? String }, [won])
    XCTAssertEqual(try jsonArray("deal", "list", "--status", "open").count, 1)
    try refused("deal", "list", "--status", "closed", naming: "status")
  }

  // MARK: moving

  func testMoveRecordsStageHistory() throws {
    let id = try add("deal", "add", "--title", "Mover")
    XCTAssertEqual((try deal(id)["stageHistory"] as? [Any])?.count, 1)
    try ok("deal", "move", id, "--stage", "Proposal")
    let shown = try deal(id)
    XCTAssertEqual(shown["stage"] as? String, "Proposal")
    let history = try XCTUnwrap(shown["stageHistory"] as? [[String: Any]])
    XCTAssertEqual(history.count, 2)
    let last = try XCTUnwrap(history.last)
    XCTAssertEqual(last["fromStage"] as? String, "Qualification")
    XCTAssertEqual(last["toStage"] as? String, "Proposal")
    XCTAssertEqual(last["toStageId"] as? String, shown["stageId"] as? String)
    XCTAssertNotNil(ISO8601DateFormatter().date(from: last["at"] as? String ?? ""))
    XCTAssertTrue(history.first?["fromStage"] is NSNull)
  }

  func testMoveToLostNeedsReason() throws {
    let id = try add("deal", "add", "--title", "Goner")
    try refused("deal", "move", id, "--stage", "Lost", naming: "lostReason")
    XCTAssertEqual(try deal(id)["stage"] as? String, "Qualification")
    try ok("deal", "move", id, "--stage", "Lost", "--reason", "Too expensive")
    let shown = try deal(id)
    XCTAssertEqual(shown["stage"] as? String, "Lost")
    XCTAssertEqual(shown["status"] as? String, "lost")
    XCTAssertEqual(shown["lostReason"] as? String, "Too expensive")
  }

  func testEditStageMovesInOneChange() throws {
    let id = try add("deal", "add", "--title", "Edit", "--value", "10")
    try ok("deal", "edit", id, "--stage", "Negotiation", "--value", "20")
    let shown = try deal(id)
    XCTAssertEqual(shown["stage"] as? String, "Negotiation")
    XCTAssertEqual(shown["value"] as? String, "20.00")
    XCTAssertEqual((shown["stageHistory"] as? [Any])?.count, 2)
    // One undo takes back both the move and the value.
    try ok("undo")
    let undone = try deal(id)
    XCTAssertEqual(undone["stage"] as? String, "Qualification")
    XCTAssertEqual(undone["value"] as? String, "10.00")
  }

  func testEditToLostStageNeedsReason() throws {
    let id = try add("deal", "add", "--title", "Edit")
    try refused("deal", "edit", id, "--stage", "Lost", naming: "lostReason")
    try ok("deal", "edit", id, "--stage", "Lost", "--reason", "No budget")
    XCTAssertEqual(try deal(id)["lostReason"] as? String, "No budget")
  }

  func testMoveToUnknownStageRefused() throws {
    let id = try add("deal", "add", "--title", "Stay")
    try refused("deal", "move", id, "--stage", "Limbo", naming: "Limbo")
  }

  // MARK: delete, undo, redo

  func testDeleteWithoutYesFromNonTerminalIsRefused() throws {
    let id = try add("deal", "add", "--title", "Keep me")
    let message = try refused("deal", "delete", id, naming: "--yes")
    XCTAssertTrue(message.contains("Keep me"), "names the deal as written: \(message)")
    try refused("deal", "delete", id, naming: "--yes", stdin: "y\n")
    XCTAssertEqual(try deal(id)["title"] as? String, "Keep me")
  }

  func testDeleteUndoRedo() throws {
    let id = try add("deal", "add", "--title", "Doomed", "--value", "7")
    try ok("deal", "delete", id, "--yes")
    try refused("deal", "show", id, naming: id)
    XCTAssertEqual(try jsonArray("deal", "list").count, 0)

    XCTAssertTrue(try ok("undo").contains("delete"))
    let back = try deal(id)
    XCTAssertEqual(back["title"] as? String, "Doomed")
    XCTAssertEqual(back["value"] as? String, "7.00")

    XCTAssertTrue(try ok("redo").contains("delete"))
    try refused("deal", "show", id, naming: id)
    try refused("redo", naming: "redo")
  }

  func testUndoCannotTakeBackTheSetUp() throws {
    try refused("undo", naming: "undo")
    try refused("redo", naming: "redo")
    let id = try add("deal", "add", "--title", "Only")
    try ok("undo")
    try refused("deal", "show", id, naming: id)
    try refused("undo", naming: "undo")
    XCTAssertEqual(try jsonArray("stage", "list").count, 6, "the default pipeline stays")
    try add("deal", "add", "--title", "Still works")
  }

  func testShortYesFlag() throws {
    let id = try add("deal", "add", "--title", "Doomed")
    try ok("deal", "delete", id, "-y")
    XCTAssertEqual(try jsonArray("deal", "list").count, 0)
  }

  // MARK: contacts on deals

  func testLinkContact() throws {
    let contact = try add("contact", "add", "--first", "Ann", "--last", "Lee")
    let id = try add("deal", "add", "--title", "Linked", "--contact", contact)
    let contacts = try XCTUnwrap(try deal(id)["contacts"] as? [[String: Any]])
    XCTAssertEqual(contacts.first?["id"] as? String, contact)
    XCTAssertEqual(contacts.first?["name"] as? String, "Ann Lee")
  }

  // MARK: help

  func testDealAddHelpMentionsItsFlags() throws {
    let help = try ok("deal", "add", "--help")
    for flag in ["--title", "--value", "--currency", "--pipeline", "--stage"] {
      XCTAssertTrue(help.contains(flag), "deal add --help lacks \(flag)")
    }
  }

  private func uniquePrefix(of id: String, among ids: [String]) -> String? {
    for length in 1...id.count {
      let prefix = String(id.prefix(length))
      if ids.filter({ $0.hasPrefix(prefix) }).count == 1 { return prefix }
    }
    return nil
  }
}
