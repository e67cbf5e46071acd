import GRDB

/// v16: the pipeline dashboard's funnel and time in stage, kept per pipeline by triggers in
/// the transaction that writes the rows, so view 6 reads a few rows instead of walking the
/// whole stage history (85-94 ms median on 100k deals with v14's walk).
///
/// What is kept is what the walk in `Store.historyFigures` computes for everyone's deals
/// over all history, counted by the pipeline each deal is in now:
///
/// - `report_stays`: per open stage, the stays that ended (their summed length and count)
///   and the stays still running, a deal's last entry (their count and summed start), so a
///   mean up to any "now" is `(closed + running * now - since) / (closedCount + running)`.
///   Moments are integer milliseconds, so adding and taking away a deal is exact.
/// - `report_reach`: per step of the funnel (open stages in order, then won), how many deals
///   went furthest to it.
///
/// Every change to a deal's history or pipeline takes the deal's old share away (a BEFORE
/// trigger, reading the rows as they were) and adds its new one (an AFTER trigger); a deal
/// has a handful of entries, so this costs a few index lookups (and a new deal's first entry,
/// as an import writes it, only the adding). Moves, undo, deletes,
/// imports and rows written by sync all go through these tables, so the triggers see them.
/// A change to a pipeline's stages (order, kind, a stage added, moved or deleted) changes
/// what every step means, so it rebuilds that pipeline's rows from the history.
extension Schema {
  static func createReportHistorySummary(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE report_stays (
          pipelineId TEXT NOT NULL,
          stageId TEXT NOT NULL,
          closedMs INTEGER NOT NULL,
          closed INTEGER NOT NULL,
          running INTEGER NOT NULL,
          runningSinceMs INTEGER NOT NULL,
          PRIMARY KEY (pipelineId, stageId)
        ) WITHOUT ROWID;
        CREATE TABLE report_reach (
          pipelineId TEXT NOT NULL,
          step INTEGER NOT NULL,
          deals INTEGER NOT NULL,
          PRIMARY KEY (pipelineId, step)
        ) WITHOUT ROWID;

        CREATE TRIGGER report_history_insert_before BEFORE INSERT ON stage_changes
        WHEN EXISTS (SELECT 1 FROM stage_changes WHERE dealId = new.dealId AND deleted = 0) BEGIN
          \(ReportHistorySQL.share(of: "new.dealId", sign: -1))
        END;
        CREATE TRIGGER report_history_insert_after AFTER INSERT ON stage_changes BEGIN
          \(ReportHistorySQL.share(of: "new.dealId", sign: 1))
        END;
        CREATE TRIGGER report_history_update_before
        BEFORE UPDATE OF dealId, toStageId, at, deleted ON stage_changes
        WHEN \(ReportHistorySQL.entryChanged) BEGIN
          \(ReportHistorySQL.share(of: "old.dealId", sign: -1))
        END;
        CREATE TRIGGER report_history_update_after
        AFTER UPDATE OF dealId, toStageId, at, deleted ON stage_changes
        WHEN \(ReportHistorySQL.entryChanged) BEGIN
          \(ReportHistorySQL.share(of: "old.dealId", sign: 1))
        END;
        CREATE TRIGGER report_history_redeal_before
        BEFORE UPDATE OF dealId ON stage_changes WHEN new.dealId IS NOT old.dealId BEGIN
          \(ReportHistorySQL.share(of: "new.dealId", sign: -1))
        END;
        CREATE TRIGGER report_history_redeal_after
        AFTER UPDATE OF dealId ON stage_changes WHEN new.dealId IS NOT old.dealId BEGIN
          \(ReportHistorySQL.share(of: "new.dealId", sign: 1))
        END;
        CREATE TRIGGER report_history_delete_before BEFORE DELETE ON stage_changes BEGIN
          \(ReportHistorySQL.share(of: "old.dealId", sign: -1))
        END;
        CREATE TRIGGER report_history_delete_after AFTER DELETE ON stage_changes BEGIN
          \(ReportHistorySQL.share(of: "old.dealId", sign: 1))
        END;

        CREATE TRIGGER report_deal_insert AFTER INSERT ON deals
        WHEN EXISTS (SELECT 1 FROM stage_changes WHERE dealId = new.id AND deleted = 0) BEGIN
          \(ReportHistorySQL.share(of: "new.id", sign: 1))
        END;
        CREATE TRIGGER report_deal_update_before BEFORE UPDATE OF stageId, deleted ON deals
        WHEN \(ReportHistorySQL.dealMoved) BEGIN
          \(ReportHistorySQL.share(of: "old.id", sign: -1))
        END;
        CREATE TRIGGER report_deal_update_after AFTER UPDATE OF stageId, deleted ON deals
        WHEN \(ReportHistorySQL.dealMoved) BEGIN
          \(ReportHistorySQL.share(of: "new.id", sign: 1))
        END;
        CREATE TRIGGER report_deal_delete BEFORE DELETE ON deals BEGIN
          \(ReportHistorySQL.share(of: "old.id", sign: -1))
        END;

        CREATE TRIGGER report_stage_insert AFTER INSERT ON stages BEGIN
          \(ReportHistorySQL.rebuild(pipeline: "new.pipelineId"))
        END;
        CREATE TRIGGER report_stage_update
        AFTER UPDATE OF position, kind, pipelineId, deleted ON stages
        WHEN \(ReportHistorySQL.stageChanged) BEGIN
          \(ReportHistorySQL.rebuild(pipeline: "old.pipelineId"))
        END;
        CREATE TRIGGER report_stage_repipeline AFTER UPDATE OF pipelineId ON stages
        WHEN new.pipelineId IS NOT old.pipelineId BEGIN
          \(ReportHistorySQL.rebuild(pipeline: "new.pipelineId"))
        END;
        CREATE TRIGGER report_stage_delete AFTER DELETE ON stages BEGIN
          \(ReportHistorySQL.rebuild(pipeline: "old.pipelineId"))
        END;
        """)
    try db.execute(sql: ReportHistorySQL.rebuildAll)
  }
}

/// The statements the triggers run, written once here.
enum ReportHistorySQL {
  /// Milliseconds since 1970 of a stored moment (exact: moments are stored to the ms).
  static func ms(_ column: String) -> String {
    "CAST(round((julianday(\(column)) - 2440587.5) * 86400000.0) AS INTEGER)"
  }

  /// The pipeline a deal is in now (its stage's), nil for a deleted or missing deal.
  static func pipeline(ofDeal deal: String) -> String {
    """
    (SELECT s.pipelineId FROM deals d JOIN stages s ON s.id = d.stageId
      WHERE d.id = \(deal) AND d.deleted = 0)
    """
  }

  /// A stage's step in its pipeline's funnel, as `historyFigures` numbers them: the open
  /// stages in (position, id) order from 0, then every won stage as the last step; nil for
  /// lost stages.
  static func step(_ stage: String) -> String {
    """
    CASE \(stage).kind
      WHEN 'open' THEN (SELECT count(*) FROM stages o WHERE o.pipelineId = \(stage).pipelineId
        AND o.deleted = 0 AND o.kind = 'open' AND (o.position < \(stage).position
        OR (o.position = \(stage).position AND o.id < \(stage).id)))
      WHEN 'won' THEN (SELECT count(*) FROM stages o WHERE o.pipelineId = \(stage).pipelineId
        AND o.deleted = 0 AND o.kind = 'open')
    END
    """
  }

  /// An entry's changing in what the kept rows read of it (sync may write a row unchanged).
  static let entryChanged = """
    new.dealId IS NOT old.dealId OR new.toStageId IS NOT old.toStageId OR new.at IS NOT old.at
      OR new.deleted IS NOT old.deleted
    """

  /// A stage's changing in what the steps mean (a rename changes nothing here).
  static let stageChanged = """
    new.position IS NOT old.position OR new.kind IS NOT old.kind
      OR new.pipelineId IS NOT old.pipelineId OR new.deleted IS NOT old.deleted
    """

  /// A deal's moving into another pipeline, or its deletion or restoring.
  static let dealMoved = """
    old.deleted IS NOT new.deleted
      OR (SELECT pipelineId FROM stages WHERE id = old.stageId)
        IS NOT (SELECT pipelineId FROM stages WHERE id = new.stageId)
    """

  /// Adds (sign 1) or takes away (-1) one deal's stays and furthest step, computed from its
  /// history as the tables stand.
  static func share(of deal: String, sign: Int) -> String {
    let s = sign
    return """
      INSERT INTO report_stays(pipelineId, stageId, closedMs, closed, running, runningSinceMs)
        SELECT st.pipelineId, e.stageId, \(s) * coalesce(sum(e.nextAt - e.at), 0),
          \(s) * count(e.nextAt), \(s) * (count(*) - count(e.nextAt)),
          \(s) * coalesce(sum(CASE WHEN e.nextAt IS NULL THEN e.at END), 0)
        FROM (SELECT c.toStageId AS stageId, \(ms("c.at")) AS at,
            lead(\(ms("c.at"))) OVER (ORDER BY c.at, c.rid) AS nextAt
          FROM stage_changes c WHERE c.dealId = \(deal) AND c.deleted = 0) e
        JOIN stages st ON st.id = e.stageId AND st.deleted = 0 AND st.kind = 'open'
        WHERE st.pipelineId = \(pipeline(ofDeal: deal))
        GROUP BY e.stageId
        ON CONFLICT(pipelineId, stageId) DO UPDATE SET
          closedMs = closedMs + excluded.closedMs, closed = closed + excluded.closed,
          running = running + excluded.running,
          runningSinceMs = runningSinceMs + excluded.runningSinceMs;
      INSERT INTO report_reach(pipelineId, step, deals)
        SELECT st.pipelineId, max(\(step("st"))), \(s)
        FROM stage_changes c
        JOIN stages st ON st.id = c.toStageId AND st.deleted = 0 AND st.kind IN ('open', 'won')
        WHERE c.dealId = \(deal) AND c.deleted = 0 AND st.pipelineId = \(pipeline(ofDeal: deal))
        GROUP BY st.pipelineId
        ON CONFLICT(pipelineId, step) DO UPDATE SET deals = deals + excluded.deals;
      """
  }

  /// Every stay and furthest step of the deals in the pipelines that `pipelines` (an SQL
  /// condition on `s.pipelineId`) picks, computed from the whole history.
  private static func fill(_ pipelines: String) -> String {
    """
    INSERT INTO report_stays(pipelineId, stageId, closedMs, closed, running, runningSinceMs)
      SELECT st.pipelineId, e.stageId, coalesce(sum(e.nextAt - e.at), 0), count(e.nextAt),
        count(*) - count(e.nextAt), coalesce(sum(CASE WHEN e.nextAt IS NULL THEN e.at END), 0)
      FROM (SELECT c.toStageId AS stageId, s.pipelineId AS dealPipelineId, \(ms("c.at")) AS at,
          lead(\(ms("c.at"))) OVER (PARTITION BY c.dealId ORDER BY c.at, c.rid) AS nextAt
        FROM stage_changes c JOIN deals d ON d.id = c.dealId AND d.deleted = 0
        JOIN stages s ON s.id = d.stageId
        WHERE c.deleted = 0 AND \(pipelines)) e
      JOIN stages st ON st.id = e.stageId AND st.deleted = 0 AND st.kind = 'open'
        AND st.pipelineId = e.dealPipelineId
      WHERE 1
      GROUP BY e.stageId;
    INSERT INTO report_reach(pipelineId, step, deals)
      SELECT pipelineId, step, count(*) FROM (
        SELECT st.pipelineId, max(\(step("st"))) AS step
        FROM stage_changes c JOIN deals d ON d.id = c.dealId AND d.deleted = 0
        JOIN stages s ON s.id = d.stageId
        JOIN stages st ON st.id = c.toStageId AND st.deleted = 0 AND st.kind IN ('open', 'won')
          AND st.pipelineId = s.pipelineId
        WHERE c.deleted = 0 AND \(pipelines)
        GROUP BY c.dealId)
      WHERE 1
      GROUP BY pipelineId, step;
    """
  }

  /// One pipeline's rows again, from the history.
  static func rebuild(pipeline: String) -> String {
    """
    DELETE FROM report_stays WHERE pipelineId = \(pipeline);
    DELETE FROM report_reach WHERE pipelineId = \(pipeline);
    \(fill("s.pipelineId = \(pipeline)"))
    """
  }

  /// Every pipeline's rows, from the history (the migration, and tests of the kept rows).
  static let rebuildAll = """
    DELETE FROM report_stays;
    DELETE FROM report_reach;
    \(fill("1"))
    """
}
