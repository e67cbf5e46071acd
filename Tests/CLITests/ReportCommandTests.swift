import Foundation
import XCTest

/// `crm report ...` on a small pipeline whose figures are known.
final class ReportCommandTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
    // Qualification: 1000 EUR + 400 EUR + 300 USD; Proposal: 2000 EUR; Won: 3000 EUR.
    try add("deal", "add", "--title", "Alpha", "--value", "1000", "--currency", "EUR")
    try add("deal", "add", "--title", "Zeta", "--value", "400", "--currency", "EUR")
    try add("deal", "add", "--title", "Eta", "--value", "300", "--currency", "USD")
    let beta = try add("deal", "add", "--title", "Beta", "--value", "2000", "--currency", "EUR")
    try ok("deal", "move", beta, "--stage", "Proposal")
    let delta = try add("deal", "add", "--title", "Delta", "--value", "3000", "--currency", "EUR")
    try ok("deal", "move", delta, "--stage", "Won")
  }

  private func stages() throws -> [[String: Any]] {
    try XCTUnwrap(jsonObject("report", "pipeline")["stages"] as? [[String: Any]])
  }

  private func money(_ value: Any?) -> [String] {
    (value as? [[String: Any]] ?? []).map { "\($0["amount"]!) \($0["currency"]!)" }
  }

  func testPipelineJSONPerStageAndCurrency() throws {
    let report = try jsonObject("report", "pipeline")
    XCTAssertEqual((report["pipeline"] as? [String: Any])?["name"] as? String, "Sales")
    XCTAssertTrue(report["conversion"] is NSNull)
    let stages = try XCTUnwrap(report["stages"] as? [[String: Any]])
    XCTAssertEqual(
      stages.map { $0["name"] as? String },
      ["Qualification", "Contact made", "Proposal", "Negotiation", "Won", "Lost"])
    XCTAssertEqual(stages.map { $0["count"] as? Int }, [3, 0, 1, 0, 1, 0])
    XCTAssertEqual(money(stages[0]["total"]), ["1400.00 EUR", "300.00 USD"])
    XCTAssertEqual(money(stages[0]["weighted"]), ["140.00 EUR", "30.00 USD"])
    XCTAssertEqual(money(stages[2]["weighted"]), ["1000.00 EUR"])
    XCTAssertTrue(stages[0]["convertedTotal"] is NSNull)
    let funnel = try XCTUnwrap(report["funnel"] as? [[String: Any]])
    // Beta skipped Contact made, Delta went straight to Won: both passed every earlier step.
    XCTAssertEqual(funnel.map { $0["reached"] as? Int }, [5, 2, 2, 1, 1])
  }

  func testRatesFromTheConfigAddAConvertedTotalAndSaySo() throws {
    let config = cli.directory.appendingPathComponent("config/crm")
    try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
    try "[rates]\nbase = \"EUR\"\nUSD = \"0.9\"\n".write(
      to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    let report = try jsonObject("report", "pipeline")
    let conversion = try XCTUnwrap(report["conversion"] as? [String: Any])
    XCTAssertEqual(conversion["base"] as? String, "EUR")
    let stages = try XCTUnwrap(report["stages"] as? [[String: Any]])
    let converted = try XCTUnwrap(stages[0]["convertedTotal"] as? [String: Any])
    XCTAssertEqual(converted["amount"] as? String, "1670.00")
    // The per-currency totals are still there.
    XCTAssertEqual(money(stages[0]["total"]), ["1400.00 EUR", "300.00 USD"])
    let table = try ok("report", "pipeline")
    XCTAssertTrue(table.contains("1400.00 EUR + 300.00 USD (≈ 1670.00 EUR)"), table)
    XCTAssertTrue(table.contains("converted to EUR"), table)
  }

  func testABadRateIsAnErrorNamingIt() throws {
    let config = cli.directory.appendingPathComponent("config/crm")
    try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
    try "[rates]\nbase = \"EUR\"\nUSD = \"lots\"\n".write(
      to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
    let result = try crm("report", "pipeline")
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("rates.USD"), result.stderr)
  }

  func testPipelineCSVHasARowPerStageAndCurrency() throws {
    let lines = try ok("report", "pipeline", "--csv").components(separatedBy: "\r\n")
    XCTAssertEqual(
      lines[0], "stage,count,currency,total,weighted,rotting,averageDaysInStage,reached,conversion")
    XCTAssertTrue(lines[1].hasPrefix("Qualification,2,EUR,1400.00,140.00,0,"), lines[1])
    XCTAssertTrue(lines[2].hasPrefix("Qualification,1,USD,300.00,30.00,0,"), lines[2])
    XCTAssertTrue(lines[3].hasPrefix("Contact made,0,,,,0,"), lines[3])
  }

  func testForecastPerformanceAndActivities() throws {
    let today = ISO8601DateFormatter.string(
      from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
    try add(
      "deal", "add", "--title", "Soon", "--value", "100", "--currency", "USD", "--close", today)
    let forecast = try jsonObject("report", "forecast")
    let months = try XCTUnwrap(forecast["months"] as? [[String: Any]])
    XCTAssertEqual(months.count, 6)
    XCTAssertEqual(months[0]["month"] as? String, String(today.prefix(7)))
    XCTAssertEqual(money(months[0]["expected"]), ["100.00 USD"])
    XCTAssertEqual(money(months[0]["weighted"]), ["10.00 USD"])
    XCTAssertEqual(money(forecast["won"]), ["3000.00 EUR"])

    let performance = try jsonObject("report", "performance", "--period", "year")
    let owners = try XCTUnwrap(performance["owners"] as? [[String: Any]])
    XCTAssertEqual(owners.count, 1)
    XCTAssertEqual(owners[0]["won"] as? Int, 1)
    XCTAssertEqual(money(owners[0]["wonValue"]), ["3000.00 EUR"])

    try add("activity", "add", "--kind", "task", "--title", "Call back", "--due", "2020-01-01")
    let activities = try jsonObject("report", "activities")
    let rows = try XCTUnwrap(activities["rows"] as? [[String: Any]])
    XCTAssertEqual(rows.map { $0["overdue"] as? Int }, [1])
  }

  func testBadInputNamesTheArgument() throws {
    for (args, needle) in [
      (["report", "pipeline", "--from", "2026-13-01"], "--from"),
      (["report", "pipeline", "--pipeline", "Nope"], "Nope"),
      (["report", "forecast", "--owner", "Nobody"], "Nobody"),
      (["report", "forecast", "--json", "--csv"], "--json"),
      (["report", "performance", "--from", "2026-02-01", "--to", "2026-01-01"], "before"),
      (["report", "performance", "--period", "week"], "--period"),
      (["report", "activities", "--pipeline", "Sales"], "--pipeline"),
    ] {
      let result = try cli.run(args)
      XCTAssertNotEqual(result.status, 0, "\(args)")
      XCTAssertEqual(result.errLines.count, 1, "\(args): \(result.stderr)")
      XCTAssertTrue(result.stderr.contains(needle), "\(args): \(result.stderr)")
    }
  }
}
