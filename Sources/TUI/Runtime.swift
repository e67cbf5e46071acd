import Foundation
import Model
import Store
import Terminal

/// Runs the app on a terminal: input becomes messages, `update` turns them into state and
/// effects, effects run off the UI on the store and come back as messages, and a frame is
/// drawn only when it differs from the last one.
public enum Runtime {
  /// Runs until the user quits or the terminal goes away.
  ///
  /// `nonisolated(nonsending)`: it runs on the caller's thread (the main thread for `crm`),
  /// so the first view's loads and the first frame need no hand-off to another thread,
  /// which on a busy machine means waiting for a core each time. `environment` is for the
  /// external editor (nil: the process's, read when the editor starts). With
  /// `backgroundSync` the app syncs on its own (see `SyncState`) and shows it.
  public nonisolated(nonsending) static func run(
    store: Store, backend: any TerminalBackend, state initial: AppState, theme: Theme,
    environment: [String: String]? = nil, backgroundSync: (any BackgroundSync)? = nil
  )
    async throws
  {
    var state = initial
    let inbox = Inbox()
    var pending = 0
    // Syncs and pokes answer here, outside `pending`: a sync waits on the network, and the
    // loop should not poll every millisecond meanwhile.
    let syncInbox = Inbox()
    func launchSync() {
      guard let backgroundSync else { return }
      Task.detached {
        let outcome = await backgroundSync.sync()
        let status = try? store.syncStatus()
        await syncInbox.push(.sync(.finished(outcome, status, at: Date())))
      }
    }
    /// Runs a store effect off the UI; its answer comes back through the inbox.
    func launch(_ effect: Effect, _ state: AppState) {
      pending += 1
      let query = boardQuery(state)
      let catalog = state.catalog
      Task.detached {
        let message = EffectRunner.perform(effect, store: store, query: query, catalog: catalog)
        await inbox.push(message)
      }
    }
    // The first view's loads run here, in order, while ncurses starts on its own thread
    // (the launcher started it; `initial` has the terminal's size from stdout): the first
    // frame is then drawn with its data in one visit to the terminal.
    var lastTick = Date()
    var lastReminderCheck = Date()
    _ = update(&state, .reminderTick(lastReminderCheck))
    var effects: [Effect] = []
    for effect in startEffects(&state) {
      let message = EffectRunner.perform(
        effect, store: store, query: boardQuery(state), catalog: state.catalog)
      StartupTrace.mark("read \(message.traceName)")
      effects += update(&state, message)
    }
    let firstFrame = render(state)
    StartupTrace.mark("first frame rendered")
    let size = try await backend.start(theme: theme, firstFrame: firstFrame)
    StartupTrace.mark("terminal started, first frame drawn")
    // The store read the first screen without a writer; it opens now, on another thread,
    // before the first key asks to write.
    store.openForWritesInBackground()
    var lastFrame: ScreenBuffer? = size == firstFrame.size ? firstFrame : nil
    state.size = size
    // Read after the first frame, so a start without sync pays nothing for it.
    if backgroundSync != nil, state.sync == nil {
      state.sync = SyncState(status: try? store.syncStatus(), now: Date())
    }
    let pokes = backgroundSync.map { sync in
      Task.detached { for await _ in sync.pokes() { await syncInbox.push(.sync(.poked)) } }
    }
    defer { pokes?.cancel() }
    var traced = lastFrame == nil ? 0 : 1
    // Whether `update` ran since the last render: waiting on a load (every millisecond at
    // start) renders nothing new, and a render of a full list is not free.
    var changed = lastFrame == nil
    while !state.quitting {
      var followUps: [Effect] = []
      for effect in effects {
        switch effect {
        case .quit: state.quitting = true
        case .bell: await backend.bell()
        case .editNoteExternally(let dealId):
          // The editor needs the terminal to itself: nothing else runs until it exits.
          await backend.suspend()
          let outcome = await Task.detached {
            ExternalEditor.edit(environment: environment ?? ProcessInfo.processInfo.environment)
          }
          .value
          await backend.resume()
          lastFrame = nil
          followUps += update(&state, .editorFinished(dealId: dealId, outcome))
          changed = true
        case .sync(.run): launchSync()
        default:
          if state.sync != nil, effect.isLocalWrite {
            followUps += update(&state, .sync(.wroteLocally(Date())))
          }
          launch(effect, state)
        }
      }
      effects = followUps
      if state.quitting { break }
      for message in await inbox.drain() {
        pending -= 1
        if traced < 3 && StartupTrace.isOn { StartupTrace.mark("answer \(message.traceName)") }
        effects += update(&state, message)
        changed = true
      }
      if backgroundSync != nil {
        for message in await syncInbox.drain() {
          effects += update(&state, message)
          changed = true
        }
      }
      if changed {
        changed = false
        let frame = render(state)
        if frame != lastFrame {
          await backend.draw(frame)
          lastFrame = frame
          if traced < 3 && StartupTrace.isOn {
            traced += 1
            StartupTrace.mark("drawn \(state.view)\(state.loading ? " (loading)" : "")")
          }
        }
      }
      if !effects.isEmpty { continue }
      if state.loading && pending > 0 {
        // Keys typed before the first board arrives wait in the terminal for it, instead of
        // acting on an empty screen.
        try? await Task.sleep(for: .milliseconds(1))
        continue
      }
      if let wake = state.sync?.wakeTime, Date() >= wake {
        effects += update(&state, .sync(.clock(Date())))
        changed = true
        continue
      }
      let event = await backend.readEvent(
        timeout: pending > 0 ? .milliseconds(1) : .milliseconds(250))
      let message: Msg
      switch event {
      case .key(.resize)?: message = .resize(await backend.size())
      case .key(let key)?:
        // A call's start and stop are read at the key (`c`, Enter): bring the clock up to now.
        if state.call != nil || key == .char("c") { effects += update(&state, .tick(Date())) }
        message = .key(key)
      case .mouse(let mouse)?: message = .mouse(mouse)
      case .resize(let width, let height)?: message = .resize(Size(width: width, height: height))
      case .hangup?, .terminate?: message = .hangup
      case nil:
        // Reminders are asked for every few seconds, so one shows on time.
        if Date().timeIntervalSince(lastReminderCheck) >= ReminderState.interval {
          lastReminderCheck = Date()
          effects += update(&state, .reminderTick(lastReminderCheck))
          changed = true
          continue
        }
        // Time moves on: overdue and rotting marks follow the clock.
        // While a call is logged its timer counts seconds: tick every second, not every 30.
        guard Date().timeIntervalSince(lastTick) >= (state.call != nil ? 1 : 30) else { continue }
        lastTick = Date()
        message = .tick(lastTick)
      }
      effects += update(&state, message)
      changed = true
    }
    // Let writes still running finish (the process ends after this) and show their outcome.
    while pending > 0 {
      for message in await inbox.drain() {
        pending -= 1
        _ = update(&state, message)
      }
      if pending > 0 { try? await Task.sleep(for: .milliseconds(1)) }
    }
    let frame = render(state)
    if frame != lastFrame { await backend.draw(frame) }
    await backend.stop()
  }
}

