import Foundation
import GRDB
import Model

/// An activity's columns written straight into database values, as `ContactColumns` does for
/// contacts: the Codable path (`databaseDictionary`) was an eighth of an iCalendar import's
/// time. The values are exactly what Codable writes, column for column (ActivityColumnsTests
/// compares the two); the recurrence rule, a nested value that few items carry, still goes
/// through GRDB's own JSON encoder.
extension Activity: ColumnEncodedRecord {
  static let sortedColumns = [
    "allDay", "assigneeId", "callDirection", "callDurationSeconds", "callOutcome", "companyId",
    "contactId", "createdAt", "dealId", "doneAt", "dueAt", "endAt", "id", "kind", "location",
    "notes", "priority", "recurrence", "reminders", "sourceId", "startAt", "title", "updatedAt",
  ]

  func columnValues(dates: inout DateColumns) throws -> [DatabaseValue] {
    [
      allDay.databaseValue,
      assigneeId?.databaseValue ?? .null,
      callDirection?.rawValue.databaseValue ?? .null,
      callDurationSeconds?.databaseValue ?? .null,
      callOutcome?.rawValue.databaseValue ?? .null,
      companyId?.databaseValue ?? .null,
      contactId?.databaseValue ?? .null,
      dates.value(createdAt),
      dealId?.databaseValue ?? .null,
      doneAt.map { dates.value($0) } ?? .null,
      dueAt.map { dates.value($0) } ?? .null,
      endAt.map { dates.value($0) } ?? .null,
      id.databaseValue,
      kind.rawValue.databaseValue,
      location?.databaseValue ?? .null,
      notes?.databaseValue ?? .null,
      priority.rawValue.databaseValue,
      try recurrence.map { rule in
        String(
          decoding: try Activity.databaseJSONEncoder(for: "recurrence").encode(rule),
          as: UTF8.self
        ).databaseValue
      } ?? .null,
      Self.remindersJSON(reminders).databaseValue,
      sourceId?.databaseValue ?? .null,
      startAt.map { dates.value($0) } ?? .null,
      title.databaseValue,
      dates.value(updatedAt),
    ]
  }

  /// "[15,1440]", as JSONEncoder writes an array of integers.
  static func remindersJSON(_ minutes: [Int]) -> String {
    "[" + minutes.map(String.init).joined(separator: ",") + "]"
  }
}
