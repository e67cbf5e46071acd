import Foundation
import Logging
import Model
import Store

/// Syncs one client database with its team's server: pushes every pending local mutation,
/// then pulls what the others did. One sync runs at a time per engine; calls made while one
/// runs wait for it and then run their own.
///
///     let engine = SyncEngine(store: store, credentialsPath: store.path + ".auth")
///     let summary = try await engine.sync()
///     for await _ in engine.events() { _ = try? await engine.sync() }
public final class SyncEngine: Sendable {
  public let store: Store
  let session: Session
  private let queue = SyncQueue()
  let logger: Logger
  let pullLimit: Int

  /// Mutations per push request, and field changes per request (a mutation larger than
  /// this goes alone: mutations are applied whole).
  static let pushMutationLimit = 500
  static let pushChangeLimit = 10_000
  /// Records per pull page: the server's most (`SyncStore.maxPullLimit`). Each page costs a
  /// request, a transaction and a set of statements whatever its size, so a first sync is
  /// faster in large pages: a 100k bootstrap (`crm-bench sync --page N`, two rounds, one
  /// after another) took 4.0 and 4.9 s in pages of 5,000, 4.6 and 5.6 s in pages of 2,000,
  /// 6.6 and 7.0 s in pages of 1,000. A page of 5,000 is about 11 MB of JSON, and its apply
  /// holds the write lock for about 0.2 s.
  public static let defaultPullLimit = 5_000

  public convenience init(store: Store, credentialsPath: String) {
    self.init(store: store, credentialsPath: credentialsPath, pullLimit: nil)
  }

  /// `pullLimit`: records per pull page (tests use small pages to cross page boundaries,
  /// the bench tries sizes); nil for the default.
  public init(store: Store, credentialsPath: String, pullLimit: Int?) {
    self.pullLimit = pullLimit ?? Self.defaultPullLimit
    self.store = store
    self.session = Session(file: CredentialsFile(path: credentialsPath))
    var logger = Logger(label: "crm.sync")
    logger.logLevel = .warning
    self.logger = logger
  }

  /// Push then pull. A failure part way keeps what was done: mutations the server
  /// acknowledged stay marked, the rest are sent again next time (and answered `duplicate`
  /// if the server had applied them), pulled pages stay applied.
  public func sync() async throws(SyncError) -> SyncSummary {
    try await queue.run { () async -> Result<SyncSummary, SyncError> in
      do throws(SyncError) {
        return .success(try await self.syncNow())
      } catch {
        return .failure(error)
      }
    }.get()
  }

  /// What `crm sync --status` shows: the Store's sync state and the token file's user.
  public func status() async throws(SyncError) -> SyncStatus {
    do { return try store.syncStatus() } catch { throw .local("\(error)") }
  }

  /// Whether the server answers now (a short health check), false when not logged in.
  public func isOnline() async -> Bool {
    guard let credentials = try? await session.credentials(),
      let api = try? ServerAPI(server: credentials.server)
    else { return false }
    return await api.isReachable()
  }

  /// Events from the server's WebSocket: one each time other clients' changes arrive there,
  /// and one right after every (re)connection (changes may have arrived while disconnected).
  /// Reconnects with backoff (1 s doubling to 30 s) until the stream is dropped.
  public func events() -> AsyncStream<ChangesEvent> {
    EventListener(session: session, logger: logger).stream()
  }

  /// The sync itself; the queue has made sure no other one runs.
  private func syncNow() async throws(SyncError) -> SyncSummary {
    let credentials = try await session.credentials()
    guard let account = try local({ try store.syncStatus().account }) else { throw .notLoggedIn }
    guard account.userId == credentials.user.id, account.server == credentials.server else {
      throw .local(
        "the token file is for \(credentials.user.email) on \(credentials.server), but this "
          + "database syncs as \(account.email) on \(account.server): log in again")
    }
    var summary = SyncSummary(
      pushed: 0, duplicates: 0, refused: [], pulled: 0, report: PullApplyReport(), latestSeq: 0)
    try await push(into: &summary)
    try await pull(into: &summary)
    try local { try store.recordSyncSuccess(at: Date()) }
    return summary
  }

  /// Sends pending mutations in batches until none is left.
  private func push(into summary: inout SyncSummary) async throws(SyncError) {
    let site = store.site
    var restamped = false
    while true {
      let pending = try local { try store.pendingMutations(limit: Self.pushMutationLimit) }
      guard !pending.isEmpty else { return }
      let batch = Self.batch(pending)
      let request = PushRequest(
        site: site,
        mutations: batch.map {
          PushMutation(seq: $0.seq, id: $0.id, label: $0.label, changes: $0.changes)
        })
      let response = try await session.authorized { api, token throws(SyncError) in
        try await api.push(token: token, request)
      }
      var aheadBy: Int64?
      var done: Int64?
      for (result, mutation) in zip(response.results, batch) {
        switch result.status {
        case .accepted:
          summary.pushed += mutation.changes.count
        case .duplicate:
          summary.duplicates += 1
        case .refused:
          let reason = Self.reason(of: result)
          if Self.isClockRefusal(result) {
            aheadBy = Self.offset(serverClock: response.serverClock)
            break
          }
          try local {
            try store.refuse(
              mutationSeq: mutation.seq, reason: reason, serverCurrent: result.current ?? [],
              now: Date())
          }
          summary.refused.append(.init(label: mutation.label, reason: reason))
        }
        if aheadBy != nil { break }
        done = mutation.seq
      }
      // One mark for the batch: a crash before it only makes the next push answer duplicate.
      if let done { try local { try store.markPushed(throughSeq: done) } }
      summary.latestSeq = max(summary.latestSeq, response.latestSeq)
      if let aheadBy {
        // Our clock ran ahead of the server's: stamp what waits again, once per sync.
        guard !restamped else {
          throw .refused(
            route: "POST /v1/sync/push",
            problem: Problem(
              title: "this computer's clock is ahead of the server's", status: 422,
              detail: "check the date and time, then sync again"))
        }
        restamped = true
        try local { try store.restamp(pendingAheadBy: aheadBy, now: Date()) }
      }
    }
  }

