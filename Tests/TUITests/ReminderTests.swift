import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// Reminders while the app runs: the clock asks the store for what went off since the last
/// ask, a new one shows in the status bar with the bell (unless turned off), `!` lists
/// them, `z` snoozes for 10 minutes and it comes back, `d` dismisses; both are kept in the
/// store, so a restarted TUI honours them.
final class ReminderTests: CalendarTestCase {
  func addReminded(_ title: String, inMinutes minutes: Double, reminder: Int) throws {
    try store.createActivity(
      Activity(
        kind: .meeting, title: title, startAt: Self.now.addingTimeInterval(minutes * 60),
        reminders: [reminder], createdAt: Self.now), now: Self.now)
  }

  func testADueReminderShowsWithTheBellAndIsListed() throws {
    start()
    try addReminded("Standup", inMinutes: 15.1, reminder: 15)
    send(.reminderTick(Self.now))
    XCTAssertTrue(state.reminders.due.isEmpty, "the first tick only starts the clock")
    XCTAssertEqual(send(.reminderTick(Self.now.addingTimeInterval(5))), [])
    XCTAssertTrue(state.reminders.due.isEmpty, "not yet: it goes off at 12:00:06")
    XCTAssertEqual(send(.reminderTick(Self.now.addingTimeInterval(10))), [.bell])
    XCTAssertEqual(state.reminders.due.map(\.title), ["Standup"])
    XCTAssertEqual(state.status?.text, "⏰ Standup 12:15 (! lists reminders)")
    XCTAssertEqual(send(.reminderTick(Self.now.addingTimeInterval(15))), [], "once only")
    resize(80, 24)
    press(.char("!"))
    XCTAssertTrue(state.reminders.open)
    assertScreen(ReminderScreens.list80x24)
  }

  func testSnoozeBringsItBackAndDismissRemovesIt() throws {
    start()
    try addReminded("Standup", inMinutes: 15.1, reminder: 15)
    send(.reminderTick(Self.now))
    send(.reminderTick(Self.now.addingTimeInterval(10)))
    press(.char("!"), .char("z"))
    XCTAssertTrue(state.reminders.due.isEmpty)
    XCTAssertEqual(state.reminders.snoozed.count, 1)
    XCTAssertEqual(send(.reminderTick(Self.now.addingTimeInterval(300))), [])
    XCTAssertEqual(send(.reminderTick(Self.now.addingTimeInterval(611))), [.bell])
    XCTAssertEqual(state.reminders.due.map(\.title), ["Standup"], "back after 10 minutes")
    press(.char("d"))
    XCTAssertTrue(state.reminders.due.isEmpty)
    XCTAssertTrue(state.reminders.snoozed.isEmpty)
    press(.escape)
    XCTAssertFalse(state.reminders.open)
  }

  func testASnoozeAndADismissalOutliveARestart() throws {
    start()
    try addReminded("Standup", inMinutes: 15.1, reminder: 15)
    try addReminded("Review", inMinutes: 15.1, reminder: 15)
    send(.reminderTick(Self.now))
    send(.reminderTick(Self.now.addingTimeInterval(10)))
    XCTAssertEqual(Set(state.reminders.due.map(\.title)), ["Standup", "Review"])
    press(.char("!"))
    let first = state.reminders.due[0].title
    press(.char("z"), .char("d"))
    XCTAssertEqual(failures, [])
    // A new TUI, started a minute later: its clock starts then, and the snooze still ends
    // ten minutes after it was made.
    state = makeState(size: Size(width: 80, height: 24))
    state.timeZone = TimeZone(identifier: "UTC")!
    start()
    send(.reminderTick(Self.now.addingTimeInterval(70)))
    XCTAssertEqual(send(.reminderTick(Self.now.addingTimeInterval(300))), [])
    XCTAssertEqual(send(.reminderTick(Self.now.addingTimeInterval(611))), [.bell])
    XCTAssertEqual(state.reminders.due.map(\.title), [first], "the snoozed one, not the other")
    // What `crm remind` reads: the dismissed one is not due at its time.
    let fire = Self.now.addingTimeInterval(6)
    XCTAssertEqual(
      try store.dueReminders(from: fire.addingTimeInterval(-1), to: fire.addingTimeInterval(1))
        .count, 0)
  }

  func testTheBellCanBeTurnedOff() throws {
    start()
    state.reminders.bell = false
    try addReminded("Quiet one", inMinutes: 15.1, reminder: 15)
    send(.reminderTick(Self.now))
    XCTAssertEqual(send(.reminderTick(Self.now.addingTimeInterval(10))), [])
    XCTAssertEqual(state.reminders.due.map(\.title), ["Quiet one"])
  }
}
