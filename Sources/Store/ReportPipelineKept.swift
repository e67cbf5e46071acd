import Foundation
import GRDB
import Model

extension Store {
  /// Time in stage and the funnel of everyone's deals over all history, read from v16's
  /// kept rows (a few rows per pipeline) instead of walking the history: the same figures
  /// as `historyFigures` asked with no owner and no period.
  static func keptHistoryFigures(
    _ db: Database, _ stages: [Stage], _ pipeline: Pipeline, now: Date
  ) throws -> (stays: [String: (days: Double, count: Int)], funnel: [FunnelStep]) {
    let openStages = stages.filter { $0.kind == .open }
    let steps = openStages + stages.filter { $0.kind == .won }.prefix(1)
    guard !steps.isEmpty else { return ([:], []) }
    let nowMs = (now.timeIntervalSince1970 * 1000).rounded()
    var stays: [String: (days: Double, count: Int)] = [:]
    let open = Set(openStages.map(\.id))
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT stageId, closedMs, closed, running, runningSinceMs FROM report_stays
        WHERE pipelineId = ?
        """, arguments: [pipeline.id])
    {
      let stageId: String = row["stageId"]
      let closed: Int = row["closed"]
      let running: Int = row["running"]
      guard open.contains(stageId), closed + running > 0 else { continue }
      // Integer sums (exact), made days only here: the running stays up to now.
      let closedMs = Double(row["closedMs"] as Int64)
      let runningMs = Double(running) * nowMs - Double(row["runningSinceMs"] as Int64)
      let count = closed + running
      stays[stageId] = ((closedMs + runningMs) / 86_400_000 / Double(count), count)
    }
    var furthest = [Int](repeating: 0, count: steps.count)
    for row in try Row.fetchAll(
      db, sql: "SELECT step, deals FROM report_reach WHERE pipelineId = ?",
      arguments: [pipeline.id])
    {
      let step: Int = row["step"]
      if furthest.indices.contains(step) { furthest[step] += row["deals"] as Int }
    }
    return (stays, funnel(steps, furthest: furthest))
  }

  /// The funnel's steps from how many deals went furthest to each.
  static func funnel(_ steps: [Stage], furthest: [Int]) -> [FunnelStep] {
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
}
