import Foundation
import GRDB
import Model

/// One page of activities to export, and where the next page starts (nil after the last).
public struct ActivityExportPage: Sendable {
  public var activities: [Activity]
  public var next: Int64?
  /// The page's changed occurrences of a series that is here and repeats, by activity id: to
  /// be written with the series' UID and RECURRENCE-ID.
  public var changedOccurrences: [String: ChangedOccurrence] = [:]
  /// By series id, the excluded moments of the page's series that the same export writes as
  /// changed occurrences: RFC 5545 has them replace the occurrence, so no EXDATE names them.
  public var writtenApart: [String: Set<Date>] = [:]

  public init(activities: [Activity], next: Int64?) {
    self.activities = activities
    self.next = next
  }

  /// The rule to write for an activity of the page: its own, without `writtenApart`.
  public func recurrence(of activity: Activity) -> Recurrence? {
    guard var rule = activity.recurrence, let apart = writtenApart[activity.id] else {
      return activity.recurrence
    }
    rule.excludedDates.subtract(apart)
    return rule
  }
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
    try reader.read { db in
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
      var page = ActivityExportPage(activities: activities, next: next)
      try Self.linkChangedOccurrences(db, &page, from: from, to: to)
      return page
    }
  }

  /// Fills the page's `changedOccurrences` and `writtenApart`. Only activities with a source
  /// id or exclusions cost a read (changed occurrences exist only through an import).
  static func linkChangedOccurrences(
    _ db: Database, _ page: inout ActivityExportPage, from: Date?, to: Date?
  ) throws {
    func exported(_ activity: Activity) -> Bool {
      guard from != nil || to != nil else { return true }
      guard let when = activity.when else { return false }
      return (from.map { when >= $0 } ?? true) && (to.map { when < $0 } ?? true)
    }
    for activity in page.activities {
      if let sourceId = activity.sourceId, activity.recurrence == nil,
        var change = ChangedOccurrence(sourceId: sourceId),
        let series = try ChangedOccurrences.series(db, seriesId: change.seriesId),
        series.recurrence != nil
      {
        change.allDay = series.allDay
        page.changedOccurrences[activity.id] = change
      }
      guard let rule = activity.recurrence, !rule.excludedDates.isEmpty else { continue }
      let apart = try ChangedOccurrences.changes(db, seriesId: activity.sourceId ?? activity.id)
        .filter { $0.activity.recurrence == nil && exported($0.activity) }
        .map(\.change.occurrence)
      let written = rule.excludedDates.intersection(apart)
      if !written.isEmpty { page.writtenApart[activity.id] = written }
    }
  }
}
