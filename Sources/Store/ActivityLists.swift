import Foundation
import GRDB
import Model

/// The sections of the activities view (view 5).
public enum ActivitySection: String, CaseIterable, Sendable {
  case today, overdue, upcoming, done
}

/// A page of one section of the activities view and how many the section has in all.
public struct ActivityPage: Sendable, Hashable {
  public var rows: [ActivityRow]
  public var total: Int
}

extension Store {
  /// One section's page, mine (`assigneeId`) or everyone's (nil), from the index on the
  /// activity's moment:
  /// - today: every activity of today in `zone`, done or not, in time order;
  /// - overdue: open ones whose moment is past (before `now`), oldest first;
  /// - upcoming: open ones from `now` on, soonest first;
  /// - done: done ones, latest moment first.
  /// The overdue section is read by the moment; a meeting that has started but not ended
  /// shows there too (Model's `Overdue` rule marks it only once it ended).
  ///
  /// A recurring activity shows once per occurrence, each a copy at its own time (its id the
  /// series'): today's occurrences in today; those of the last 14 days
  /// (`Activity.occurrenceWindow`) that are past in overdue; those of the next 14 days in
  /// upcoming, and a series with none in that window by its next occurrence, so every open
  /// series is there. A done series shows once in done; a done occurrence is an activity of
  /// its own (`setOccurrenceDone`) and shows as one.
  public func activityPage(
    _ section: ActivitySection, assigneeId: String?, now: Date, zone: TimeZone,
    limit: Int = 100, offset: Int = 0
  ) throws -> ActivityPage {
    let when = "coalesce(startAt, dueAt)"
    var conditions = ["deleted = 0", "\(when) IS NOT NULL"]
    var arguments = StatementArguments()
    var order = "\(when), id"
    let today = Day(now, in: zone)
    let todayRange = today.start(in: zone)..<today.adding(days: 1).start(in: zone)
    var window: Range<Date>?
    switch section {
    case .today:
      conditions.append("\(when) >= ? AND \(when) < ?")
      arguments += [todayRange.lowerBound, todayRange.upperBound]
      window = todayRange
    case .overdue:
      conditions.append("\(when) < ? AND doneAt IS NULL")
      arguments += [now]
      window = now.addingTimeInterval(-Activity.occurrenceWindow)..<now
    case .upcoming:
      conditions.append("\(when) >= ? AND doneAt IS NULL")
      arguments += [now]
      window = now..<now.addingTimeInterval(Activity.occurrenceWindow)
    case .done:
      conditions.append("doneAt IS NOT NULL")
      order = "\(when) DESC, id DESC"
    }
    if window != nil { conditions.append("recurrence IS NULL") }
    if let assigneeId {
      conditions.append("assigneeId = ?")
      arguments += [assigneeId]
    }
    let condition = conditions.joined(separator: " AND ")
    return try reader.read { db in
      let repeated =
        try window.map {
          try Self.occurrenceRows(
            db, in: $0, nextAfter: section == .upcoming, assigneeId: assigneeId, zone: zone)
        } ?? []
      // The page of the merged list: the first `offset + limit` of those that happen once
      // (only as many as the page needs when no series occurs), with the occurrences
      // sorted in.
      let once = try Activity.fetchAll(
        db,
        sql: "SELECT * FROM activities WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?",
        arguments: arguments
          + (repeated.isEmpty ? [limit, offset] : [offset + limit, 0]))
      var page = once
      if !repeated.isEmpty {
        let merged = (once + repeated).sorted { a, b in
          let key = (a.when ?? now, a.id) < (b.when ?? now, b.id)
          return section == .done ? !key : key
        }
        page = Array(merged.dropFirst(offset).prefix(limit))
      }
      // The count stops at 10,000: "10000+" is all a status line needs, and counting a
      // million open activities on every page would cost more than the page.
      let total =
        try Int.fetchOne(
          db,
          sql: "SELECT count(*) FROM (SELECT 1 FROM activities WHERE \(condition) LIMIT 10001)",
          arguments: arguments) ?? 0
      return ActivityPage(rows: try Self.rows(db, page), total: total + repeated.count)
    }
  }

  /// The occurrences in `range` of the open recurring activities (one assignee's, or
  /// everyone's), each a copy at its time; with `nextAfter`, a series with none in the range
  /// adds its next one after it. At most 10,000.
  static func occurrenceRows(
    _ db: Database, in range: Range<Date>, nextAfter: Bool, assigneeId: String?, zone: TimeZone
  ) throws -> [Activity] {
    var sql = """
      SELECT * FROM activities
      WHERE deleted = 0 AND recurrence IS NOT NULL AND coalesce(startAt, dueAt) < ?
        AND doneAt IS NULL
      """
    var arguments: StatementArguments = [nextAfter ? Date.distantFuture : range.upperBound]
    if let assigneeId {
      sql += " AND assigneeId = ?"
      arguments += [assigneeId]
    }
    var result: [Activity] = []
    let series = try Activity.fetchCursor(db, sql: sql, arguments: arguments)
    while let activity = try series.next(), result.count < 10_000 {
      let found = activity.occurrences(in: range, zone: zone, limit: 10_000 - result.count)
      result += found
      if found.isEmpty, nextAfter, let start = activity.when, let rule = activity.recurrence,
        let next = rule.nextOccurrence(
          start: start, onOrAfter: range.upperBound, timeZone: rule.zone(fallback: zone))
      {
        result.append(activity.moved(toOccurrence: next))
      }
    }
    return result
  }
}
