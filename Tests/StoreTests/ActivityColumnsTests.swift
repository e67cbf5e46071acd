import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// The direct column encoding of an activity (what imports write) gives exactly what GRDB's
/// Codable encoding gives, column for column, and reads back as the same activity.
final class ActivityColumnsTests: StoreTestCase {
  func samples() -> [Activity] {
    let at = Date(timeIntervalSince1970: 1_750_000_000.123)
    return [
      Activity(kind: .task, title: "Send the offer", createdAt: at),
      Activity(
        kind: .meeting, title: "Weekly \"sync\" / Müller", notes: "Line one\nline two",
        startAt: at.addingTimeInterval(3600), endAt: at.addingTimeInterval(7200.5), allDay: true,
        doneAt: at.addingTimeInterval(9000), assigneeId: UUIDv7.generate(),
        reminders: [15, 1440, 0], dealId: UUIDv7.generate(), contactId: UUIDv7.generate(),
        companyId: UUIDv7.generate(),
        recurrence: Recurrence(
          .weekly, interval: 2, weekdays: [.monday, .friday], end: .count(10),
          timeZone: "Europe/Berlin", excludedDates: [at.addingTimeInterval(604_800)]),
        priority: .urgent, location: "Room 1", sourceId: "event-1@gen-ics", createdAt: at,
        updatedAt: at.addingTimeInterval(86_400)),
      Activity(
        kind: .call, title: "Call back", dueAt: Date(timeIntervalSince1970: 0),
        callDurationSeconds: 125, callDirection: .outbound, callOutcome: .noAnswer,
        priority: .low, createdAt: Date(timeIntervalSince1970: 1_999_999_999.9999)),
    ]
  }

  func testColumnsAreWhatCodableWrites() throws {
    var dates = DateColumns()
    for activity in samples() {
      let codable = try activity.databaseDictionary
      let direct = try activity.columnValues(dates: &dates)
      XCTAssertEqual(Activity.sortedColumns, codable.keys.sorted(), activity.title)
      for (column, value) in zip(Activity.sortedColumns, direct) {
        XCTAssertEqual(value, codable[column], "\(activity.title): \(column)")
      }
    }
  }

  func testRowsReadBackAsTheSameActivities() throws {
    var dates = DateColumns()
    for activity in samples() {
      let values = try activity.columnValues(dates: &dates)
      let row = Row(Dictionary(uniqueKeysWithValues: zip(Activity.sortedColumns, values)))
      XCTAssertEqual(try Activity(row: row), try Activity(row: Row(activity.databaseDictionary)))
    }
  }
}
