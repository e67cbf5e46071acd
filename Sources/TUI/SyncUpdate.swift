import Foundation
import Model
import Store
import Terminal

/// What happens with background sync: the clock, the server's pokes, local writes, a
/// finished sync, and the sync screen's data.
public enum SyncMsg: Sendable {
  /// The runtime's clock when `SyncState.wakeTime` has come.
  case clock(Date)
  /// The server said others changed something.
  case poked
  /// A write to the local database was started (debounces the next sync).
  case wroteLocally(Date)
  /// A sync ended; the store's sync counts as they are after it.
  case finished(BackgroundSyncOutcome, SyncStatus?, at: Date)
  /// The sync screen's lists; `changed` when a redo wrote data back, so the views reload.
  case screenLoaded(SyncScreenData, status: StatusMessage?, changed: Bool)
}

/// Sync's work: `.run` is the sync itself (the runtime runs it with its `BackgroundSync`);
/// the others are store reads and writes of the sync screen.
public enum SyncEffect: Sendable, Equatable {
  case run
  case loadScreen
  case redo(id: String)
  case drop(id: String)
  case dismissConflicts
}

extension Effect {
  /// Whether the effect writes to the local database, so a sync should follow.
  var isLocalWrite: Bool {
    switch self {
    case .moveDeals, .stepDeals, .reorderDeal, .deleteDeals, .createDeal, .editDeal, .createNote,
      .changeSettings, .createRecordNote, .saveContact, .saveCompany, .deleteRecord,
      .mergeContacts, .runImport, .writeInDetail, .mergeCompanies, .writeActivity, .logCall,
      .writeOccurrence, .undo, .redo, .sync(.redo):
      return true
    default:
      return false
    }
  }
}

func updateSync(_ state: inout AppState, _ msg: SyncMsg) -> [Effect] {
  guard var sync = state.sync else { return [] }
  switch msg {
  case .clock(let now):
    if let until = sync.noticeUntil, now >= until {
      sync.notice = nil
      sync.noticeUntil = nil
    }
    let debounced = sync.wroteAt.map { now >= $0.addingTimeInterval(SyncState.debounce) } ?? false
    state.sync = sync
    return debounced || now >= sync.nextDue ? startSync(&state) : []
  case .poked:
    return startSync(&state)
  case .wroteLocally(let at):
    sync.wroteAt = at
    state.sync = sync
    return []
  case .finished(let outcome, let status, let at):
    state.now = max(state.now, at)
    sync.running = false
    sync.nextDue = at.addingTimeInterval(SyncState.interval)
    sync.connection = outcome.connection
    if let status { sync.take(status) }
    if let text = noticeText(outcome.notices, state) {
      sync.notice = text
      sync.noticeUntil = at.addingTimeInterval(SyncState.noticeDuration)
      // The notice takes the place of the last message; what the user does next (a newer
      // message) shows over it. An error stays until it is read.
      if state.status?.isError != true { state.status = nil }
    }
    let again = sync.queued
    sync.queued = false
    state.sync = sync
    if outcome.refused > 0 {
      let key = state.keys.keys(for: .syncScreen).first?.description ?? ""
      state.status = StatusMessage(
        text: state.text("sync.refusedStatus", String(outcome.refused), key), isError: true)
    }
    var effects = outcome.applied > 0 || outcome.refused > 0 ? reloadVisibleViews(&state) : []
    if outcome.applied == 0, outcome.refused == 0, outcome.conflicts > 0,
      case .sync = state.overlay
    {
      effects.append(.sync(.loadScreen))
    }
    if again { effects += startSync(&state) }
    return effects
  case .screenLoaded(let data, let status, let changed):
    if let syncStatus = data.status { sync.take(syncStatus) }
    state.sync = sync
    if let status { state.status = status }
    if case .sync(var screen) = state.overlay {
      screen.data = data
      screen.busy = false
      screen.selected = min(screen.selected, max(0, screen.rowCount - 1))
      state.overlay = .sync(screen)
    }
    return changed ? reloadVisibleViews(&state, screen: false) : []
  }
}

/// Starts a sync now, or after the one running.
func startSync(_ state: inout AppState) -> [Effect] {
  guard var sync = state.sync else { return [] }
  defer { state.sync = sync }
  if sync.running {
    sync.queued = true
    return []
  }
  sync.running = true
  sync.wroteAt = nil
  return [.sync(.run)]
}

/// Reads the view on screen again after others' changes arrived (or a refused change was
/// put back): the board (whose answer reloads the list, the activity views and an open
/// detail in turn), else those directly; view 6's figures; the sync screen.
func reloadVisibleViews(_ state: inout AppState, screen: Bool = true) -> [Effect] {
  var effects: [Effect] = []
  if state.board != nil || (state.view == .board && !state.loading) {
    effects.append(
      .loadBoard(pipelineId: state.board?.pipeline.id, focusDealId: state.focusedCard?.deal.id))
  } else {
    if let kind = state.listKind, state[list: kind].loaded {
      effects.append(reloadList(&state, kind))
    }
    effects += reloadActivityViews(&state) + refreshOpenRecord(state)
  }
  if state.view == .reports { effects.append(reloadReports(&state)) }
  if screen, case .sync = state.overlay { effects.append(.sync(.loadScreen)) }
  return effects
}

/// `Y`: the sync screen, when the database syncs.
func openSyncScreen(_ state: inout AppState) -> [Effect] {
  guard state.sync != nil else { return [.bell] }
  state.overlay = .sync(SyncScreenState())
  return [.sync(.loadScreen)]
}

/// Keys on the sync screen.
func updateSyncScreen(_ state: inout AppState, _ screen: SyncScreenState, _ key: Key) -> [Effect] {
  var screen = screen
  if var drop = screen.confirmDrop {
    switch drop.confirm.handle(key) {
    case .yes:
      screen.confirmDrop = nil
      screen.busy = true
      state.overlay = .sync(screen)
      return [.sync(.drop(id: drop.id))]
    case .no, .cancelled:
      screen.confirmDrop = nil
    case nil:
      screen.confirmDrop = drop
    }
    state.overlay = .sync(screen)
    return []
  }
  if key == .escape || key == .char("q")
    || state.keys.action(for: key, in: .global) == .syncScreen
  {
    state.overlay = nil
    return []
  }
  if let step = scrollStep(for: key, state, page: 5, total: screen.rowCount) {
    screen.selected = min(max(0, screen.selected + step), max(0, screen.rowCount - 1))
    state.overlay = .sync(screen)
    return []
  }
  guard !screen.busy else { return [] }
  var effects: [Effect] = []
  switch key {
  case .char("r"):
    guard let refusal = screen.selectedRefusal else { return [.bell] }
    screen.busy = true
    effects = [.sync(.redo(id: refusal.id))]
  case .char("d"):
    guard let refusal = screen.selectedRefusal else { return [.bell] }
    screen.confirmDrop = SyncScreenState.PendingDrop(
      id: refusal.id, label: readableText(refusal.label, names: screen.data?.names ?? [:]))
  case .char("x"):
    guard let conflicts = screen.data?.conflicts, !conflicts.isEmpty else { return [.bell] }
    screen.busy = true
    effects = [.sync(.dismissConflicts)]
  case .char("s"):
    effects = startSync(&state)
  default:
    return []
  }
  state.overlay = .sync(screen)
  return effects
}
