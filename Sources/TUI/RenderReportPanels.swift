import Foundation
import Model
import Store
import Terminal

/// The four dashboards as sheets: bars in the chosen currency, the full figures (every
/// currency) in the table.
private func chosenCurrency(_ state: AppState) -> Currency? {
  let currencies = reportCurrencies(state)
  return currencies.indices.contains(state.reports.currencyIndex)
    ? currencies[state.reports.currencyIndex] : nil
}

/// "Figures in EUR (c: GBP, USD) · bars: weighted solid, rest shaded".
private func barsCaption(_ state: AppState, weighted: Bool) -> String {
  guard let currency = chosenCurrency(state) else { return "" }
  let others = reportCurrencies(state).filter { $0 != currency }.map(\.code)
  var text = state.text("reports.inCurrency", currency.code)
  if !others.isEmpty {
    text += " " + state.text("reports.otherCurrencies", others.joined(separator: ", "))
  }
  if weighted { text += " · " + state.text("reports.weightedBars") }
  return text
}

/// The amount in the chosen currency: the table shows one currency at a time, as the bars.
private func cell(_ amounts: [Money], _ state: AppState) -> String {
  guard let currency = chosenCurrency(state),
    let money = amounts.first(where: { $0.currency == currency })
  else { return "-" }
  return money.formatted(locale: state.locale)
}

private func oneDecimal(_ value: Double?) -> String {
  value.map { String(format: "%.1f", $0) } ?? "-"
}

private func percent(_ value: Double?) -> String {
  value.map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
}

func pipelineSheet(_ report: PipelineReport, _ state: AppState) -> ReportSheet {
  let currency = chosenCurrency(state)
  let locale = state.locale
  let steps = Dictionary(report.funnel.map { ($0.stage.id, $0) }, uniquingKeysWith: { a, _ in a })
  let bars = report.stages.map { figures -> BarRow in
    let total = minor(figures.totals, currency)
    let weighted = minor(figures.weighted, currency)
    let text = figures.totals.first { $0.currency == currency }?.formatted(locale: locale) ?? "-"
    return BarRow(figures.stage.name, [weighted, max(0, total - weighted)], text)
  }
  let rows = report.stages.map { figures -> [String] in
    let step = steps[figures.stage.id]
    return [
      figures.stage.name, String(figures.count), cell(figures.totals, state),
      cell(figures.weighted, state), String(figures.rotting),
      oneDecimal(figures.averageDays), step.map { String($0.reached) } ?? "",
      step.map { percent($0.conversion) } ?? "",
    ]
  }
  return ReportSheet(
    caption: barsCaption(state, weighted: true), bars: bars,
    columns: columns(
      [
        "reports.col.stage", "reports.col.deals", "reports.col.total", "reports.col.weighted",
        "reports.col.rotting", "reports.col.days", "reports.col.reached", "reports.col.next",
      ], rows, state), rows: rows)
}

func forecastSheet(_ report: ForecastReport, _ state: AppState) -> ReportSheet {
  let currency = chosenCurrency(state)
  let locale = state.locale
  var lines = report.months.map { ($0.label, $0) }
  if report.overdue.openCount > 0 {
    lines.insert((state.text("reports.overdueMonth"), report.overdue), at: 0)
  }
  let bars = lines.map { label, month -> BarRow in
    let expected = minor(month.expected, currency)
    let weighted = minor(month.weighted, currency)
    let text = month.expected.first { $0.currency == currency }?.formatted(locale: locale) ?? "-"
    return BarRow(label, [weighted, max(0, expected - weighted)], text)
  }
  let rows = lines.map { label, month in
    [
      label, String(month.openCount), cell(month.expected, state), cell(month.weighted, state),
      cell(month.won, state),
    ]
  }
  return ReportSheet(
    caption: barsCaption(state, weighted: true), bars: bars,
    columns: columns(
      [
        "reports.col.month", "reports.col.open", "reports.col.expected", "reports.col.weighted",
        "reports.col.won",
      ], rows, state), rows: rows,
    notes: [
      state.text("reports.wonSoFar", moneyList(report.won, locale))
    ])
}

func performanceSheet(_ report: PerformanceReport, _ state: AppState) -> ReportSheet {
  let currency = chosenCurrency(state)
  let locale = state.locale
  let name = { (owner: OwnerPerformance) in owner.ownerName ?? state.text("reports.noOwner") }
  let bars = report.owners.map { owner in
    BarRow(
      name(owner), [minor(owner.wonValue, currency)],
      owner.wonValue.first { $0.currency == currency }?.formatted(locale: locale) ?? "-")
  }
  let rows = report.owners.map { owner -> [String] in
    [
      name(owner), String(owner.won), String(owner.lost), percent(owner.winRate),
      cell(owner.wonValue, state), cell(owner.averageDeal, state),
      oneDecimal(owner.cycleDays),
      Sparkline(values: owner.trend.map(Double.init), glyphs: state.reports.glyphs)
        .text(width: 60),
    ]
  }
  return ReportSheet(
    caption: barsCaption(state, weighted: false), bars: bars,
    columns: columns(
      [
        "reports.col.owner", "reports.col.won", "reports.col.lost", "reports.col.rate",
        "reports.col.total", "reports.col.average", "reports.col.cycle", "reports.col.trend",
      ], rows, state), rows: rows,
    notes: rows.isEmpty ? [state.text("reports.noData")] : [])
}

