import ArgumentParser
import Foundation
import Server
import Store
import Sync
import Synchronization

/// `crm-bench sync`: the sync cases, against a real server on loopback (`buildApplication`
/// in this process on a free port) and real client databases, all in a temporary directory.
///
/// - `sync.ingest`: the server takes `--records` records pushed over HTTP (one mutation per
///   record, as a client creating them would send), as microseconds per field change.
/// - `sync.bootstrap`: a new client pulls and applies all of them; then
///   `sync.bootstrap.server`, `.transfer`, `.decode` and `.apply` time its parts, one step
///   after another on other new clients; `sync.bootstrap.floor` has sqlite3 alone copy the
///   bootstrapped rows into a fresh client's database (`BootstrapFloor`).
/// - `sync.push`: a client pushes 10,000 field changes of its own (new deals).
/// - `sync.noop`: a sync with nothing to push and nothing to pull.
/// - `sync.live`: a deal edited on one client, pushed, announced on the WebSocket, pulled
///   and applied on another connected client (its `SyncEngine.events()`).
struct SyncBenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Time sync against a real server on loopback: ingest, bootstrap, push, no-op, live.",
    discussion: """
      Prints min, median, p99 and mean milliseconds per case and PASS or FAIL against the \
      issue's targets; sync.ingest is a figure in microseconds per field change (at most 50, \
      that is at least 20,000 changes a second). Everything is made in a temporary directory \
      and removed.
      """)

  @Option(help: "Records the team holds (bootstrap target: 100,000 in 3 s).")
  var records = 100_000

  @Option(help: "Bootstraps to time (each pulls every record).")
  var bootstraps = 3

  @Option(help: "Measured iterations of the push, no-op and live cases.")
  var iterations = 20

  @Option(help: "Records per pull page (default: the sync engine's).")
  var page: Int?

  @Option(help: "Run only the cases whose name starts with this (repeatable).")
  var filter: [String] = []

  @Flag(help: "Print a JSON object instead of a table.")
  var json = false

  @Flag(help: "Keep the temporary directory (the server's and the clients' databases).")
  var keep = false

  func validate() throws {
    if records < 1 { throw ValidationError("--records must be at least 1") }
    if bootstraps < 1 { throw ValidationError("--bootstraps must be at least 1") }
    if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
    if let page, !(1...SyncStore.maxPullLimit).contains(page) {
      throw ValidationError("--page must be from 1 to \(SyncStore.maxPullLimit)")
    }
  }

  func run() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("crm-bench-sync-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer {
      if keep {
        FileHandle.standardError.write(Data("kept \(directory.path)\n".utf8))
      } else {
        try? FileManager.default.removeItem(at: directory)
      }
    }
    let loadBefore = LoadAverage.read()
    let cases = SyncCases(
      directory: directory, records: records, bootstraps: bootstraps, iterations: iterations,
      pageLimit: page, filter: filter, log: !json)
    let results = try blockingAwait { try await cases.run() }
    let load = SyncBenchLoad(before: loadBefore, after: LoadAverage.read())
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      let data = try encoder.encode(SyncReport(cases: results, records: records, load: load))
      print(String(decoding: data, as: UTF8.self))
    } else {
      print("sync: \(records) records; load average \(load.summary)")
      print()
      print(table(results))
    }
  }
}

struct SyncReport: Encodable {
  var cases: [CaseResult]
  var records: Int
  var load: SyncBenchLoad
}

/// The machine's load average (/proc/loadavg) before and after the cases: figures taken on
/// a busy 2-core machine say so.
struct SyncBenchLoad: Encodable {
  var before: [Double]
  var after: [Double]

  var summary: String {
    func text(_ values: [Double]) -> String {
      values.map { String(format: "%.2f", $0) }.joined(separator: " ")
    }
    return "\(text(before)) before, \(text(after)) after"
  }
}

enum LoadAverage {
  static func read() -> [Double] {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else {
      return []
    }
    return text.split(separator: " ").prefix(3).compactMap { Double($0) }
  }
}

/// Runs `body` on the concurrency pool and waits for it: the bench's commands are
/// synchronous, the sync client is async.
func blockingAwait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
  let result = Mutex<Result<T, any Error>?>(nil)
  let done = DispatchSemaphore(value: 0)
  Task {
    let outcome: Result<T, any Error>
    do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
    result.withLock { $0 = outcome }
    done.signal()
  }
  done.wait()
  return try result.withLock { $0! }.get()
}
