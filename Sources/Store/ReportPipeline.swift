import Foundation
import GRDB
import GRDBSQLite
import Model

/// The pipeline report: where the deals of one pipeline are now, how they flowed through
/// its stages, how long they sat in each and which are rotting.
public struct PipelineReport: Sendable {
  public var pipeline: Pipeline
  public var stages: [StageFigures]
  /// The open stages in order and then won: how many deals reached each.
  public var funnel: [FunnelStep]
  /// The period the funnel and time in stage cover (nil: all history).
  public var period: ReportPeriod?
}

/// One stage now: its deals, their value per currency, weighted by the stage's probability.
public struct StageFigures: Sendable {
  public var stage: Stage
  public var count: Int
  /// One total per currency, in code order: money is never summed across currencies.
  public var totals: [Money]
  /// Each total times the stage's probability, rounded half up (as the board shows it).
  public var weighted: [Money]
  /// How many of the deals are in each currency (by code): the count behind each total.
  public var countsByCurrency: [String: Int]
  /// Open deals past the stage's rot period.
  public var rotting: Int
  /// Mean days a deal spent in the stage (a deal still there counts its time so far);
  /// nil for won and lost stages, where deals stay for good, and for a stage never entered.
  public var averageDays: Double?
  /// How many stays that mean is over.
  public var stays: Int
}

/// A step of the funnel: a stage and the deals that reached it or a later one.
public struct FunnelStep: Sendable {
  public var stage: Stage
  public var reached: Int
  /// The share of this step's deals that reached the next step (nil for the last, or when
  /// none reached this one).
  public var conversion: Double?
}

extension Store {
  /// The pipeline report for `options.pipeline` (the first pipeline when nil), optionally
  /// one owner's deals.
  ///
  /// The counts and values are the deals as they are now. The funnel and time in stage come
  /// from the stage history; with a period, the funnel follows the deals that entered the
  /// pipeline in it (a cohort), and time in stage the stays that began in it. A deal that
  /// skipped a stage, or was created in a later one, counts as having passed the earlier
  /// ones; moving back does not undo what it reached. Lost stages are not steps.
  public func pipelineReport(_ options: ReportOptions) throws -> PipelineReport {
    try reader.read { db in
      let scope = try ReportScope(db, options, defaultToFirstPipeline: true)
      guard let pipeline = scope.pipeline else {
        throw StoreError.conflict("there is no pipeline to report on")
      }
      let stages = try Self.stages(db, pipelineId: pipeline.id)
      let snapshot = try Self.stageSnapshot(db, scope)
      let rotting = try Self.rottingCounts(db, stages, scope, now: options.now)
      // Everyone's deals over all history (view 6's question) are kept by v16's triggers.
      let history =
        options.period == nil && scope.ownerId == nil && options.keptHistory
        ? try Self.keptHistoryFigures(db, stages, pipeline, now: options.now)
        : try Self.historyFigures(db, stages, scope, options)
      let stays = history.stays
      let figures = stages.map { stage in
        let sums = snapshot[stage.id] ?? (0, CurrencySums())
        let stay = stage.kind == .open ? stays[stage.id] : nil
        return StageFigures(
          stage: stage, count: sums.0, totals: sums.1.money,
          weighted: sums.1.money.map { Self.weight($0, by: stage.probability) },
          countsByCurrency: sums.1.counts,
          rotting: rotting[stage.id] ?? 0, averageDays: stay?.days, stays: stay?.count ?? 0)
      }
      return PipelineReport(
        pipeline: pipeline, stages: figures,
        funnel: history.funnel, period: options.period)
    }
  }

