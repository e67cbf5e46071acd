import Foundation
import Model
import Store

/// View 6's one read: the four dashboards' figures.
extension EffectRunner {
  static func performOnReports(_ effect: Effect, store: Store) throws -> Msg {
    guard case .loadReports(let query) = effect else {
      return .failed("internal: \(effect) is not a report effect")
    }
    let open = ReportOptions(pipeline: query.pipelineId, now: query.now, zone: query.zone)
    var period = open
    period.period = query.range.period(now: query.now, zone: query.zone)
    // No pipeline yet (an empty database): the other dashboards still have something to say.
    let pipeline = try store.pipelines().isEmpty ? nil : try store.pipelineReport(open)
    var periodAll = period
    periodAll.pipeline = nil
    return .reportsLoaded(
      query,
      Dashboard(
        pipeline: pipeline, forecast: try store.forecastReport(open),
        performance: try store.performanceReport(period),
        activities: try store.activitiesReport(periodAll)))
  }
}
