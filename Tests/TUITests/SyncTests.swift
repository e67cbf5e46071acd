import Foundation
import Model
import Store
import Synchronization
import Terminal
import XCTest

@testable import TUI

/// Another replica's work as a pull brings it: each sync applies the next batch of changes
/// to the real store with `applyPulled`, as the engine does with a page from the server, and
/// answers with what the store reported. Offline, it answers as the engine does when the
/// server cannot be reached. (The engine itself, with a real server, is the e2e case's.)
final class PulledChangesSync: BackgroundSync {
  let store: Store
  private let batches = Mutex<[[FieldChange]]>([])
  private let cursor = Mutex<Int64>(0)
  private let calls = Mutex(0)
  let offline: Bool

  init(store: Store, offline: Bool = false) {
    self.store = store
    self.offline = offline
  }

  func queue(_ changes: [FieldChange]) { batches.withLock { $0.append(changes) } }
  var syncs: Int { calls.withLock { $0 } }

  func sync() async -> BackgroundSyncOutcome {
    calls.withLock { $0 += 1 }
    if offline { return .offline("can't reach http://127.0.0.1:9 (connection refused)") }
    let changes = batches.withLock { $0.isEmpty ? [] : $0.removeFirst() }
    let next = cursor.withLock {
      $0 += Int64(changes.count)
      return $0
    }
    do {
      let report = try store.applyPulled(
        changes, cursor: next, serverClock: changes.last?.hlc ?? SyncTests.remoteClock(),
        now: Date())
      try store.recordSyncSuccess(at: TUITestCase.now)
      return BackgroundSyncOutcome(
        connection: .online, applied: report.applied, conflicts: report.conflicts.count,
        notices: report.notices)
    } catch {
      return .offline("\(error)")
    }
  }

  func pokes() -> AsyncStream<Void> { AsyncStream { $0.finish() } }
}

final class SyncTests: TUITestCase {
  static let serverSite = SiteID(0x5e5e_5e5e_0000_0001)
  var ada: User!

  override func setUpWithError() throws {
    try super.setUpWithError()
    ada = try store.createUser(
      User(name: "Ada Lovelace", email: "ada@example.com", role: .rep),
      now: Self.now.addingTimeInterval(-3600))
  }

  /// A clock later than anything the fixture wrote (its writes are dated 2025), from another
  /// site: a remote write that wins.
  static func remoteClock(_ step: UInt16 = 0) -> HLC {
    HLC(
      millis: UInt64(Date().timeIntervalSince1970 * 1000) - 1000, counter: step, site: serverSite)
  }

  /// The app as it runs with sync on: the fixture's board, and sync's state from the store.
  func startSyncing(size: Size = Size(width: 80, height: 24)) throws {
    state = makeState(size: size)
    start()
    state.sync = SyncState(status: try store.syncStatus(), now: Self.now)
  }

  /// Like `send`, but a sync the app asks for runs on `sync` (as the runtime runs it on its
  /// background sync), and its answer comes back as the runtime sends it.
  func drive(_ msg: Msg, with sync: PulledChangesSync) async {
    var queue = [msg]
    while !queue.isEmpty {
      for effect in update(&state, queue.removeFirst()) {
        switch effect {
        case .sync(.run):
          let outcome = await sync.sync()
          queue.append(.sync(.finished(outcome, try? store.syncStatus(), at: Self.now)))
        case .bell, .quit:
          outsideEffects.append(effect)
        default:
          let query = BoardQuery(
            filter: state.filter, cardsPerStage: state.cardsPerStage,
            pipelineId: state.board?.pipeline.id)
          let reply = EffectRunner.perform(
            effect, store: store, query: query, catalog: state.catalog)
          replies.append(reply)
          queue.append(reply)
        }
      }
    }
  }

  func stageId(_ name: String) -> String {
    state.board!.columns.first { $0.stage.name == name }!.stage.id
  }

