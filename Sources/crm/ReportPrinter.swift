import Foundation
import Interchange
import Model
import Store

/// Prints a report as a table, JSON or CSV. Money stays per currency everywhere; with
/// rates, a converted total is added beside it and marked as converted.
struct ReportPrinter {
  let format: ReportFormat
  let rates: ExchangeRates?

  // MARK: Money

  static func moneyJSON(_ amounts: [Money]) -> [[String: Any]] {
    amounts.map { ["amount": $0.decimalString, "currency": $0.currency.code] }
  }

  /// The converted total, or null when there are no rates or a currency lacks one.
  func convertedJSON(_ amounts: [Money]) -> Any {
    guard let rates, let total = rates.total(amounts) else { return NSNull() }
    return ["amount": total.decimalString, "currency": total.currency.code]
  }

  /// "1400.00 EUR + 300.00 USD", and "(≈ 1670.00 EUR)" when converted.
  func moneyText(_ amounts: [Money]) -> String {
    guard !amounts.isEmpty else { return "-" }
    var text = amounts.map(Output.money).joined(separator: " + ")
    if let rates, amounts.count > 1 || amounts.first?.currency != rates.base {
      if let total = rates.total(amounts) { text += " (≈ \(Output.money(total)))" }
    }
    return text
  }

  /// What the JSON says about the currency rule and any conversion.
  var conversionJSON: Any {
    guard let rates else { return NSNull() }
    return [
      "base": rates.base.code,
      "rates": rates.rates.mapValues { NSDecimalNumber(decimal: $0).stringValue },
      "note": "converted totals use the rates in the config's [rates] table",
    ]
  }

  /// The line under a table that says how money was added up.
  func currencyNote() {
    if let rates {
      Output.line(
        "Totals are per currency; ≈ converted to \(rates.base.code) at the config's [rates].")
    }
  }

  static func periodJSON(_ period: ReportPeriod?) -> Any {
    guard let period else { return NSNull() }
    return ["start": Output.iso(period.start), "end": Output.iso(period.end)]
  }

  static func days(_ value: Double?) -> String {
    value.map { String(format: "%.1f", $0) } ?? "-"
  }

  static func percent(_ value: Double?) -> String {
    value.map { String(format: "%.0f%%", $0 * 100) } ?? "-"
  }

