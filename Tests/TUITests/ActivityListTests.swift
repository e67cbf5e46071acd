import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// View 5: the sections, mine and everyone's, done / undone with x and Space, rescheduling,
/// reassigning, opening the linked record, undo, and the screens at three sizes.
final class ActivityListTests: CalendarTestCase {
  func testSectionsCycleWithSAndMineFiltersWithM() {
    openView("5")
    XCTAssertEqual(listTitles, ["Call Ann about the renewal", "Call Ann", "Send Acme quote"])
    press(.char("s"))
    XCTAssertEqual(state.activityList.section, .overdue)
    XCTAssertEqual(listTitles, ["Old follow-up", "Call Ann"])
    press(.char("s"))
    XCTAssertEqual(listTitles, ["Send Acme quote", "Globex review", "Quarterly plan"])
    press(.char("m"))
    XCTAssertEqual(listTitles, ["Send Acme quote", "Quarterly plan"], "Bea's meeting is not mine")
    press(.char("s"))
    XCTAssertEqual(listTitles, ["Prep slides"])
    press(.char("s"))
    XCTAssertEqual(state.activityList.section, .today)
  }

  func testXAndSpaceMarkDoneAndNotDoneAndUUndoes() throws {
    openView("5")
    press(.char("j"), .char("x"))
    XCTAssertNotNil(try store.activity(activityIds["Call Ann"]!).doneAt)
    XCTAssertEqual(state.status?.text, "Done: Call Ann")
    XCTAssertEqual(
      listTitles, ["Call Ann about the renewal", "Call Ann", "Send Acme quote"],
      "today keeps what was done")
    press(.char(" "))
    XCTAssertNil(try store.activity(activityIds["Call Ann"]!).doneAt)
    press(.char("x"))
    press(.char("u"))
    XCTAssertNil(try store.activity(activityIds["Call Ann"]!).doneAt, "undo takes it back")
    XCTAssertEqual(failures, [])
  }

  func testRescheduleByADayFromItsOwnTimeOrToATypedOne() throws {
    openView("5")
    press(.char("j"), .char("j"), .char("r"))
    type("+1d")
    press(.enter)
    XCTAssertEqual(
      try store.activity(activityIds["Send Acme quote"]!).dueAt,
      Self.now.addingTimeInterval(29 * 3_600))
    XCTAssertEqual(listTitles, ["Call Ann about the renewal", "Call Ann"], "it left today")
    press(.char("r"))
    type("tomorrow 10:00")
    press(.enter)
    let call = try store.activity(activityIds["Call Ann"]!)
    XCTAssertEqual(call.startAt, Self.now.addingTimeInterval(22 * 3_600))
    press(.char("r"))
    type("whenever")
    XCTAssertEqual(press(.enter), [.bell])
    XCTAssertEqual(state.status?.isError, true)
  }

  func testReassignPicksAUser() throws {
    openView("5")
    press(.char("j"), .char("w"))
    guard case .reassign(_, _, let users)? = state.activityList.prompt else {
      return XCTFail("no picker")
    }
    XCTAssertEqual(users.map(\.name), ["Alex Admin", "Bea Rep"])
    type("bea")
    press(.enter)
    XCTAssertEqual(try store.activity(activityIds["Call Ann"]!).assigneeId, bea.id)
    XCTAssertEqual(state.status?.text, "Call Ann now assigned to Bea Rep")
  }

  func testEnterOpensTheLinkedContact() {
    openView("5")
    press(.char("j"), .enter)
    guard case .recordDetail(let detail)? = state.overlay else {
      return XCTFail("Ann's detail did not open")
    }
    XCTAssertEqual(detail.detail.ref, .contact(contactIds["Ann"]!))
  }

  func testScreens() {
    openView("5")
    resize(80, 24)
    assertScreen(ActivityListScreens.today80x24)
    resize(120, 40)
    assertScreen(ActivityListScreens.today120x40)
    resize(40, 12)
    assertScreen(ActivityListScreens.today40x12)
    resize(80, 24)
    press(.char("s"))
    assertScreen(ActivityListScreens.overdue80x24)
    press(.char("r"))
    type("+1d")
    assertScreen(ActivityListScreens.reschedule80x24)
  }
}
