import Foundation
import Model
import Store
import XCTest

/// iCalendar import as the Store does it (items as Interchange reads them): one mutation, a
/// refused file writes nothing, re-import by UID updates or writes nothing, undo takes it back.
final class ActivityImportTests: StoreTestCase {
  let nine = Date(timeIntervalSince1970: 1_900_000_800)

  func item(
    _ line: Int, _ uid: String?, _ title: String, start: Date? = nil, kind: ActivityKind = .meeting,
    recurrence: Recurrence? = nil, priority: Int? = nil, location: String? = nil
  ) -> Result<ActivityImport, ImportProblem> {
    let when = start ?? nine
    var a = Activity(kind: kind, title: title, createdAt: clock)
    if kind == .task {
      a.dueAt = when
    } else {
      a.startAt = when
      a.endAt = when.addingTimeInterval(3600)
    }
    a.reminders = [15]
    return .success(
      ActivityImport(
        line: line, activity: a, sourceId: uid, recurrence: recurrence, priority: priority,
        location: location))
  }

  func file() -> [Result<ActivityImport, ImportProblem>] {
    [
      item(
        3, "a@cal", "Weekly sync", recurrence: Recurrence(.weekly), priority: 1,
        location: "Room 1"),
      item(20, "b@cal", "Review", kind: .task, priority: 9),
      item(30, "c@cal", "Lunch", start: nine.addingTimeInterval(86_400)),
    ]
  }

  func testImportCreatesActivitiesWithTheFileFieldsAsOneUndoableMutation() throws {
    let report = try store.importActivities(file(), now: tick())
    XCTAssertEqual(report.created, 3)
    let all = try store.activities(limit: 10)
    XCTAssertEqual(all.map(\.title), ["Weekly sync", "Review", "Lunch"])
    let sync = all[0]
    XCTAssertEqual(sync.sourceId, "a@cal")
    XCTAssertEqual(sync.recurrence, Recurrence(.weekly))
    XCTAssertEqual(sync.priority, .urgent)
    XCTAssertEqual(sync.location, "Room 1")
    XCTAssertEqual(sync.assigneeId, try me().id)
    XCTAssertNil(sync.dealId)
    XCTAssertEqual(all[1].priority, .low)
    XCTAssertEqual(try store.undoLabel(), "import activities")
    _ = try store.undo(now: tick())
    XCTAssertEqual(try store.count(.activity), 0)
  }

  func testReimportOfTheSameFileWritesNothingAndAChangedItemUpdatesInPlace() throws {
    _ = try store.importActivities(file(), now: tick())
    let ids = try store.activities(limit: 10).map(\.id)
    let before = try logLength()
    let again = try store.importActivities(file(), now: tick())
    XCTAssertEqual(again.created, 0)
    XCTAssertEqual(again.unchanged, 3)
    XCTAssertEqual(try logLength(), before, "an unchanged re-import leaves no trace")
    XCTAssertEqual(try store.undoLabel(), "import activities")

    // The user links one to a deal; the file moves it and renames it.
    let deal = try addDeal("Big one")
    try store.editActivity(ids[2], now: tick()) { $0.dealId = deal.id }
    var changed = file()
    changed[2] = item(30, "c@cal", "Long lunch", start: nine.addingTimeInterval(90_000))
    let report = try store.importActivities(changed, now: tick())
    XCTAssertEqual(report.updated, 1)
    XCTAssertEqual(report.unchanged, 2)
    let lunch = try store.activity(ids[2])
    XCTAssertEqual(lunch.title, "Long lunch")
    XCTAssertEqual(lunch.startAt, nine.addingTimeInterval(90_000))
    XCTAssertEqual(lunch.dealId, deal.id, "the import keeps the links made here")
    XCTAssertEqual(try store.count(.activity), 3)
  }

  func testAnItemWhoseUIDIsAnActivityIdUpdatesThatActivity() throws {
    let mine = try store.createActivity(
      Activity(kind: .meeting, title: "Ours", startAt: nine), now: tick())
    let report = try store.importActivities(
      [item(5, mine.id, "Ours, renamed")], now: tick())
    XCTAssertEqual(report.updated, 1)
    XCTAssertEqual(try store.activity(mine.id).title, "Ours, renamed")
    XCTAssertNil(try store.activity(mine.id).sourceId)
    XCTAssertEqual(try store.count(.activity), 1)
  }

  func testABrokenFileIsRefusedWholeAndWritesNothing() throws {
    let before = try logLength()
    var rows = file()
    rows.insert(.failure(ImportProblem(line: 12, reason: "DTSTART: not a date")), at: 1)
    XCTAssertThrowsError(try store.importActivities(rows, now: tick())) { error in
      XCTAssertEqual((error as? ImportProblem)?.line, 12)
    }
    XCTAssertEqual(try logLength(), before)
    XCTAssertEqual(try store.count(.activity), 0)
  }

