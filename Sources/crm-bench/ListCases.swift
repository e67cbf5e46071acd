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
    // Search pages alone, per prefix: broad ones take the index walk, narrow ones the sort.
    let searches = ["m", "ma", "mar", "mart", "marti", "x", "lars k"].map { prefix in
      BenchCase(
        "list.contacts.search.\(prefix.replacingOccurrences(of: " ", with: "_"))",
        targetMs: 15, iterations: max(20, c.iterations / 4),
        note: "contactPage(search: \"\(prefix)\", limit: \(page)): rows and capped count"
      ) { _ in _ = try c.store.contactPage(search: prefix, limit: page) }
    }
    return [first] + sorts + searches + [
      BenchCase(
        "tui.contacts.search.keystroke", targetMs: 15, iterations: c.iterations * 2,
        note: "contacts view (2), / then prefixes of generated names typed letter by letter "
          + "and erased with backspace: update, .loadList via EffectRunner, listLoaded, render",
        setUp: { search = try ListSearch(path: c.path, runs: c.runs * 2, random: &c.random) }
      ) { i in
        guard let search else { return }
        try search.press(i)
      }
    ]
  }
}

/// A TUISession in the contacts view with the search input open, and the keys to type.
final class ListSearch {
  let session: TUISession
  /// Letters of name prefixes, each run followed by as many backspaces ("m a r ⌫ ⌫ ⌫ …").
  let keys: [Character?]

  init(path: String, runs: Int, random: inout SplitMix64) throws {
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
    try Self.press(key.map { .key(.char($0)) } ?? .key(.backspace), in: session)
    guard session.state.contacts.searchInput != nil else {
      throw BenchError("the search input closed at key \(i)")
    }
  }

  /// The message, then every effect it leads to (the page, then what the page asks for,
  /// such as its duplicate marks) run as the runtime runs them, then the repaint.
  private static func press(_ msg: Msg, in session: TUISession) throws {
    var pending = update(&session.state, msg)
    while !pending.isEmpty {
      let effect = pending.removeFirst()
      let query = BoardQuery(
        filter: session.state.filter, cardsPerStage: session.state.cardsPerStage,
        pipelineId: session.state.board?.pipeline.id)
      let message = EffectRunner.perform(
        effect, store: session.store, query: query, catalog: session.state.catalog)
      if case .failed(let reason) = message { throw BenchError("\(effect): \(reason)") }
      pending += update(&session.state, message)
    }
    session.repaint()
  }
}
