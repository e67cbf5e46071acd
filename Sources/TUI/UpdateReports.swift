import Foundation
import Model
import Store
import Terminal

/// View 6: h/l (or the arrows) go from one dashboard to the next, t changes the period, c
/// the currency of the bars, p the pipeline, R reads the figures again. The builder tab
/// takes its own keys first (`updateReportBuilderKey`).
func updateReportsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  let own = state.keys.action(for: key, in: .reports)
  let action = own ?? state.keys.action(for: key, in: .board)
  if state.reports.panel == .builder,
    let effects = updateReportBuilderKey(&state, key, action)
  {
    return effects
  }
  guard let action else { return [] }
  state.status = nil
  let panels = ReportPanel.allCases
  let index = panels.firstIndex(of: state.reports.panel)!
  switch action {
  case .left:
    state.reports.panel = panels[(index + panels.count - 1) % panels.count]
    if state.reports.panel == .builder { return enterReportBuilder(&state) }
  case .right:
    state.reports.panel = panels[(index + 1) % panels.count]
    if state.reports.panel == .builder { return enterReportBuilder(&state) }
  case .switchPipeline:
    guard !state.pipelines.isEmpty else { return [.bell] }
    state.overlay = .pipelinePicker(PickerState())
  case .edit where state.reports.panel == .saved, .open where state.reports.panel == .saved:
    return openInReportBuilder(&state)
  case .cyclePeriod:
    let ranges = ReportRange.allCases
    state.reports.range = ranges[(ranges.firstIndex(of: state.reports.range)! + 1) % ranges.count]
    return [reloadReports(&state)]
  case .nextCurrency:
    let count = reportCurrencies(state).count
    guard count > 1 else { return [.bell] }
    state.reports.currencyIndex = (state.reports.currencyIndex + 1) % count
  case .reload:
    return [reloadReports(&state)]
  case .up where state.reports.panel == .saved, .down where state.reports.panel == .saved:
    let count = state.reports.dashboard?.saved.count ?? 0
    guard count > 1 else { return [.bell] }
    state.reports.savedIndex =
      (state.reports.savedIndex + (action == .down ? 1 : count - 1)) % count
    return [reloadReports(&state)]
  default:
    // Everything else (views, help, quit, undo) means what it means everywhere.
    guard own != nil || state.keys.action(for: key, in: .global) != nil else { return [] }
    return perform(action, &state)
  }
  return []
}

/// Going to view 6: the figures are read each time, so they are never stale.
func enterReports(_ state: inout AppState) -> [Effect] {
  guard state.view == .reports else { return [] }
  let builder = state.reports.panel == .builder ? [rerunReport(&state.reports.builder, state)] : []
  return [reloadReports(&state)] + builder
}

func reloadReports(_ state: inout AppState) -> Effect {
  state.reports.generation += 1
  return .loadReports(
    ReportsQuery(
      generation: state.reports.generation,
      pipelineId: state.reports.pipelineId ?? state.board?.pipeline.id,
      range: state.reports.range, now: state.now, zone: state.timeZone,
      savedIndex: state.reports.savedIndex))
}

/// `p` in view 6 picked a pipeline: the dashboards show it from now on.
func reportsPipelinePicked(_ state: inout AppState, _ index: Int) -> [Effect] {
  guard state.pipelines.indices.contains(index) else { return [] }
  state.reports.pipelineId = state.pipelines[index].id
  state.reports.currencyIndex = 0
  return [reloadReports(&state)]
}

func reportsLoaded(_ state: inout AppState, _ query: ReportsQuery, _ dashboard: Dashboard)
  -> [Effect]
{
  guard query.generation == state.reports.generation else { return [] }
  state.reports.dashboard = dashboard
  state.reports.currencyIndex = min(
    state.reports.currencyIndex, max(0, reportCurrencies(state).count - 1))
  if state.view == .reports { state.loading = false }
  return []
}

/// The currencies of the dashboard's money, most deals first: the bars show one at a time.
func reportCurrencies(_ state: AppState) -> [Currency] {
  guard let dashboard = state.reports.dashboard else { return [] }
  var weight: [Currency: Int] = [:]
  for stage in dashboard.pipeline?.stages ?? [] {
    for money in stage.totals {
      weight[money.currency, default: 0] += stage.countsByCurrency[money.currency.code] ?? 0
    }
  }
  for month in dashboard.forecast.months {
    for money in month.expected + month.won { weight[money.currency, default: 0] += 0 }
  }
  for owner in dashboard.performance.owners {
    for money in owner.wonValue { weight[money.currency, default: 0] += 0 }
  }
  return weight.keys.sorted { a, b in
    weight[a]! != weight[b]! ? weight[a]! > weight[b]! : a.code < b.code
  }
}