  /// Ada moving a deal, as the server hands it on.
  func adaMoves(_ title: String, to stage: String, step: UInt16 = 0) -> FieldChange {
    FieldChange(
      entity: "deal", id: id(title), field: "stageId", value: .text(stageId(stage)),
      hlc: Self.remoteClock(step), actor: ada.id)
  }

  /// The bottom line, without the blanks after its last text.
  var statusLine: String {
    var line = render(state).lines.last!
    while line.last == " " { line.removeLast() }
    return line
  }

  // MARK: - Without an account

  func testWithoutAnAccountNothingOfSyncShowsOrRuns() throws {
    state = makeState(size: Size(width: 80, height: 24))
    start()
    XCTAssertNil(state.sync)
    XCTAssertEqual(
      statusLine,
      "  ? help  q quit  / filter  n new  H back  L forward  m move         crm.sqlite")
    press(.char("?"))
    XCTAssertFalse(
      HelpLayout(state: state).rows.contains { $0.keys == "Y" }, "help lists sync")
    press(.escape, .char(":"))
    XCTAssertFalse(render(state).lines.joined().contains("Sync"), "palette offers sync")
    press(.escape)
    XCTAssertEqual(press(.char("Y")), [.bell])
    XCTAssertNil(state.overlay)
    XCTAssertNil(state.sync?.wakeTime)
  }

  func testWithAnAccountHelpAndPaletteOfferTheSyncScreen() throws {
    try startSyncing()
    press(.char("?"))
    XCTAssertTrue(
      HelpLayout(state: state).rows.contains { $0.keys == "Y" && $0.text.hasPrefix("Sync:") },
      "help lists Y")
    press(.escape, .char(":"))
    type("sync")
    XCTAssertTrue(
      render(state).lines.contains { $0.contains("Sync: refused changes and conflicts  (Y)") })
    press(.enter)
    guard case .sync(let screen) = state.overlay else { return XCTFail("no sync screen") }
    XCTAssertEqual(screen.data?.refusals, [])
    XCTAssertTrue(render(state).lines.joined().contains("No refused changes."))
  }

  // MARK: - Status bar

  func testStatusBarSaysOnlineWaitingAndWhenAt80x24() async throws {
    try startSyncing()
    let sync = PulledChangesSync(store: store)
    XCTAssertEqual(state.sync?.wakeTime, Self.now, "the first sync is due at start")
    await drive(.sync(.clock(Self.now)), with: sync)
    XCTAssertEqual(sync.syncs, 1)
    let pending = try store.syncStatus().pending
    XCTAssertGreaterThan(pending, 0)
    XCTAssertEqual(state.sync?.pending, pending)
    state.now = Self.now.addingTimeInterval(150)
    XCTAssertEqual(
      statusLine,
      "  ? help  q quit  / filter  n new    online · \(pending) waiting · 2 min ago crm.sqlite")
  }

  func testStatusBarNarrowAndWide() async throws {
    try startSyncing(size: Size(width: 60, height: 20))
    let sync = PulledChangesSync(store: store, offline: true)
    await drive(.sync(.clock(Self.now)), with: sync)
    let pending = try store.syncStatus().pending
    XCTAssertTrue(statusLine.hasSuffix("offline \(pending)↑ crm.sqlite"), statusLine)
    XCTAssertTrue(statusLine.hasPrefix("  ? help  q quit"), "hints still show: \(statusLine)")
    resize(140, 30)
    XCTAssertTrue(
      statusLine.hasSuffix("offline · \(pending) waiting · not synced yet crm.sqlite"),
      statusLine)
  }

  func testSyncingBeforeTheFirstAnswer() throws {
    try startSyncing()
    XCTAssertEqual(update(&state, .sync(.clock(Self.now))), [.sync(.run)])
    XCTAssertTrue(statusLine.contains("syncing…"), statusLine)
  }

  // MARK: - When syncs run

