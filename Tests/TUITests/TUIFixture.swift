import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// A real SQLite store in a fresh temporary directory with a small hand-built board, an app
/// state pinned to English, en_US and a fixed clock, and a driver that runs `update` and
/// every store effect it asks for, the way `Runtime.run` does.
class TUITestCase: XCTestCase {
  /// 2025-06-15 12:00:00 UTC: midday, so the day is the same in every time zone near UTC.
  static let now = Date(timeIntervalSince1970: 1_749_988_800)
  static let today = Day(now, in: TimeZone(identifier: "UTC")!)

  var directory: URL!
  var store: Store!
  var state: AppState!
  /// Deal ids by title.
  var ids: [String: String] = [:]
  /// Effects the store does not run (bell, quit), in order.
  var outsideEffects: [Effect] = []
  /// Every message an effect came back with.
  var replies: [Msg] = []

  /// The Sales board as the fixture builds it, stage by stage, top card first: title, value
  /// and closing date in days from today.
  static let layout: [(stage: String, deals: [(String, Money, Int?)])] = [
    (
      "Qualification",
      [
        ("Acme renewal", Money(minorUnits: 12_000_00, currency: .eur), 10),
        ("北京 Trading 合同", Money(minorUnits: 8_500_00, currency: .usd), 30),
        ("Globex pilot", Money(minorUnits: 2_500_00, currency: .eur), -3),
      ]
    ),
    (
      "Contact made",
      [
        ("🚀 Launch deal", Money(minorUnits: 1_200_50, currency: .usd), 5),
        ("Acme expansion", Money(minorUnits: 40_000_00, currency: .eur), nil),
      ]
    ),
    ("Proposal", [("Initech upgrade", Money(minorUnits: 15_000_00, currency: .usd), 20)]),
  ]

  override func setUpWithError() throws {
    try super.setUpWithError()
    setlocale(LC_ALL, "C.UTF-8")
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("tuitests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    store = try Store(path: directory.appendingPathComponent("crm.sqlite").path)
    let setUpAt = Self.now.addingTimeInterval(-30 * 86_400)
    try store.initialize(localUserName: "Alex Admin", now: setUpAt)
    try store.createPipeline(name: "Partners", now: setUpAt.addingTimeInterval(1))
    var moment = Self.now.addingTimeInterval(-86_400)
    for (stage, deals) in Self.layout {
      // A new deal goes to the top of its stage: create the bottom card first.
      for (title, value, closeIn) in deals.reversed() {
        moment = moment.addingTimeInterval(60)
        // Globex has sat in Qualification for 20 days: longer than its 14-day rot period.
        let created =
          title.hasPrefix("Globex") ? Self.now.addingTimeInterval(-20 * 86_400) : moment
        let deal = try store.createDeal(
          DealDraft(
            title: title, value: value, pipeline: "Sales", stage: stage,
            closeDate: closeIn.map { Self.today.adding(days: $0) }),
          now: created)
        ids[title] = deal.id
      }
    }
    let referral = try store.createDeal(
      DealDraft(
        title: "Partner referral", value: Money(minorUnits: 500_00, currency: .eur),
        pipeline: "Partners"),
      now: moment.addingTimeInterval(60))
    ids["Partner referral"] = referral.id
    state = makeState(size: Size(width: 120, height: 40))
  }

  override func tearDownWithError() throws {
    store = nil
    if let directory { try? FileManager.default.removeItem(at: directory) }
    try super.tearDownWithError()
  }

  func makeState(size: Size, language: String = "en") -> AppState {
    AppState(
      size: size, databaseName: "crm.sqlite", catalog: Catalog(language: language),
      locale: Locale(identifier: "en_US"), now: Self.now)
  }

  // MARK: - Driving

  /// Feeds `msg` to `update`, runs every store effect it returns against the store, and
  /// feeds the results back until nothing is left; returns the effects left for the
  /// runtime (bell, quit).
  @discardableResult
  func send(_ msg: Msg) -> [Effect] {
    var queue = update(&state, msg)
    var outside: [Effect] = []
    while !queue.isEmpty {
      let effect = queue.removeFirst()
      switch effect {
      case .bell, .quit:
        outside.append(effect)
      default:
        let query = BoardQuery(
          filter: state.filter, cardsPerStage: state.cardsPerStage,
          pipelineId: state.board?.pipeline.id)
        let reply = EffectRunner.perform(
          effect, store: store, query: query, catalog: state.catalog)
        replies.append(reply)
        queue += update(&state, reply)
      }
    }
    outsideEffects += outside
    return outside
  }

  /// What the runtime does first: load the first pipeline's board.
  func start(file: StaticString = #filePath, line: UInt = #line) {
    let query = BoardQuery(
      filter: state.filter, cardsPerStage: state.cardsPerStage, pipelineId: nil)
    let reply = EffectRunner.perform(
      .loadBoard(pipelineId: nil, focusDealId: nil), store: store, query: query,
      catalog: state.catalog)
    replies.append(reply)
    send(reply)
    XCTAssertNotNil(state.board, "the board did not load", file: file, line: line)
    XCTAssertFalse(state.loading, file: file, line: line)
  }

  @discardableResult
  func press(_ keys: Key...) -> [Effect] {
    keys.flatMap { send(.key($0)) }
  }

  /// Types `text` one character at a time.
  func type(_ text: String) {
    for character in text { send(.key(.char(character))) }
  }

  func resize(_ width: Int, _ height: Int) {
    send(.resize(Size(width: width, height: height)))
  }

  // MARK: - Reading

  var focusedTitle: String? { state.focusedCard?.deal.title }

  /// Titles per column of the board in the state, left to right, top card first.
  var titles: [[String]] {
    state.board?.columns.map { $0.cards.map(\.deal.title) } ?? []
  }

  func id(_ title: String) -> String { ids[title]! }

  func stageName(of title: String) throws -> String {
    let deal = try store.deal(id(title))
    return try store.stage(named: deal.stageId).name
  }

  func historyCount(_ title: String) throws -> Int {
    try store.dealDetail(id(title), now: Self.now).stageHistory.count
  }

  /// The errors effects came back with.
  var failures: [String] {
    replies.compactMap { reply in
      if case .failed(let message) = reply { return message }
      return nil
    }
  }

  /// The screen at a size, as text rows.
  func screen(_ width: Int, _ height: Int) -> [String] {
    resize(width, height)
    return render(state).lines
  }

  /// The text of `width` cells of row `y` from column `x`, wide graphemes counted as the two
  /// cells they take.
  func cells(_ buffer: ScreenBuffer, y: Int, x: Int, width: Int) -> String {
    var text = ""
    for column in x..<min(buffer.width, x + width) where !buffer[column, y].isContinuation {
      text += buffer[column, y].grapheme
    }
    return text
  }

  /// Prints `lines` as a Swift literal, for freezing a screen once it is checked by eye.
  func dump(_ lines: [String], _ name: String) {
    var out = "// \(name)\n[\n"
    for line in lines {
      let escaped = line.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"")
      out += "  \"\(escaped)\",\n"
    }
    print(out + "]")
  }
}
