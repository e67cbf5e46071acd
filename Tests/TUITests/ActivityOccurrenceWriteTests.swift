import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// `x` and `r` on one occurrence of the standup in view 5 leave the rest of the series
/// alone, and `u` takes them back.
final class ActivityOccurrenceWriteTests: StandupTestCase {
  func testXMarksOneOccurrenceDoneAndUTakesItBack() throws {
    openView("5")
    press(.char("j"), .char("x"))
    XCTAssertEqual(failures, [])
    XCTAssertEqual(state.status?.text, "Done: Standup")
    let series = try store.activity(standupId)
    XCTAssertNil(series.doneAt, "the series stays open")
    XCTAssertEqual(series.recurrence?.excludedDates.count, 1)
    XCTAssertEqual(
      listTitles, ["Call Ann about the renewal", "Standup", "Call Ann", "Send Acme quote"])
    XCTAssertTrue(state.activityList.rows[1].activity.isDone)
    XCTAssertNotEqual(state.activityList.rows[1].id, standupId)
    press(.char("s"))
    XCTAssertEqual(
      listTimes.filter { $0.hasPrefix("Standup") }.last, "Standup Jun 14",
      "today's is done, the others still overdue")
    press(.char("u"))
    XCTAssertEqual(try store.activity(standupId).recurrence?.excludedDates, [])
    XCTAssertEqual(listTimes.filter { $0.hasPrefix("Standup") }.last, "Standup Jun 15")
  }

  func testRescheduleMovesOnlyThatOccurrence() throws {
    openView("5")
    press(.char("j"), .char("r"))
    type("+2h")
    press(.enter)
    XCTAssertEqual(failures, [])
    let series = try store.activity(standupId)
    XCTAssertEqual(series.startAt, Self.now.addingTimeInterval(-5 * 86_400 - 3.5 * hour))
    let moved = state.activityList.rows.first { $0.activity.title == "Standup" }
    XCTAssertEqual(moved?.activity.startAt, Self.now.addingTimeInterval(-1.5 * hour))
    XCTAssertNil(moved?.activity.recurrence)
  }

  func testTheFocusStaysWhereTheDoneOccurrenceWas() {
    openView("5")
    press(.char("s"), .char("j"), .char("j"))
    XCTAssertEqual(listTimes[state.activityList.list.selected], "Standup Jun 11")
    press(.char("x"))
    XCTAssertEqual(
      listTimes[state.activityList.list.selected], "Standup Jun 12",
      "the next row, not the series' first occurrence")
  }
}
