import Foundation
import XCTest

final class InitTests: CLITestCase {
  func testInitCreatesDefaultPipeline() throws {
    let output = try ok("init")
    XCTAssertTrue(output.contains(cli.database), output)
    XCTAssertTrue(FileManager.default.fileExists(atPath: cli.database))
    let stages = try jsonArray("stage", "list")
    XCTAssertEqual(
      stages.compactMap { $0["name"] as? String },
      ["Qualification", "Contact made", "Proposal", "Negotiation", "Won", "Lost"])
    XCTAssertEqual(
      stages.compactMap { $0["kind"] as? String }, ["open", "open", "open", "open", "won", "lost"])
    let pipelines = try jsonArray("pipeline", "list")
    XCTAssertEqual(pipelines.count, 1)
    XCTAssertEqual(try jsonArray("deal", "list").count, 0)
    XCTAssertEqual(try jsonArray("user", "list").count, 1)
  }

  func testInitTwiceIsHarmless() throws {
    try ok("init")
    let before = try logSnapshot()
    let second = try ok("init")
    XCTAssertTrue(second.contains("already"), second)
    XCTAssertEqual(try logSnapshot(), before)
    XCTAssertEqual(try jsonArray("pipeline", "list").count, 1)
  }

  func testFirstUseSetsUpDatabaseWithoutInit() throws {
    XCTAssertEqual(try jsonArray("stage", "list").count, 6)
  }

  func testDemo() throws {
    try ok("init", "--demo")
    let deals = try jsonArray("deal", "list")
    XCTAssertGreaterThanOrEqual(deals.count, 40)
    XCTAssertGreaterThanOrEqual(Set(deals.compactMap { $0["currency"] as? String }).count, 2)
    XCTAssertEqual(try jsonArray("pipeline", "list").count, 2)
    XCTAssertEqual(try jsonArray("user", "list").count, 4)
    XCTAssertGreaterThan(try jsonArray("contact", "list").count, 0)
    XCTAssertGreaterThan(try jsonArray("company", "list").count, 0)
    XCTAssertGreaterThan(try jsonArray("activity", "list", "--all").count, 0)
    // Deals sit in both pipelines, and every deal's currency and value are well-formed.
    XCTAssertEqual(Set(deals.compactMap { $0["pipeline"] as? String }).count, 2)
    for deal in deals {
      let value = deal["value"] as? String ?? ""
      XCTAssertNotNil(value.range(of: "^[0-9]+(\\.[0-9]+)?$", options: .regularExpression), value)
    }
  }

  func testDemoOnDatabaseWithRecordsIsRefused() throws {
    try ok("init")
    try add("deal", "add", "--title", "Mine")
    try refused("init", "--demo", naming: "demo")
    XCTAssertEqual(try jsonArray("deal", "list").count, 1)
    XCTAssertEqual(try jsonArray("pipeline", "list").count, 1)
  }

  func testDemoTwiceIsRefused() throws {
    try ok("init", "--demo")
    let before = try jsonArray("deal", "list").count
    try refused("init", "--demo", naming: "demo")
    XCTAssertEqual(try jsonArray("deal", "list").count, before)
  }

  func testDemoAfterPlainInitIsAllowed() throws {
    try ok("init")
    try ok("init", "--demo")
    XCTAssertGreaterThanOrEqual(try jsonArray("deal", "list").count, 40)
  }

  func testRootHelpListsTheNouns() throws {
    let help = try ok("--help")
    for noun in [
      "init", "pipeline", "stage", "deal", "contact", "company", "activity", "note", "user",
      "undo", "redo", "log",
    ] {
      XCTAssertNotNil(
        help.range(of: "\\n  \(noun) ", options: .regularExpression), "crm --help lacks \(noun)")
    }
    XCTAssertTrue(help.contains("--db"))
    XCTAssertTrue(help.contains("CRM_DB"))
  }

  func testEverySubcommandHasHelp() throws {
    for noun in ["pipeline", "stage", "deal", "contact", "company", "activity", "note", "user"] {
      let help = try ok(noun, "--help")
      XCTAssertTrue(help.contains("SUBCOMMANDS"), "\(noun) --help")
      XCTAssertTrue(help.contains("list"), "\(noun) --help")
    }
  }

  func testUnknownCommandIsOneLineNamingIt() throws {
    try ok("init")
    try refused("deal", "frobnicate", naming: "frobnicate")
    try refused("deal", "add", "--titel", "X", naming: "--titel")
  }

  func testLogJSON() throws {
    try ok("init")
    let id = try add("deal", "add", "--title", "Logged")
    let entries = try jsonArray("log", id)
    XCTAssertFalse(entries.isEmpty)
    XCTAssertTrue(entries.allSatisfy { $0["recordId"] as? String == id })
    XCTAssertTrue(
      entries.contains { $0["field"] as? String == "title" && $0["value"] as? String == "Logged" })
    assertCamelCaseKeys(entries)
  }
}