  func testAnItemThatDoesNotValidateNamesItsLine() throws {
    let rows = file() + [item(44, "d@cal", "Ring", kind: .call, recurrence: Recurrence(.daily))]
    XCTAssertThrowsError(try store.importActivities(rows, now: tick())) { error in
      let problem = error as? ImportProblem
      XCTAssertEqual(problem?.line, 44)
      XCTAssertTrue(problem?.reason.contains("repeat") ?? false, "\(String(describing: problem))")
    }
    XCTAssertEqual(try store.count(.activity), 0)
    // Skipping invalid items imports the rest, and reports the skipped one.
    let report = try store.importActivities(rows, skipInvalid: true, now: tick())
    XCTAssertEqual(report.created, 3)
    XCTAssertEqual(report.skipped.map(\.line), [44])
  }

  func testSkipInvalidStillRefusesAnUnreadableFile() throws {
    let broken = ImportProblem(line: 50, reason: "END:VCALENDAR is missing")
    let rows = file() + [.failure(broken)]
    XCTAssertThrowsError(
      try store.importActivities(rows, skipInvalid: true, refuses: { $0 == broken }, now: tick()))
    XCTAssertEqual(try store.count(.activity), 0)
  }

  func testADryRunReportsAndWritesNothing() throws {
    let before = try logLength()
    let report = try store.importActivities(file(), dryRun: true, now: tick())
    XCTAssertEqual(report.created, 3)
    XCTAssertEqual(try logLength(), before)
    XCTAssertEqual(try store.count(.activity), 0)
  }

  func testExportPagesCoverARangeAndRecurringActivitiesThatRepeatInIt() throws {
    _ = try store.importActivities(file(), now: tick())
    let later = try store.createActivity(
      Activity(kind: .task, title: "Far", dueAt: nine.addingTimeInterval(86_400 * 30)), now: tick())
    let undated = try store.createActivity(Activity(kind: .task, title: "Someday"), now: tick())
    // Everything, a page at a time.
    var seen: [String] = []
    var cursor: Int64?
    repeat {
      let page = try store.activitiesForExport(after: cursor, limit: 2)
      seen += page.activities.map(\.title)
      cursor = page.next
    } while cursor != nil
    XCTAssertEqual(seen, ["Weekly sync", "Review", "Lunch", "Far", "Someday"])
    _ = (later, undated)
    // A week from the day after: Lunch, and the weekly sync's second occurrence.
    let from = nine.addingTimeInterval(3600 * 12)
    let page = try store.activitiesForExport(
      from: from, to: from.addingTimeInterval(86_400 * 7), zone: TimeZone(identifier: "UTC")!)
    XCTAssertEqual(page.activities.map(\.title), ["Weekly sync", "Lunch"])
    XCTAssertNil(page.next)
  }

  func testADoneItemWithoutADoneTimeKeepsItsFirstDoneTimeOnReimport() throws {
    func doneTask() -> [Result<ActivityImport, ImportProblem>] {
      guard case .success(var item) = item(7, "t@cal", "Finished", kind: .task) else { return [] }
      item.activity.doneAt = clock  // as the reader does for STATUS:COMPLETED: the import's now
      return [.success(item)]
    }
    _ = try store.importActivities(doneTask(), now: tick())
    let first = try XCTUnwrap(try store.activities(limit: 1).first?.doneAt)
    tick(60)
    let before = try logLength()
    XCTAssertEqual(try store.importActivities(doneTask(), now: tick()).unchanged, 1)
    XCTAssertEqual(try logLength(), before)
    XCTAssertEqual(try store.activities(limit: 1).first?.doneAt, first)
  }

  func testOurOwnRuleComingBackInTheUsersZoneIsUnchanged() throws {
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    let made = try store.createActivity(
      Activity(kind: .meeting, title: "Weekly", startAt: nine, recurrence: Recurrence(.weekly)),
      now: tick())
    var back = made
    back.recurrence?.timeZone = "Europe/Berlin"  // how our export writes it, read back
    let row = ActivityImport(
      line: 1, activity: back, sourceId: made.id, recurrence: back.recurrence)
    XCTAssertEqual(
      try store.importActivities([.success(row)], zone: berlin, now: tick()).unchanged, 1)
    XCTAssertNil(try store.activity(made.id).recurrence?.timeZone)
    // From another zone's user, the zone is news and is kept.
    let report = try store.importActivities(
      [.success(row)], zone: TimeZone(identifier: "America/New_York")!, now: tick())
    XCTAssertEqual(report.updated, 1)
    XCTAssertEqual(try store.activity(made.id).recurrence?.timeZone, "Europe/Berlin")
  }
}
