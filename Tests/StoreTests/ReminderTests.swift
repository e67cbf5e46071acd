import Foundation
import Model
import Store
import XCTest

/// Reminders due in a span of time, as `crm remind` asks for them, and its last-run time.
final class ReminderTests: StoreTestCase {
  let utc = TimeZone(identifier: "UTC")!
  let berlin = TimeZone(identifier: "Europe/Berlin")!
  /// 2030-03-18 09:00 UTC, a Monday.
  let nine = Date(timeIntervalSince1970: 1_900_054_800)

  func testOnceActivitiesGiveEachReminderThatFiresInTheRange() throws {
    let meeting = try store.createActivity(
      Activity(kind: .meeting, title: "Demo", startAt: nine, reminders: [15, 1440]), now: tick())
    _ = try store.createActivity(
      Activity(kind: .meeting, title: "No reminders", startAt: nine), now: tick())
    let due = try store.dueReminders(
      from: nine.addingTimeInterval(-3600), to: nine, zone: utc)
    XCTAssertEqual(due.map(\.activity.id), [meeting.id])
    XCTAssertEqual(due.map(\.fireAt), [nine.addingTimeInterval(-900)])
    XCTAssertEqual(due.map(\.occurrence), [nine])
    // The day before: the 1d reminder.
    let dayBefore = try store.dueReminders(
      from: nine.addingTimeInterval(-86_400 - 60), to: nine.addingTimeInterval(-86_000), zone: utc)
    XCTAssertEqual(dayBefore.map(\.fireAt), [nine.addingTimeInterval(-86_400)])
    // The range is half-open: a reminder at its end is the next run's.
    XCTAssertEqual(
      try store.dueReminders(
        from: nine.addingTimeInterval(-1800), to: nine.addingTimeInterval(-900), zone: utc
      ).count, 0)
  }

  func testDoneActivitiesRemindOfNothing() throws {
    let task = try store.createActivity(
      Activity(kind: .task, title: "T", dueAt: nine, reminders: [30]), now: tick())
    try store.setActivityDone(task.id, true, now: tick())
    XCTAssertEqual(
      try store.dueReminders(from: nine.addingTimeInterval(-7200), to: nine, zone: utc).count, 0)
  }

  func testARecurringActivityRemindsForEachOccurrenceInTheRange() throws {
    // Daily at 09:00 Berlin time, across the change to summer time (2030-03-31).
    let startBerlin = Date(timeIntervalSince1970: 1_901_001_600)  // 2030-03-29 08:00 UTC = 09:00 CET
    let standup = try store.createActivity(
      Activity(
        kind: .meeting, title: "Standup", startAt: startBerlin, reminders: [10],
        recurrence: Recurrence(.daily, end: .count(5))),
      now: tick())
    let due = try store.dueReminders(
      from: startBerlin, to: startBerlin.addingTimeInterval(86_400 * 10), zone: berlin)
    // The first one (08:50 on the start day) is before the range; then 4 more, each 08:50
    // Berlin wall clock: 07:50 UTC in summer time.
    XCTAssertEqual(due.count, 4)
    XCTAssertTrue(due.allSatisfy { $0.activity.id == standup.id })
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = berlin
    for reminder in due {
      let c = calendar.dateComponents([.hour, .minute], from: reminder.fireAt)
      XCTAssertEqual([c.hour, c.minute], [8, 50], "\(reminder.fireAt)")
      XCTAssertEqual(reminder.fireAt, reminder.occurrence.addingTimeInterval(-600))
    }
    XCTAssertEqual(due.map(\.fireAt), due.map(\.fireAt).sorted())
  }

  func testAnAllDayTaskRemindsFromNineOnItsDay() throws {
    let midnight = Date(timeIntervalSince1970: 1_900_022_400)  // 2030-03-18 00:00 UTC
    _ = try store.createActivity(
      Activity(kind: .task, title: "File taxes", dueAt: midnight, allDay: true, reminders: [60]),
      now: tick())
    let due = try store.dueReminders(
      from: midnight, to: midnight.addingTimeInterval(86_400), zone: utc)
    XCTAssertEqual(due.map(\.fireAt), [midnight.addingTimeInterval(8 * 3600)])
  }

  func testTheLastRunIsKeptAcrossReopening() throws {
    XCTAssertNil(try store.lastRemindRun())
    try store.recordRemindRun(nine)
    store = nil
    store = try Store(path: path)
    XCTAssertEqual(try store.lastRemindRun(), nine)
    XCTAssertNil(try store.undoLabel(), "keeping the run time is no change to undo")
  }
}
