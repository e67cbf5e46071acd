import Foundation
import Model
import Store
import Sync

/// The sync cases in order (see `SyncBenchCommand`): the team's data is pushed (and timed
/// as ingest), bootstrapped by new clients, then the push, no-op and live cases run on top.
struct SyncCases: Sendable {
  let directory: URL
  let records: Int
  let bootstraps: Int
  let iterations: Int
  /// Records per pull page; nil for the engine's default.
  let pageLimit: Int?
  let filter: [String]
  let log: Bool

  func wanted(_ name: String) -> Bool {
    filter.isEmpty || filter.contains { name.hasPrefix($0) }
  }

  private func say(_ text: String) {
    if log { FileHandle.standardError.write(Data("\(text)\n".utf8)) }
  }

  private func path(_ name: String) -> String {
    directory.appendingPathComponent(name).path
  }

  func run() async throws -> [CaseResult] {
    let server = try await SyncBenchServer.start(in: directory)
    defer { server.stop() }
    let admin = try await server.signup("ada@example.com", name: "Ada Admin")
    let manager = try await server.member(
      of: admin, "bea@example.com", name: "Bea Manager", role: .manager)
    let uploader = try SyncBenchClient.make(
      path: path("uploader.sqlite"), server: server, tokens: admin)
    _ = try uploader.store.createPipeline(name: "Sales")
    try await uploader.pushAll()
    var results: [CaseResult] = []
    var reader: SyncBenchClient?

    if wanted("sync.ingest") || wanted("sync.bootstrap") {
      say("sync.ingest… (\(records) records)")
      let data = try SyncBenchData.make(records: records, client: uploader)
      try await uploader.pushAll()
      results.append(try await ingest(data, server: server, client: uploader))
      if wanted("sync.bootstrap") {
        say("sync.bootstrap…")
        let (cases, last) = try await bootstrap(data, server: server, tokens: manager)
        results += cases
        reader = last
      }
    }
    if wanted("sync.push") {
      say("sync.push…")
      results.append(try await push(uploader))
    }
    if wanted("sync.noop") || wanted("sync.live") {
      let client =
        try reader
        ?? SyncBenchClient.make(
          path: path("reader.sqlite"), server: server, tokens: manager, pullLimit: pageLimit)
      try await client.sync()
      if wanted("sync.noop") {
        say("sync.noop…")
        results.append(try await noop(client))
      }
      if wanted("sync.live") {
        say("sync.live…")
        results.append(try await live(from: uploader, to: client, server: server))
      }
    }
    return results
  }

  // MARK: - Cases

  private func ingest(_ data: SyncBenchData, server: SyncBenchServer, client: SyncBenchClient)
    async throws -> CaseResult
  {
    var batches: [[PushMutation]] = [[]]
    var changes = 0
    for mutation in data.mutations {
      if batches[batches.count - 1].count == SyncBenchClient.pushMutations
        || changes + mutation.changes.count > SyncBenchClient.pushChanges
      {
        batches.append([])
        changes = 0
      }
      batches[batches.count - 1].append(mutation)
      changes += mutation.changes.count
    }
    let start = DispatchTime.now().uptimeNanoseconds
    for batch in batches {
      let response = try await server.api.push(
        token: client.tokens.accessToken, PushRequest(site: client.store.site, mutations: batch))
      if let refused = response.results.first(where: { $0.status != .accepted }) {
        throw BenchError("the server did not accept copy \(refused.seq): \(refused.reason ?? "")")
      }
    }
    let seconds = milliseconds(since: start) / 1000
    let perSecond = Double(data.changes) / seconds
    return CaseResult(
      name: "sync.ingest", figure: seconds * 1_000_000 / Double(data.changes), unit: "µs/change",
      target: 50,
      note:
        "\(data.changes) changes of \(data.records) records in \(batches.count) pushes over "
        + "HTTP, \(String(format: "%.1f", seconds)) s: \(Int(perSecond)) changes/s "
        + "(target >= 20000/s; the client's JSON encoding included)")
  }

