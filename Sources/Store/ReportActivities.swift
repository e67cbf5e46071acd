import Foundation
import GRDB
import Model

/// Activities per assignee and kind: done, overdue and still to come.
public struct ActivitiesReport: Sendable {
  public var period: ReportPeriod?
  /// One row per assignee and kind that has any activity counted, by name then kind.
  public var rows: [ActivityFigures]
}

public struct ActivityFigures: Sendable, Hashable {
  /// nil: not assigned to anyone.
  public var ownerId: String?
  public var ownerName: String?
  public var kind: ActivityKind
  public var done: Int
  public var overdue: Int
  public var upcoming: Int
}

extension Store {
  /// Done, overdue and upcoming activities. With a period, done ones count when they were
  /// done in it, open ones when their date (start, else due) is in it. Overdue follows
  /// `Overdue`: a timed task once its due time passed, a meeting or call once it ended, an
  /// all-day one once its last day is over in `options.zone`. Open activities with no date
  /// are neither overdue nor upcoming. A recurring activity counts once, as stored.
  public func activitiesReport(_ options: ReportOptions) throws -> ActivitiesReport {
    try reader.read { db in
      if options.pipeline != nil {
        throw StoreError.conflict("--pipeline does not apply to the activities report")
      }
      let scope = try ReportScope(db, options, defaultToFirstPipeline: false)
      var conditions = ""
      var arguments = StatementArguments()
      if let ownerId = scope.ownerId {
        conditions += " AND a.assigneeId = ?"
        arguments += [ownerId]
      }
      var doneSQL = "a.doneAt IS NOT NULL"
      var openSQL = "a.doneAt IS NULL AND coalesce(a.startAt, a.dueAt) IS NOT NULL"
      var periodArguments = StatementArguments()
      if let period = options.period {
        doneSQL += " AND a.doneAt >= ?1 AND a.doneAt < ?2"
        openSQL += " AND coalesce(a.startAt, a.dueAt) >= ?1 AND coalesce(a.startAt, a.dueAt) < ?2"
        periodArguments = [period.start, period.end]
      } else {
        doneSQL += " AND ?1 IS NULL AND ?2 IS NULL"
        periodArguments = [nil, nil] as StatementArguments
      }
      let today = Day(options.now, in: options.zone).start(in: options.zone)
      // The deadline of `Overdue.deadline`, compared as SQL can: a timed one with now, an
      // all-day one (its last day's end) with the start of today.
      let overdueSQL = """
        CASE WHEN a.allDay = 0 THEN
          (CASE WHEN a.kind = 'task' THEN coalesce(a.dueAt, a.startAt)
                ELSE coalesce(max(a.startAt, a.endAt), a.startAt, a.endAt, a.dueAt) END) < ?3
        WHEN a.kind <> 'task' AND a.endAt IS NOT NULL AND a.endAt > coalesce(a.startAt, a.dueAt)
          THEN a.endAt <= ?4
        ELSE (CASE WHEN a.kind = 'task' THEN coalesce(a.dueAt, a.startAt)
                   ELSE coalesce(a.startAt, a.dueAt) END) < ?4
        END
        """
      // Only the activities that count are grouped, by assignee then kind: v14's index
      // walks in that order, so the grouping streams and the overdue test runs only on the
      // open ones in the period. An open one counted is either overdue or not (the deadline
      // is never NULL when it has a date), so upcoming is the rest. The names are joined to
      // the groups, not to every activity.
      var rows: [ActivityFigures] = []
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT g.assigneeId, u.name AS ownerName, g.kind, g.done, g.overdue,
            g.counted - g.done - g.overdue AS upcoming
          FROM (
            SELECT a.assigneeId, a.kind, count(*) AS counted, sum(a.doneAt IS NOT NULL) AS done,
              sum(CASE WHEN a.doneAt IS NULL THEN (\(overdueSQL)) ELSE 0 END) AS overdue
            FROM activities a
            WHERE a.deleted = 0\(conditions.replacingOccurrences(of: "?", with: "?5"))
              AND ((\(doneSQL)) OR (\(openSQL)))
            GROUP BY a.assigneeId, a.kind
          ) g LEFT JOIN users u ON u.id = g.assigneeId
          """,
        arguments: periodArguments + [options.now, today] + arguments)
      {
        guard let kind = ActivityKind(rawValue: row["kind"]) else { continue }
        let figures = ActivityFigures(
          ownerId: row["assigneeId"], ownerName: row["ownerName"], kind: kind,
          done: row["done"] ?? 0, overdue: row["overdue"] ?? 0, upcoming: row["upcoming"] ?? 0)
        if figures.done + figures.overdue + figures.upcoming > 0 { rows.append(figures) }
      }
      let kinds = ActivityKind.allCases
      rows.sort { a, b in
        if (a.ownerId == nil) != (b.ownerId == nil) { return b.ownerId == nil }
        if a.ownerName != b.ownerName { return (a.ownerName ?? "") < (b.ownerName ?? "") }
        return kinds.firstIndex(of: a.kind)! < kinds.firstIndex(of: b.kind)!
      }
      return ActivitiesReport(period: options.period, rows: rows)
    }
  }
}
