import Foundation
import Model
import XCTest

final class OverdueTests: XCTestCase {
  private let zone = Clock.berlin

  func testTaskIsOverdueOnceItsDueTimeHasPassed() {
    let task = Activity(kind: .task, title: "Send offer", dueAt: Clock.at("2026-05-04 17:00"))
    XCTAssertFalse(task.isOverdue(now: Clock.at("2026-05-04 16:59"), zone: zone))
    XCTAssertFalse(task.isOverdue(now: Clock.at("2026-05-04 17:00"), zone: zone))
    XCTAssertTrue(task.isOverdue(now: Clock.at("2026-05-04 17:01"), zone: zone))
    var done = task
    done.doneAt = Clock.at("2026-05-05 09:00")
    XCTAssertFalse(done.isOverdue(now: Clock.at("2026-05-06 09:00"), zone: zone))
  }

  func testMeetingIsOverdueAfterItsEndNotDuringIt() {
    let meeting = Activity(
      kind: .meeting, title: "Demo", startAt: Clock.at("2026-05-04 10:00"),
      endAt: Clock.at("2026-05-04 11:00"))
    XCTAssertFalse(meeting.isOverdue(now: Clock.at("2026-05-04 10:30"), zone: zone))
    XCTAssertTrue(meeting.isOverdue(now: Clock.at("2026-05-04 11:01"), zone: zone))
    let call = Activity(kind: .call, title: "Call Bob", startAt: Clock.at("2026-05-04 10:00"))
    XCTAssertFalse(call.isOverdue(now: Clock.at("2026-05-04 09:59"), zone: zone))
    XCTAssertTrue(call.isOverdue(now: Clock.at("2026-05-04 10:01"), zone: zone))
  }

  func testAllDayIsOverdueOnlyAfterItsLastDayEnds() {
    let task = Activity(kind: .task, title: "Renewal", dueAt: Clock.at("2026-05-04"), allDay: true)
    XCTAssertFalse(task.isOverdue(now: Clock.at("2026-05-04 23:59"), zone: zone))
    XCTAssertTrue(task.isOverdue(now: Clock.at("2026-05-05 00:00"), zone: zone))
    // Three days, 4th to 6th: DTEND-style exclusive end on the 7th.
    let fair = Activity(
      kind: .meeting, title: "Fair", startAt: Clock.at("2026-05-04"),
      endAt: Clock.at("2026-05-07"), allDay: true)
    XCTAssertFalse(fair.isOverdue(now: Clock.at("2026-05-06 20:00"), zone: zone))
    XCTAssertTrue(fair.isOverdue(now: Clock.at("2026-05-07 00:00"), zone: zone))
    XCTAssertEqual(fair.overdueDeadline(zone: zone), Clock.at("2026-05-07"))
  }

  func testAllDayFollowsTheUsersZone() {
    // Due on 2026-05-04 in Berlin; midnight in New York is 06:00 in Berlin.
    let task = Activity(
      kind: .task, title: "Renewal", dueAt: Clock.at("2026-05-04", Clock.newYork), allDay: true)
    let berlinMidnight = Clock.at("2026-05-05 00:30")
    XCTAssertFalse(task.isOverdue(now: berlinMidnight, zone: Clock.newYork))
    XCTAssertTrue(task.isOverdue(now: Clock.at("2026-05-05 06:00"), zone: Clock.newYork))
  }

  func testNoTimeIsNeverOverdue() {
    let task = Activity(kind: .task, title: "Someday")
    XCTAssertFalse(task.isOverdue(now: Date.distantFuture, zone: zone))
    XCTAssertNil(task.overdueDeadline(zone: zone))
    XCTAssertFalse(
      Overdue.isOverdue(
        kind: .meeting, dueAt: nil, startAt: Clock.at("2026-01-01 10:00"), endAt: nil,
        allDay: false, done: true, now: Date.distantFuture, zone: zone))
  }
}