  /// New clients' bootstraps through `SyncEngine.sync()` (pages fetched one ahead of their
  /// apply), then, on other new clients, the same pages step by step to time the parts: the
  /// server's own time per page (its `Server-Timing`), the transfer (the rest of each
  /// request's wall time), `PullCoding`'s decoding and the Store's apply.
  private func bootstrap(_ data: SyncBenchData, server: SyncBenchServer, tokens: TokenResponse)
    async throws -> ([CaseResult], SyncBenchClient)
  {
    var samples: [Double] = []
    var last: SyncBenchClient?
    var applied = 0
    var parts: [BootstrapParts] = []
    for index in 0..<bootstraps {
      let name = "bootstrap-\(index).sqlite"
      let client = try SyncBenchClient.make(
        path: path(name), server: server, tokens: tokens, pullLimit: pageLimit)
      let start = DispatchTime.now().uptimeNanoseconds
      applied = try await client.sync().report.applied
      samples.append(milliseconds(since: start))
      if let last { Self.remove(last.store.path) }
      last = client
      say("  bootstrap \(index): \(Int(samples.last!)) ms; timing its parts…")
      parts.append(try await bootstrapParts(index, server: server, tokens: tokens))
    }
    let deals = try last!.store.count(.deal)
    let page = pageLimit ?? SyncEngine.defaultPullLimit
    let first = parts[0]
    let codableMs = first.codableFirstPageMs * Double(first.bytes) / Double(first.firstPageBytes)
    var results = [
      CaseResult(
        name: "sync.bootstrap", samples: samples, targetMs: 3000,
        note:
          "a new client pulls and applies \(data.records) records (\(applied) changes, "
          + "\(deals) deals) through SyncEngine.sync(), \(page) records a page, \(first.pages) "
          + "pages, \(first.bytes >> 20) MB of JSON; the next page is fetched while one applies"),
      CaseResult(
        name: "sync.bootstrap.server", samples: parts.map(\.serverMs), targetMs: nil,
        note: "the server's own time for the pages (query and JSON; its Server-Timing header)"),
      CaseResult(
        name: "sync.bootstrap.transfer", samples: parts.map { $0.fetchMs - $0.serverMs },
        targetMs: nil,
        note: "each page request's wall time less the server's: HTTP on loopback, the body read"),
      CaseResult(
        name: "sync.bootstrap.decode", samples: parts.map(\.decodeMs), targetMs: nil,
        note:
          "PullCoding.decode of every page (JSONDecoder would take ~\(Int(codableMs)) ms, "
          + "from its time on the first page)"),
      CaseResult(
        name: "sync.bootstrap.apply", samples: parts.map(\.applyMs), targetMs: nil,
        note:
          "Store.applyPulled of every page, back to back once all are fetched; the process's "
          + "CPU (the checkpointer's background copy included) "
          + parts.map { String(format: "%.2f s", $0.applyCPU) }.joined(separator: ", ")),
    ]
    if let sqlite3 = ImportBenchCommand.onPath("sqlite3") {
      say("  sync.bootstrap.floor…")
      let floor = try BootstrapFloor.run(sqlite3: sqlite3, bootstrapped: last!.store.path) {
        name in
        _ = try SyncBenchClient.make(path: path(name), server: server, tokens: tokens)
        return path(name)
      }
      results.append(
        CaseResult(
          name: "sync.bootstrap.floor", samples: [floor.ms], targetMs: nil,
          note:
            "sqlite3 alone copies the bootstrapped records and log into a fresh client's "
            + "database, one INSERT ... SELECT a table: \(floor.cpu.description); with the "
            + "schema's triggers dropped first: \(floor.withoutTriggers.description)"))
    }
    return (results, last!)
  }

  /// One bootstrap's parts, each summed over its pages.
  struct BootstrapParts {
    var serverMs = 0.0
    var fetchMs = 0.0
    var decodeMs = 0.0
    var applyMs = 0.0
    /// The process's CPU time while it applied (nothing else runs then but the store's
    /// background checkpoints: the pages are fetched first), so a busy machine's wall time
    /// can be told from the work.
    var applyCPU = 0.0
    var pages = 0
    var bytes = 0
    var firstPageBytes = 0
    var codableFirstPageMs = 0.0
  }

