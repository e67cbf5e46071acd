import Foundation
import Model
import Store
import Terminal

/// View 6's dashboards: which one is shown, over which period, and the figures read.
public enum ReportPanel: String, CaseIterable, Sendable {
  case pipeline, forecast, performance, activities
  /// The report builder's saved reports, one at a time.
  case saved
  /// The report builder: a definition changed line by line, its figures under it.
  case builder
}

/// The period of the performance and activities dashboards: this month, quarter or year.
public enum ReportRange: String, CaseIterable, Sendable {
  case month, quarter, year

  func period(now: Date, zone: TimeZone) -> ReportPeriod {
    switch self {
    case .month: return .month(containing: now, zone: zone)
    case .quarter: return .quarter(containing: now, zone: zone)
    case .year: return .year(containing: now, zone: zone)
    }
  }
}

/// What view 6 asks the store; `generation` drops answers to older questions.
public struct ReportsQuery: Sendable, Equatable {
  public var generation: Int
  public var pipelineId: String?
  public var range: ReportRange
  public var now: Date
  public var zone: TimeZone
  /// Which saved report to run (an index into the saved reports by name).
  public var savedIndex = 0
}

/// The four dashboards' figures, read together so switching between them is instant.
public struct Dashboard: Sendable {
  public var pipeline: PipelineReport?
  public var forecast: ForecastReport
  public var performance: PerformanceReport
  public var activities: ActivitiesReport
  public var saved: [SavedReport] = []
  /// The saved report at the query's index, run; or why it could not be.
  public var savedResult: ReportResult?
  public var savedError: String?
}

public struct ReportsState: Sendable {
  public var panel: ReportPanel = .pipeline
  public var range: ReportRange = .quarter
  public var dashboard: Dashboard?
  public var generation = 0
  /// Which currency the bars show (an index into the dashboard's currencies): bars of two
  /// currencies side by side would compare amounts that cannot be compared.
  public var currencyIndex = 0
  public var savedIndex = 0
  /// The pipeline of the pipeline and forecast dashboards, chosen with `p`; nil: the board's.
  public var pipelineId: String?
  public var builder = ReportBuilderState()
  /// Blocks or ASCII, decided once from the locale and terminal at start.
  public var glyphs = ChartGlyphs.detect(environment: ProcessInfo.processInfo.environment)

  public init() {}
}
