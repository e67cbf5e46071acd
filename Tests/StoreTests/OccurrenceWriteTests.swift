import Foundation
import Model
import Store
import XCTest

/// Done or a new time on one occurrence of a recurring activity, on a real file: it becomes
/// an activity of its own, the series leaves it out and keeps its start and count, and one
/// undo takes both back; a moment that is no occurrence is refused.
final class OccurrenceWriteTests: StoreTestCase {
  let utc = TimeZone(identifier: "UTC")!
  /// 2030-03-18 09:00 UTC, a Monday.
  let nine = Date(timeIntervalSince1970: 1_900_054_800)
  let day: TimeInterval = 86_400

  /// A daily 09:00 standup that started 20 days before `nine`, 15 minutes long.
  func standup(end: Recurrence.End = .never) throws -> Activity {
    let start = nine.addingTimeInterval(-20 * day)
    return try store.createActivity(
      Activity(
        kind: .meeting, title: "Standup", startAt: start, endAt: start.addingTimeInterval(900),
        recurrence: Recurrence(.daily, end: end)), now: tick())
  }

  func titlesAndTimes(_ page: ActivityPage) -> [String] {
    page.rows.map {
      "\($0.activity.title) \(Int($0.activity.when!.timeIntervalSince(nine) / 3600))h"
    }
  }

  func testDoneOnOneOccurrenceLeavesTheSeriesAndUndoTakesItBack() throws {
    let series = try standup(end: .count(30))
    let done = try store.setOccurrenceDone(series.id, occurrence: nine, zone: utc, now: tick())
    XCTAssertNotEqual(done.id, series.id)
    XCTAssertNil(done.recurrence)
    XCTAssertNotNil(done.doneAt)
    XCTAssertEqual(done.startAt, nine)
    XCTAssertEqual(done.endAt, nine.addingTimeInterval(900))
    let after = try store.activity(series.id)
    XCTAssertNil(after.doneAt, "the series stays open")
    XCTAssertEqual(after.startAt, series.startAt, "and starts where it did")
    XCTAssertEqual(after.recurrence?.end, .count(30))
    let today = try store.activityPage(
      .today, assigneeId: nil, now: nine.addingTimeInterval(3600), zone: utc)
    XCTAssertEqual(today.rows.map(\.id), [done.id], "today's is the done one, once")
    XCTAssertEqual(
      try store.activityPage(.upcoming, assigneeId: nil, now: nine, zone: utc).rows.first?
        .activity.when, nine.addingTimeInterval(day))
    _ = try store.undo(now: tick())
    XCTAssertEqual(try store.activity(series.id).recurrence, series.recurrence)
    XCTAssertThrowsError(try store.activity(done.id))
    XCTAssertEqual(
      try store.activityPage(
        .today, assigneeId: nil, now: nine.addingTimeInterval(3600), zone: utc
      ).rows.map(\.id), [series.id])
  }

  func testRescheduleOneOccurrenceMovesOnlyIt() throws {
    let series = try standup()
    let later = nine.addingTimeInterval(2 * 3600)
    let moved = try store.rescheduleOccurrence(
      series.id, occurrence: nine, to: later, zone: utc, now: tick())
    XCTAssertEqual(moved.startAt, later)
    XCTAssertEqual(moved.endAt, later.addingTimeInterval(900))
    XCTAssertNil(moved.doneAt)
    XCTAssertEqual(try store.activity(series.id).startAt, series.startAt)
    let today = try store.activityPage(.today, assigneeId: nil, now: nine, zone: utc)
    XCTAssertEqual(today.rows.map(\.activity.when), [later])
  }

  func testAMomentThatIsNoOccurrenceIsRefusedAndNothingIsWritten() throws {
    let series = try standup()
    let once = try store.createActivity(
      Activity(kind: .task, title: "Once", dueAt: nine), now: tick())
    let before = try logLength()
    XCTAssertThrowsError(
      try store.setOccurrenceDone(
        series.id, occurrence: nine.addingTimeInterval(60), zone: utc, now: tick())
    ) { error in
      guard case StoreError.invalid(let v) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(v.field, "occurrence")
    }
    XCTAssertThrowsError(
      try store.rescheduleOccurrence(once.id, occurrence: nine, to: nine, zone: utc, now: tick()))
    XCTAssertEqual(try logLength(), before)
  }
}
