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
  public func activityPage(
    _ section: ActivitySection, assigneeId: String?, now: Date, zone: TimeZone,
    limit: Int = 100, offset: Int = 0
  ) throws -> ActivityPage {
    let when = "coalesce(startAt, dueAt)"
    var conditions = ["deleted = 0", "\(when) IS NOT NULL"]
    var arguments = StatementArguments()
    var order = "\(when), id"
    switch section {
    case .today:
      let today = Day(now, in: zone)
      conditions.append("\(when) >= ? AND \(when) < ?")
      arguments += [today.start(in: zone), today.adding(days: 1).start(in: zone)]
    case .overdue:
      conditions.append("\(when) < ? AND doneAt IS NULL")
      arguments += [now]
    case .upcoming:
      conditions.append("\(when) >= ? AND doneAt IS NULL")
      arguments += [now]
    case .done:
      conditions.append("doneAt IS NOT NULL")
      order = "\(when) DESC, id DESC"
    }
    if let assigneeId {
      conditions.append("assigneeId = ?")
      arguments += [assigneeId]
    }
    let condition = conditions.joined(separator: " AND ")
    return try pool.read { db in
      let activities = try Activity.fetchAll(
        db,
        sql: "SELECT * FROM activities WHERE \(condition) ORDER BY \(order) LIMIT ? OFFSET ?",
        arguments: arguments + [limit, offset])
      // The count stops at 10,000: "10000+" is all a status line needs, and counting a
      // million open activities on every page would cost more than the page.
      let total =
        try Int.fetchOne(
          db,
          sql: "SELECT count(*) FROM (SELECT 1 FROM activities WHERE \(condition) LIMIT 10001)",
          arguments: arguments) ?? 0
      return ActivityPage(rows: try Self.rows(db, activities), total: total)
    }
  }
}
