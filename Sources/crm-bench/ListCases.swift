import Foundation
import Store
import TUI

/// The contacts view's cases: search as you type, timed per keystroke from the key to the
/// repainted frame, with the store query (the `.loadList` effect) in between.
extension BenchSuite {
  static func lists(_ c: BenchContext) throws -> [BenchCase] {
    // Opened in the set-up, so none of this runs when the case is filtered out.
    var search: ListSearch?
    // What the contacts view (2) asks for at 120 x 40: 76 rows.
    let page = 76
    let first = BenchCase(
      "list.contacts.first", targetMs: 5,
      note: "contactPage(limit: \(page)): view 2's first page, rows and count"
    ) { _ in _ = try c.store.contactPage(limit: page) }
    let sorts = ContactSort.allCases.flatMap { sort in
      [true, false].map { ascending in
        BenchCase(
          "list.contacts.sort.\(sort.rawValue).\(ascending ? "asc" : "desc")", targetMs: 5,
          iterations: max(20, c.iterations / 4),
          note: "contactPage(sort: .\(sort.rawValue), limit: \(page), offset: 0, \(page), ... "
            + "\(9 * page)): the first ten pages in turn"
        ) { i in
          _ = try c.store.contactPage(
            sort: sort, ascending: ascending, limit: page, offset: (i % 10) * page)
        }
      }
    }
    // Search pages alone, per prefix: broad ones take the walk, narrow ones the ranks;
    // "g" and "so" match 60-80k contacts, most of "so" through their companies; "no", "em"
    // and "hans" were among the costliest keystrokes (1-2% of the list: the walk reads
    // 20-40k rows, or ranks after it).
    let searches = [
      "m", "ma", "mar", "mart", "marti", "x", "lars k", "g", "so", "no", "em", "hans",
    ].map { prefix in
      BenchCase(
        "list.contacts.search.\(prefix.replacingOccurrences(of: " ", with: "_"))",
        targetMs: 15, iterations: max(20, c.iterations / 4),
        note: "contactPage(search: \"\(prefix)\", limit: \(page)): rows and capped count, "
          + "planned again each time (forgetSearchPages)"
      ) { _ in
        // Planned every time: the store remembers the pages it answered.
        c.store.forgetSearchPages()
        _ = try c.store.contactPage(search: prefix, limit: page)
      }
    }
    // The same prefixes in the other sorts, both directions in turn: the first search in a
    // sort (a warm-up) reads where every contact stands in it.
    let prefixes = ["m", "ma", "mar", "mart", "marti", "x", "lars k"]
    let sortedSearches = ContactSort.allCases.filter { $0 != .name }.map { sort in
      BenchCase(
        "list.contacts.search.by.\(sort.rawValue)", targetMs: 15,
        iterations: max(20, c.iterations / 4),
        note: "contactPage(sort: .\(sort.rawValue), search: \(prefixes.joined(separator: ", ")) "
          + "in turn, ascending then descending, limit: \(page))"
      ) { i in
        c.store.forgetSearchPages()
        _ = try c.store.contactPage(
          sort: sort, ascending: (i / prefixes.count) % 2 == 0,
          search: prefixes[i % prefixes.count], limit: page)
      }
    }
    return [first] + sorts + searches + sortedSearches + [
      BenchCase(
        "tui.contacts.search.keystroke", iterations: c.iterations * 2,
        note: "contacts view (2), / then prefixes of generated names typed letter by letter "
          + "and erased with backspace: update, .loadList via EffectRunner, listLoaded, render "
          + "(the page's frame), then .loadDuplicateMarks, its update and render (the marks')",
        setUp: {
          search = try ListSearch(
            path: c.path, runs: c.runs * 2, warmup: c.warmup, random: &c.random)
        }
      ) { i in
        guard let search else { return }
        try search.press(i)
      }
    ] + keystrokeFrame { search } + keystrokeParts { search } + keystrokeCPU { search }
  }

  /// From each key to the frame that shows its page, as the runtime draws it: the page's
  /// duplicate marks are read after that frame, and drawn in the next.
  private static func keystrokeFrame(_ search: @escaping () -> ListSearch?) -> [BenchCase] {
    keystrokeFigures(
      "frame", target: 15,
      note: "from the key to the frame showing its page (update, page, update, render)"
    ) { search()?.frames }
  }

  /// The CPU time of the keystrokes `tui.contacts.search.keystroke` timed (their thread's
  /// clock): what a loaded machine does not inflate, where the wall time also counts the
  /// waits for a core.
  private static func keystrokeCPU(_ search: @escaping () -> ListSearch?) -> [BenchCase] {
    keystrokeFigures(
      "cpu", note: "CPU time of each keystroke (CLOCK_THREAD_CPUTIME_ID), all its parts"
    ) { search()?.cpu }
  }

  /// Where a keystroke's time goes, from the samples `tui.contacts.search.keystroke` took:
  /// the page (`.loadList`), its duplicate marks (`.loadDuplicateMarks`), the updates and
  /// the repaints, each as its median and p99.
  private static func keystrokeParts(_ search: @escaping () -> ListSearch?) -> [BenchCase] {
    ListSearch.Part.allCases.flatMap { part in
      keystrokeFigures(part.rawValue, note: part.note) { search()?.samples[part] }
    }
  }

