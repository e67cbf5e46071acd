import Foundation
import Model
import XCTest

final class ReminderTests: XCTestCase {
  func testParseAndFormat() throws {
    XCTAssertEqual(try Reminders.parse("15m, 1h 1d,2w"), [15, 60, 1_440, 20_160])
    XCTAssertEqual(try Reminders.parse("90, 1h30m, 15m, 15m"), [90, 15])
    XCTAssertEqual(try Reminders.parse(""), [])
    XCTAssertEqual(
      Reminders.format([0, 15, 60, 90, 1_440, 10_080, 2_880, 1_500]),
      "0m, 15m, 1h, 1h30m, 1d, 1w, 2d, 25h")
    for minutes in [0, 5, 15, 60, 90, 1_440, 1_500, 10_080, 86_400] {
      XCTAssertEqual(try Reminders.parse(Reminders.format(minutes)), [minutes])
    }
    XCTAssertThrowsError(try Reminders.parse("15x")) { error in
      XCTAssertEqual(
        error as? ValidationError,
        ValidationError(field: "reminders", "\"15x\" is not a duration (use 15m, 2h, 1d)"))
    }
    XCTAssertThrowsError(try Reminders.parse("9w", field: "remind")) { error in
      XCTAssertEqual(
        error as? ValidationError, ValidationError(field: "remind", "\"9w\" is longer than 60 days")
      )
    }
  }

  func testTimedReminderCountsBackFromTheStartOrDueTime() {
    let meeting = Activity(
      kind: .meeting, title: "Kickoff", startAt: Clock.at("2026-05-04 10:00"),
      endAt: Clock.at("2026-05-04 11:00"), reminders: [15, 60])
    XCTAssertEqual(
      Clock.local(Reminders.fireTimes(for: meeting, zone: Clock.berlin)),
      ["2026-05-04 09:00", "2026-05-04 09:45"])
    let task = Activity(
      kind: .task, title: "Send offer", dueAt: Clock.at("2026-05-04 17:00"), reminders: [30])
    XCTAssertEqual(
      Clock.local(Reminders.fireTimes(for: task, zone: Clock.berlin)), ["2026-05-04 16:30"])
    XCTAssertEqual(
      Reminders.fireTimes(
        for: Activity(kind: .task, title: "x", reminders: [5]), zone: Clock.berlin), [])
  }

  func testDayOffsetsKeepTheWallClockAcrossDaylightSaving() {
    // Monday 2026-03-30 09:00 CEST; the clocks moved on Sunday 03-29.
    let meeting = Activity(
      kind: .meeting, title: "Review", startAt: Clock.at("2026-03-30 09:00"),
      reminders: [1_440, 10_080, 90, 600])
    XCTAssertEqual(
      Clock.local(Reminders.fireTimes(for: meeting, zone: Clock.berlin)),
      // a week and a day before at 09:00 local; 600 minutes is elapsed time over the change
      ["2026-03-23 09:00", "2026-03-29 09:00", "2026-03-29 23:00", "2026-03-30 07:30"])
    // Back in autumn: 2026-10-25 09:00 CET, a day before is 09:00 CEST (25 hours earlier).
    let autumn = Clock.at("2026-10-25 09:00")
    let dayBefore = Reminders.fireTime(minutesBefore: 1_440, anchor: autumn, zone: Clock.berlin)
    XCTAssertEqual(Clock.local([dayBefore]), ["2026-10-24 09:00"])
    XCTAssertEqual(autumn.timeIntervalSince(dayBefore), 25 * 3_600)
    let hoursBefore = Reminders.fireTime(minutesBefore: 1_500, anchor: autumn, zone: Clock.berlin)
    XCTAssertEqual(autumn.timeIntervalSince(hoursBefore), 1_500 * 60)
  }

  func testAllDayRemindersCountBackFromNineLocal() {
    let fair = Activity(
      kind: .meeting, title: "Trade fair", startAt: Clock.at("2026-03-29"), allDay: true,
      reminders: [0, 15, 1_440])
    XCTAssertEqual(
      Clock.local(Reminders.fireTimes(for: fair, zone: Clock.berlin)),
      ["2026-03-28 09:00", "2026-03-29 08:45", "2026-03-29 09:00"])
    // The same activity for a user in New York: its day and 09:00 are theirs.
    let inNewYork = Activity(
      kind: .task, title: "Renewal", dueAt: Clock.at("2026-03-08", Clock.newYork), allDay: true,
      reminders: [60])
    XCTAssertEqual(
      Clock.local(Reminders.fireTimes(for: inNewYork, zone: Clock.newYork), Clock.newYork),
      ["2026-03-08 08:00"])
  }

  func testDueInARangeAndOccurrences() {
    let meeting = Activity(
      kind: .meeting, title: "Sync", startAt: Clock.at("2026-05-04 10:00"), reminders: [15, 1_440])
    let since = Clock.at("2026-05-04 09:00")
    let now = Clock.at("2026-05-04 09:50")
    XCTAssertEqual(
      Clock.local(Reminders.due(meeting, in: since..<now, zone: Clock.berlin)), ["2026-05-04 09:45"]
    )
    var done = meeting
    done.doneAt = since
    XCTAssertEqual(Reminders.due(done, in: since..<now, zone: Clock.berlin), [])
    XCTAssertEqual(
      Clock.local(
        Reminders.fireTimes(
          [15], at: Clock.at("2026-05-11 10:00"), allDay: false, zone: Clock.berlin)),
      ["2026-05-11 09:45"])
  }
}
