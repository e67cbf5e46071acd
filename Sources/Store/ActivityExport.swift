import Foundation
import GRDB
import Model

/// One page of activities to export, and where the next page starts (nil after the last).
public struct ActivityExportPage: Sendable {
  public var activities: [Activity]
  public var next: Int64?
}

/// Activities for an iCalendar export, a page at a time in the order they were added (a
/// keyset on the row id, so a deep page costs what the first does).
extension Store {
  /// The activities that happen in [from, to) (either bound may be nil): those whose time is
  /// in it, and recurring ones with an occurrence in it. Without bounds, every activity,
  /// those with no time included. `after` is the previous page's `next`.
  public func activitiesForExport(
    from: Date? = nil, to: Date? = nil, zone: TimeZone = .current, after: Int64? = nil,
    limit: Int = 1000
  ) throws -> ActivityExportPage {
    try pool.read { db in
      var conditions = ["deleted = 0", "rid > ?"]
      var arguments: StatementArguments = [after ?? 0]
      if from != nil || to != nil {
        var once = ["coalesce(startAt, dueAt) IS NOT NULL"]
        var repeating = ["recurrence IS NOT NULL"]
        if let from {
          once.append("coalesce(startAt, dueAt) >= ?")
          arguments += [from]
        }
        if let to {
          once.append("coalesce(startAt, dueAt) < ?")
          repeating.append("coalesce(startAt, dueAt) < ?")
          arguments += [to, to]
        }
        conditions.append(
          "((\(once.joined(separator: " AND "))) OR (\(repeating.joined(separator: " AND "))))")
      }
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM activities WHERE \(conditions.joined(separator: " AND "))
          ORDER BY rid LIMIT ?
          """, arguments: arguments + [limit])
      var activities: [Activity] = []
      for row in rows {
        let activity = try Activity(row: row)
        if let from, let rule = activity.recurrence, let start = activity.when, start < from {
          // A rule that started before the range belongs to it only if it still repeats there.
          guard
            let next = rule.nextOccurrence(start: start, onOrAfter: from, timeZone: zone),
            to.map({ next < $0 }) ?? true
          else { continue }
        }
        activities.append(activity)
      }
      let next: Int64? = rows.count < limit ? nil : rows.last?["rid"]
      return ActivityExportPage(activities: activities, next: next)
    }
  }
}
