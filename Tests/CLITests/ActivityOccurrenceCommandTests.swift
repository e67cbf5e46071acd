import Foundation
import XCTest

/// `crm activity list --from/--to` lists a recurring activity once per occurrence, each with
/// its occurrenceAt; without a range, once.
final class ActivityOccurrenceCommandTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  func standup() throws -> String {
    try add(
      "activity", "add", "--kind", "meeting", "--title", "Standup", "--start", "2030-01-07 09:00",
      "--end", "2030-01-07 09:15", "--repeat", "daily")
  }

  func occurrences(_ args: String...) throws -> [String] {
    try jsonArray(["activity", "list"] + args).compactMap { $0["occurrenceAt"] as? String }
  }

  func testARangeListsEachOccurrenceWithItsTime() throws {
    let id = try standup()
    let once = try add("activity", "add", "--title", "Quote", "--due", "2030-01-08 12:00")
    let rows = try jsonArray(
      "activity", "list", "--from", "2030-01-07", "--to", "2030-01-10")
    XCTAssertEqual(
      rows.compactMap { $0["occurrenceAt"] as? String },
      [
        "2030-01-07T09:00:00Z", "2030-01-08T09:00:00Z", "2030-01-08T12:00:00Z",
        "2030-01-09T09:00:00Z",
      ])
    XCTAssertEqual(rows.compactMap { $0["id"] as? String }, [id, id, once, id])
    XCTAssertEqual(rows[1]["startAt"] as? String, "2030-01-08T09:00:00Z")
    XCTAssertEqual(rows[1]["endAt"] as? String, "2030-01-08T09:15:00Z")
    // Without a range: once, at its start.
    XCTAssertEqual(
      try occurrences(), ["2030-01-07T09:00:00Z", "2030-01-08T12:00:00Z"])
    // --from alone: the 14 days from it.
    XCTAssertEqual(try occurrences("--from", "2030-02-01").count, 14)
    let table = try ok("activity", "list", "--from", "2030-01-07", "--to", "2030-01-09")
    XCTAssertEqual(table.components(separatedBy: "Standup").count - 1, 2, table)
  }
}