  /// A new client's bootstrap done step by step: each page fetched, decoded and applied in
  /// turn, each step timed.
  private func bootstrapParts(_ index: Int, server: SyncBenchServer, tokens: TokenResponse)
    async throws -> BootstrapParts
  {
    let file = path("parts-\(index).sqlite")
    let client = try SyncBenchClient.make(
      path: file, server: server, tokens: tokens, pullLimit: pageLimit)
    defer { Self.remove(file) }
    let limit = pageLimit ?? SyncEngine.defaultPullLimit
    let since = try client.store.syncStatus().cursor
    var cursor = since
    var parts = BootstrapParts()
    var pages: [PullResponse] = []
    while true {
      let began = DispatchTime.now().uptimeNanoseconds
      let raw = try await server.api.pullBytes(
        token: tokens.accessToken, cursor: cursor, since: since, limit: limit)
      parts.fetchMs += milliseconds(since: began)
      parts.serverMs += raw.serverMillis ?? 0
      parts.bytes += raw.bytes.readableBytes
      let decoding = DispatchTime.now().uptimeNanoseconds
      let page = try ServerAPI.decodePull(raw.bytes, cursor: cursor)
      parts.decodeMs += milliseconds(since: decoding)
      if pages.isEmpty {
        let codable = DispatchTime.now().uptimeNanoseconds
        let again = try WireJSON.decoder().decode(
          PullResponse.self, from: Data(raw.bytes.readableBytesView))
        parts.codableFirstPageMs = milliseconds(since: codable)
        parts.firstPageBytes = raw.bytes.readableBytes
        guard again == page else { throw BenchError("PullCoding and JSONDecoder disagree") }
      }
      pages.append(page)
      cursor = page.cursor
      if !page.more { break }
    }
    // The pages apply back to back, after all are fetched: one window of the process's
    // time is the apply alone (`CRM_BENCH_MARKS` prints its bounds for a profiler).
    Self.mark("apply-begin")
    let applying = DispatchTime.now().uptimeNanoseconds
    let cpu = CPUTime.process()
    for page in pages {
      let report = try client.store.applyPulled(
        page.changes, cursor: page.more ? since : page.cursor, serverClock: page.serverClock)
      guard report.skipped.isEmpty else {
        throw BenchError("the client skipped pulled records: \(report.skipped.prefix(3))")
      }
    }
    parts.applyMs = milliseconds(since: applying)
    parts.applyCPU = CPUTime.process().since(cpu).total
    Self.mark("apply-end")
    parts.pages = pages.count
    return parts
  }

