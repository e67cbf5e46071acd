import Foundation
import Model
import Store
import Terminal

/// The app's one state transition: a message in, the new state and the effects out. Pure:
/// no I/O, so tests drive it with plain values.
public func update(_ state: inout AppState, _ msg: Msg) -> [Effect] {
  switch msg {
  case .key(let key):
    if state.reminders.open { return updateNotificationsKey(&state, key) }
    if state.call != nil { return updateCallLog(&state, key) }
    if state.overlay != nil { return updateOverlay(&state, key) }
    return updateKey(&state, key)
  case .mouse(let event):
    return updateMouse(&state, event)
  case .resize(let size):
    state.size = size
    clampFocus(&state)
    if state.view == .calendar { return reloadCalendarIfNeeded(&state) }
    return []
  case .tick(let now):
    state.now = now
    return []
  case .columnsLoaded(var board, let stageIds, let focusDealId, let status):
    guard let old = state.board, old.pipeline.id == board.pipeline.id else {
      return [.loadBoard(pipelineId: board.pipeline.id, focusDealId: focusDealId)]
    }
    let oldCards = Dictionary(
      old.columns.map { ($0.stage.id, $0.cards) }, uniquingKeysWith: { a, _ in a })
    for index in board.columns.indices where !stageIds.contains(board.columns[index].stage.id) {
      board.columns[index].cards = oldCards[board.columns[index].stage.id] ?? []
    }
    return update(
      &state,
      .boardLoaded(board, pipelines: state.pipelines, focusDealId: focusDealId, status: status))
  case .boardLoaded(let board, let pipelines, let focusDealId, let status):
    state.loading = false
    state.board = board
    state.pipelines = pipelines
    if let status { state.status = status }
    if let board {
      let live = Set(board.columns.flatMap(\.cards).map(\.deal.id))
      state.selected.formIntersection(live)
    }
    if let focusDealId, let board {
      for (c, column) in board.columns.enumerated() {
        if let index = column.cards.firstIndex(where: { $0.deal.id == focusDealId }) {
          state.focus = BoardFocus(column: c, card: index)
        }
      }
    }
    clampFocus(&state)
    // An undo or redo may have changed the activities of view 4 or 5: read the one on
    // screen again, the other when it is next shown.
    if state.view == .calendar || state.view == .activities {
      return reloadActivityViews(&state) + refreshOpenRecord(state)
    }
    state.calendar.loadedQuery = nil
    state.activityList.loaded = false
    // An undo, redo or reload may have changed the records of the list on screen, and the
    // record of a detail open over it.
    if let kind = state.listKind, state[list: kind].loaded {
      return [reloadList(&state, kind)] + refreshOpenRecord(state)
    }
    return refreshOpenRecord(state)
  case .cardsLoaded(let stageId, let offset, let cards):
    state.loadingMore.remove(stageId)
    guard let index = state.board?.columns.firstIndex(where: { $0.stage.id == stageId }),
      state.board!.columns[index].cards.count == offset
    else { return [] }
    state.board!.columns[index].cards += cards
    return []
  case .detailLoaded(let detail):
    state.overlay = .detail(DetailState(detail))
    return []
  case .noteAdded(let detail):
    return noteAdded(&state, detail)
  case .editorFinished(let dealId, let outcome):
    return editorFinished(&state, dealId: dealId, outcome)
  case .settingsLoaded(let settings, let status, let changed):
    return settingsLoaded(&state, settings, status: status, changed: changed)
  case .listLoaded(let query, let rows, let total):
    // A start on a list (`crm --view contacts`) is loading until its first page is here.
    if state.view != .board { state.loading = false }
    let effects = listLoaded(&state, query, rows, total: total)
    guard query.generation == state[list: query.kind].generation else { return effects }
    return effects + duplicateMarksQuery(rows)
  case .duplicateMarksLoaded(let ids, let marked):
    duplicateMarksLoaded(&state, ids: ids, marked: marked)
    return []
  case .mergeLoaded(let name, let pairs, let names):
    return mergeLoaded(&state, name: name, pairs, names: names)
  case .importChecked(let path, let check):
    return importChecked(&state, path: path, check)
  case .importFinished(let report):
    return importFinished(&state, report)
  case .recordDetailLoaded(let detail):
    return recordDetailLoaded(&state, detail, noteAdded: false)
  case .recordNoteAdded(let detail):
    return recordDetailLoaded(&state, detail, noteAdded: true)
  case .recordUpdated(let detail, let roles, let status, let dealsChanged):
    return recordUpdated(
      &state, detail, roles: roles, status: status, dealsChanged: dealsChanged)
  case .recordGone(let ref, let status):
    return recordGone(&state, ref, status: status)
  case .dealChoicesLoaded(let generation, let deals):
    return dealChoicesLoaded(&state, generation: generation, deals)
  case .contactChoicesLoaded(let generation, let rows):
    return contactChoicesLoaded(&state, generation: generation, rows)
  case .companyMergeLoaded(let name, let pairs, let names):
    return companyMergeLoaded(&state, name: name, pairs, names: names)
  case .recordChanged(let kind, let focusId, let status):
    state.status = status
    return [reloadList(&state, kind, focusId: focusId)]
  case .calendarLoaded(let query, let summaries, let rows):
    return calendarLoaded(&state, query, summaries, rows)
  case .activitiesLoaded(let query, let page):
    return activitiesLoaded(&state, query, page)
  case .activityWritten(let status):
    return activityWritten(&state, status)
  case .assigneesLoaded(let id, let users):
    return assigneesLoaded(&state, activityId: id, users)
  case .reminderTick(let now):
    return reminderTick(&state, now)
  case .remindersDue(let found, let checkedUntil):
    return remindersDue(&state, found, checkedUntil: checkedUntil)
  case .reminderMarked:
    return []
  case .callLogged(let logged, let status):
    return callLogged(&state, logged, status: status)
  case .reportsLoaded(let query, let dashboard):
    return reportsLoaded(&state, query, dashboard)
  case .reportBuilt(let request, let built):
    return reportBuilt(&state, request, built)
  case .sync(let msg):
    return updateSync(&state, msg)
  case .failed(let message):
    state.loading = false
    state.reminders.checking = false
    if case .recordDetail(var detail) = state.overlay, detail.saving {
      detail.saving = false
      state.overlay = .recordDetail(detail)
    }
    if case .detail(var detail) = state.overlay, detail.saving {
      // The note stays in the editor, to try again or copy out.
      detail.saving = false
      state.overlay = .detail(detail)
    }
    state.status = StatusMessage(text: state.text("status.error", message), isError: true)
    return [.bell]
  case .hangup:
    state.quitting = true
    return [.quit]
  }
}

