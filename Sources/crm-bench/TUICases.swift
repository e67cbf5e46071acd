import Foundation
import Store
import TUI

/// The terminal app's cases: what the user waits for, from the store to a drawn frame. They
/// drive the app's own pieces in process, as `Runtime` does but without a terminal: `update`
/// for keys and messages, `EffectRunner.perform` for store work, `render` for the frame.
extension BenchSuite {
  static func tui(_ c: BenchContext) throws -> [BenchCase] {
    let frameNote = "Store(path:), .loadBoard via EffectRunner, boardLoaded, render at 120x40"
    // Each case opens its own store and board in its set-up, so none of this runs when the
    // TUI cases are filtered out.
    var focus: TUISession?
    var move: TUISession?
    var memory: ResidentMemory?
    return [
      BenchCase("tui.first.frame", targetMs: 30, note: frameNote + " (store closed after)") {
        _ in try TUISession.firstFrame(path: c.path)
      },
      BenchCase(
        "tui.first.frame.small", targetMs: 30,
        note: "the same on a 100-deal database",
        setUp: { _ = try c.small.path() }
      ) { _ in try TUISession.firstFrame(path: c.small.path()) },
      .figure(
        "tui.first.frame.ratio", unit: "x", target: 1.3,
        note: "median tui.first.frame / median tui.first.frame.small"
      ) { earlier in
        let (large, small) = try firstFrames(earlier)
        return large.medianMs / small.medianMs
      },
      .figure(
        "tui.first.frame.ratio.p99", unit: "x",
        note: "p99 tui.first.frame / p99 tui.first.frame.small (noisier under load)"
      ) { earlier in
        let (large, small) = try firstFrames(earlier)
        return large.p99Ms / small.p99Ms
      },
      BenchCase(
        "tui.key.focus", targetMs: 2, iterations: c.iterations * 5,
        note: "j l h k in turn: update, render, compare with the last frame",
        setUp: { focus = try TUISession.loaded(path: c.path) }
      ) { i in
        let keys: [Character] = ["j", "l", "h", "k"]
        guard let session = focus else { return }
        let effects = update(&session.state, .key(.char(keys[i % keys.count])))
        guard effects.isEmpty else {
          throw BenchError("focus key \(keys[i % keys.count]) asked for \(effects)")
        }
        session.repaint()
      },
      BenchCase(
        "tui.key.move", targetMs: 5,
        note: "L and H in turn: update, .stepDeals via EffectRunner (write, board reload), "
          + "boardLoaded, render",
        setUp: { move = try TUISession.loaded(path: c.path) }
      ) { i in
        guard let session = move else { return }
        try session.step(forward: i % 2 == 0)
      },
      .figure(
        "tui.rss", unit: "MB", target: 40,
        note: "VmRSS of a fresh `crm-bench tui-rss` process after the first frame"
      ) { _ in
        let reading = try ResidentMemory.ofFreshProcess(path: c.path)
        memory = reading
        return reading.rss
      },
      .figure("tui.rss.peak", unit: "MB", note: "VmHWM of the same process: its peak") { _ in
        guard let memory else { throw BenchError("tui.rss.peak needs tui.rss before it") }
        return memory.peak
      },
    ]
  }

  private static func firstFrames(_ earlier: [CaseResult]) throws -> (CaseResult, CaseResult) {
    guard let large = earlier.last(where: { $0.name == "tui.first.frame" }),
      let small = earlier.last(where: { $0.name == "tui.first.frame.small" })
    else { throw BenchError("the ratio needs tui.first.frame and tui.first.frame.small") }
    return (large, small)
  }
}

/// The app on one database without a terminal: its store, its state and the last frame.
final class TUISession {
  let store: Store
  var state: AppState
  /// Whether the last `repaint` drew a frame different from the one before.
  private(set) var changed = false
  /// Renders and tells whether the frame differs from the last one.
  private let renderAndCompare: (AppState) -> Bool

  init(path: String) throws {
    store = try Store(path: path, checkpointInBackground: true)
    state = AppState(
      size: .init(width: 120, height: 40),
      databaseName: URL(fileURLWithPath: path).lastPathComponent)
    renderAndCompare = Self.comparing(render)
  }

  /// `draw` followed by a comparison with its last frame (generic, so the frame type need
  /// not be named: it lives in the Terminal module, which crm-bench does not import).
  private static func comparing<Frame: Equatable>(
    _ draw: @escaping (AppState) -> Frame
  ) -> (AppState) -> Bool {
    var last: Frame?
    return { state in
      let frame = draw(state)
      defer { last = frame }
      return frame != last
    }
  }

  /// What the app does before its first frame: open, load the board, take it in, draw.
  static func firstFrame(path: String) throws {
    let session = try TUISession(path: path)
    try session.run(.loadBoard(pipelineId: nil, focusDealId: nil))
    _ = render(session.state)
  }

  /// A session with its first board taken in and drawn.
  static func loaded(path: String) throws -> TUISession {
    let session = try TUISession(path: path)
    try session.run(.loadBoard(pipelineId: nil, focusDealId: nil))
    guard let board = session.state.board, !board.columns.isEmpty else {
      throw BenchError("\(path) has no board to show")
    }
    session.repaint()
    return session
  }

  /// Runs a store effect as the runtime does and takes in its message.
  func run(_ effect: Effect) throws {
    let query = BoardQuery(
      filter: state.filter, cardsPerStage: state.cardsPerStage,
      pipelineId: state.board?.pipeline.id)
    let message = EffectRunner.perform(effect, store: store, query: query, catalog: state.catalog)
    if case .failed(let reason) = message { throw BenchError("\(effect): \(reason)") }
    let more = update(&state, message)
    guard more.isEmpty else { throw BenchError("\(effect) led to \(more)") }
  }

  /// Renders and compares with the last frame, as the runtime does before drawing.
  func repaint() { changed = renderAndCompare(state) }

  /// Presses L (forward) or H on the focused card: the deal moves one stage and the focus
  /// follows it. The focus must start in the first column, on an open stage before another.
  func step(forward: Bool) throws {
    let key: Character = forward ? "L" : "H"
    let column = state.focus.column
    let effects = update(&state, .key(.char(key)))
    guard effects.count == 1, case .stepDeals = effects[0] else {
      throw BenchError("\(key) on column \(column) asked for \(effects), not a step")
    }
    try run(effects[0])
    guard state.focus.column == column + (forward ? 1 : -1) else {
      throw BenchError("after \(key) the focus is on column \(state.focus.column)")
    }
    repaint()
  }
}
