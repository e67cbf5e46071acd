import Foundation
import GRDB
import Model
import Server
import Store
import Sync
import XCTest

/// Whatever each member of a team did offline, in whatever order they synced, through lost,
/// repeated and stale answers, once everyone has synced every replica shows the same data,
/// and it is the server's.
///
/// The server runs in-process and is driven through its storage layer (`SyncStore.push` and
/// `.pull`, the code behind the routes, with requests and answers through their JSON): a
/// thousand histories of dozens of exchanges each over loopback HTTP would take minutes in a
/// debug build, and what converges or not is decided there and in the Store, not in the
/// transport (which the end-to-end tests cover).
///
/// Replay one history: `CONVERGENCE_SEED=0x... swift test --filter ConvergenceTests`; run
/// more or fewer: `CONVERGENCE_HISTORIES=N`.
final class ConvergenceTests: XCTestCase {
  private var directory: URL!
  private var clock: SimulatedClock!
  private var server: ConvergenceServer!
  /// A migrated, initialized client database without a site id: each copy draws its own
  /// when it is opened, as a fresh `crm init` would, without running the migrations again.
  private var template: String!

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("convergence-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    clock = SimulatedClock()
    server = try ConvergenceServer(directory: directory, clock: clock)
    template = try Self.makeTemplate(in: directory, now: clock.now())
  }

  override func tearDownWithError() throws {
    server = nil
    if let directory { try? FileManager.default.removeItem(at: directory) }
    try super.tearDownWithError()
  }

  static func makeTemplate(in directory: URL, now: Date) throws -> String {
    let path = directory.appendingPathComponent("template.sqlite").path
    do {
      let store = try Store(path: path)
      _ = try store.initialize(localUserName: "Template", now: now)
    }
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in try db.execute(sql: "DELETE FROM meta WHERE key = 'site'") }
    try queue.writeWithoutTransaction { db in
      _ = try db.checkpoint(.truncate)
    }
    try queue.close()
    return path
  }

  func testAThousandRandomHistoriesOfThreeOrFourReplicasConverge() async throws {
    let environment = ProcessInfo.processInfo.environment
    let seeds: [UInt64]
    if let text = environment["CONVERGENCE_SEED"] {
      let digits = text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
      seeds = [try XCTUnwrap(UInt64(digits, radix: 16), "CONVERGENCE_SEED is not hexadecimal")]
    } else {
      let count = Int(environment["CONVERGENCE_HISTORIES"] ?? "") ?? 1000
      var seeder = SplitMix64(seed: 0xC04E_E6E5)
      seeds = (0..<count).map { _ in seeder.next() }
    }
    let workers = min(seeds.count, Self.workers)
    let started = Date()
    let (directory, template) = (self.directory!, self.template!)
    let outcomes = try await withThrowingTaskGroup(of: [HistoryOutcome].self) { group in
      for worker in 0..<workers {
        let mine = seeds.enumerated().filter { $0.offset % workers == worker }
        group.addTask {
          try await Self.run(
            mine.map { ($0.offset, $0.element) }, template: template,
            directory: directory.appendingPathComponent("worker-\(worker)"))
        }
      }
      var all: [HistoryOutcome] = []
      for try await some in group { all += some }
      return all.sorted { $0.index < $1.index }
    }
    for outcome in outcomes where !outcome.problems.isEmpty {
      let seed = "0x" + String(outcome.seed, radix: 16)
      XCTFail(
        "history \(outcome.index) (seed \(seed)) did not converge; replay it with "
          + "CONVERGENCE_SEED=\(seed) swift test --filter ConvergenceTests:\n"
          + outcome.problems.prefix(20).joined(separator: "\n"))
    }
    XCTAssertEqual(outcomes.count, seeds.count, "every history ran (or 3 failed in a worker)")
    print(
      "convergence: \(outcomes.count) histories on \(workers) workers, "
        + "\(outcomes.map(\.operations).reduce(0, +)) operations "
        + "(\(outcomes.map(\.failedOperations).reduce(0, +)) refused by the Store), "
        + "\(outcomes.map(\.refused).reduce(0, +)) mutations refused by the server, "
        + String(format: "%.1f s", Date().timeIntervalSince(started)))
  }

  /// Histories run side by side, each worker with a server and a clock of its own (a clock
  /// only moves forward, and a history's clocks must not depend on another's timing).
  static let workers = 2

  struct HistoryOutcome: Sendable {
    var index: Int
    var seed: UInt64
    var problems: [String]
    var operations = 0
    var failedOperations = 0
    var refused = 0
  }

  /// One worker's histories in order; it stops after its third failure.
  static func run(_ seeds: [(Int, UInt64)], template: String, directory: URL) async throws
    -> [HistoryOutcome]
  {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let clock = SimulatedClock()
    let server = try ConvergenceServer(directory: directory, clock: clock)
    var outcomes: [HistoryOutcome] = []
    for (index, seed) in seeds {
      let folder = directory.appendingPathComponent("history-\(index)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      var outcome = HistoryOutcome(index: index, seed: seed, problems: [])
      do {
        let history = try ConvergenceHistory(
          seed: seed, replicaCount: 3 + Int(seed % 2), template: template, directory: folder,
          clock: clock, server: server)
        do {
          try await history.run(steps: 40)
          outcome.problems = try await history.settleAndCheck()
        } catch {
          outcome.problems = ["stopped by an error: \(error)"]
        }
        outcome.operations = history.operations
        outcome.failedOperations = history.failedOperations
        outcome.refused = history.replicas.map(\.refused).reduce(0, +)
      } catch {
        outcome.problems = ["could not be set up: \(error)"]
      }
      try? FileManager.default.removeItem(at: folder)
      outcomes.append(outcome)
      if outcomes.filter({ !$0.problems.isEmpty }).count >= 3 { break }
    }
    return outcomes
  }

  /// The checker is not blind: a replica that moves its cursor past a page without applying
  /// it ends up without the records of that page, and the check names them.
  func testTheCheckFindsAReplicaThatSkippedAPulledPage() async throws {
    let folder = directory.appendingPathComponent("skipped")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let history = try ConvergenceHistory(
      seed: 7, replicaCount: 3, template: template, directory: folder, clock: clock,
      server: server)
    try await history.run(steps: 0)
    let (admin, rep) = (history.replicas[0], history.replicas[2])
    let deal = try admin.store.createDeal(
      DealDraft(title: "ACME renewal", value: Money(minorUnits: 5_000_00, currency: .eur)),
      now: admin.now)
    try await admin.syncUntilQuiet(pageLimit: 100)
    let before = try await history.settleAndCheck()
    XCTAssertEqual(before, [], "before the skip, everyone agrees")

    _ = try admin.store.editDeal(deal.id, DealChanges(title: "ACME renewal 2027"), now: admin.now)
    try await admin.syncUntilQuiet(pageLimit: 100)
    // The rep takes the page's cursor but drops its changes.
    let page = try await server.pull(team: history.team, cursor: try rep.cursor, limit: 100)
    XCTAssertFalse(page.changes.isEmpty)
    _ = try rep.store.applyPulled(
      [], cursor: page.cursor, serverClock: page.serverClock, now: rep.now)

    let problems = try await history.settleAndCheck()
    XCTAssertTrue(
      problems.contains { $0.contains("deal \(deal.id).title") && $0.contains("r2-rep") },
      "the check names the rep's stale title: \(problems)")
    XCTAssertEqual(try rep.store.deal(deal.id).title, "ACME renewal")
  }
}
