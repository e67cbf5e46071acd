import GRDB

/// v14: covering indexes for view 6's pipeline and activities dashboards (issue 7).
///
/// - The pipeline's funnel and time in stage read each scoped deal's history in one pass:
///   the deals of a stage with their owner and id, then each one's entries in the order of
///   the history (at, then rid), never touching either table.
/// - The activities dashboard groups by assignee and kind: in this order the grouping
///   streams instead of sorting every activity (v13's index leads with the kind).
extension Schema {
  static func addReportSpeedIndexes(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE INDEX deals_for_report_history ON deals(stageId, ownerId, id) WHERE deleted = 0;
        CREATE INDEX stage_changes_for_report_stays ON stage_changes(dealId, at, rid, toStageId)
          WHERE deleted = 0;
        CREATE INDEX activities_for_reports_by_assignee
          ON activities(assigneeId, kind, doneAt, startAt, dueAt, endAt, allDay) WHERE deleted = 0;
        """)
  }
}