private func reload(_ state: AppState, focus: String? = nil) -> Effect {
  .loadBoard(pipelineId: state.board?.pipeline.id, focusDealId: focus ?? state.focusedCard?.deal.id)
}

private func updateKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  if let kind = state.listKind { return updateListKey(&state, kind, key) }
  if state.view == .calendar { return updateCalendarKey(&state, key) }
  if state.view == .activities { return updateActivityListKey(&state, key) }
  if state.view == .reports { return updateReportsKey(&state, key) }
  let context: KeyContext = state.view == .board ? .board : .global
  guard let action = state.keys.action(for: key, in: context) else { return [] }
  state.status = nil
  return perform(action, &state)
}

/// What an action does; shared by keys and the command palette.
func perform(_ action: Action, _ state: inout AppState) -> [Effect] {
  switch action {
  case .quit:
    state.quitting = true
    return [.quit]
  case .cancel:
    state.selected = []
    state.selecting = false
    return []
  case .help:
    state.overlay = .help
    return []
  case .palette:
    state.overlay = .palette(PickerState())
    return []
  case .view1, .view2, .view3, .view4, .view5, .view6:
    let number = Int(action.rawValue.dropFirst(4))!
    state.view = View(rawValue: number)!
    return enterList(&state) + enterActivityViews(&state) + enterReports(&state)
      + boardIfNeeded(&state)
  case .nextView, .previousView:
    let count = View.allCases.count
    let step = action == .nextView ? 1 : count - 1
    state.view = View(rawValue: (state.view.rawValue - 1 + step) % count + 1)!
    return enterList(&state) + enterActivityViews(&state) + enterReports(&state)
      + boardIfNeeded(&state)
  case .undo: return [.undo]
  case .redo: return [.redo]
  case .reload: return [reload(state)]
  case .redraw:
    state.redrawGeneration += 1
    return []
  case .notifications:
    state.reminders.open = true
    state.reminders.selected = 0
    return []
  case .syncScreen: return openSyncScreen(&state)
  default:
    if state.view == .calendar, let effects = performInCalendar(action, &state) { return effects }
    if state.view == .activities, let effects = performInActivityList(action, &state) {
      return effects
    }
    guard state.view == .board else { return [] }
    return performOnBoard(action, &state)
  }
}

