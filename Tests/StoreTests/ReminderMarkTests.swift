import Foundation
import Model
import Store
import XCTest

/// Snoozes and dismissals kept in the file (migration v11): a snoozed reminder goes off
/// again when its snooze ends, for the TUI and `crm remind` alike, even after a reopen; a
/// dismissed one no more.
final class ReminderMarkTests: StoreTestCase {
  let utc = TimeZone(identifier: "UTC")!
  /// 2030-03-18 09:00 UTC.
  let nine = Date(timeIntervalSince1970: 1_900_054_800)

  func reminder() throws -> (Activity, Date) {
    let meeting = try store.createActivity(
      Activity(kind: .meeting, title: "Demo", startAt: nine, reminders: [15]), now: tick())
    return (meeting, nine.addingTimeInterval(-900))
  }

  func testASnoozeOutlivesAReopenAndGoesOffWhenItEnds() throws {
    let (meeting, fire) = try reminder()
    let until = fire.addingTimeInterval(600)
    try store.snoozeReminder(
      activityId: meeting.id, occurrence: nine, fireAt: fire, until: until, now: fire)
    store = nil
    store = try Store(path: path)
    XCTAssertEqual(
      try store.dueReminders(from: fire.addingTimeInterval(-60), to: until, zone: utc), [],
      "not at its own time, and not before the snooze ends")
    let back = try store.dueReminders(from: until, to: until.addingTimeInterval(5), zone: utc)
    XCTAssertEqual(back.map(\.activity.id), [meeting.id])
    XCTAssertEqual(back.first?.fireAt, fire, "named by when it first went off")
    XCTAssertEqual(back.first?.snoozedUntil, until)
    XCTAssertEqual(back.first?.goesOffAt, until)
  }

  func testADismissedReminderGoesOffNoMoreAndEndsASnooze() throws {
    let (meeting, fire) = try reminder()
    try store.snoozeReminder(
      activityId: meeting.id, occurrence: nine, fireAt: fire,
      until: fire.addingTimeInterval(600), now: fire)
    try store.dismissReminder(activityId: meeting.id, occurrence: nine, fireAt: fire, now: fire)
    XCTAssertEqual(
      try store.dueReminders(
        from: fire.addingTimeInterval(-60), to: fire.addingTimeInterval(3600), zone: utc), [])
  }

  func testASnoozedReminderOfADoneActivityStaysQuiet() throws {
    let (meeting, fire) = try reminder()
    let until = fire.addingTimeInterval(600)
    try store.snoozeReminder(
      activityId: meeting.id, occurrence: nine, fireAt: fire, until: until, now: fire)
    try store.setActivityDone(meeting.id, true, now: tick())
    XCTAssertEqual(try store.dueReminders(from: until, to: until.addingTimeInterval(5)), [])
  }

  func testOtherRemindersAreNotTouched() throws {
    let (meeting, fire) = try reminder()
    let other = try store.createActivity(
      Activity(kind: .task, title: "Other", dueAt: nine, reminders: [15]), now: tick())
    try store.dismissReminder(activityId: meeting.id, occurrence: nine, fireAt: fire, now: fire)
    let due = try store.dueReminders(
      from: fire.addingTimeInterval(-60), to: fire.addingTimeInterval(60), zone: utc)
    XCTAssertEqual(due.map(\.activity.id), [other.id])
  }
}
