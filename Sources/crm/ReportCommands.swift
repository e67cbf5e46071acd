import ArgumentParser
import Foundation
import Model
import Store
import TUI

/// `crm report pipeline|forecast|performance|activities`: the dashboards' figures as a
/// table, JSON or CSV.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Pipeline, forecast, sales performance and activity reports.",
    discussion: """
      Money is never added across currencies: every total is given per currency. With a \
      [rates] table in the config (base = "EUR", then USD = "0.92" for 1 USD = 0.92 EUR), \
      each total is also shown converted to the base, marked as converted; a total with a \
      currency that has no rate is not converted. Months, quarters and weeks are those of \
      the local time zone ($TZ).

      The report builder: `crm report save NAME --entity deals --filter "value>=1000 EUR" \
      --group stage --measure sum:value` saves a report (filters are and-ed); `crm report \
      run NAME` runs it (or `run --entity ...` without saving), `crm report list` lists \
      them. In the TUI, view 6 lists the saved reports (Saved tab) and builds them from \
      the keyboard (Builder tab: Enter changes a line, f adds a filter, m a measure, s \
      saves); p there picks the pipeline the dashboards show.
      """,
    subcommands: [
      PipelineReportCommand.self, ForecastReportCommand.self, PerformanceReportCommand.self,
      ActivitiesReportCommand.self, RunReportCommand.self, ListReportsCommand.self,
      SaveReportCommand.self, DeleteReportCommand.self,
    ])
}

/// The options every report takes.
struct ReportArguments: ParsableArguments {
  @Option(help: "Pipeline name or id (pipeline: default the first; others: default all).")
  var pipeline: String?
  @Option(help: "First day of the period, YYYY-MM-DD.") var from: String?
  @Option(help: "Last day of the period (included), YYYY-MM-DD.") var to: String?
  @Option(help: "This month, quarter or year: month, quarter, year (instead of --from/--to).")
  var period: String?
  @Option(help: "Only this owner's (assignee's) records: name, email or id.") var owner: String?
  @Flag(help: "Print JSON: camelCase keys, money as a decimal string plus currency.")
  var json = false
  @Flag(help: "Print CSV (RFC 4180), one row per figure and currency.") var csv = false

  func validate() throws {
    if json && csv { throw ArgumentParser.ValidationError("--json and --csv: choose one") }
    if period != nil && (from != nil || to != nil) {
      throw ArgumentParser.ValidationError("--period and --from/--to: choose one")
    }
    if let period, !["month", "quarter", "year"].contains(period) {
      throw ArgumentParser.ValidationError("--period must be month, quarter or year")
    }
  }

  /// The options for the store. `openEnded`: a `--from` alone runs to today.
  func options(now: Date = Date(), zone: TimeZone = .current) throws -> ReportOptions {
    var options = ReportOptions(pipeline: pipeline, owner: owner, now: now, zone: zone)
    switch period {
    case "month": options.period = .month(containing: now, zone: zone)
    case "quarter": options.period = .quarter(containing: now, zone: zone)
    case "year": options.period = .year(containing: now, zone: zone)
    default:
      guard from != nil || to != nil else { break }
      guard let from else { throw CLIError("--to needs --from") }
      let first = try Day.parse(from, field: "--from")
      let last = try to.map { try Day.parse($0, field: "--to") } ?? Day(now, in: zone)
      options.period = try ReportPeriod(from: first, to: last, zone: zone)
    }
    return options
  }

  /// The config's rates, checked; nil when none are set.
  func rates() throws -> ExchangeRates? {
    let config = Config.load(path: Config.path(environment: ProcessInfo.processInfo.environment))
    guard !config.rates.isEmpty else { return nil }
    do {
      return try ExchangeRates(table: config.rates)
    } catch {
      throw CLIError("config [rates]: \(error.description)")
    }
  }

  var format: ReportFormat { json ? .json : csv ? .csv : .table }
}

enum ReportFormat { case table, json, csv }

struct PipelineReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pipeline",
    abstract: "Per stage: deals, total and weighted value per currency, funnel, time, rot.",
    discussion: """
      Counts and values are the deals as they are now. The funnel counts the deals that \
      reached each open stage, and won, from the stage history (with a period: the deals \
      that entered the pipeline in it); a skipped stage counts as passed. Time in stage is \
      the mean days per stay, a deal still in the stage counting its time so far.
      """)
  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportArguments

  func run() throws {
    let store = try global.openStore()
    let figures = try store.pipelineReport(try report.options())
    try ReportPrinter(format: report.format, rates: try report.rates()).pipeline(figures)
  }
}

struct ForecastReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "forecast",
    abstract: "Open deals by expected closing month, weighted and not, and won per month.",
    discussion: """
      Default period: this month and the next five. Open deals expected before the period \
      and still open are shown on a line of their own.
      """)
  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportArguments

  func run() throws {
    let store = try global.openStore()
    let figures = try store.forecastReport(try report.options())
    try ReportPrinter(format: report.format, rates: try report.rates()).forecast(figures)
  }
}

struct PerformanceReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "performance",
    abstract: "Per owner: won and lost, won value, win rate, average deal, cycle length.",
    discussion: """
      Default period: this month. A deal counts when it is in a won (lost) stage now and \
      entered it in the period. The trend is the deals won per week (per month for periods \
      over three months).
      """)
  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportArguments

  func run() throws {
    let store = try global.openStore()
    let figures = try store.performanceReport(try report.options())
    try ReportPrinter(format: report.format, rates: try report.rates()).performance(figures)
  }
}

struct ActivitiesReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activities",
    abstract: "Per assignee and kind: activities done, overdue and upcoming.",
    discussion: """
      With a period, done activities count when done in it and open ones when their date \
      is in it. Open activities with no date are not counted.
      """)
  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportArguments

  func run() throws {
    let store = try global.openStore()
    let figures = try store.activitiesReport(try report.options())
    try ReportPrinter(format: report.format, rates: nil).activities(figures)
  }
}