private func performOnBoard(_ action: Action, _ state: inout AppState) -> [Effect] {
  let visibleCards = BoardLayout(state: state).cardsPerColumn
  switch action {
  case .left:
    moveFocus(&state, columns: -1)
    return loadMoreIfNeeded(&state)
  case .right:
    moveFocus(&state, columns: 1)
    return loadMoreIfNeeded(&state)
  case .up: moveFocus(&state, cards: -1)
  case .down:
    moveFocus(&state, cards: 1)
    return loadMoreIfNeeded(&state)
  case .top: moveFocus(&state, cards: -Int.max / 2)
  case .bottom:
    moveFocus(&state, cards: Int.max / 2)
    return loadMoreIfNeeded(&state)
  case .halfPageUp: moveFocus(&state, cards: -max(1, visibleCards / 2))
  case .halfPageDown:
    moveFocus(&state, cards: max(1, visibleCards / 2))
    return loadMoreIfNeeded(&state)
  case .pageUp: moveFocus(&state, cards: -max(1, visibleCards))
  case .pageDown:
    moveFocus(&state, cards: max(1, visibleCards))
    return loadMoreIfNeeded(&state)
  case .filter:
    state.overlay = .filter(TextInputState(state.filter))
  case .switchPipeline:
    state.overlay = .pipelinePicker(PickerState())
  case .select:
    guard let id = state.focusedCard?.deal.id else { return [] }
    if state.selected.contains(id) { state.selected.remove(id) } else { state.selected.insert(id) }
  case .multiSelect:
    state.selecting.toggle()
    if state.selecting, let id = state.focusedCard?.deal.id { state.selected.insert(id) }
  case .moveDealNext, .moveDealPrevious:
    let ids = state.targetDealIds
    guard !ids.isEmpty else { return [.bell] }
    let step = action == .moveDealNext ? 1 : -1
    guard let board = state.board, board.columns.indices.contains(state.focus.column + step)
    else { return [.bell] }
    let target = board.columns[state.focus.column + step].stage
    if target.kind == .lost {
      state.overlay = .lostReason(PickerState(), dealIds: ids, stageId: target.id)
      return []
    }
    return [.stepDeals(ids, by: step)]
  case .reorderUp, .reorderDown:
    guard let id = state.focusedCard?.deal.id else { return [.bell] }
    return [.reorderDeal(id, by: action == .reorderUp ? -1 : 1)]
  case .moveToStage:
    guard !state.targetDealIds.isEmpty else { return [.bell] }
    state.overlay = .stagePicker(PickerState(), dealIds: state.targetDealIds)
  case .markWon:
    guard !state.targetDealIds.isEmpty,
      let stage = state.board?.columns.first(where: { $0.stage.kind == .won })?.stage
    else { return [.bell] }
    return [.moveDeals(state.targetDealIds, toStageId: stage.id, lostReason: nil)]
  case .markLost:
    guard !state.targetDealIds.isEmpty,
      let stage = state.board?.columns.first(where: { $0.stage.kind == .lost })?.stage
    else { return [.bell] }
    state.overlay = .lostReason(PickerState(), dealIds: state.targetDealIds, stageId: stage.id)
  case .delete:
    let ids = state.targetDealIds
    guard !ids.isEmpty else { return [.bell] }
    let title =
      ids.count == 1
      ? (state.focusedCard?.deal.title ?? "") : state.text("board.selected", String(ids.count))
    state.overlay = .confirmDelete(ConfirmState(), dealIds: ids, title: title)
  case .new:
    state.overlay = .dealForm(DealFormFields.new(state), editing: nil)
  case .edit:
    guard let card = state.focusedCard else { return [.bell] }
    state.overlay = .dealForm(DealFormFields.edit(card.deal, state), editing: card.deal.id)
  case .open:
    guard let card = state.focusedCard else { return [.bell] }
    return [.loadDetail(card.deal.id)]
  case .pipelines:
    state.overlay = .pipelines(PipelinesState())
    return [.loadSettings(pipelineId: state.board?.pipeline.id, focusStageId: nil)]
  default: break
  }
  return []
}