  /// With `CRM_BENCH_MARKS` set, prints `mark NAME SECONDS` (CLOCK_MONOTONIC) to standard
  /// error, then the process's I/O counts so far (`/proc/self/io`): `perf record -k
  /// CLOCK_MONOTONIC` then reports the window with `--time START,END`, and the counts'
  /// differences are the window's reads and writes.
  static func mark(_ name: String) {
    guard ProcessInfo.processInfo.environment["CRM_BENCH_MARKS"] != nil else { return }
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    FileHandle.standardError.write(
      Data("mark \(name) \(now.tv_sec).\(String(format: "%09ld", now.tv_nsec))\n".utf8))
    if let io = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) {
      FileHandle.standardError.write(Data(io.utf8))
    }
  }

  /// A client database and its WAL files.
  static func remove(_ file: String) {
    for suffix in ["", "-wal", "-shm", ".auth"] {
      try? FileManager.default.removeItem(atPath: file + suffix)
    }
  }

  private func push(_ client: SyncBenchClient) async throws -> CaseResult {
    let store = client.store
    let target = 10_000
    var samples: [Double] = []
    var sent = 0
    for round in 0..<(max(3, iterations / 4) + 1) {
      var pending = 0
      var number = 0
      while pending < target {
        number += 1
        _ = try store.createDeal(
          DealDraft(
            title: "Pushed \(round)-\(number)",
            value: Money(minorUnits: Int64(number) * 100, currency: .eur)))
        if number == 1 || pending + 40 > target {
          pending = try store.pendingMutations(limit: 100_000).reduce(0) {
            $0 + $1.changes.count
          }
        } else {
          pending += try store.pendingMutations(limit: 1).first?.changes.count ?? 1
        }
      }
      let start = DispatchTime.now().uptimeNanoseconds
      sent = try await client.pushAll().changes
      // The first round warms the connection and the statements.
      if round > 0 { samples.append(milliseconds(since: start)) }
    }
    return CaseResult(
      name: "sync.push", samples: samples, targetMs: 1000,
      note: "pending mutations read, pushed over HTTP and marked: \(sent) changes (new deals)")
  }

  private func noop(_ client: SyncBenchClient) async throws -> CaseResult {
    var samples: [Double] = []
    for index in 0..<(iterations + 3) {
      let start = DispatchTime.now().uptimeNanoseconds
      let summary = try await client.sync()
      guard summary.pushed == 0, summary.pulled == 0 else {
        throw BenchError("the no-op sync moved \(summary.pushed) and \(summary.pulled) changes")
      }
      if index >= 3 { samples.append(milliseconds(since: start)) }
    }
    return CaseResult(
      name: "sync.noop", samples: samples, targetMs: 50,
      note: "SyncEngine.sync() with nothing pending: one pull answering nothing new")
  }

  /// From the edit on one client to its apply on the other, which hears of it on the
  /// WebSocket and pulls. The target is a p95; the table's p99 column shows p95 here.
  private func live(
    from writer: SyncBenchClient, to reader: SyncBenchClient, server: SyncBenchServer
  ) async throws -> CaseResult {
    let watch = CursorWatch()
    let listener = Task {
      for await _ in reader.engine.events() {
        _ = try? await reader.engine.sync()
        await watch.reach(try reader.store.syncStatus().cursor)
      }
    }
    defer { listener.cancel() }
    // Connected once the stream's first event (sent on connection) has been handled.
    guard await watch.wait(atLeast: 0, seconds: 15) else {
      throw BenchError("the reader's WebSocket did not connect within 15 s")
    }
    guard let deal = try writer.store.deals(limit: 1).first?.deal else {
      throw BenchError("the writer has no deal to edit")
    }
    var samples: [Double] = []
    for index in 0..<(iterations + 3) {
      let start = DispatchTime.now().uptimeNanoseconds
      _ = try writer.store.editDeal(deal.id, DealChanges(title: "Live edit \(index)"))
      let latest = try await writer.pushAll().latestSeq
      guard await watch.wait(atLeast: latest, seconds: 10) else {
        throw BenchError("the reader did not see edit \(index) within 10 s")
      }
      if index >= 3 { samples.append(milliseconds(since: start)) }
      guard try reader.store.deal(deal.id).title == "Live edit \(index)" else {
        throw BenchError("the reader applied edit \(index) but shows another title")
      }
    }
    var result = CaseResult(
      name: "sync.live", samples: samples, targetMs: 100,
      note:
        "edit + push on one client, WebSocket event, SyncEngine.sync() on the other; "
        + "the p99 column is the p95 here")
    result.p99Ms = CaseResult.percentile(samples.sorted(), 95)
    return result
  }
}

/// The reader's pull cursor as its listener advances it, awaited by the live case.
actor CursorWatch {
  private var reached: Int64 = -1
  private var waiters: [(id: Int, target: Int64, continuation: CheckedContinuation<Bool, Never>)] =
    []
  private var nextId = 0

  func reach(_ cursor: Int64) {
    reached = max(reached, cursor)
    let ready = waiters.filter { $0.target <= reached }
    waiters.removeAll { $0.target <= reached }
    for waiter in ready { waiter.continuation.resume(returning: true) }
  }

  /// Whether the cursor reached `target` within `seconds`.
  func wait(atLeast target: Int64, seconds: Double) async -> Bool {
    if reached >= target { return true }
    nextId += 1
    let id = nextId
    return await withCheckedContinuation { continuation in
      waiters.append((id, target, continuation))
      Task {
        try? await Task.sleep(for: .seconds(seconds))
        self.expire(id)
      }
    }
  }

  private func expire(_ id: Int) {
    guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
    waiters.remove(at: index).continuation.resume(returning: false)
  }
}