/// What a board load needs from `state` when it starts.
private func boardQuery(_ state: AppState) -> BoardQuery {
  BoardQuery(
    filter: state.filter, cardsPerStage: state.cardsPerStage,
    pipelineId: state.board?.pipeline.id)
}

/// What a board load needs from the state when it starts. Public (with its initializer) only so
/// `crm-bench` can drive effects as the runtime does; the app itself builds it in `Runtime`.
public struct BoardQuery: Sendable {
  public var filter: String
  public var cardsPerStage: Int
  /// The pipeline on screen, for reloads that do not name one.
  public var pipelineId: String?

  public init(filter: String, cardsPerStage: Int, pipelineId: String?) {
    self.filter = filter
    self.cardsPerStage = cardsPerStage
    self.pipelineId = pipelineId
  }
}

/// Messages from effects, waiting for the UI loop.
actor Inbox {
  private var messages: [Msg] = []

  func push(_ message: Msg) { messages.append(message) }

  func drain() -> [Msg] {
    defer { messages = [] }
    return messages
  }
}

/// Runs one effect against the store and reports the outcome as a message. Public only so
/// `crm-bench` can time a key's whole round trip (update, effect, update, render).
public enum EffectRunner {
  public static func perform(_ effect: Effect, store: Store, query: BoardQuery, catalog: Catalog)
    -> Msg
  {
    do {
      switch effect {
      case .loadBoard(let pipelineId, let focus):
        return try loaded(store, pipelineId, focus: focus, query: query, status: nil)
      case .loadMoreCards(let stageId, let offset):
        let cards = try store.cards(
          stageId: stageId, offset: offset, limit: max(20, query.cardsPerStage),
          filter: query.filter.isEmpty ? nil : query.filter)
        return .cardsLoaded(stageId: stageId, offset: offset, cards: cards)
      case .moveDeals(let ids, let stageId, let reason):
        var last: Deal?
        for id in ids {
          let deal = try store.deal(id)
          if deal.stageId != stageId {
            last = try store.moveDeal(id, toStage: stageId, lostReason: reason)
          } else if let reason, reason != deal.lostReason {
            // Already lost: marking it lost again gives it the new reason.
            last = try store.editDeal(id, DealChanges(lostReason: .some(reason)))
          }
        }
        let stage = try store.stage(named: stageId)
        return try loaded(
          store, last?.pipelineId, focus: ids.first, query: query,
          status: catalog.text("status.moved", stage.name), keepPipeline: true)
      case .stepDeals(let ids, let step):
        var touched: Set<String> = []
        var last: Deal?
        for id in ids {
          touched.insert(try store.deal(id).stageId)
          last = try store.stepDeal(id, by: step)
          touched.insert(last!.stageId)
        }
        guard let last else { return try loaded(store, nil, focus: nil, query: query, status: nil) }
        return try columns(
          store, last.pipelineId, touched, focus: ids.first, query: query,
          status: { board in
            let name = board.columns.first { $0.stage.id == last.stageId }?.stage.name ?? ""
            return catalog.text("status.moved", name)
          })
      case .reorderDeal(let id, let step):
        let deal = try store.reorderDeal(id, by: step)
        return try columns(
          store, deal.pipelineId, [deal.stageId], focus: id, query: query,
          status: { _ in catalog.text("status.reordered") })
      case .deleteDeals(let ids):
        var pipelineId: String?
        var title = ""
        for id in ids {
          let deal = try store.deal(id)
          pipelineId = deal.pipelineId
          title = ids.count == 1 ? deal.title : catalog.text("board.selected", String(ids.count))
          try store.deleteDeal(id)
        }
        return try loaded(
          store, pipelineId, focus: nil, query: query, status: catalog.text("status.deleted", title)
        )
      case .createDeal(let draft):
        let deal = try store.createDeal(draft)
        return try loaded(
          store, deal.pipelineId, focus: deal.id, query: query,
          status: catalog.text("status.created", deal.title))
      case .editDeal(let id, let changes):
        let deal = try store.editDeal(id, changes)
        return try loaded(
          store, deal.pipelineId, focus: deal.id, query: query,
          status: catalog.text("status.saved", deal.title))
      case .loadDetail(let id):
        return .detailLoaded(try store.dealDetail(id))
      case .createNote(let dealId, let body):
        return try createNote(dealId, body: body, store: store)
      case .loadSettings(let pipelineId, let focus):
        return .settingsLoaded(
          try settings(store, pipelineId: pipelineId, focusStageId: focus), status: nil,
          changed: false)
      case .changeSettings(let change, let pipelineId):
        return try self.change(change, store: store, catalog: catalog, current: pipelineId)
      case .undo:
        let label = try store.undo()
        return try loaded(
          store, nil, focus: nil, query: query, status: catalog.text("status.undone", label),
          keepPipeline: true)
      case .redo:
        let label = try store.redo()
        return try loaded(
          store, nil, focus: nil, query: query, status: catalog.text("status.redone", label),
          keepPipeline: true)
      case .loadList, .loadRecord, .createRecordNote, .saveContact, .saveCompany, .deleteRecord:
        return try performOnRecords(effect, store: store, catalog: catalog)
      case .loadDuplicateMarks, .loadMerge, .mergeContacts, .checkImport, .runImport:
        return try performMergeAndImport(effect, store: store, catalog: catalog)
      case .loadCompanyDuplicateMarks, .loadCompanyMerge, .mergeCompanies:
        return try performMergeAndImport(effect, store: store, catalog: catalog)
      case .logCall, .writeOccurrence, .markReminder:
        return try performActivityWrite(effect, store: store, catalog: catalog)
      case .writeInDetail, .refreshRecord, .searchDeals, .searchContacts:
        return try performInRecordDetail(effect, store: store, catalog: catalog)
      case .loadCalendar, .loadActivities, .writeActivity, .loadAssignees, .checkReminders:
        return try performOnActivities(effect, store: store, catalog: catalog)
      case .loadReports, .buildReport:
        return try performOnReports(effect, store: store)
      case .sync(let effect):
        return try performOnSync(effect, store: store, catalog: catalog)
      case .bell, .quit, .editNoteExternally:
        return .failed("internal: \(effect) is not a store effect")
      }
    } catch {
      return .failed(String(describing: error))
    }
  }