/// Moves the focus, clamped to the board; with `v` on, the cards passed are selected.
func moveFocus(_ state: inout AppState, columns: Int = 0, cards: Int = 0) {
  guard let board = state.board, !board.columns.isEmpty else { return }
  if columns != 0 {
    state.focus.column = min(max(0, state.focus.column + columns), board.columns.count - 1)
  }
  if cards != 0 {
    let count = board.columns[state.focus.column].cards.count
    let target =
      cards > 0
      ? min(state.focus.card, Int.max / 2) + min(cards, Int.max / 4)
      : state.focus.card + max(cards, -Int.max / 4)
    state.focus.card = min(max(0, target), max(0, count - 1))
  }
  clampFocus(&state)
  if state.selecting, let id = state.focusedCard?.deal.id { state.selected.insert(id) }
}

/// When the focus nears the last loaded card of a column that has more, ask for the next
/// page: the board loads about two screens of cards per column, not whole stages.
func loadMoreIfNeeded(_ state: inout AppState) -> [Effect] {
  guard let column = state.focusedColumn, column.cards.count < column.count,
    state.focus.card >= column.cards.count - max(2, BoardLayout(state: state).cardsPerColumn),
    !state.loadingMore.contains(column.stage.id)
  else { return [] }
  state.loadingMore.insert(column.stage.id)
  return [.loadMoreCards(stageId: column.stage.id, offset: column.cards.count)]
}

/// Keeps the focus on the board and the focused card and column in view.
func clampFocus(_ state: inout AppState) {
  guard let board = state.board, !board.columns.isEmpty else {
    state.focus = BoardFocus()
    return
  }
  state.focus.column = min(max(0, state.focus.column), board.columns.count - 1)
  let column = board.columns[state.focus.column]
  state.focus.card = min(max(0, state.focus.card), max(0, column.cards.count - 1))
  let layout = BoardLayout(state: state)
  let shown = max(1, layout.visibleColumns)
  if state.focus.column < state.firstColumn { state.firstColumn = state.focus.column }
  if state.focus.column >= state.firstColumn + shown {
    state.firstColumn = state.focus.column - shown + 1
  }
  state.firstColumn = min(max(0, state.firstColumn), max(0, board.columns.count - shown))
  let rows = max(1, layout.cardsPerColumn)
  // A taller screen (or fewer cards) needs less scrolling: never leave room below the last card.
  for other in board.columns {
    if let offset = state.cardOffsets[other.stage.id] {
      state.cardOffsets[other.stage.id] = min(offset, max(0, other.cards.count - rows))
    }
  }
  var offset = state.cardOffsets[column.stage.id] ?? 0
  if state.focus.card < offset { offset = state.focus.card }
  if state.focus.card >= offset + rows { offset = state.focus.card - rows + 1 }
  state.cardOffsets[column.stage.id] = max(0, offset)
}
