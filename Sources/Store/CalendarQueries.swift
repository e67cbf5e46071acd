import Foundation
import GRDB
import Model

/// A day of the month grid: how many activities fall on it and the first few titles.
public struct DaySummary: Hashable, Sendable {
  public var count: Int
  /// The first titles of the day in time order, at most what was asked for.
  public var titles: [String]
  /// How many of the day's activities are overdue at the time of the read.
  public var overdue: Int

  public init(count: Int, titles: [String], overdue: Int = 0) {
    self.count = count
    self.titles = titles
    self.overdue = overdue
  }
}

/// An activity with the names a screen shows next to it: the record it is about and who it
/// is assigned to.
public struct ActivityRow: Hashable, Sendable, Identifiable {
  public var activity: Activity
  /// The linked deal's title, else the contact's name, else the company's.
  public var linkName: String?
  public var assigneeName: String?

  public var id: String { activity.id }

  public init(activity: Activity, linkName: String? = nil, assigneeName: String? = nil) {
    self.activity = activity
    self.linkName = linkName
    self.assigneeName = assigneeName
  }
}

/// The calendar's reads. Every query walks `activities_by_when` (the partial index on
/// `coalesce(startAt, dueAt)`) over the range on screen, so a month paints from a few small
/// index ranges however many activities the database holds.
extension Store {
  /// Activities whose moment falls in [from, to), in time order, with their names.
  public func calendarRows(from: Date, to: Date, limit: Int = 500) throws -> [ActivityRow] {
    try pool.read { db in
      let activities = try Activity.fetchAll(
        db,
        sql: """
          SELECT * FROM activities
          WHERE deleted = 0 AND coalesce(startAt, dueAt) >= ? AND coalesce(startAt, dueAt) < ?
          ORDER BY coalesce(startAt, dueAt), id LIMIT ?
          """, arguments: [from, to, limit])
      return try Self.rows(db, activities)
    }
  }

  /// Per day of `days` (in `zone`), the count of activities and the first `titles` titles;
  /// days with nothing are left out. Two index range reads per day: a count and the titles.
  public func daySummaries(
    _ days: [Day], zone: TimeZone, titles: Int = 3, now: Date = Date()
  ) throws -> [Day: DaySummary] {
    try pool.read { db in
      var result: [Day: DaySummary] = [:]
      let countSQL = """
        SELECT count(*),
          sum(CASE WHEN doneAt IS NULL AND coalesce(startAt, dueAt) < ? THEN 1 ELSE 0 END)
        FROM activities
        WHERE deleted = 0 AND coalesce(startAt, dueAt) >= ? AND coalesce(startAt, dueAt) < ?
        """
      let titleSQL = """
        SELECT title FROM activities
        WHERE deleted = 0 AND coalesce(startAt, dueAt) >= ? AND coalesce(startAt, dueAt) < ?
        ORDER BY coalesce(startAt, dueAt), id LIMIT ?
        """
      for day in days {
        let start = day.start(in: zone)
        let end = day.adding(days: 1).start(in: zone)
        guard let row = try Row.fetchOne(db, sql: countSQL, arguments: [now, start, end]) else {
          continue
        }
        let count: Int = row[0]
        guard count > 0 else { continue }
        let names =
          titles > 0
          ? try String.fetchAll(db, sql: titleSQL, arguments: [start, end, titles]) : []
        result[day] = DaySummary(count: count, titles: names, overdue: row[1] ?? 0)
      }
      return result
    }
  }

  /// Open activities with a reminder that goes off around [from, to): SQLite works out each
  /// reminder's moment (`json_each` over the offsets) within a day either side, the caller
  /// picks the exact fire times with Model's `Reminders.due` (all-day ones remind from 09:00
  /// of their day, in the user's zone). Walks the index over the `Reminders.maxMinutes`
  /// after `from` without decoding what does not remind then, so a check every few seconds
  /// stays cheap with a million activities.
  public func reminderCandidates(from: Date, to: Date, limit: Int = 1_000) throws -> [Activity] {
    try pool.read { db in
      try Activity.fetchAll(
        db,
        sql: """
          SELECT * FROM activities WHERE rid IN (
            SELECT a.rid FROM activities a, json_each(a.reminders) r
            WHERE a.deleted = 0 AND a.doneAt IS NULL AND a.reminders <> '[]'
              AND coalesce(a.startAt, a.dueAt) >= ? AND coalesce(a.startAt, a.dueAt) < ?
              AND julianday(coalesce(a.startAt, a.dueAt)) - r.value / 1440.0
                BETWEEN julianday(?) - 1 AND julianday(?) + 1
            LIMIT ?)
          ORDER BY coalesce(startAt, dueAt), id
          """,
        arguments: [
          from.addingTimeInterval(-86_400),
          to.addingTimeInterval(Double(Reminders.maxMinutes) * 60 + 86_400), from, to, limit,
        ])
    }
  }

  /// The names shown next to activities, read in three small queries by id.
  static func rows(_ db: Database, _ activities: [Activity]) throws -> [ActivityRow] {
    func names(_ sql: String, _ ids: [String]) throws -> [String: String] {
      let unique = Array(Set(ids))
      guard !unique.isEmpty else { return [:] }
      let marks = Array(repeating: "?", count: unique.count).joined(separator: ",")
      var result: [String: String] = [:]
      for row in try Row.fetchAll(
        db, sql: sql.replacingOccurrences(of: "@", with: marks),
        arguments: StatementArguments(unique))
      {
        result[row[0]] = row[1]
      }
      return result
    }
    let deals = try names(
      "SELECT id, title FROM deals WHERE id IN (@)", activities.compactMap(\.dealId))
    let contacts = try names(
      "SELECT id, trim(firstName || ' ' || lastName) FROM contacts WHERE id IN (@)",
      activities.compactMap(\.contactId))
    let companies = try names(
      "SELECT id, name FROM companies WHERE id IN (@)", activities.compactMap(\.companyId))
    let users = try names(
      "SELECT id, name FROM users WHERE id IN (@)", activities.compactMap(\.assigneeId))
    return activities.map { activity in
      let link =
        activity.dealId.flatMap { deals[$0] } ?? activity.contactId.flatMap { contacts[$0] }
        ?? activity.companyId.flatMap { companies[$0] }
      return ActivityRow(
        activity: activity, linkName: link,
        assigneeName: activity.assigneeId.flatMap { users[$0] })
    }
  }
}
