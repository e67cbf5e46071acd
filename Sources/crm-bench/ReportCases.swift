import Foundation
import Model
import Store

/// The report builder rerun as a filter changes (target 50 ms each on 100k deals), and the
/// four dashboards of view 6, read as the TUI reads them.
extension BenchSuite {
  static func reports(_ c: BenchContext) throws -> [BenchCase] {
    let store = c.store
    let zone = TimeZone(identifier: "UTC")!
    let byStage = ReportSpec(
      entity: .deals, group: ReportGroup(field: "stage"),
      measures: [ReportMeasure(.count), ReportMeasure(.sum, "value")])
    // The rep types a threshold: each iteration a different amount, as a rerun would be.
    let thresholds = (0..<c.runs).map { _ in c.random.int(1...50) * 1000 }
    let byMonth = { (i: Int) in
      ReportSpec(
        entity: .deals,
        filters: [
          ReportFilter(field: "value", op: .greaterOrEqual, value: "\(thresholds[i]) EUR"),
          ReportFilter(field: "status", op: .equal, value: "open"),
        ],
        group: ReportGroup(field: "month", monthOf: "closeDate"),
        measures: [ReportMeasure(.count), ReportMeasure(.sum, "value")])
    }
    let byOwner = ReportSpec(
      entity: .deals, group: ReportGroup(field: "owner"),
      measures: [ReportMeasure(.count), ReportMeasure(.avg, "value"), ReportMeasure(.max, "value")])
    let activities = ReportSpec(
      entity: .activities, filters: [ReportFilter(field: "done", op: .equal, value: "false")],
      group: ReportGroup(field: "kind"), measures: [ReportMeasure(.count)])
    let now = Date()
    let open = ReportOptions(now: now, zone: zone)
    var walked = open
    walked.keptHistory = false
    var quarter = open
    quarter.period = .quarter(containing: now, zone: zone)
    let deals = try store.count(.deal)
    return [
      BenchCase(
        "report.builder.stage", targetMs: 50,
        note: "deals by stage: count and sum of value per currency, \(deals) deals"
      ) { _ in _ = try store.runReport(byStage, zone: zone) },
      BenchCase(
        "report.builder.filter", targetMs: 50,
        note: "open deals with value >= a random EUR amount by month of closeDate"
      ) { i in _ = try store.runReport(byMonth(i), zone: zone) },
      BenchCase(
        "report.builder.owner", targetMs: 50, note: "deals by owner: count, avg and max of value"
      ) { _ in _ = try store.runReport(byOwner, zone: zone) },
      BenchCase(
        "report.builder.activities", targetMs: 50, note: "open activities by kind"
      ) { _ in _ = try store.runReport(activities, zone: zone) },
      BenchCase(
        "report.pipeline", iterations: max(5, c.iterations / 4),
        note: "view 6's pipeline: snapshot, rot, and v16's kept funnel and time in stage"
      ) { _ in _ = try store.pipelineReport(open) },
      BenchCase(
        "report.pipeline.walk", iterations: max(5, c.iterations / 4),
        note: "the same without v16's kept rows: funnel and time in stage walk the history"
      ) { _ in _ = try store.pipelineReport(walked) },
      BenchCase("report.forecast", note: "six months of expected closes and wins") { _ in
        _ = try store.forecastReport(open)
      },
      BenchCase("report.performance", note: "per owner this quarter, weekly trend") { _ in
        _ = try store.performanceReport(quarter)
      },
      BenchCase("report.activities", note: "done, overdue, upcoming per owner and kind") { _ in
        _ = try store.activitiesReport(ReportOptions(period: quarter.period, now: now, zone: zone))
      },
    ]
  }
}
