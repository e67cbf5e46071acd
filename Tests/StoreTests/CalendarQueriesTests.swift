import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// The calendar's and the activities view's reads: ranges in time order, day summaries in
/// the user's zone, the four sections mine or everyone's, paging, and the reminder window.
final class CalendarQueriesTests: StoreTestCase {
  let berlin = TimeZone(identifier: "Europe/Berlin")!
  /// 2025-06-15 12:00 UTC (14:00 in Berlin), a Sunday.
  let now = Date(timeIntervalSince1970: 1_749_988_800)

  @discardableResult
  func add(
    _ title: String, _ kind: ActivityKind = .task, at hours: Double, done: Bool = false,
    assignee: String? = nil, reminders: [Int] = []
  ) throws -> Activity {
    let when = now.addingTimeInterval(hours * 3_600)
    return try store.createActivity(
      Activity(
        kind: kind, title: title, dueAt: kind == .task ? when : nil,
        startAt: kind == .task ? nil : when, doneAt: done ? when : nil, assigneeId: assignee,
        reminders: reminders, createdAt: tick()), now: clock)
  }

  func testRangeIsInTimeOrderAndLeavesOutOtherDaysAndDeleted() throws {
    try add("late", at: 5)
    try add("early", .meeting, at: 1)
    try add("yesterday", at: -24)
    let gone = try add("deleted", at: 2)
    try store.deleteActivity(gone.id, now: tick())
    let day = Day(now, in: berlin)
    let rows = try store.calendarRows(
      from: day.start(in: berlin), to: day.adding(days: 1).start(in: berlin))
    XCTAssertEqual(rows.map(\.activity.title), ["early", "late"])
  }

  func testDaySummariesCountInTheUsersZoneWithFirstTitles() throws {
    // 23:30 UTC on the 15th is 01:30 on the 16th in Berlin.
    try add("after midnight in Berlin", at: 11.5)
    for hour in 1...4 { try add("today \(hour)", at: Double(hour)) }
    try add("overdue", at: -1)
    let today = Day(now, in: berlin)
    let summaries = try store.daySummaries(
      [today, today.adding(days: 1), today.adding(days: 2)], zone: berlin, titles: 3, now: now)
    XCTAssertEqual(summaries[today]?.count, 5)
    XCTAssertEqual(summaries[today]?.titles, ["overdue", "today 1", "today 2"])
    XCTAssertEqual(summaries[today]?.overdue, 1)
    XCTAssertEqual(summaries[today.adding(days: 1)]?.titles, ["after midnight in Berlin"])
    XCTAssertNil(summaries[today.adding(days: 2)], "an empty day is left out")
  }

  func testSectionsMineAndEveryones() throws {
    let me = try store.localUser()!.id
    let other = try store.createUser(
      User(name: "Bea Rep", email: "bea@example.com", role: .rep, createdAt: tick()),
      now: clock)
    try add("mine overdue", at: -30, assignee: me)
    try add("hers overdue", at: -2, assignee: other.id)
    try add("mine today", at: 3, assignee: me)
    try add("done today", at: -1, done: true, assignee: me)
    try add("mine next week", at: 24 * 7, assignee: me)
    func titles(_ section: ActivitySection, _ assignee: String?) throws -> [String] {
      try store.activityPage(section, assigneeId: assignee, now: now, zone: berlin).rows
        .map(\.activity.title)
    }
    XCTAssertEqual(try titles(.today, nil), ["hers overdue", "done today", "mine today"])
    XCTAssertEqual(try titles(.overdue, nil), ["mine overdue", "hers overdue"])
    XCTAssertEqual(try titles(.overdue, me), ["mine overdue"])
    XCTAssertEqual(try titles(.upcoming, me), ["mine today", "mine next week"])
    XCTAssertEqual(try titles(.done, nil), ["done today"])
    let page = try store.activityPage(.today, assigneeId: nil, now: now, zone: berlin)
    XCTAssertEqual(page.rows.first?.assigneeName, "Bea Rep")
  }

  func testPagesAndTotal() throws {
    for index in 0..<25 { try add("task \(index)", at: Double(index + 1)) }
    let page = try store.activityPage(
      .upcoming, assigneeId: nil, now: now, zone: berlin, limit: 10, offset: 20)
    XCTAssertEqual(page.total, 25)
    XCTAssertEqual(page.rows.map(\.activity.title), (20..<25).map { "task \($0)" })
  }

