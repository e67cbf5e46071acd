import Foundation
import Model
import Store
import XCTest

/// Issue 5's activity fields and actions on a real file: recurrence, priority and location
/// stored and read back, done / undone, reschedule, reassign, each one undoable mutation.
final class ActivityStoreTests: StoreTestCase {
  let start = Date(timeIntervalSince1970: 1_900_000_800)  // 2030-03-17 ... UTC

  func testRecurrencePriorityAndLocationRoundTripThroughTheFile() throws {
    let rule = Recurrence(.weekly, weekdays: [.monday, .wednesday], end: .count(10))
    let made = try store.createActivity(
      Activity(
        kind: .meeting, title: "Standup", startAt: start, endAt: start.addingTimeInterval(900),
        reminders: [15], recurrence: rule, priority: .high, location: "Room 4"),
      now: tick())
    store = nil
    store = try Store(path: path)
    let read = try store.activity(made.id)
    XCTAssertEqual(read.recurrence, rule)
    XCTAssertEqual(read.priority, .high)
    XCTAssertEqual(read.location, "Room 4")
    XCTAssertNil(read.sourceId)
  }

  func testAnActivityWithoutTheNewFieldsStaysNormalAndOnce() throws {
    let made = try store.createActivity(
      Activity(kind: .task, title: "Plain", dueAt: start), now: tick())
    let read = try store.activity(made.id)
    XCTAssertNil(read.recurrence)
    XCTAssertEqual(read.priority, .normal)
    XCTAssertNil(read.location)
  }

  func testACallDoesNotRepeatAndNothingIsWritten() throws {
    let before = try logLength()
    XCTAssertThrowsError(
      try store.createActivity(
        Activity(kind: .call, title: "Ring", startAt: start, recurrence: Recurrence(.daily)),
        now: tick())
    ) { error in
      guard case StoreError.invalid(let v) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(v.field, "repeat")
    }
    XCTAssertThrowsError(
      try store.createActivity(
        Activity(kind: .task, title: "No time", recurrence: Recurrence(.daily)), now: tick()))
    XCTAssertEqual(try logLength(), before)
  }

  func testARuleEndingBeforeItStartsIsRefused() throws {
    XCTAssertThrowsError(
      try store.createActivity(
        Activity(
          kind: .meeting, title: "Backwards", startAt: start,
          recurrence: Recurrence(.daily, end: .until(start.addingTimeInterval(-60)))),
        now: tick()))
    XCTAssertEqual(try store.activities().count, 0)
  }

  func testDoneAndUndoneAreUndoableAndLogged() throws {
    let task = try store.createActivity(
      Activity(kind: .task, title: "T", dueAt: start), now: tick())
    let doneAt = tick()
    let changes = try appended { try store.setActivityDone(task.id, true, now: doneAt) }
    XCTAssertEqual(Set(changes.map(\.field)), ["doneAt", "updatedAt"])
    XCTAssertEqual(try store.activity(task.id).doneAt, doneAt)
    // Done again keeps the first done time and writes nothing.
    XCTAssertEqual(try appended { try store.setActivityDone(task.id, true, now: tick()) }, [])
    XCTAssertEqual(try store.activities(openOnly: true).count, 0)
    try store.setActivityDone(task.id, false, now: tick())
    XCTAssertNil(try store.activity(task.id).doneAt)
    _ = try store.undo(now: tick())
    XCTAssertEqual(try store.activity(task.id).doneAt, doneAt)
  }

  func testRescheduleMovesStartAndEndKeepingTheLength() throws {
    let meeting = try store.createActivity(
      Activity(kind: .meeting, title: "M", startAt: start, endAt: start.addingTimeInterval(5400)),
      now: tick())
    let moved = try store.rescheduleActivity(meeting.id, by: 86_400, now: tick())
    XCTAssertEqual(moved.startAt, start.addingTimeInterval(86_400))
    XCTAssertEqual(moved.endAt, start.addingTimeInterval(86_400 + 5400))
    let target = start.addingTimeInterval(-3600)
    let back = try store.rescheduleActivity(meeting.id, to: target, now: tick())
    XCTAssertEqual(back.startAt, target)
    XCTAssertEqual(back.endAt, target.addingTimeInterval(5400))
    _ = try store.undo(now: tick())
    XCTAssertEqual(try store.activity(meeting.id).startAt, start.addingTimeInterval(86_400))

    let task = try store.createActivity(
      Activity(kind: .task, title: "T", dueAt: start), now: tick())
    XCTAssertEqual(
      try store.rescheduleActivity(task.id, by: -600, now: tick()).dueAt,
      start.addingTimeInterval(-600))
    let undated = try store.createActivity(Activity(kind: .task, title: "U"), now: tick())
    XCTAssertThrowsError(try store.rescheduleActivity(undated.id, by: 60, now: tick()))
  }

  func testReassignToAnotherUserAndToNobody() throws {
    let bea = try store.createUser(
      User(name: "Bea Seller", email: "bea@example.com", role: .rep), now: tick())
    let task = try store.createActivity(
      Activity(kind: .task, title: "T", dueAt: start, assigneeId: try me().id), now: tick())
    XCTAssertEqual(
      try store.assignActivity(task.id, to: "bea@example.com", now: tick()).assigneeId, bea.id)
    XCTAssertEqual(try store.activities(assignee: "Bea Seller").map(\.id), [task.id])
    XCTAssertNil(try store.assignActivity(task.id, to: nil, now: tick()).assigneeId)
    let before = try logLength()
    XCTAssertThrowsError(try store.assignActivity(task.id, to: "Nobody Here", now: tick()))
    XCTAssertEqual(try logLength(), before)
  }

  func testEditingARecurrenceIsLoggedAsOneField() throws {
    let task = try store.createActivity(
      Activity(kind: .task, title: "Report", dueAt: start, recurrence: Recurrence(.monthly)),
      now: tick())
    let changes = try appended {
      try store.editActivity(task.id, now: tick()) { $0.recurrence?.end = .count(3) }
    }
    XCTAssertEqual(changes.map(\.field).sorted(), ["recurrence", "updatedAt"])
    XCTAssertEqual(try store.activity(task.id).recurrence?.end, .count(3))
  }
}