  func testSyncsAfterWritesWithADebounceAndNeverTwoAtOnce() async throws {
    try startSyncing()
    let sync = PulledChangesSync(store: store)
    await drive(.sync(.clock(Self.now)), with: sync)
    let t = Self.now
    // A write, then another a second later: the sync waits for 2 s after the last.
    _ = update(&state, .sync(.wroteLocally(t)))
    _ = update(&state, .sync(.wroteLocally(t + 1)))
    XCTAssertEqual(state.sync?.wakeTime, t + 3)
    XCTAssertEqual(update(&state, .sync(.clock(t + 2.5))), [])
    XCTAssertEqual(update(&state, .sync(.clock(t + 3))), [.sync(.run)])
    // While it runs, a poke and a write wait for it; then one more sync runs.
    XCTAssertEqual(update(&state, .sync(.poked)), [])
    XCTAssertNil(state.sync?.wakeTime)
    let again = update(
      &state, .sync(.finished(BackgroundSyncOutcome(connection: .online), nil, at: t + 4)))
    XCTAssertEqual(again, [.sync(.run)])
    _ = update(&state, .sync(.finished(BackgroundSyncOutcome(connection: .online), nil, at: t + 5)))
    // Then every three minutes.
    XCTAssertEqual(state.sync?.wakeTime, t + 5 + 180)
    XCTAssertEqual(update(&state, .sync(.clock(t + 100))), [])
    XCTAssertEqual(update(&state, .sync(.clock(t + 185))), [.sync(.run)])
  }

  func testWritesAreWhatTheRuntimeDebouncesOn() {
    XCTAssertTrue(Effect.stepDeals(["x"], by: 1).isLocalWrite)
    XCTAssertTrue(Effect.undo.isLocalWrite)
    XCTAssertTrue(Effect.sync(.redo(id: "x")).isLocalWrite)
    XCTAssertFalse(Effect.loadBoard(pipelineId: nil, focusDealId: nil).isLocalWrite)
    XCTAssertFalse(Effect.sync(.loadScreen).isLocalWrite)
  }

  // MARK: - Others' changes

  func testAPullThatMovedACardRepaintsTheBoardAndSaysWho() async throws {
    try startSyncing(size: Size(width: 120, height: 40))
    let sync = PulledChangesSync(store: store)
    XCTAssertEqual(titles[0].first, "Acme renewal")
    sync.queue([adaMoves("Acme renewal", to: "Proposal")])
    await drive(.sync(.poked), with: sync)
    XCTAssertEqual(titles[0], ["北京 Trading 合同", "Globex pilot"])
    XCTAssertTrue(titles[2].contains("Acme renewal"), "\(titles)")
    let screen = render(state).lines
    XCTAssertTrue(
      statusLine.hasPrefix(" Ada Lovelace moved Acme renewal to Proposal"), statusLine)
    XCTAssertTrue(screen.joined().contains("Acme renewal"))
    // The focus went with the card, and keys act on it.
    XCTAssertEqual(focusedTitle, "Acme renewal")
    await drive(.key(.char("L")), with: sync)
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Negotiation", "\(failures)")
    XCTAssertTrue(statusLine.hasPrefix(" Moved to Negotiation"), "what I did shows: \(statusLine)")
    // A few seconds later the notice is gone.
    XCTAssertEqual(state.sync?.wakeTime, Self.now + SyncState.noticeDuration)
    _ = update(&state, .sync(.clock(Self.now + SyncState.noticeDuration)))
    XCTAssertFalse(statusLine.contains("Ada"), statusLine)
  }

