import Foundation
import Model
import Store

/// View 6's one read: the four dashboards' figures.
extension EffectRunner {
  static func performOnReports(_ effect: Effect, store: Store) throws -> Msg {
    if case .buildReport(let request) = effect {
      return .reportBuilt(request, buildReport(request, store: store))
    }
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
    var dashboard = Dashboard(
      pipeline: pipeline, forecast: try store.forecastReport(open),
      performance: try store.performanceReport(period),
      activities: try store.activitiesReport(periodAll))
    dashboard.saved = try store.savedReports()
    if dashboard.saved.indices.contains(query.savedIndex) {
      // A damaged saved report is shown as its error, not as a failed view.
      do {
        dashboard.savedResult = try store.runSavedReport(
          named: dashboard.saved[query.savedIndex].name, zone: query.zone)
      } catch {
        dashboard.savedError = String(describing: error)
      }
    }
    return .reportsLoaded(query, dashboard)
  }

  /// The builder's run, and its save first when asked: a refused save keeps the figures.
  static func buildReport(_ request: ReportBuildRequest, store: Store) -> ReportBuilt {
    var built = ReportBuilt()
    if let name = request.saveAs {
      do {
        if !request.replace, let old = try? store.savedReport(named: name) {
          built.nameTaken = old.name
        } else {
          built.saved = try store.saveReport(
            name: name, spec: request.spec, replace: request.replace)
        }
      } catch {
        built.saveError = String(describing: error)
      }
    }
    do {
      built.result = try store.runReport(request.spec, zone: request.zone)
    } catch {
      built.error = String(describing: error)
    }
    return built
  }
}
