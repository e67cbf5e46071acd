import Foundation
import Model
import Store
import Terminal

/// Keys while a popup is open: they go to the popup, Esc closes it.
func updateOverlay(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard let overlay = state.overlay else { return [] }
  switch overlay {
  case .help:
    if key == .escape || key == .char("q") || key == .char("?") || key == .enter {
      state.overlay = nil
      state.helpScroll = 0
      return []
    }
    let layout = HelpLayout(state: state)
    if let step = scrollStep(
      for: key, state, page: max(1, state.size.height - 4), total: layout.perColumn)
    {
      state.helpScroll = min(max(0, state.helpScroll + step), layout.maxScroll)
    }
  case .detail(let detail):
    return updateDetail(&state, detail, key)
  case .recordDetail(let detail):
    return updateRecordDetail(&state, detail, key)
  case .recordForm(let form, let kind):
    return updateRecordForm(&state, form, kind, key)
  case .confirmRecordDelete(let confirm, let ref, let title):
    return updateRecordDelete(&state, confirm, ref, title, key)
  case .pipelines(let screen):
    return updatePipelines(&state, screen, key)
  case .merge(let screen):
    return updateMerge(&state, screen, key)
  case .companyMerge(let screen):
    return updateCompanyMerge(&state, screen, key)
  case .importContacts(let dialog):
    return updateImport(&state, dialog, key)
  case .sync(let screen):
    return updateSyncScreen(&state, screen, key)
  case .palette(var picker):
    let actions = paletteActions(state)
    switch picker.handle(key, items: actions.map { paletteLabel($0, state) }) {
    case .picked(let index):
      state.overlay = nil
      if let kind = state.listKind { return performInList(&state, kind, actions[index]) }
      return perform(actions[index], &state)
    case .cancelled: state.overlay = nil
    case nil: state.overlay = .palette(picker)
    }
  case .stagePicker(var picker, let ids):
    let stages = state.board?.columns.map(\.stage) ?? []
    switch picker.handle(key, items: stages.map(\.name)) {
    case .picked(let index):
      let stage = stages[index]
      if stage.kind == .lost {
        state.overlay = .lostReason(PickerState(), dealIds: ids, stageId: stage.id)
      } else {
        state.overlay = nil
        return [.moveDeals(ids, toStageId: stage.id, lostReason: nil)]
      }
    case .cancelled: state.overlay = nil
    case nil: state.overlay = .stagePicker(picker, dealIds: ids)
    }
  case .pipelinePicker(var picker):
    switch picker.handle(key, items: state.pipelines.map(\.name)) {
    case .picked(let index):
      state.overlay = nil
      // In view 6 the pick is the dashboards' pipeline; the board keeps its own.
      if state.view == .reports { return reportsPipelinePicked(&state, index) }
      state.focus = BoardFocus()
      state.firstColumn = 0
      state.selected = []
      return [.loadBoard(pipelineId: state.pipelines[index].id, focusDealId: nil)]
    case .cancelled: state.overlay = nil
    case nil: state.overlay = .pipelinePicker(picker)
    }
  case .lostReason(var picker, let ids, let stageId):
    let reasons = lostReasons(state)
    // What the rep typed counts as a reason of its own when nothing in the list matches.
    if key == .enter, picker.matches(reasons).isEmpty, !picker.query.text.isEmpty {
      state.overlay = nil
      return [.moveDeals(ids, toStageId: stageId, lostReason: picker.query.text)]
    }
    switch picker.handle(key, items: reasons) {
    case .picked(let index):
      state.overlay = nil
      return [.moveDeals(ids, toStageId: stageId, lostReason: reasons[index])]
    case .cancelled: state.overlay = nil
    case nil: state.overlay = .lostReason(picker, dealIds: ids, stageId: stageId)
    }
  case .confirmDelete(var confirm, let ids, let title):
    switch confirm.handle(key) {
    case .yes:
      state.overlay = nil
      state.selected.subtract(ids)
      return [.deleteDeals(ids)]
    case .no, .cancelled: state.overlay = nil
    case nil: state.overlay = .confirmDelete(confirm, dealIds: ids, title: title)
    }
  case .filter(var input):
    switch key {
    case .escape:
      state.overlay = nil
    case .enter:
      state.overlay = nil
      state.filter = input.text
      state.focus = BoardFocus()
      state.cardOffsets = [:]
      return [.loadBoard(pipelineId: state.board?.pipeline.id, focusDealId: nil)]
    default:
      input.handle(key)
      state.overlay = .filter(input)
    }
  case .dealForm(var form, let editing):
    switch key {
    case .escape:
      state.overlay = nil
    case .enter:
      switch DealFormFields.submit(&form, state: state, editing: editing) {
      case .success(let effect):
        state.overlay = nil
        return [effect]
      case .failure:
        state.overlay = .dealForm(form, editing: editing)
        return [.bell]
      }
    default:
      form.handle(key)
      state.overlay = .dealForm(form, editing: editing)
    }
  }
  return []
}

/// The reasons offered when a deal is lost, in the user's language.
func lostReasons(_ state: AppState) -> [String] {
  ["lost.price", "lost.competitor", "lost.budget", "lost.timing", "lost.noResponse", "lost.other"]
    .map { state.text($0) }
}

/// Actions the palette offers: every action of the view on screen but the palette itself.
func paletteActions(_ state: AppState) -> [Action] {
  contextBindings(state).map(\.action).filter { $0 != .palette && $0 != .cancel }
}

func paletteLabel(_ action: Action, _ state: AppState) -> String {
  let keys = state.keys.keys(for: action).map(\.description).joined(separator: " ")
  return "\(actionLabel(action, state))  (\(keys))"
}

/// Mouse: a click focuses the card under it; a drag from a card to another column moves it.
func updateMouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
  guard state.overlay == nil, state.view == .board else { return [] }
  let layout = BoardLayout(state: state)
  guard let hit = layout.hit(x: event.x, y: event.y, state: state) else { return [] }
  switch event.kind {
  case .press:
    state.focus = BoardFocus(column: hit.column, card: hit.card ?? state.focus.card)
    clampFocus(&state)
    state.dragFrom = state.focusedCard.map { DragStart(dealId: $0.deal.id, column: hit.column) }
  case .release:
    defer { state.dragFrom = nil }
    guard let drag = state.dragFrom, drag.column != hit.column,
      let board = state.board
    else { return [] }
    let stage = board.columns[hit.column].stage
    if stage.kind == .lost {
      state.overlay = .lostReason(PickerState(), dealIds: [drag.dealId], stageId: stage.id)
      return []
    }
    return [.moveDeals([drag.dealId], toStageId: stage.id, lostReason: nil)]
  default: break
  }
  return []
}