  func testSeveralChangesAreOneNotice() async throws {
    try startSyncing(size: Size(width: 120, height: 40))
    let sync = PulledChangesSync(store: store)
    sync.queue([
      adaMoves("Acme renewal", to: "Proposal"),
      adaMoves("Globex pilot", to: "Proposal", step: 1),
      adaMoves("Acme expansion", to: "Proposal", step: 2),
      adaMoves("Initech upgrade", to: "Contact made", step: 3),
    ])
    await drive(.sync(.poked), with: sync)
    XCTAssertEqual(
      state.sync?.notice, "Ada Lovelace moved Acme renewal to Proposal, and 3 more changes")
    XCTAssertTrue(titles[1].contains("Initech upgrade"), "\(titles)")
  }

  func testNoticeWording() {
    state = makeState(size: Size(width: 80, height: 24))
    let moved = RemoteNotice(
      kind: .moved(toStage: "Negotiation"), entity: "deal", recordId: "1", title: "ACME renewal",
      actorName: "Ada")
    let edited = RemoteNotice(
      kind: .edited, entity: "contact", recordId: "2", title: "Bo Li", actorName: nil)
    XCTAssertEqual(noticeText([moved], state), "Ada moved ACME renewal to Negotiation")
    XCTAssertEqual(
      noticeText([moved, edited], state), "Ada moved ACME renewal to Negotiation, and 1 more change"
    )
    XCTAssertEqual(noticeText([edited], state), "Someone changed Bo Li")
    XCTAssertNil(noticeText([], state))
    state = makeState(size: Size(width: 80, height: 24), language: "de")
    XCTAssertEqual(
      noticeText([moved, edited, edited, edited], state),
      "Ada hat ACME renewal nach Negotiation verschoben, und 3 weitere Änderungen")
  }

  // MARK: - The sync screen

  /// A refused move of Acme renewal (reverted by the store) and a conflict on Globex's title.
  func makeRefusalAndConflict() async throws -> PulledChangesSync {
    _ = try store.stepDeal(id("Acme renewal"), by: 1, now: Self.now.addingTimeInterval(-120))
    let move = try XCTUnwrap(try store.pendingMutations(limit: 1000).last)
    try store.refuse(
      mutationSeq: move.seq, reason: "deal Acme renewal: a rep may not edit Ada's deal",
      now: Self.now.addingTimeInterval(-60))
    let sync = PulledChangesSync(store: store)
    sync.queue([
      FieldChange(
        entity: "deal", id: id("Globex pilot"), field: "title", value: .text("Globex pilot (EU)"),
        hlc: Self.remoteClock(), actor: ada.id)
    ])
    return sync
  }

  func testSyncScreenAtThreeSizes() async throws {
    try startSyncing()
    let sync = try await makeRefusalAndConflict()
    await drive(.sync(.poked), with: sync)
    XCTAssertEqual(state.sync?.conflicts, 1)
    XCTAssertEqual(state.sync?.refusals, 1)
    await drive(.key(.char("Y")), with: sync)
    guard case .sync(let opened) = state.overlay else { return XCTFail("no sync screen") }
    XCTAssertEqual(opened.data?.refusals.count, 1)
    for (width, height) in [(80, 24), (120, 40), (44, 14)] {
      let lines = screen(width, height)
      let text = lines.joined(separator: "\n")
      XCTAssertTrue(text.contains("Refused changes (1)"), text)
      XCTAssertTrue(text.contains("Overwritten by others (1)"), text)
      XCTAssertTrue(text.contains("a rep may not"), text)
      XCTAssertTrue(text.contains("Globex pilot"), text)
      XCTAssertTrue(text.contains("Ada Lovelace") || width < 60, text)
      XCTAssertTrue(lines[1].hasPrefix("┌─ Sync · online") || width > 100, lines[1])
      XCTAssertTrue(text.contains("r redo · d drop"), text)
    }
  }

  func testRedoWritesTheRefusedChangeAgain() async throws {
    try startSyncing()
    let sync = try await makeRefusalAndConflict()
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Qualification", "the refusal reverted it")
    await drive(.key(.char("Y")), with: sync)
    await drive(.key(.char("r")), with: sync)
    XCTAssertEqual(try store.refusals(), [])
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Contact made")
    XCTAssertTrue(titles[1].contains("Acme renewal"), "the board shows it again: \(titles)")
    XCTAssertTrue(statusLine.contains("Written again"), statusLine)
  }

