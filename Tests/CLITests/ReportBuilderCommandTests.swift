import Foundation
import XCTest

/// `crm report save|run|list|delete`: the report builder from the shell.
final class ReportBuilderCommandTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
    try add("deal", "add", "--title", "Alpha", "--value", "1000", "--currency", "EUR")
    try add("deal", "add", "--title", "Zeta", "--value", "400", "--currency", "EUR")
    try add("deal", "add", "--title", "Eta", "--value", "300", "--currency", "USD")
    let beta = try add("deal", "add", "--title", "Beta", "--value", "2000", "--currency", "EUR")
    try ok("deal", "move", beta, "--stage", "Proposal")
  }

  func testSaveRunAndListAReport() throws {
    try add(
      "report", "save", "By stage", "--entity", "deals", "--group", "stage", "--measure", "count",
      "--measure", "sum:value")
    XCTAssertEqual(
      try ok("report", "run", "By stage", "--csv").components(separatedBy: "\r\n"),
      [
        "stage,currency,count,sum:value", "Qualification,EUR,2,1400.00",
        "Qualification,USD,1,300.00", "Proposal,EUR,1,2000.00",
      ])
    let json = try jsonObject("report", "run", "By stage")
    let rows = try XCTUnwrap(json["rows"] as? [[String: Any]])
    XCTAssertEqual(rows.first?["group"] as? String, "Qualification")
    let sum = (rows.first?["values"] as? [String: Any])?["sum:value"] as? [String: Any]
    XCTAssertEqual(sum?["amount"] as? String, "1400.00")
    let list = try jsonArray("report", "list")
    XCTAssertEqual(list.map { $0["name"] as? String }, ["By stage"])
    let table = try ok("report", "list")
    XCTAssertTrue(table.contains("By stage") && table.contains("sum:value"), table)
  }

  func testRunWithoutSavingAndFilters() throws {
    let out = try ok(
      "report", "run", "--entity", "deals", "--filter", "value>=1000 EUR", "--csv")
    XCTAssertEqual(out.components(separatedBy: "\r\n"), ["all,count", "all,2"])
  }

  func testReplaceAndDelete() throws {
    try add("report", "save", "R", "--entity", "deals")
    let again = try cli.run(["report", "save", "R", "--entity", "contacts"])
    XCTAssertEqual(again.status, 1)
    XCTAssertTrue(again.stderr.contains("--replace"), again.stderr)
    try add("report", "save", "R", "--entity", "contacts", "--replace")
    XCTAssertEqual(
      (try jsonArray("report", "list").first?["definition"] as? [String: Any])?["entity"]
        as? String, "contacts")
    try ok("report", "delete", "R")
    XCTAssertEqual(try jsonArray("report", "list").count, 0)
    try ok("undo")
    XCTAssertEqual(try jsonArray("report", "list").count, 1)
  }

  func testBadDefinitionsAreRefusedNamingWhatIsWrong() throws {
    for (args, needle) in [
      (["report", "save", "X", "--entity", "deal"], "entity"),
      (["report", "save", "X", "--entity", "deals", "--filter", "colour=red"], "colour"),
      (["report", "save", "X", "--entity", "deals", "--filter", "value>1000"], "currency"),
      (["report", "save", "X", "--entity", "deals", "--filter", "stage=Porposal"], "Porposal"),
      (["report", "save", "X", "--entity", "deals", "--group", "title"], "group"),
      (["report", "save", "X", "--entity", "deals", "--measure", "sum:title"], "number"),
      (["report", "save", "X", "--group", "stage"], "--entity"),
      (["report", "run", "Nope"], "Nope"),
    ] {
      let result = try cli.run(args)
      XCTAssertNotEqual(result.status, 0, "\(args)")
      XCTAssertEqual(result.errLines.count, 1, "\(args): \(result.stderr)")
      XCTAssertTrue(result.stderr.contains(needle), "\(args): \(result.stderr)")
    }
    XCTAssertEqual(try jsonArray("report", "list").count, 0)
  }
}