  func testRecurringActivitiesShowOnEachOccurrence() throws {
    var weekly = Activity(
      kind: .meeting, title: "Weekly sync", startAt: now.addingTimeInterval(-7 * 86_400),
      endAt: now.addingTimeInterval(-7 * 86_400 + 1_800), createdAt: tick())
    weekly.recurrence = Recurrence(.weekly)
    try store.createActivity(weekly, now: clock)
    try add("once", at: 1)
    let today = Day(now, in: berlin)
    let rows = try store.calendarRows(
      from: today.start(in: berlin), to: today.adding(days: 14).start(in: berlin), zone: berlin)
    XCTAssertEqual(rows.map(\.activity.title), ["Weekly sync", "once", "Weekly sync"])
    XCTAssertEqual(rows[2].activity.startAt, now.addingTimeInterval(7 * 86_400))
    XCTAssertEqual(rows[2].activity.endAt, now.addingTimeInterval(7 * 86_400 + 1_800))
    let summaries = try store.daySummaries(
      (0..<14).map { today.adding(days: $0) }, zone: berlin, titles: 3, now: now)
    XCTAssertEqual(summaries[today]?.titles, ["Weekly sync", "once"])
    XCTAssertEqual(summaries[today.adding(days: 7)]?.count, 1)
    XCTAssertEqual(summaries.count, 2, "only the days it occurs on")
  }

  /// The month marks a series' missed occurrences as view 5 lists them: those of the last
  /// 14 days are overdue (⚑ on their day), older ones and today's still to come are not.
  func testMissedOccurrencesOfTheLastTwoWeeksCountAsOverdue() throws {
    var weekly = Activity(
      kind: .meeting, title: "Weekly sync", startAt: now.addingTimeInterval(-21 * 86_400 - 3_600),
      endAt: now.addingTimeInterval(-21 * 86_400 - 1_800), createdAt: tick())
    weekly.recurrence = Recurrence(.weekly)
    try store.createActivity(weekly, now: clock)
    let today = Day(now, in: berlin)
    let days = (-21...7).map { today.adding(days: $0) }
    let summaries = try store.daySummaries(days, zone: berlin, titles: 3, now: now)
    XCTAssertEqual(summaries[today.adding(days: -21)]?.overdue, 0, "three weeks ago: history")
    XCTAssertEqual(summaries[today.adding(days: -14)]?.overdue, 0, "just outside the window")
    XCTAssertEqual(summaries[today.adding(days: -7)]?.overdue, 1, "missed last week")
    XCTAssertEqual(summaries[today]?.overdue, 1, "ended an hour and a half ago")
    XCTAssertEqual(summaries[today.adding(days: 7)]?.overdue, 0, "next week's is to come")

    let copy = weekly.moved(toOccurrence: now.addingTimeInterval(-7 * 86_400 - 3_600))
    XCTAssertTrue(copy.isOverdueAsListed(now: now, zone: berlin))
    let old = weekly.moved(toOccurrence: now.addingTimeInterval(-21 * 86_400 - 3_600))
    XCTAssertTrue(old.isOverdue(now: now, zone: berlin), "past its end")
    XCTAssertFalse(old.isOverdueAsListed(now: now, zone: berlin), "but outside the window")
  }

  func testAMonthAt250ActivitiesADayIsCountedRight() throws {
    // 250 activities a day, as 100k over 400 days (20k here, to keep the suite quick): the
    // month's 42-day grid counts each day's activities (speed is crm-bench's; the plans
    // are checked below).
    var batch: [Activity] = []
    for index in 0..<20_000 {
      let when = now.addingTimeInterval(-40 * 86_400 + Double(index) * 80 * 86_400 / 20_000)
      batch.append(
        Activity(
          kind: .task, title: "bulk \(index)", dueAt: when,
          createdAt: clock))
    }
    try store.bulkInsert(activities: batch, label: "bulk", now: tick())
    let today = Day(now, in: berlin)
    let first = today.adding(days: -20)
    let summaries = try store.daySummaries(
      (0..<42).map { first.adding(days: $0) }, zone: berlin, titles: 4, now: now)
    XCTAssertEqual(summaries.values.reduce(0) { $0 + $1.count }, 42 * 250, accuracy: 400)
    XCTAssertTrue(summaries.values.allSatisfy { $0.titles.count == 4 })
  }

  /// The month's reads are index ranges, not scans of the table: one-off activities through
  /// `activities_by_when`, recurring ones through `activities_recurring` (migration v8).
  func testTheCalendarReadsSearchTheirIndexes() throws {
    let plans: [(String, String, StatementArguments)] = [
      (Store.dayCountSQL, "activities_by_when", [now, now, now]),
      (Store.dayTitlesSQL, "activities_by_when", [now, now, 4]),
      (Store.recurringSQL, "activities_recurring", [now]),
    ]
    try store.pool.read { db in
      for (sql, index, arguments) in plans {
        let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
          .map { $0["detail"] as String }.joined(separator: "; ")
        XCTAssertTrue(plan.contains("USING INDEX \(index)"), "\(sql): \(plan)")
        XCTAssertFalse(plan.contains("SCAN"), "\(sql): \(plan)")
      }
    }
  }
}
