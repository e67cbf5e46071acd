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
  public func calendarRows(
    from: Date, to: Date, zone: TimeZone = .current, limit: Int = 500, recurring: Bool = true
  ) throws -> [ActivityRow] {
    try reader.read { db in
      var activities = try Activity.fetchAll(
        db,
        sql: """
          SELECT * FROM activities
          WHERE deleted = 0 AND coalesce(startAt, dueAt) >= ? AND coalesce(startAt, dueAt) < ?
            AND recurrence IS NULL
          ORDER BY coalesce(startAt, dueAt), id LIMIT ?
          """, arguments: [from, to, limit])
      if recurring {
        activities += try Self.occurrences(db, from: from, to: to, zone: zone, limit: limit)
      }
      activities.sort { ($0.when ?? from, $0.id) < ($1.when ?? from, $1.id) }
      return try Self.rows(db, Array(activities.prefix(limit)))
    }
  }

  /// Every occurrence in [from, to) of the recurring activities, each a copy of its activity
  /// with the times moved there (Model's `Recurrence.occurrences`, in the rule's own zone).
  static func occurrences(
    _ db: Database, from: Date, to: Date, zone: TimeZone, limit: Int
  ) throws -> [Activity] {
    var result: [Activity] = []
    let recurring = try Activity.fetchCursor(db, sql: recurringSQL, arguments: [to])
    while let activity = try recurring.next() {
      guard let start = activity.when, let rule = activity.recurrence else { continue }
      let dates = rule.occurrences(
        start: start, in: from..<to, timeZone: rule.zone(fallback: zone), limit: limit)
      for occurrence in dates {
        var copy = activity
        let shift = occurrence.timeIntervalSince(start)
        copy.dueAt = copy.dueAt?.addingTimeInterval(shift)
        copy.startAt = copy.startAt?.addingTimeInterval(shift)
        copy.endAt = copy.endAt?.addingTimeInterval(shift)
        result.append(copy)
      }
    }
    return result
  }

  /// The recurring activities that start before a moment (migration v8's index).
  static let recurringSQL = """
    SELECT * FROM activities
    WHERE deleted = 0 AND recurrence IS NOT NULL AND coalesce(startAt, dueAt) < ?
    """

  /// A day's count and overdue count of the activities that happen once, arguments
  /// [start, end, now]. The count is read from the indexes alone: every activity of the day
  /// (`activities_by_when`) less the series that start on it (`activities_recurring`), so
  /// no row of the table is read for it. Only the overdue count reads rows, those of the
  /// part of the day before now: a day in the future reads none.
  static let dayCountSQL = """
    SELECT count(*)
        - (SELECT count(*) FROM activities
          WHERE deleted = 0 AND recurrence IS NOT NULL
            AND coalesce(startAt, dueAt) >= ?1 AND coalesce(startAt, dueAt) < ?2),
      (SELECT count(*) FROM activities
        WHERE deleted = 0 AND recurrence IS NULL AND doneAt IS NULL
          AND coalesce(startAt, dueAt) >= ?1 AND coalesce(startAt, dueAt) < min(?2, ?3))
    FROM activities
    WHERE deleted = 0 AND coalesce(startAt, dueAt) >= ?1 AND coalesce(startAt, dueAt) < ?2
    """

  /// A day's first titles of the activities that happen once (`activities_by_when`).
  static let dayTitlesSQL = """
    SELECT title, coalesce(startAt, dueAt) FROM activities
    WHERE deleted = 0 AND coalesce(startAt, dueAt) >= ? AND coalesce(startAt, dueAt) < ?
      AND recurrence IS NULL
    ORDER BY coalesce(startAt, dueAt), id LIMIT ?
    """

  /// Per day of `days` (in `zone`), the count of activities and the first `titles` titles;
  /// days with nothing are left out. A few index range reads per day: the counts (see
  /// `dayCountSQL`) and the titles.
  public func daySummaries(
    _ days: [Day], zone: TimeZone, titles: Int = 3, now: Date = Date(), recurring: Bool = true
  ) throws -> [Day: DaySummary] {
    try reader.read { db in
      var result: [Day: DaySummary] = [:]
      // Recurring activities count on each day they occur, and as overdue where view 5
      // lists them so: missed within the last `Activity.occurrenceWindow`.
      var repeated: [Day: [(Date, String)]] = [:]
      var repeatedOverdue: [Day: Int] = [:]
      if recurring, let first = days.min(), let last = days.max() {
        for activity in try Self.occurrences(
          db, from: first.start(in: zone), to: last.adding(days: 1).start(in: zone), zone: zone,
          limit: 10_000)
        {
          guard let when = activity.when else { continue }
          repeated[Day(when, in: zone), default: []].append((when, activity.title))
          if activity.isOverdueAsListed(now: now, zone: zone) {
            repeatedOverdue[Day(when, in: zone), default: 0] += 1
          }
        }
      }
      // Both statements are prepared once and run for every day (42 for a month): SQLite
      // parses and plans each only once.
      let countDay = try db.cachedStatement(sql: Self.dayCountSQL)
      let titlesOfDay = try db.cachedStatement(sql: Self.dayTitlesSQL)
      // Each day ends where the next starts: one midnight per day, not two.
      var midnights: [Day: Date] = [:]
      func midnight(_ day: Day) -> Date {
        if let known = midnights[day] { return known }
        let start = day.start(in: zone)
        midnights[day] = start
        return start
      }
      for day in days {
        let dayStart = midnight(day)
        let end = midnight(day.adding(days: 1))
        guard let row = try Row.fetchOne(countDay, arguments: [dayStart, end, now]) else {
          continue
        }
        let extra = repeated[day] ?? []
        let count: Int = row[0]
        guard count + extra.count > 0 else { continue }
        var timed: [(Date, String)] =
          count > 0 && titles > 0
          ? try Row.fetchAll(titlesOfDay, arguments: [dayStart, end, titles]).map {
            ($0[1], $0[0])
          } : []
        timed = (timed + extra).sorted { $0.0 < $1.0 }
        result[day] = DaySummary(
          count: count + extra.count, titles: timed.prefix(titles).map(\.1),
          overdue: (row[1] ?? 0) + (repeatedOverdue[day] ?? 0))
      }
      return result
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