  func testDropAsksThenForgetsTheRefusal() async throws {
    try startSyncing()
    let sync = try await makeRefusalAndConflict()
    await drive(.key(.char("Y")), with: sync)
    await drive(.key(.char("d")), with: sync)
    XCTAssertTrue(render(state).lines.joined().contains("Drop change"))
    await drive(.key(.char("n")), with: sync)
    XCTAssertEqual(try store.refusals().count, 1, "no keeps it")
    await drive(.key(.char("d")), with: sync)
    await drive(.key(.char("y")), with: sync)
    XCTAssertEqual(try store.refusals(), [])
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Qualification")
    XCTAssertEqual(state.sync?.refusals, 0)
    XCTAssertTrue(render(state).lines.joined().contains("No refused changes."))
  }

  func testDismissingConflicts() async throws {
    try startSyncing()
    let sync = try await makeRefusalAndConflict()
    await drive(.sync(.poked), with: sync)
    XCTAssertEqual(try store.conflicts(limit: 10).count, 1)
    await drive(.key(.char("Y")), with: sync)
    await drive(.key(.char("x")), with: sync)
    XCTAssertEqual(try store.conflicts(limit: 10), [])
    XCTAssertTrue(render(state).lines.joined().contains("No conflicts."))
    await drive(.key(.escape), with: sync)
    XCTAssertNil(state.overlay)
  }

  // MARK: - Readable values

  /// A refused edit of Acme renewal's value, close date and owner (its label and reason
  /// name the deal by id), and remote writes that beat the fixture's own, not yet pushed,
  /// stage and value of Globex pilot.
  func makeReadableRefusalAndConflicts() async throws -> PulledChangesSync {
    let acme = id("Acme renewal")
    _ = try store.editDeal(
      acme,
      DealChanges(
        value: Money(minorUnits: 1_200_00, currency: .eur),
        closeDate: .some(try Day(year: 2026, month: 3, day: 31)), owner: .some(ada.id)),
      now: Self.now.addingTimeInterval(-120))
    let edit = try XCTUnwrap(try store.pendingMutations(limit: 1000).last)
    XCTAssertTrue(edit.label.contains(acme), "the Store's label names the deal by id")
    try store.refuse(
      mutationSeq: edit.seq,
      reason: "deal \(acme) belongs to another user; a rep may change only their own",
      now: Self.now.addingTimeInterval(-60))
    let sync = PulledChangesSync(store: store)
    sync.queue([
      FieldChange(
        entity: "deal", id: id("Globex pilot"), field: "stageId",
        value: .text(stageId("Proposal")), hlc: Self.remoteClock(1), actor: ada.id),
      FieldChange(
        entity: "deal", id: id("Globex pilot"), field: "valueMinor", value: .integer(3_000_00),
        hlc: Self.remoteClock(2), actor: ada.id),
    ])
    return sync
  }

