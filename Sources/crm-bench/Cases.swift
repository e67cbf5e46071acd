import Foundation
import Model
import Store

/// What the cases share: the open store, the file and a seeded generator for their inputs.
final class BenchContext {
  let path: String
  let store: Store
  let iterations: Int
  let warmup: Int
  /// The 100-deal database of tui.first.frame.small, made on first use.
  let small: SmallDatabase
  var random = SplitMix64(seed: 7)

  init(path: String, store: Store, iterations: Int, warmup: Int, small: SmallDatabase) {
    self.path = path
    self.store = store
    self.iterations = iterations
    self.warmup = warmup
    self.small = small
  }

  /// Every iteration a case can ask for, warm-up included.
  var runs: Int { iterations + warmup }
}

/// The standard cases, in the order they run: reads first, then writes, then the terminal
/// app's (TUICases.swift). Later work adds its own cases by appending to this list.
enum BenchSuite {
  static func cases(_ context: BenchContext) throws -> [BenchCase] {
    try reads(context) + writes(context) + tui(context) + lists(context) + calendar(context)
      + reports(context)
  }

  static func reads(_ c: BenchContext) throws -> [BenchCase] {
    let store = c.store
    guard let board = try store.board(pipelineId: nil, cardsPerStage: 20) else {
      throw BenchError("the database has no pipeline")
    }
    let biggest = board.columns.max { $0.count < $1.count }!
    let pageSize = 20
    let pages = max(1, biggest.count / pageSize)
    let boardOffsets = (0..<c.runs).map { _ in c.random.int(1...max(1, pages - 1)) * pageSize }

    let dealCount = try store.count(.deal)
    let contactCount = try store.count(.contact)
    let slow = max(20, c.iterations / 4)
    let dealOffsets = (0..<c.runs).map { _ in c.random.int(0...max(0, dealCount - 50)) }
    let contactOffsets = (0..<c.runs).map { _ in c.random.int(0...max(0, contactCount - 50)) }

    let names = (Fixtures.firstNames + Fixtures.lastNames).map(Fixtures.ascii).filter {
      $0.count >= 3
    }
    let prefixes = (0..<c.runs).map { _ in
      String(c.random.pick(names).prefix(c.random.int(2...3)))
    }

    return [
      BenchCase("open", note: "Store(path:) on the existing file: pool, migrations check, site") {
        _ in _ = try Store(path: c.path)
      },
      BenchCase("first.paint", note: "open the file and read the first board") { _ in
        _ = try Store(path: c.path).board(pipelineId: nil, cardsPerStage: 20)
      },
      BenchCase("board", targetMs: 5, note: "first pipeline, 20 cards per stage") { _ in
        _ = try store.board(pipelineId: nil, cardsPerStage: 20)
      },
      BenchCase(
        "board.page",
        note: "random page of 20 of \"\(biggest.stage.name)\" (\(biggest.count) deals)"
      ) { i in
        _ = try store.cards(stageId: biggest.stage.id, offset: boardOffsets[i], limit: pageSize)
      },
      BenchCase(
        "list.page.deals", iterations: slow,
        note: "deals(limit: 50, offset: random in 0..<\(dealCount))"
      ) { i in
        _ = try store.deals(limit: 50, offset: dealOffsets[i])
      },
      BenchCase(
        "list.page.contacts", iterations: slow,
        note: "contacts(limit: 50, offset: random in 0..<\(contactCount))"
      ) { i in
        _ = try store.contacts(limit: 50, offset: contactOffsets[i])
      },
      BenchCase(
        "search.prefix", targetMs: 10,
        note: "2-3 letter name prefixes over \(contactCount) contacts, limit 20"
      ) { i in
        _ = try store.search(prefixes[i], in: [.contact], limit: 20)
      },
      BenchCase("search.prefix.all", note: "the same prefixes over deals, contacts, companies") {
        i in _ = try store.search(prefixes[i], limit: 20)
      },
    ]
  }

  static func writes(_ c: BenchContext) throws -> [BenchCase] {
    let store = c.store
    guard let pipeline = try store.pipelines().first else {
      throw BenchError("the database has no pipeline")
    }
    let open = try store.stages(pipelineId: pipeline.id).filter { $0.kind == .open }
    guard open.count >= 2 else {
      throw BenchError("the first pipeline has fewer than 2 open stages")
    }
    // Each deal goes one stage forward and then back: two moves between open stages.
    let deals = try store.cards(stageId: open[0].id, offset: 0, limit: c.runs / 2 + 1).map(
      \.deal.id)
    guard !deals.isEmpty else { throw BenchError("\"\(open[0].name)\" has no deals to move") }
    return [
      BenchCase(
        "deal.move", targetMs: 2,
        note: "stepDeal \"\(open[0].name)\" <-> \"\(open[1].name)\": row, change log, history"
      ) { i in
        _ = try store.stepDeal(deals[(i / 2) % deals.count], by: i % 2 == 0 ? 1 : -1)
      }
    ]
  }
}

struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