  func csv(_ header: [String], _ rows: [[String]]) {
    var text = CSVWriter.line(header)
    for row in rows { text += CSVWriter.line(row) }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// One CSV row per currency of `amounts` (one row with no currency when empty).
  static func perCurrency(_ amounts: [[Money]]) -> [String] {
    Array(Set(amounts.flatMap { $0.map(\.currency.code) })).sorted()
  }

  static func amount(_ amounts: [Money], _ code: String) -> String {
    amounts.first { $0.currency.code == code }?.decimalString ?? "0"
  }

  // MARK: Reports

  func pipeline(_ report: PipelineReport) throws {
    let reached = Dictionary(
      report.funnel.map { ($0.stage.id, $0) }, uniquingKeysWith: { a, _ in a })
    switch format {
    case .json:
      try Output.json([
        "report": "pipeline",
        "pipeline": ["id": report.pipeline.id, "name": report.pipeline.name],
        "period": Self.periodJSON(report.period),
        "conversion": conversionJSON,
        "stages": report.stages.map { figures -> [String: Any] in
          [
            "id": figures.stage.id, "name": figures.stage.name,
            "kind": figures.stage.kind.rawValue, "probability": figures.stage.probability,
            "count": figures.count, "total": Self.moneyJSON(figures.totals),
            "weighted": Self.moneyJSON(figures.weighted),
            "convertedTotal": convertedJSON(figures.totals),
            "convertedWeighted": convertedJSON(figures.weighted),
            "rotting": figures.rotting,
            "averageDaysInStage": Output.orNull(figures.averageDays),
          ]
        },
        "funnel": report.funnel.map { step -> [String: Any] in
          [
            "stageId": step.stage.id, "stage": step.stage.name, "reached": step.reached,
            "conversion": Output.orNull(step.conversion),
          ]
        },
      ])
    case .csv:
      var rows: [[String]] = []
      for figures in report.stages {
        let step = reached[figures.stage.id]
        let codes = Self.perCurrency([figures.totals])
        for code in codes.isEmpty ? [""] : codes {
          rows.append([
            figures.stage.name, String(figures.countsByCurrency[code] ?? 0), code,
            code.isEmpty ? "" : Self.amount(figures.totals, code),
            code.isEmpty ? "" : Self.amount(figures.weighted, code), String(figures.rotting),
            figures.averageDays.map { String(format: "%.3f", $0) } ?? "",
            step.map { String($0.reached) } ?? "",
            step?.conversion.map { String(format: "%.4f", $0) } ?? "",
          ])
        }
      }
      csv(
        [
          "stage", "count", "currency", "total", "weighted", "rotting", "averageDaysInStage",
          "reached", "conversion",
        ], rows)
    case .table:
      Output.line("Pipeline \(report.pipeline.name)")
      Output.table(
        ["STAGE", "DEALS", "TOTAL", "WEIGHTED", "ROTTING", "DAYS IN STAGE", "REACHED", "→ NEXT"],
        report.stages.map { figures in
          let step = reached[figures.stage.id]
          return [
            figures.stage.name, String(figures.count), moneyText(figures.totals),
            moneyText(figures.weighted), String(figures.rotting),
            Self.days(figures.averageDays), step.map { String($0.reached) } ?? "-",
            Self.percent(step?.conversion),
          ]
        })
      currencyNote()
    }
  }

  func forecast(_ report: ForecastReport) throws {
    let lines = [report.overdue] + report.months
    switch format {
    case .json:
      try Output.json([
        "report": "forecast", "period": Self.periodJSON(report.period),
        "conversion": conversionJSON,
        "overdue": monthJSON(report.overdue),
        "months": report.months.map(monthJSON),
        "won": Self.moneyJSON(report.won), "convertedWon": convertedJSON(report.won),
      ])
    case .csv:
      var rows: [[String]] = []
      for line in lines {
        let codes = Self.perCurrency([line.expected, line.won])
        for code in codes.isEmpty ? [""] : codes {
          rows.append([
            line.label, String(line.openCount), code,
            code.isEmpty ? "" : Self.amount(line.expected, code),
            code.isEmpty ? "" : Self.amount(line.weighted, code), String(line.wonCount),
            code.isEmpty ? "" : Self.amount(line.won, code),
          ])
        }
      }
      csv(["month", "open", "currency", "expected", "weighted", "wonCount", "won"], rows)
    case .table:
      Output.table(
        ["MONTH", "OPEN", "EXPECTED", "WEIGHTED", "WON", "WON VALUE"],
        lines.map { line in
          [
            line.label, String(line.openCount), moneyText(line.expected),
            moneyText(line.weighted), String(line.wonCount), moneyText(line.won),
          ]
        })
      Output.line("Won so far: \(moneyText(report.won))")
      currencyNote()
    }
  }

  private func monthJSON(_ line: ForecastMonth) -> [String: Any] {
    [
      "month": line.label, "open": line.openCount, "expected": Self.moneyJSON(line.expected),
      "weighted": Self.moneyJSON(line.weighted), "wonCount": line.wonCount,
      "won": Self.moneyJSON(line.won), "convertedExpected": convertedJSON(line.expected),
      "convertedWeighted": convertedJSON(line.weighted),
    ]
  }

  func performance(_ report: PerformanceReport) throws {
    func name(_ owner: OwnerPerformance) -> String { owner.ownerName ?? "(no owner)" }
    switch format {
    case .json:
      try Output.json([
        "report": "performance", "period": Self.periodJSON(report.period),
        "conversion": conversionJSON,
        "buckets": report.buckets.map { Self.periodJSON($0) },
        "owners": report.owners.map { owner -> [String: Any] in
          [
            "ownerId": Output.orNull(owner.ownerId), "owner": Output.orNull(owner.ownerName),
            "won": owner.won, "lost": owner.lost, "wonValue": Self.moneyJSON(owner.wonValue),
            "convertedWonValue": convertedJSON(owner.wonValue),
            "averageDeal": Self.moneyJSON(owner.averageDeal),
            "winRate": Output.orNull(owner.winRate), "cycleDays": Output.orNull(owner.cycleDays),
            "trend": owner.trend,
          ]
        },
      ])
    case .csv:
      var rows: [[String]] = []
      for owner in report.owners {
        let codes = Self.perCurrency([owner.wonValue])
        for code in codes.isEmpty ? [""] : codes {
          rows.append([
            name(owner), String(owner.won), String(owner.lost), code,
            code.isEmpty ? "" : Self.amount(owner.wonValue, code),
            code.isEmpty ? "" : Self.amount(owner.averageDeal, code),
            owner.winRate.map { String(format: "%.4f", $0) } ?? "",
            owner.cycleDays.map { String(format: "%.3f", $0) } ?? "",
          ])
        }
      }
      csv(
        ["owner", "won", "lost", "currency", "wonValue", "averageDeal", "winRate", "cycleDays"],
        rows)
    case .table:
      let (first, last) = report.period.days(zone: .current)
      Output.line("From \(first) to \(last)")
      Output.table(
        ["OWNER", "WON", "LOST", "WIN RATE", "WON VALUE", "AVERAGE DEAL", "CYCLE DAYS", "TREND"],
        report.owners.map { owner in
          [
            name(owner), String(owner.won), String(owner.lost), Self.percent(owner.winRate),
            moneyText(owner.wonValue), moneyText(owner.averageDeal), Self.days(owner.cycleDays),
            owner.trend.map(String.init).joined(separator: " "),
          ]
        })
      currencyNote()
    }
  }

  func activities(_ report: ActivitiesReport) throws {
    func name(_ row: ActivityFigures) -> String { row.ownerName ?? "(unassigned)" }
    switch format {
    case .json:
      try Output.json([
        "report": "activities", "period": Self.periodJSON(report.period),
        "rows": report.rows.map { row -> [String: Any] in
          [
            "ownerId": Output.orNull(row.ownerId), "owner": Output.orNull(row.ownerName),
            "kind": row.kind.rawValue, "done": row.done, "overdue": row.overdue,
            "upcoming": row.upcoming,
          ]
        },
      ])
    case .csv:
      csv(
        ["owner", "kind", "done", "overdue", "upcoming"],
        report.rows.map {
          [name($0), $0.kind.rawValue, String($0.done), String($0.overdue), String($0.upcoming)]
        })
    case .table:
      Output.table(
        ["OWNER", "KIND", "DONE", "OVERDUE", "UPCOMING"],
        report.rows.map {
          [name($0), $0.kind.rawValue, String($0.done), String($0.overdue), String($0.upcoming)]
        })
    }
  }
}