  /// Pulls pages until the server says no more follow, applying each in one transaction.
  ///
  /// Every page asks for fields changed since the cursor the pull began at: a record whose
  /// latest change lies past a page was not in it, so its older fields must come with it
  /// later. For the same reason the saved cursor moves only with the last page: a pull cut
  /// off part way starts again from where it began (the pages it applied apply again as
  /// no-ops) instead of from a page that would leave such records partial.
  ///
  /// The next page is fetched and decoded while this one is applied, one page ahead at
  /// most: a bootstrap's time is then about the applies', not the applies' plus the
  /// server's and the network's.
  private func pull(into summary: inout SyncSummary) async throws(SyncError) {
    let since = try local { try store.syncStatus().cursor }
    let own = store.site
    var ahead: Task<Result<PullResponse, SyncError>, Never>? = fetchPage(
      cursor: since, since: since)
    defer { ahead?.cancel() }
    while let fetching = ahead {
      let page = try await fetching.value.get()
      ahead = page.more ? fetchPage(cursor: page.cursor, since: since) : nil
      let report = try await applyOffPool(page, cursor: page.more ? since : page.cursor)
      // Our own pushed changes come back in the pages too; only others' count as pulled.
      summary.pulled += page.changes.reduce(0) { $1.hlc.site == own ? $0 : $0 + 1 }
      summary.report.applied += report.applied
      summary.report.ignored += report.ignored
      summary.report.skipped += report.skipped
      summary.report.conflicts += report.conflicts
      summary.report.notices += report.notices
      summary.latestSeq = max(summary.latestSeq, page.cursor)
    }
  }

  /// One page fetched and decoded in a task of its own (so it runs while a page applies).
  private func fetchPage(cursor: Int64, since: Int64) -> Task<
    Result<PullResponse, SyncError>, Never
  > {
    let session = self.session
    let limit = pullLimit
    return Task {
      do throws(SyncError) {
        return .success(
          try await session.authorized { api, token throws(SyncError) in
            try await api.pull(token: token, cursor: cursor, since: since, limit: limit)
          })
      } catch {
        return .failure(error)
      }
    }
  }

  /// Applies a page on the apply queue: the write blocks its thread for a while, and the
  /// concurrency pool's few threads are left to fetch and decode the next page.
  private func applyOffPool(_ page: PullResponse, cursor: Int64) async throws(SyncError)
    -> PullApplyReport
  {
    let store = self.store
    let result = await withCheckedContinuation {
      (continuation: CheckedContinuation<Result<PullApplyReport, SyncError>, Never>) in
      Self.applyQueue.async {
        do {
          continuation.resume(
            returning: .success(
              try store.applyPulled(
                page.changes, cursor: cursor, serverClock: page.serverClock, now: Date())))
        } catch {
          continuation.resume(returning: .failure(.local("\(error)")))
        }
      }
    }
    return try result.get()
  }

  /// Concurrent: each engine applies one page at a time anyway (one sync at a time).
  static let applyQueue = DispatchQueue(
    label: "crm.sync.apply", qos: .userInitiated, attributes: .concurrent)

  /// The first mutations of `pending` that fit one request: at most `pushMutationLimit`, at
  /// most `pushChangeLimit` changes, and always at least one.
  static func batch(_ pending: [PendingMutation]) -> [PendingMutation] {
    var changes = 0
    var batch: [PendingMutation] = []
    for mutation in pending.prefix(pushMutationLimit) {
      if !batch.isEmpty && changes + mutation.changes.count > pushChangeLimit { break }
      batch.append(mutation)
      changes += mutation.changes.count
    }
    return batch
  }

  static func reason(of result: PushResult) -> String {
    if let reason = result.reason, !reason.isEmpty {
      return ServerAPI.printable(reason, limit: 300)
    }
    let each = (result.refusals ?? []).map(\.reason).joined(separator: "; ")
    return each.isEmpty ? "refused by the server" : ServerAPI.printable(each, limit: 300)
  }

  /// The server refuses clocks more than a minute ahead of its own with a reason saying
  /// the clock is ahead (another site's clock is refused too, in other words).
  static func isClockRefusal(_ result: PushResult) -> Bool {
    let texts = [result.reason ?? ""] + (result.refusals ?? []).map(\.reason)
    return texts.contains {
      let text = $0.lowercased()
      return text.contains("clock") && text.contains("ahead")
    }
  }

  /// How far (ms) this replica's wall clock runs ahead of the server's. Zero when only the
  /// stamps ran ahead (written while the clock was wrong, since set right): the re-stamp then
  /// runs on the wall clock as it is, never behind the server's present.
  static func offset(serverClock: HLC) -> Int64 {
    let server = Int64(serverClock.millis)
    let wall = Int64(Date().timeIntervalSince1970 * 1000)
    return max(0, wall - server)
  }

  /// A Store call whose error becomes a `SyncError` (the database is the problem, not the
  /// network).
  func local<T>(_ body: () throws -> T) throws(SyncError) -> T {
    do { return try body() } catch { throw .local("\(error)") }
  }
}

/// Runs one operation at a time, in call order.
actor SyncQueue {
  private var tail: Task<Void, Never>?

  func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
    let previous = tail
    let task = Task { () async -> T in
      await previous?.value
      return await body()
    }
    tail = Task { _ = await task.value }
    return await task.value
  }
}
