import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// View 5 with a daily standup: one row per occurrence with its own date, in the window of
/// each section, at three sizes; overdue marks in the record timeline.
final class ActivityOccurrenceTests: StandupTestCase {
  func testEachSectionShowsTheOccurrencesInItsWindow() {
    openView("5")
    XCTAssertEqual(
      listTitles, ["Call Ann about the renewal", "Standup", "Call Ann", "Send Acme quote"])
    press(.char("s"))
    XCTAssertEqual(
      listTimes,
      [
        "Standup Jun 10", "Old follow-up Jun 10", "Standup Jun 11", "Standup Jun 12",
        "Standup Jun 13", "Standup Jun 14", "Standup Jun 15", "Call Ann Jun 15",
      ])
    press(.char("s"))
    XCTAssertEqual(
      state.activityList.rows.filter { $0.id == standupId }.count, 14,
      "the next 14 days, from tomorrow 08:30")
    XCTAssertEqual(listTimes.prefix(2), ["Send Acme quote Jun 15", "Standup Jun 16"])
  }

  func testTheTimelineMarksAnOverdueActivity() {
    openView("2")
    press(.enter)
    let text = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("⚑ Activity: Call Ann"), text)
    XCTAssertFalse(text.contains("⚑ Activity: Call Ann about"), "done: not overdue")
  }

  func testScreens() {
    openView("5")
    resize(80, 24)
    assertScreen(OccurrenceScreens.today80x24)
    resize(120, 40)
    press(.char("s"))
    assertScreen(OccurrenceScreens.overdue120x40)
    resize(40, 12)
    press(.char("s"))
    assertScreen(OccurrenceScreens.upcoming40x12)
  }
}