  private static func stageSnapshot(_ db: Database, _ scope: ReportScope) throws
    -> [String: (Int, CurrencySums)]
  {
    let (conditions, arguments) = scope.dealConditions
    // Everyone's deals: the totals the board reads, kept per stage and currency by the
    // deals' triggers (a walk of 100k deals took 20 ms of the dashboard's read).
    let sql =
      if let pipeline = scope.pipeline, scope.ownerId == nil {
        (
          """
          SELECT t.stageId, t.currency, t.count AS n, t.total FROM stage_totals t
          JOIN stages s ON s.id = t.stageId WHERE s.pipelineId = ? AND t.count > 0
          """, [pipeline.id] as StatementArguments
        )
      } else {
        (
          """
          SELECT d.stageId, d.currency, count(*) AS n, sum(d.valueMinor) AS total FROM deals d
          WHERE d.deleted = 0\(conditions) GROUP BY d.stageId, d.currency
          """, arguments
        )
      }
    var out: [String: (Int, CurrencySums)] = [:]
    for row in try Row.fetchAll(db, sql: sql.0, arguments: sql.1) {
      var entry = out[row["stageId"]] ?? (0, CurrencySums())
      entry.0 += row["n"] as Int
      entry.1.add(row["currency"], row["total"], count: row["n"])
      out[row["stageId"]] = entry
    }
    return out
  }

