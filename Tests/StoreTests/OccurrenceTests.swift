import Foundation
import Model
import Store
import XCTest

/// A recurring activity in view 5's sections and `activity list`'s range, once per
/// occurrence with its own time, on a real file; timeline entries carry their activity.
final class OccurrenceTests: StoreTestCase {
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

  func testTodayShowsTheOccurrenceOfTodayAtItsOwnTime() throws {
    let series = try standup()
    _ = try store.createActivity(
      Activity(kind: .task, title: "Quote", dueAt: nine.addingTimeInterval(3 * 3600)), now: tick())
    let page = try store.activityPage(
      .today, assigneeId: nil, now: nine.addingTimeInterval(3600), zone: utc)
    XCTAssertEqual(titlesAndTimes(page), ["Standup 0h", "Quote 3h"])
    XCTAssertEqual(page.total, 2)
    XCTAssertEqual(page.rows.first?.id, series.id, "an occurrence is its series' row")
    XCTAssertEqual(page.rows.first?.activity.endAt, nine.addingTimeInterval(900))
  }

  func testUpcomingShowsTheNextFourteenDaysOfOccurrences() throws {
    _ = try standup()
    let page = try store.activityPage(.upcoming, assigneeId: nil, now: nine, zone: utc)
    XCTAssertEqual(page.rows.count, 14, "today's 09:00 and the 13 days after")
    XCTAssertEqual(page.rows.first?.activity.when, nine)
    XCTAssertEqual(page.rows.last?.activity.when, nine.addingTimeInterval(13 * day))
    // A monthly series with nothing in the next 14 days shows its next occurrence.
    let monthly = try store.createActivity(
      Activity(
        kind: .task, title: "Invoice run", dueAt: nine.addingTimeInterval(-10 * day),
        recurrence: Recurrence(.monthly)), now: tick())
    let again = try store.activityPage(.upcoming, assigneeId: nil, now: nine, zone: utc)
    let invoice = again.rows.filter { $0.id == monthly.id }.map(\.activity.when)
    XCTAssertEqual(invoice.count, 1)
    XCTAssertGreaterThan(invoice[0]!, nine.addingTimeInterval(14 * day))
  }

  func testOverdueShowsTheMissedOccurrencesOfTheLastFourteenDays() throws {
    _ = try standup()
    let page = try store.activityPage(
      .overdue, assigneeId: nil, now: nine.addingTimeInterval(-60), zone: utc)
    XCTAssertEqual(page.rows.count, 14, "not the 20 since the start")
    XCTAssertEqual(page.rows.last?.activity.when, nine.addingTimeInterval(-day))
  }

  func testPagesOfTheMergedListFollowOneAnother() throws {
    _ = try standup()
    for hour in 0..<5 {
      _ = try store.createActivity(
        Activity(
          kind: .task, title: "T\(hour)",
          dueAt: nine.addingTimeInterval(Double(hour) * day + 3600)), now: tick())
    }
    let all = try store.activityPage(.upcoming, assigneeId: nil, now: nine, zone: utc, limit: 100)
    var paged: [ActivityRow] = []
    for offset in stride(from: 0, to: all.rows.count, by: 4) {
      paged += try store.activityPage(
        .upcoming, assigneeId: nil, now: nine, zone: utc, limit: 4, offset: offset
      ).rows
    }
    XCTAssertEqual(paged, all.rows)
    XCTAssertEqual(all.total, 19)
  }

  func testTheRangeListsEachOccurrence() throws {
    let series = try standup()
    _ = try store.createActivity(
      Activity(kind: .task, title: "Quote", dueAt: nine.addingTimeInterval(3600)), now: tick())
    let rows = try store.activities(
      from: nine, to: nine.addingTimeInterval(3 * day),
      occurrences: nine..<nine.addingTimeInterval(3 * day),
      zone: utc, openOnly: true)
    XCTAssertEqual(rows.map(\.title), ["Standup", "Quote", "Standup", "Standup"])
    XCTAssertEqual(
      rows.filter { $0.id == series.id }.map(\.startAt),
      [
        nine, nine.addingTimeInterval(day), nine.addingTimeInterval(2 * day),
      ])
  }

  func testTheTimelineCarriesTheActivity() throws {
    let company = try store.createCompany(Company(name: "Acme"), now: tick())
    let task = try store.createActivity(
      Activity(kind: .task, title: "Call back", dueAt: nine, companyId: company.id), now: tick())
    let entry = try store.timeline(company: company.id).first { $0.kind == .activity }
    XCTAssertEqual(entry?.activity?.id, task.id)
    XCTAssertEqual(entry?.activity?.dueAt, nine)
    XCTAssertEqual(entry?.at, nine)
  }
}
