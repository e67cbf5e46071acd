import Foundation
import Model
import Store
import XCTest

/// A series with a cancelled and a moved occurrence, imported as Interchange reads it: the
/// moved one becomes an activity of its own, the series skips both, the calendar shows each
/// once, and importing the same file again (in either order) writes nothing.
final class ChangedOccurrenceImportTests: StoreTestCase {
  let utc = TimeZone(identifier: "UTC")!
  /// A Monday, 09:00 UTC.
  let monday = Date(timeIntervalSince1970: 1_900_659_600)
  let day: TimeInterval = 86_400

  func series(line: Int = 3, cancelled: [Date] = []) -> Result<ActivityImport, ImportProblem> {
    var a = Activity(kind: .meeting, title: "Standup", createdAt: clock)
    a.startAt = monday
    a.endAt = monday.addingTimeInterval(1_800)
    let rule = Recurrence(
      .weekly, end: .count(4), timeZone: "UTC", excludedDates: Set(cancelled),
      extraDates: [monday.addingTimeInterval(5 * day)])
    return .success(
      ActivityImport(line: line, activity: a, sourceId: "standup@x", recurrence: rule))
  }

  /// The second Monday moved to 11:00 on Tuesday.
  func moved(line: Int = 20, title: String = "Standup (moved)") -> Result<
    ActivityImport, ImportProblem
  > {
    let original = monday.addingTimeInterval(7 * day)
    var a = Activity(kind: .meeting, title: title, createdAt: clock)
    a.startAt = original.addingTimeInterval(day + 7_200)
    a.endAt = a.startAt!.addingTimeInterval(1_800)
    return .success(
      ActivityImport(
        line: line, activity: a, sourceId: "standup@x",
        changedOccurrence: ChangedOccurrence(seriesId: "standup@x", occurrence: original)))
  }

  func calendar() throws -> [String] {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = utc
    formatter.dateFormat = "MM-dd HH:mm"
    return try store.calendarRows(
      from: monday.addingTimeInterval(-day), to: monday.addingTimeInterval(40 * day), zone: utc
    ).map { formatter.string(from: $0.activity.when!) + " " + $0.activity.title }
  }

  func testTheMovedOccurrenceShowsOnceWhereItWasMovedTo() throws {
    try importTwice(seriesFirst: true)
  }

  func testTheMovedOccurrenceBeforeItsSeriesInTheFileShowsOnceToo() throws {
    try importTwice(seriesFirst: false)
  }

  private func importTwice(seriesFirst: Bool) throws {
    let cancelled = monday.addingTimeInterval(14 * day)
    let file =
      seriesFirst
      ? [series(cancelled: [cancelled]), moved()] : [moved(), series(cancelled: [cancelled])]
    let report = try store.importActivities(file, zone: utc, now: tick())
    XCTAssertEqual(report.created, 2)
    XCTAssertEqual(
      try calendar(),
      [
        "03-25 09:00 Standup", "03-30 09:00 Standup", "04-02 11:00 Standup (moved)",
        "04-15 09:00 Standup",
      ])
    let stored = try store.activities(limit: 10)
    let standup = try XCTUnwrap(stored.first { $0.title == "Standup" })
    XCTAssertEqual(
      standup.recurrence?.excludedDates, [cancelled, monday.addingTimeInterval(7 * day)])
    XCTAssertEqual(
      stored.first { $0.title == "Standup (moved)" }?.sourceId, "standup@x#2030-04-01T09:00:00Z")

    // The same file again, and in the other order: nothing changes, nothing is logged.
    let before = try logLength()
    for again in [file, file.reversed()] {
      let report = try store.importActivities(again, zone: utc, now: tick())
      XCTAssertEqual(report.unchanged, 2)
      XCTAssertEqual(report.created + report.updated, 0)
    }
    XCTAssertEqual(try logLength(), before)
  }

  func testAChangedOccurrenceIsUpdatedInPlaceOnReimport() throws {
    _ = try store.importActivities([series(), moved()], zone: utc, now: tick())
    let report = try store.importActivities(
      [series(), moved(title: "Standup (moved again)")], zone: utc, now: tick())
    XCTAssertEqual(report.updated, 1)
    XCTAssertEqual(report.unchanged, 1)
    XCTAssertEqual(try store.count(.activity), 2)
    XCTAssertTrue(try calendar().contains("04-02 11:00 Standup (moved again)"))
  }

  func testAnOccurrenceOfOurOwnSeriesChangedElsewhereLinksByItsId() throws {
    // Made here, exported (UID = id), one Monday moved in another calendar, imported back.
    let made = try store.createActivity(
      Activity(
        kind: .meeting, title: "Standup", startAt: monday, endAt: monday.addingTimeInterval(1_800),
        recurrence: Recurrence(.weekly, end: .count(4), timeZone: "UTC")), now: tick())
    guard case .success(var change) = moved() else { return XCTFail() }
    change.sourceId = made.id
    change.changedOccurrence?.seriesId = made.id
    var back = made
    back.id = UUIDv7.generate()
    let series = ActivityImport(
      line: 3, activity: back, sourceId: made.id, recurrence: made.recurrence)
    let report = try store.importActivities(
      [.success(series), .success(change)], zone: utc, now: tick())
    XCTAssertEqual(report.created, 1)
    XCTAssertEqual(
      try store.activity(made.id).recurrence?.excludedDates, [monday.addingTimeInterval(7 * day)])
    let before = try logLength()
    let again = try store.importActivities(
      [.success(series), .success(change)], zone: utc, now: tick())
    XCTAssertEqual(again.unchanged, 2)
    XCTAssertEqual(try logLength(), before)
  }

  func testARefusedFileLeavesTheSeriesAsItWas() throws {
    _ = try store.importActivities([series()], zone: utc, now: tick())
    let before = try logLength()
    let rule = try store.activities(limit: 1).first?.recurrence
    let broken = ImportProblem(line: 30, reason: "EXDATE: \"tomorrow\" is not a date or time")
    XCTAssertThrowsError(
      try store.importActivities([moved(), .failure(broken)], zone: utc, now: tick())
    ) { error in
      XCTAssertEqual(error as? ImportProblem, broken)
    }
    XCTAssertEqual(try logLength(), before)
    XCTAssertEqual(try store.count(.activity), 1)
    XCTAssertEqual(try store.activities(limit: 1).first?.recurrence, rule)
  }

  func testExportWritesTheMovedOccurrenceApartFromTheSeriesExclusions() throws {
    let cancelled = monday.addingTimeInterval(14 * day)
    _ = try store.importActivities(
      [series(cancelled: [cancelled]), moved()], zone: utc, now: tick())
    let page = try store.activitiesForExport()
    let standup = try XCTUnwrap(page.activities.first { $0.title == "Standup" })
    let change = try XCTUnwrap(page.activities.first { $0.title == "Standup (moved)" })
    XCTAssertEqual(
      page.changedOccurrences[change.id],
      ChangedOccurrence(seriesId: "standup@x", occurrence: monday.addingTimeInterval(7 * day)))
    // Only the cancelled Monday is an EXDATE: the moved one is its own item.
    XCTAssertEqual(page.recurrence(of: standup)?.excludedDates, [cancelled])
    // A range without the moved occurrence leaves its original moment excluded.
    let early = try store.activitiesForExport(
      from: monday, to: monday.addingTimeInterval(day), zone: utc)
    XCTAssertEqual(early.activities.map(\.title), ["Standup"])
    XCTAssertEqual(
      early.recurrence(of: early.activities[0])?.excludedDates,
      [cancelled, monday.addingTimeInterval(7 * day)])
  }
}
