import Foundation
import Model
import Store
import Sync

/// One client of the sync cases: a real Store file joined to the team, its token file and
/// its `SyncEngine` (what `crm sync` and the TUI run), plus the push half of a sync done
/// step by step (500 mutations or 10,000 changes a request, as the engine sends them) so the
/// push case can time it without the pull that follows.
struct SyncBenchClient: Sendable {
  let store: Store
  let api: ServerAPI
  let tokens: TokenResponse
  let engine: SyncEngine

  static let pushMutations = 500
  static let pushChanges = 10_000

  /// A new database at `path`, initialized and joined to `tokens`' team untouched (so it
  /// pushes nothing of its own setup).
  static func make(
    path: String, server: SyncBenchServer, tokens: TokenResponse, pullLimit: Int? = nil
  ) throws -> SyncBenchClient {
    let store = try Store(path: path)
    _ = try store.initialize(localUserName: tokens.user.name)
    try store.joinTeam(
      SyncAccount(
        server: server.url, userId: tokens.user.id, teamId: tokens.user.teamId,
        name: tokens.user.name, email: tokens.user.email, role: tokens.user.role),
      mergeLocalWork: false)
    let credentials = CredentialsFile(databasePath: path)
    try credentials.save(Credentials(server: server.url, tokens: tokens))
    return SyncBenchClient(
      store: store, api: server.api, tokens: tokens,
      engine: SyncEngine(store: store, credentialsPath: credentials.path, pullLimit: pullLimit))
  }

  /// One whole sync by the engine (push, then pull until the server has no more).
  @discardableResult
  func sync() async throws -> SyncSummary {
    let summary = try await engine.sync()
    guard summary.report.skipped.isEmpty else {
      throw BenchError("the client skipped pulled records: \(summary.report.skipped.prefix(3))")
    }
    return summary
  }

  /// What a push did: the field changes sent, and the server's latest sequence number after
  /// the last request (0 when nothing was pending).
  struct Pushed {
    var changes = 0
    var latestSeq: Int64 = 0
  }

  /// Pushes every pending mutation.
  @discardableResult
  func pushAll() async throws -> Pushed {
    var sent = Pushed()
    while true {
      let pending = try store.pendingMutations(limit: Self.pushMutations)
      guard !pending.isEmpty else { return sent }
      var batch: [PushMutation] = []
      var changes = 0
      for mutation in pending {
        if !batch.isEmpty && changes + mutation.changes.count > Self.pushChanges { break }
        batch.append(
          PushMutation(
            seq: mutation.seq, id: mutation.id, label: mutation.label, changes: mutation.changes))
        changes += mutation.changes.count
      }
      let response = try await api.push(
        token: tokens.accessToken, PushRequest(site: store.site, mutations: batch))
      for result in response.results {
        switch result.status {
        case .accepted, .duplicate: try store.markPushed(throughSeq: result.seq)
        case .refused:
          try store.refuse(
            mutationSeq: result.seq, reason: result.reason ?? "refused",
            serverCurrent: result.current ?? [])
        }
      }
      sent.changes += changes
      sent.latestSeq = response.latestSeq
    }
  }
}
