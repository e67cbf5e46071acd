import Foundation
import XCTest

/// `crm activity done` and `reschedule` with `--occurrence`: that occurrence becomes an
/// activity of its own (its id printed), the series keeps its start; a moment that is no
/// occurrence is refused with nothing changed.
final class ActivityOccurrenceWriteCommandTests: CLITestCase {
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

  func testDoneAndRescheduleOneOccurrence() throws {
    let id = try standup()
    let done = try ok("activity", "done", id, "--occurrence", "2030-01-08 09:00")
    XCTAssertTrue(isUUIDv7(done), done)
    XCTAssertEqual(try jsonObject("activity", "show", done)["done"] as? Bool, true)
    XCTAssertEqual(try jsonObject("activity", "show", id)["done"] as? Bool, false)
    let moved = try ok(
      "activity", "reschedule", id, "--occurrence", "2030-01-09 09:00", "--by", "+2h")
    XCTAssertEqual(
      try jsonObject("activity", "show", moved)["startAt"] as? String, "2030-01-09T11:00:00Z")
    XCTAssertEqual(
      try occurrences("--from", "2030-01-07", "--to", "2030-01-11"),
      ["2030-01-07T09:00:00Z", "2030-01-09T11:00:00Z", "2030-01-10T09:00:00Z"],
      "the done one is left out of open ones, the moved one is at its new time")
    XCTAssertEqual(
      try jsonObject("activity", "show", id)["startAt"] as? String, "2030-01-07T09:00:00Z")
    let rule = try XCTUnwrap(try jsonObject("activity", "show", id)["recurrence"] as? [String: Any])
    XCTAssertEqual(
      rule["excluded"] as? [String], ["2030-01-08T09:00:00Z", "2030-01-09T09:00:00Z"],
      "the series' JSON names the occurrences that became activities of their own")
    XCTAssertEqual(rule["extra"] as? [String], [])
  }

  func testAMomentThatIsNoOccurrenceIsRefused() throws {
    let id = try standup()
    try refused("activity", "done", id, "--occurrence", "2030-01-08 10:00", naming: "occurrence")
    try refused(
      "activity", "reschedule", id, "--occurrence", "2030-01-08 10:00", "--by", "+1h",
      naming: "occurrence")
  }
}