  /// The median and p99 (with `target`, if any) of samples `tui.contacts.search.keystroke`
  /// took, as `tui.contacts.search.keystroke.<name>.p50` and `.p99`.
  private static func keystrokeFigures(
    _ name: String, target: Double? = nil, note: String,
    _ samples: @escaping () -> [Double]?
  ) -> [BenchCase] {
    [(50.0, "p50"), (99.0, "p99")].map { percentile, label in
      BenchCase.figure(
        "tui.contacts.search.keystroke.\(name).\(label)", unit: "ms",
        target: percentile == 99 ? target : nil, note: percentile == 99 ? note : nil
      ) { _ in
        guard let sorted = samples()?.sorted(), !sorted.isEmpty else {
          throw BenchError("no \(name) samples: run tui.contacts.search.keystroke first")
        }
        return CaseResult.percentile(sorted, percentile)
      }
    }
  }
}

/// A TUISession in the contacts view with the search input open, and the keys to type.
final class ListSearch {
  let session: TUISession
  /// Letters of name prefixes, each run followed by as many backspaces ("m a r ⌫ ⌫ ⌫ …").
  let keys: [Character?]
  /// The parts of a keystroke, timed on each press (milliseconds; a part a press did not
  /// run counts 0, so the percentiles are per keystroke).
  private(set) var samples: [Part: [Double]] = [:]
  /// The CPU time of each press (milliseconds), warm-up excluded.
  private(set) var cpu: [Double] = []
  /// Milliseconds from each press to the frame that shows its page (before its duplicate
  /// marks are read and drawn), warm-up excluded.
  private(set) var frames: [Double] = []

  enum Part: String, CaseIterable {
    case update, page, marks, render

    var note: String {
      switch self {
      case .update: return "update(&state, msg) for the key and each answer"
      case .page: return ".loadList via EffectRunner: the search page and its count"
      case .marks: return ".loadDuplicateMarks via EffectRunner: the page's duplicate marks"
      case .render: return "render at 120x40 and the comparison with the last frame, each frame"
      }
    }
  }

  /// Presses before this index are the warm-up: not sampled.
  let warmup: Int

  init(path: String, runs: Int, warmup: Int, random: inout SplitMix64) throws {
    self.warmup = warmup
    session = try TUISession(path: path)
    try Self.press(.key(.char("2")), in: session)
    guard session.state.contacts.loaded, !session.state.contacts.contacts.isEmpty else {
      throw BenchError("\(path): the contacts view shows no contacts")
    }
    try Self.press(.key(.char("/")), in: session)
    guard session.state.contacts.searchInput != nil else {
      throw BenchError("/ did not open the contacts search")
    }
    let names = (Fixtures.firstNames + Fixtures.lastNames).map(Fixtures.ascii).filter {
      $0.count >= 3
    }.map { $0.lowercased() }
    var keys: [Character?] = []
    while keys.count < runs {
      let prefix = random.pick(names).prefix(random.int(1...4))
      keys += prefix.map { Optional($0) }
      keys += Array(repeating: nil, count: prefix.count)
    }
    self.keys = keys
  }

  /// Presses key `i` of the sequence (nil is a backspace): the update, the store query it
  /// asks for, the page taken in, the repaint.
  func press(_ i: Int) throws {
    // The sequence is typed from its start whatever `i` is, so backspaces always have
    // letters to erase.
    let key = keys[i % keys.count]
    var times: [Part: Double] = [:]
    let cpuStart = Self.threadCPU()
    let frame = try Self.press(key.map { .key(.char($0)) } ?? .key(.backspace), in: session) {
      times[$0, default: 0] += $1
    }
    if i >= warmup {
      frames.append(frame)
      for part in Part.allCases { samples[part, default: []].append(times[part] ?? 0) }
      cpu.append(Double(Self.threadCPU() - cpuStart) / 1_000_000)
    }
    guard session.state.contacts.searchInput != nil else {
      throw BenchError("the search input closed at key \(i)")
    }
  }

  /// This thread's CPU time in nanoseconds.
  static func threadCPU() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
  }

  /// The message, then the effects it leads to, as the runtime runs them: the key's effect
  /// (the page) and its answer taken in, a frame drawn, then what that answer asks for (the
  /// page's duplicate marks) and another frame. Returns the milliseconds to the first frame,
  /// the one that shows the key's page.
  @discardableResult
  private static func press(
    _ msg: Msg, in session: TUISession, timed: (Part, Double) -> Void = { _, _ in }
  ) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    func time<T>(_ part: Part, _ body: () throws -> T) rethrows -> T {
      let start = DispatchTime.now().uptimeNanoseconds
      defer { timed(part, milliseconds(since: start)) }
      return try body()
    }
    var effects = time(.update) { update(&session.state, msg) }
    var firstFrame: Double?
    repeat {
      var followUps: [Effect] = []
      for effect in effects {
        let query = BoardQuery(
          filter: session.state.filter, cardsPerStage: session.state.cardsPerStage,
          pipelineId: session.state.board?.pipeline.id)
        var part = Part.page
        if case .loadDuplicateMarks = effect { part = .marks }
        let message = time(part) {
          EffectRunner.perform(
            effect, store: session.store, query: query, catalog: session.state.catalog)
        }
        if case .failed(let reason) = message { throw BenchError("\(effect): \(reason)") }
        followUps += time(.update) { update(&session.state, message) }
      }
      time(.render) { session.repaint() }
      if firstFrame == nil { firstFrame = milliseconds(since: start) }
      effects = followUps
    } while !effects.isEmpty
    return firstFrame ?? milliseconds(since: start)
  }
}
