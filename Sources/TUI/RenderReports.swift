import Foundation
import Model
import Store
import Terminal

/// View 6: the dashboards as tabs, then the shown one's chart with its numbers in a plain
/// table under it, and a line on how money was added up.
func renderReports(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
  guard area.height >= 2 else { return }
  renderReportTabs(state, area: Rect(x: area.x, y: area.y, width: area.width, height: 1), &buffer)
  let body = area.inset(top: 1, left: 1, right: 1)
  if state.reports.panel == .builder {
    return renderReportBuilder(state, area: body, into: &buffer)
  }
  guard let dashboard = state.reports.dashboard else { return }
  let sheet: ReportSheet
  switch state.reports.panel {
  case .pipeline:
    guard let pipeline = dashboard.pipeline else {
      buffer.put(
        truncate(state.text("reports.noData"), toWidth: body.width), x: body.x, y: body.y + 1,
        style: Style("card.dim"))
      return
    }
    sheet = pipelineSheet(pipeline, state)
  case .forecast: sheet = forecastSheet(dashboard.forecast, state)
  case .performance: sheet = performanceSheet(dashboard.performance, state)
  case .activities: sheet = activitiesSheet(dashboard.activities, state)
  case .saved: sheet = savedSheet(dashboard, state)
  case .builder: return
  }
  sheet.render(state, area: body, into: &buffer)
}

private func renderReportTabs(_ state: AppState, area: Rect, _ buffer: inout ScreenBuffer) {
  buffer.fill(area, style: Style("stage.header"))
  var x = area.x + 1
  for panel in ReportPanel.allCases {
    let style = Style("stage.header", panel == state.reports.panel ? [.bold, .reverse] : [])
    let label = state.text("reports.panel.\(panel.rawValue)")
    x = buffer.put(" \(label) ", x: x, y: area.y, style: style, clip: area)
    x = buffer.put(" ", x: x, y: area.y, style: Style("stage.header"), clip: area)
  }
  var right: [String] = []
  // The pipeline the two pipeline dashboards show (`p` picks another).
  if [.pipeline, .forecast].contains(state.reports.panel),
    let name = state.reports.dashboard?.pipeline?.pipeline.name
  {
    right.append(name)
  }
  if [.performance, .activities].contains(state.reports.panel) {
    right.append(state.text("reports.range.\(state.reports.range.rawValue)"))
  }
  let currencies = reportCurrencies(state)
  if state.reports.panel != .activities, currencies.indices.contains(state.reports.currencyIndex) {
    right.append(currencies[state.reports.currencyIndex].code)
  }
  let text = right.joined(separator: " · ")
  if !text.isEmpty, x + displayWidth(text) + 2 <= area.maxX {
    buffer.put(
      text + " ", x: area.maxX - displayWidth(text) - 1, y: area.y,
      style: Style("stage.header", .bold), clip: area)
  }
}

/// One dashboard laid out: a caption, the bars, the table and the notes under it.
struct ReportSheet {
  var caption: String
  var bars: [BarRow]
  var roles: [String] = ["chart.1", "chart.2"]
  var columns: [TableColumn]
  var rows: [[String]]
  var notes: [String] = []

  func render(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
    var y = area.y
    if !caption.isEmpty {
      buffer.put(
        truncate(caption, toWidth: area.width), x: area.x, y: y, style: Style("card.dim"),
        clip: area)
      y += 1
    }
    // The table and notes need their rows; the bars get what is left, at least three.
    let tableHeight = rows.count + 1
    let room = area.maxY - y
    let barRows = min(bars.count, max(min(3, bars.count), room - tableHeight - notes.count - 1))
    if barRows > 0 {
      BarChart(rows: Array(bars.prefix(barRows)), glyphs: state.reports.glyphs, roles: roles)
        .render(into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: barRows))
      y += barRows + 1
    }
    guard y < area.maxY else { return }
    let widths = columnWidths(total: area.width)
    for (index, cells) in ([columns.map(\.title)] + rows).enumerated() where y < area.maxY {
      var x = area.x
      let style = index == 0 ? Style(Role.tableHeader) : .normal
      if index == 0 {
        buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
      }
      for (column, width) in widths.enumerated() where width > 0 && x < area.maxX {
        let text = column < cells.count ? cells[column] : ""
        buffer.put(
          pad(truncate(text, toWidth: width), toWidth: width, alignment: columns[column].alignment),
          x: x, y: y, style: style, clip: area)
        x += width + 1
      }
      y += 1
    }
    for note in notes where y < area.maxY {
      buffer.put(
        truncate(note, toWidth: area.width), x: area.x, y: y, style: Style("card.dim"),
        clip: area)
      y += 1
    }
  }
}

extension ReportSheet {
  /// Each column as wide as its widest cell. When they do not fit, columns are left out
  /// from the right (a figure cut to "€14…" says nothing), keeping at least the names and
  /// one figure, and then the names are shortened. Room to spare goes to the names. A
  /// column left out has width 0.
  func columnWidths(total: Int) -> [Int] {
    var widths = columns.map { column -> Int in
      if case .fixed(let n) = column.width { return n }
      return 1
    }
    guard !widths.isEmpty else { return [] }
    func needed(_ count: Int) -> Int { widths.prefix(count).reduce(0, +) + count - 1 }
    var kept = widths.count
    while kept > 2 && needed(kept) > total { kept -= 1 }
    for index in kept..<widths.count { widths[index] = 0 }
    let room = total - needed(kept)
    widths[0] = max(1, widths[0] + room)
    return widths
  }
}

/// A column as wide as its widest cell, kept to the right for numbers.
func fitted(_ title: String, _ cells: [String], right: Bool = true) -> TableColumn {
  let width = ([title] + cells).map(displayWidth).max() ?? 0
  return TableColumn(title, width: .fixed(width), alignment: right ? .right : .left)
}

/// "€1,400.00 + $300.00": one amount per currency, never a sum of them.
func moneyList(_ amounts: [Money], _ locale: Locale) -> String {
  amounts.isEmpty ? "-" : amounts.map { $0.formatted(locale: locale) }.joined(separator: " + ")
}

/// The minor units of `currency` among `amounts` (0 when absent).
func minor(_ amounts: [Money], _ currency: Currency?) -> Double {
  guard let currency else { return 0 }
  return Double(amounts.first { $0.currency == currency }?.minorUnits ?? 0)
}