func activitiesSheet(_ report: ActivitiesReport, _ state: AppState) -> ReportSheet {
  let name = { (row: ActivityFigures) in row.ownerName ?? state.text("reports.noOwner") }
  // The bars: one per owner, done, overdue and upcoming stacked.
  var order: [String] = []
  var sums: [String: [Double]] = [:]
  for row in report.rows {
    let key = name(row)
    if sums[key] == nil { order.append(key) }
    var sum = sums[key] ?? [0, 0, 0]
    sum[0] += Double(row.done)
    sum[1] += Double(row.overdue)
    sum[2] += Double(row.upcoming)
    sums[key] = sum
  }
  let bars = order.map { key in
    BarRow(key, sums[key]!, sums[key]!.map { String(Int($0)) }.joined(separator: "/"))
  }
  let rows = report.rows.map { row in
    [
      name(row), state.text("activity.kind.\(row.kind.rawValue)"), String(row.done),
      String(row.overdue), String(row.upcoming),
    ]
  }
  let caption = [
    state.text("reports.col.done"), state.text("reports.col.overdue"),
    state.text("reports.col.upcoming"),
  ].joined(separator: " / ")
  return ReportSheet(
    caption: caption, bars: bars, roles: ["chart.1", "overdue", "chart.2"],
    columns: columns(
      [
        "reports.col.owner", "reports.col.kind", "reports.col.done", "reports.col.overdue",
        "reports.col.upcoming",
      ], rows, state, textColumns: 2), rows: rows,
    notes: rows.isEmpty ? [state.text("reports.noData")] : [])
}

/// Names on the left, figures on the right, each column as wide as its widest cell.
private func columns(
  _ keys: [String], _ rows: [[String]], _ state: AppState, textColumns: Int = 1
) -> [TableColumn] {
  keys.enumerated().map { index, key in
    fitted(
      state.text(key), rows.map { index < $0.count ? $0[index] : "" },
      right: index >= textColumns)
  }
}

/// A saved report of the builder: its name, a bar per row of its first measure, and its
/// table. Money measures come one row per currency, so a bar never mixes currencies... but
/// rows of different currencies share a scale only when the measure is not money.
func savedSheet(_ dashboard: Dashboard, _ state: AppState) -> ReportSheet {
  let saved = dashboard.saved
  guard saved.indices.contains(state.reports.savedIndex) else {
    return ReportSheet(
      caption: state.text("reports.saved.none"), bars: [], columns: [], rows: [])
  }
  let name = saved[state.reports.savedIndex].name
  let caption = state.text(
    "reports.saved.title", name, String(state.reports.savedIndex + 1), String(saved.count))
  guard let result = dashboard.savedResult else {
    return ReportSheet(
      caption: caption, bars: [], columns: [], rows: [],
      notes: [dashboard.savedError ?? state.text("reports.noData")])
  }
  return resultSheet(result, caption: caption, state)
}

/// A built report's figures (saved, or in the builder): a bar per row of its first measure,
/// in the chosen currency when the measure is money, and its table.
func resultSheet(_ result: ReportResult, caption: String, _ state: AppState) -> ReportSheet {
  let label = { (row: ReportRow) in
    row.label
      ?? state.text(result.groupName == nil ? "reports.saved.all" : "reports.saved.noGroup")
  }
  let currency = chosenCurrency(state)
  let charted = result.rows.filter { !result.perCurrency || $0.currency == currency }
  let bars = charted.map { row in
    BarRow(
      label(row) + (result.perCurrency ? " " + (row.currency?.code ?? "") : ""),
      [row.values.first?.magnitude ?? 0], row.values.first?.text ?? "")
  }
  let rows = result.rows.map { row in
    [label(row)] + (result.perCurrency ? [row.currency?.code ?? ""] : [])
      + row.values.map(\.text)
  }
  let titles =
    [result.groupName ?? state.text("reports.saved.all")]
    + (result.perCurrency ? ["currency"] : []) + result.measureNames
  let columns = titles.enumerated().map { index, title in
    fitted(
      title, rows.map { index < $0.count ? $0[index] : "" },
      right: index > (result.perCurrency ? 1 : 0))
  }
  return ReportSheet(caption: caption, bars: bars, columns: columns, rows: rows)
}