  /// After a change that touched only some columns: read just their cards.
  private static func columns(
    _ store: Store, _ pipelineId: String, _ stageIds: Set<String>, focus: String?,
    query: BoardQuery, status: (Board) -> String
  ) throws -> Msg {
    guard
      let board = try store.board(
        pipelineId: pipelineId, cardsPerStage: query.cardsPerStage,
        filter: query.filter.isEmpty ? nil : query.filter, cardsOf: stageIds, afterWrite: true)
    else { return try loaded(store, nil, focus: focus, query: query, status: nil) }
    return .columnsLoaded(
      board, stageIds: stageIds, focusDealId: focus,
      status: StatusMessage(text: status(board), isError: false))
  }

  private static func loaded(
    _ store: Store, _ pipelineId: String?, focus: String?, query: BoardQuery, status: String?,
    keepPipeline: Bool = false
  ) throws -> Msg {
    let board = try store.board(
      pipelineId: keepPipeline ? (pipelineId ?? query.pipelineId) : pipelineId,
      cardsPerStage: query.cardsPerStage,
      filter: query.filter.isEmpty ? nil : query.filter)
    return .boardLoaded(
      board, pipelines: try store.pipelines(), focusDealId: focus,
      status: status.map { StatusMessage(text: $0, isError: false) })
  }
}
