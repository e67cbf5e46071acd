import GRDB

/// v14: covering indexes for view 6's pipeline and activities dashboards (issue 7).
///
/// - The pipeline's funnel and time in stage merge two walks in deal id order: the deals
///   with their stage and owner (to scope them), and the history in its order (deal, at,
///   rid) with its stage; neither touches a table, and no deal is looked up one by one.
/// - The activities dashboard groups by assignee and kind: in this order the grouping
///   streams instead of sorting every activity (v13's index leads with the kind).
extension Schema {
  static func addReportSpeedIndexes(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE INDEX deals_for_report_history ON deals(id, stageId, ownerId) WHERE deleted = 0;
        CREATE INDEX stage_changes_for_report_stays ON stage_changes(dealId, at, rid, toStageId)
          WHERE deleted = 0;
        CREATE INDEX activities_for_reports_by_assignee
          ON activities(assigneeId, kind, doneAt, startAt, dueAt, endAt, allDay) WHERE deleted = 0;
        """)
  }
}