  func testSyncScreenNamesRecordsStagesAndUsersAndFormatsMoneyAndDatesAtThreeSizes()
    async throws
  {
    try startSyncing()
    let sync = try await makeReadableRefusalAndConflicts()
    await drive(.sync(.poked), with: sync)
    XCTAssertEqual(state.sync?.conflicts, 2)
    await drive(.key(.char("Y")), with: sync)
    let ids = [id("Acme renewal"), id("Globex pilot"), stageId("Proposal"), ada.id]
    for (width, height) in [(120, 40), (80, 24), (44, 20)] {
      let lines = screen(width, height)
      let text = lines.joined(separator: "\n")
      for id in ids {
        XCTAssertFalse(
          text.contains(id.prefix(8)), "an id on the screen at \(width)x\(height):\n\(text)")
      }
      XCTAssertTrue(text.contains("edit deal Acme renewal"), text)
      XCTAssertTrue(text.contains("deal Acme renewal belongs to"), text)
      XCTAssertTrue(text.contains("Globex pilot · Stage"), text)
      XCTAssertTrue(text.contains("Globex pilot · Value"), text)
      XCTAssertTrue(text.contains("mine: Qualification"), text)
      XCTAssertTrue(text.contains("mine: €2,500.00"), text)
      if width >= 80 {
        XCTAssertTrue(text.contains("kept: Proposal (Ada Lovelace)"), text)
        XCTAssertTrue(text.contains("kept: €3,000.00 (Ada Lovelace)"), text)
        XCTAssertTrue(text.contains("tried: "), text)
      }
      if width >= 120 {
        XCTAssertTrue(text.contains("Value: €1,200.00"), text)
        XCTAssertTrue(text.contains("Close date: Mar 31, 2026"), text)
        XCTAssertTrue(text.contains("Owner: Ada Lovelace"), text)
      }
    }
    // The drop question names the deal too.
    resize(120, 40)
    await drive(.key(.char("d")), with: sync)
    let question = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(question.contains("\"edit deal Acme renewal\""), question)
  }

  func testValuesAndFieldNamesReadAsTheFormsWriteThem() throws {
    state = makeState(size: Size(width: 80, height: 24))
    XCTAssertEqual(fieldValueText(.integer(1), field: "deleted", state), "yes")
    XCTAssertEqual(fieldValueText(.integer(0), field: "emailOptOut", state), "no")
    XCTAssertEqual(fieldValueText(.integer(7), field: "rotDays", state), "7")
    XCTAssertEqual(
      fieldValueText(.integer(1_200_00), field: "valueMinor", currency: .eur, state), "€1,200.00")
    XCTAssertEqual(
      fieldValueText(.integer(1_200), field: "valueMinor", currency: .jpy, state), "¥1,200")
    XCTAssertEqual(fieldValueText(.text("2026-03-31"), field: "closeDate", state), "Mar 31, 2026")
    let moment = fieldValueText(.text("2026-03-31 14:05:00.000"), field: "dueAt", state)
    XCTAssertTrue(moment.contains("Mar 31, 2026") && moment.contains("2:05"), moment)
    XCTAssertEqual(fieldValueText(.text("2026-03-31 is the day"), state), "2026-03-31 is the day")
    let unknown = UUIDv7.generate()
    XCTAssertEqual(
      fieldValueText(.text(unknown), field: "ownerId", names: [:], state),
      String(unknown.prefix(8)) + "…")
    XCTAssertEqual(
      fieldValueText(.text(ada.id), field: "ownerId", names: [ada.id: "Ada"], state), "Ada")
    XCTAssertEqual(syncFieldLabel("deal", "closeDate", state), "Close date")
    XCTAssertEqual(syncFieldLabel("deal", "valueMinor", state), "Value")
    XCTAssertEqual(syncFieldLabel("deal", "title", state), "Title")
    XCTAssertEqual(syncFieldLabel("contact", "title", state), "Job title")
    XCTAssertEqual(syncFieldLabel("deal", "stageId", state), "Stage")
    XCTAssertEqual(syncFieldLabel("deal", "lostReason", state), "Lost reason")
    XCTAssertEqual(syncFieldLabel("deal", "someNewField", state), "Some new field")
    XCTAssertEqual(
      readableText("move deal \(unknown) to \(ada.id)", names: [ada.id: "Ada"]),
      "move deal \(unknown.prefix(8))… to Ada")
    let german = makeState(size: Size(width: 80, height: 24), language: "de")
    XCTAssertEqual(fieldValueText(.integer(1), field: "allDay", german), "ja")
    XCTAssertEqual(syncFieldLabel("deal", "stageId", german), "Phase")
    XCTAssertEqual(syncFieldLabel("deal", "closeDate", german), "Abschluss")
  }
}
