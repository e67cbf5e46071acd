import Foundation
import GRDB
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
    try pool.read { db in
      let scope = try ReportScope(db, options, defaultToFirstPipeline: true)
      guard let pipeline = scope.pipeline else {
        throw StoreError.conflict("there is no pipeline to report on")
      }
      let stages = try Self.stages(db, pipelineId: pipeline.id)
      let snapshot = try Self.stageSnapshot(db, scope)
      let rotting = try Self.rottingCounts(db, stages, scope, now: options.now)
      let stays = try Self.timeInStage(db, stages, scope, options)
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
        funnel: try Self.funnel(db, stages, scope, options.period), period: options.period)
    }
  }

  private static func stageSnapshot(_ db: Database, _ scope: ReportScope) throws
    -> [String: (Int, CurrencySums)]
  {
    let (conditions, arguments) = scope.dealConditions
    var out: [String: (Int, CurrencySums)] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT d.stageId, d.currency, count(*) AS n, sum(d.valueMinor) AS total FROM deals d
        WHERE d.deleted = 0\(conditions) GROUP BY d.stageId, d.currency
        """, arguments: arguments)
    {
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

  /// Mean days per stay in each open stage: a stay runs from an entry in the history to
  /// the deal's next entry, or to now while it is still there.
  private static func timeInStage(
    _ db: Database, _ stages: [Stage], _ scope: ReportScope, _ options: ReportOptions
  ) throws -> [String: (days: Double, count: Int)] {
    let open = stages.filter { $0.kind == .open }.map(\.id)
    guard !open.isEmpty else { return [:] }
    let (conditions, arguments) = scope.dealConditions
    var periodSQL = ""
    var periodArguments = StatementArguments()
    if let period = options.period {
      periodSQL = " AND h.at >= ? AND h.at < ?"
      periodArguments = [period.start, period.end]
    }
    let stageList = try jsonArray(open)
    var out: [String: (Double, Int)] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT h.toStageId AS stageId, count(*) AS n,
          avg(julianday(coalesce(h.nextAt, ?)) - julianday(h.at)) AS days
        FROM (
          SELECT c.toStageId, c.at,
            lead(c.at) OVER (PARTITION BY c.dealId ORDER BY c.at, c.rid) AS nextAt
          FROM stage_changes c JOIN deals d ON d.id = c.dealId
          WHERE c.deleted = 0 AND d.deleted = 0\(conditions)
        ) h
        WHERE h.toStageId IN (SELECT value FROM json_each(?))\(periodSQL)
        GROUP BY h.toStageId
        """,
      arguments: [options.now] + arguments + [stageList] + periodArguments)
    {
      out[row["stageId"]] = (row["days"], row["n"])
    }
    return out
  }

  /// How far each deal got: the furthest funnel step it ever entered, counted per step.
  private static func funnel(
    _ db: Database, _ stages: [Stage], _ scope: ReportScope, _ period: ReportPeriod?
  ) throws -> [FunnelStep] {
    let steps = stages.filter { $0.kind == .open } + stages.filter { $0.kind == .won }.prefix(1)
    guard !steps.isEmpty else { return [] }
    let openCount = stages.filter { $0.kind == .open }.count
    // Every won stage is the last step: a pipeline may have several ways to win. The
    // step of a history entry is a CASE over the stage ids (as arguments): joining a JSON
    // list of them evaluated it per row and took 0.8 s on 100k deals.
    var ordinals: [(String, Int)] = []
    for (index, stage) in stages.filter({ $0.kind == .open }).enumerated() {
      ordinals.append((stage.id, index))
    }
    for stage in stages where stage.kind == .won { ordinals.append((stage.id, openCount)) }
    let step =
      "CASE h.toStageId " + ordinals.map { _ in "WHEN ? THEN ?" }.joined(separator: " ")
      + " END"
    var stepArguments = StatementArguments()
    for (id, k) in ordinals { stepArguments += [id, k] }
    let ids = ordinals.map { _ in "?" }.joined(separator: ", ")
    let idArguments = StatementArguments(ordinals.map(\.0))
    let (conditions, arguments) = scope.dealConditions
    var having = ""
    var periodArguments = StatementArguments()
    if let period {
      having = " HAVING min(h.at) >= ? AND min(h.at) < ?"
      periodArguments = [period.start, period.end]
    }
    var furthest = [Int](repeating: 0, count: steps.count)
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT k, count(*) AS n FROM (
          SELECT max(\(step)) AS k FROM stage_changes h
          JOIN deals d ON d.id = h.dealId
          WHERE h.deleted = 0 AND h.toStageId IN (\(ids)) AND d.deleted = 0\(conditions)
          GROUP BY h.dealId\(having)
        ) GROUP BY k
        """,
      arguments: stepArguments + idArguments + arguments + periodArguments)
    {
      guard let k = row["k"] as Int? else { continue }
      if furthest.indices.contains(k) { furthest[k] = row["n"] }
    }
    // Reached step k: every deal whose furthest step is k or later.
    var reached = furthest
    for k in stride(from: reached.count - 2, through: 0, by: -1) { reached[k] += reached[k + 1] }
    return steps.enumerated().map { k, stage in
      let next = k + 1 < steps.count ? reached[k + 1] : nil
      return FunnelStep(
        stage: stage, reached: reached[k],
        conversion: next.flatMap { reached[k] > 0 ? Double($0) / Double(reached[k]) : nil })
    }
  }

  static func jsonArray(_ values: [String]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self)
  }
}
