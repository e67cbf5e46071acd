import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// View 4: moving by day, week and month, cycling the layouts, Enter listing a day, `n`
/// adding an activity at the selected day and hour, a narrow terminal's agenda, and the
/// month, week and agenda as drawn at three sizes.
final class CalendarTests: CalendarTestCase {
  func testMonthCountsDaysAndMarksOverdue() {
    openView("4")
    XCTAssertEqual(state.calendarMode, .month)
    XCTAssertEqual(state.calendarDay, Self.today)
    let today = state.calendar.summaries[Self.today]
    XCTAssertEqual(today?.count, 3)
    XCTAssertEqual(today?.titles, ["Call Ann about the renewal", "Call Ann", "Send Acme quote"])
    XCTAssertEqual(today?.overdue, 1)
    XCTAssertEqual(state.calendar.summaries[Self.today.adding(days: 2)]?.titles, ["Globex review"])
    XCTAssertEqual(
      state.calendar.summaries[Self.today.adding(days: 17)]?.titles, ["Quarterly plan"],
      "the grid's last week is July's first")
    XCTAssertNil(state.calendar.summaries[Self.today.adding(days: -3)], "nothing on the 12th")
  }

  func testARecurringMeetingShowsOnEachWeekAfterTheSecondRead() throws {
    var weekly = Activity(
      kind: .meeting, title: "Weekly sync", startAt: Self.now.addingTimeInterval(-7 * 86_400),
      createdAt: Self.now)
    weekly.recurrence = Recurrence(.weekly)
    try store.createActivity(weekly, now: Self.now)
    openView("4")
    for week in [-7, 0, 7, 14] {
      XCTAssertTrue(
        state.calendar.summaries[Self.today.adding(days: week)]?.titles.contains("Weekly sync")
          ?? false, "week \(week)")
    }
    XCTAssertEqual(state.calendar.loadedQuery?.recurring, true)
  }

  func testMovingByDayWeekAndMonthAndBackToToday() {
    openView("4")
    press(.char("l"))
    XCTAssertEqual(state.calendarDay, Self.today.adding(days: 1))
    press(.char("j"))
    XCTAssertEqual(state.calendarDay, Self.today.adding(days: 8))
    press(.char("k"), .char("h"), .char("h"))
    XCTAssertEqual(state.calendarDay, Self.today.adding(days: -1))
    press(.char("]"))
    XCTAssertEqual(state.calendarDay, try Day(year: 2025, month: 7, day: 14))
    XCTAssertNil(state.calendar.summaries[Self.today], "July's grid starts on 30 June")
    press(.char("["), .char("["))
    XCTAssertEqual(state.calendarDay, try Day(year: 2025, month: 5, day: 14))
    press(.char("t"))
    XCTAssertEqual(state.calendarDay, Self.today)
    XCTAssertEqual(state.calendar.summaries[Self.today]?.count, 3)
  }

  func testVCyclesMonthWeekAgendaAndEnterListsADay() {
    openView("4")
    press(.char("v"))
    XCTAssertEqual(state.calendarMode, .week)
    XCTAssertEqual(
      agendaTitles,
      [
        "Old follow-up", "Prep slides", "Call Ann about the renewal", "Call Ann", "Send Acme quote",
      ],
      "the week from Monday 9 June")
    press(.char("v"))
    XCTAssertEqual(state.calendarMode, .agenda)
    XCTAssertEqual(
      agendaTitles, ["Call Ann about the renewal", "Call Ann", "Send Acme quote", "Globex review"])
    press(.char("v"), .char("l"), .char("l"), .enter)
    XCTAssertEqual(state.calendarMode, .agenda)
    XCTAssertEqual(agendaTitles.first, "Globex review", "Enter lists the day's activities")
    press(.escape)
    XCTAssertEqual(state.calendarMode, .month)
  }

  func testEnterInTheAgendaOpensTheLinkedRecord() {
    openView("4")
    press(.char("v"), .char("v"), .char("j"), .char("j"), .enter)
    guard case .detail(let detail)? = state.overlay else {
      return XCTFail("the deal's detail did not open: \(String(describing: state.overlay))")
    }
    XCTAssertEqual(detail.detail.summary.deal.title, "Acme renewal")
  }

  func testNAddsAnActivityAtTheSelectedDayAndHourOfTheWeek() throws {
    openView("4")
    press(.char("v"), .char("l"), .char("j"), .char("j"), .char("n"))
    guard let form = state.calendar.form else { return XCTFail("no form") }
    XCTAssertEqual(form.fields[ActivityFormFields.when].text, "2025-06-16 11:00")
    type("Board meeting")
    press(.enter)
    XCTAssertNil(state.calendar.form)
    XCTAssertEqual(failures, [])
    let added = try store.activities(from: Self.now, to: Self.now.addingTimeInterval(2 * 86_400))
      .first { $0.title == "Board meeting" }
    XCTAssertEqual(added?.dueAt, Self.now.addingTimeInterval(23 * 3_600))
    XCTAssertTrue(agendaTitles.contains("Board meeting"), "the week was read again")
    press(.char("u"))
    XCTAssertFalse(agendaTitles.contains("Board meeting"), "undo takes it back")
  }

  func testABadTimeInTheFormKeepsItOpenWithTheError() {
    openView("4")
    press(.char("n"))
    type("Call back")
    press(.tab)
    for _ in 0..<20 { press(.backspace) }
    type("someday")
    XCTAssertEqual(press(.enter), [.bell])
    XCTAssertNotNil(state.calendar.form?.fields[ActivityFormFields.when].error)
  }

  func testANarrowTerminalGetsTheAgenda() {
    openView("4")
    resize(50, 20)
    XCTAssertEqual(state.calendarMode, .agenda)
    XCTAssertEqual(
      agendaTitles, ["Call Ann about the renewal", "Call Ann", "Send Acme quote", "Globex review"])
    resize(120, 40)
    XCTAssertEqual(state.calendarMode, .month)
  }

  func testScreens() {
    openView("4")
    resize(80, 24)
    assertScreen(CalendarScreens.month80x24)
    resize(120, 40)
    assertScreen(CalendarScreens.month120x40)
    resize(50, 16)
    assertScreen(CalendarScreens.agenda50x16)
    resize(80, 24)
    press(.char("v"))
    assertScreen(CalendarScreens.week80x24)
    resize(120, 40)
    assertScreen(CalendarScreens.week120x40)
    press(.char("v"))
    resize(80, 24)
    assertScreen(CalendarScreens.agenda80x24)
  }

  func testGermanMonth() {
    state = makeState(size: Size(width: 80, height: 24), language: "de")
    state.timeZone = TimeZone(identifier: "UTC")!
    openView("4")
    assertScreen(CalendarScreens.monthGerman80x24)
  }
}