  /// Open deals whose last change (an edit or the move into the stage) is older than the
  /// stage's rot period: `Deal.isRotting`, asked of SQL.
  private static func rottingCounts(
    _ db: Database, _ stages: [Stage], _ scope: ReportScope, now: Date
  ) throws -> [String: Int] {
    let (conditions, arguments) = scope.dealConditions
    var out: [String: Int] = [:]
    for stage in stages where stage.kind == .open {
      guard let days = stage.rotDays else { continue }
      let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
      out[stage.id] = try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM deals d WHERE d.deleted = 0 AND d.stageId = ?
            AND max(d.updatedAt, d.stageChangedAt) < ?\(conditions)
          """, arguments: [stage.id, cutoff] + arguments)
    }
    return out
  }

  /// Time in stage and the funnel, from one walk of the scoped deals' history.
  ///
  /// Time in stage: the mean days per stay in each open stage, a stay running from an entry
  /// to the deal's next entry (of any stage), or to now while it is still there; with a
  /// period, the stays that began in it. Funnel: the furthest step each deal ever entered
  /// (every won stage is the last step: a pipeline may have several ways to win), counted
  /// per step; with a period, the deals whose first entry into a step is in it.
  ///
  /// With no owner and no period v16's kept rows answer instead (`keptHistoryFigures`).
  ///
  /// A window function (`lead`) over the history and a second grouped join for the funnel
  /// took 0.9 s on 100k deals, a join probing the history deal by deal 0.3 s; here SQL only
  /// walks two of v14's covering indexes in id order, giving each entry its step as an
  /// integer, and the walks are merged here without making a string of any id.
  private static func historyFigures(
    _ db: Database, _ stages: [Stage], _ scope: ReportScope, _ options: ReportOptions
  ) throws -> (stays: [String: (days: Double, count: Int)], funnel: [FunnelStep]) {
    let openStages = stages.filter { $0.kind == .open }
    let steps = openStages + stages.filter { $0.kind == .won }.prefix(1)
    guard !steps.isEmpty else { return ([:], []) }
    let openCount = openStages.count
    var ordinals: [(String, Int)] = openStages.enumerated().map { ($1.id, $0) }
    for stage in stages where stage.kind == .won { ordinals.append((stage.id, openCount)) }
    // The step of an entry is a CASE over the stage ids (as arguments): -1 for any other
    // stage (lost, or another pipeline's), which still ends the stay before it.
    let step =
      "CASE c.toStageId " + ordinals.map { _ in "WHEN ? THEN ?" }.joined(separator: " ")
      + " ELSE -1 END"
    var stepArguments = StatementArguments()
    for (id, k) in ordinals { stepArguments += [id, k] }
    var inPeriod = "1"
    var periodArguments = StatementArguments()
    if let period = options.period {
      inPeriod = "c.at >= ? AND c.at < ?"
      periodArguments = [period.start, period.end]
    }
    // The scope's conditions on the deals, as in `ReportScope.dealConditions`.
    var conditions = ""
    var arguments = StatementArguments()
    if let pipeline = scope.pipeline {
      conditions += " AND d.stageId IN (SELECT id FROM stages WHERE pipelineId = ?)"
      arguments += [pipeline.id]
    }
    if let ownerId = scope.ownerId {
      conditions += " AND d.ownerId = ?"
      arguments += [ownerId]
    }
    let now = try Double.fetchOne(db, sql: "SELECT julianday(?)", arguments: [options.now]) ?? 0

    var stayDays = [Double](repeating: 0, count: openCount)
    var stayCounts = [Int](repeating: 0, count: openCount)
    var furthest = [Int](repeating: 0, count: steps.count)
    // Both walks are in id order (SQLite's BINARY collation: bytes, then length), so they
    // merge like two sorted lists. Left to itself the planner walks the deals by stage and
    // sorts their ids (or looks each up in the table): v14's index is named.
    let deals = try db.cachedStatement(
      sql: """
        SELECT d.id FROM deals d INDEXED BY deals_for_report_history
        WHERE d.deleted = 0\(conditions) ORDER BY d.id
        """)
    try deals.setArguments(arguments)
    let history = try db.cachedStatement(
      sql: """
        SELECT c.dealId, \(step), julianday(c.at), \(inPeriod) FROM stage_changes c
        WHERE c.deleted = 0 ORDER BY c.dealId, c.at, c.rid
        """)
    try history.setArguments(stepArguments + periodArguments)
    let dealRows = deals.sqliteStatement
    let entryRows = history.sqliteStatement
    defer {
      sqlite3_reset(dealRows)
      sqlite3_reset(entryRows)
    }
    func next(_ statement: SQLiteStatement) throws -> Bool {
      let code = sqlite3_step(statement)
      if code == SQLITE_ROW { return true }
      if code == SQLITE_DONE { return false }
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code),
        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
    // The deal's id against the entry's deal id.
    func order() -> Int32 {
      let a = sqlite3_column_text(dealRows, 0)
      let aCount = sqlite3_column_bytes(dealRows, 0)
      let b = sqlite3_column_text(entryRows, 0)
      let bCount = sqlite3_column_bytes(entryRows, 0)
      let common = Int(min(aCount, bCount))
      var bytes: Int32 = 0
      if common > 0, let a, let b { bytes = memcmp(a, b, common) }
      if bytes != 0 { return bytes }
      return aCount < bCount ? -1 : aCount > bCount ? 1 : 0
    }
    var hasDeal = try next(dealRows)
    var hasEntry = try next(entryRows)
    while hasDeal && hasEntry {
      let comparison = order()
      if comparison < 0 {
        hasDeal = try next(dealRows)
        continue
      }
      if comparison > 0 {
        // An entry of a deal out of scope (or deleted).
        hasEntry = try next(entryRows)
        continue
      }
      // The deal's entries in history order: its furthest step, whether its first step
      // entry is in the period (the cohort), and the open stay waiting for the next entry.
      var dealStep = -1
      var counted = false
      var pending: (stage: Int, at: Double)?
      repeat {
        let k = Int(sqlite3_column_int64(entryRows, 1))
        let at = sqlite3_column_double(entryRows, 2)
        let inPeriod = sqlite3_column_int64(entryRows, 3) != 0
        if let open = pending {
          stayDays[open.stage] += at - open.at
          stayCounts[open.stage] += 1
          pending = nil
        }
        if k >= 0 {
          if dealStep < 0 { counted = inPeriod }
          dealStep = max(dealStep, k)
          if k < openCount && inPeriod { pending = (k, at) }
        }
        hasEntry = try next(entryRows)
      } while hasEntry && order() == 0
      if let pending {
        stayDays[pending.stage] += now - pending.at
        stayCounts[pending.stage] += 1
      }
      if dealStep >= 0 && counted { furthest[dealStep] += 1 }
      hasDeal = try next(dealRows)
    }

    var stays: [String: (days: Double, count: Int)] = [:]
    for (index, stage) in openStages.enumerated() where stayCounts[index] > 0 {
      stays[stage.id] = (stayDays[index] / Double(stayCounts[index]), stayCounts[index])
    }
    return (stays, funnel(steps, furthest: furthest))
  }
}
