import Foundation
import Model
import Server
import Store
import Sync

/// What can go wrong with one exchange between a replica and the server.
enum PushFault: CaseIterable {
  case none
  /// The server applied the push but its answer never arrived: nothing is marked, so the
  /// next sync sends the same mutations again.
  case answerLost
  /// The request went twice (a retry after a timeout that was only slow): the second answer
  /// is the one read.
  case sentTwice
}

enum PullFault: CaseIterable {
  case none
  /// The page arrived but was dropped before it was applied: the cursor stays.
  case dropped
  /// The page was applied, then applied again.
  case appliedTwice
  /// An older page is applied again after this one (a stale answer): the cursor goes back
  /// and later pulls bring those records again.
  case staleReplay
}

/// One client: a real Store file of its own (copied from the template, so with a site of its
/// own), the team member it syncs as, and the sync steps the client engine takes — push
/// the pending mutations, mark or refuse them by the answers, pull pages and apply them —
/// done here step by step so a history can drop or repeat any of them.
final class ConvergenceReplica {
  let name: String
  let store: Store
  let user: AuthenticatedUser
  /// This client's clock runs this far from the shared one (within the server's minute).
  let skew: TimeInterval
  private let clock: SimulatedClock
  private let server: ConvergenceServer
  /// The last page applied, for a stale replay.
  private var lastPage: PullResponse?
  /// The pull under way, as the engine runs one: its pages ask for fields changed since
  /// where it began, and the saved cursor moves only with its last page.
  private var session: (since: Int64, next: Int64)?
  /// Whether this replica has received the team's pipeline yet.
  var hasPipeline = false

  /// Records the Store could not apply, a refusal, or any other surprise worth printing.
  private(set) var skipped: [String] = []
  private(set) var refused = 0

  init(
    name: String, path: String, user: AuthenticatedUser, skew: TimeInterval,
    clock: SimulatedClock, server: ConvergenceServer
  ) throws {
    self.name = name
    self.store = try Store(path: path)
    self.user = user
    self.skew = skew
    self.clock = clock
    self.server = server
    let account = SyncAccount(
      server: "http://127.0.0.1:9", userId: user.userId, teamId: user.teamId, name: user.name,
      email: "\(name)@example.com", role: user.role)
    try store.joinTeam(account, mergeLocalWork: false, now: now)
  }

  /// This replica's wall clock.
  var now: Date { clock.now().addingTimeInterval(skew) }

  var pending: Int { get throws { try store.syncStatus().pending } }

  var cursor: Int64 { get throws { try store.syncStatus().cursor } }

  /// Pushes up to `limit` pending mutations; false when there was nothing to push.
  @discardableResult
  func push(limit: Int, fault: PushFault = .none) async throws -> Bool {
    let pending = try store.pendingMutations(limit: limit)
    guard !pending.isEmpty else { return false }
    let request = PushRequest(
      site: store.site,
      mutations: pending.map {
        PushMutation(seq: $0.seq, id: $0.id, label: $0.label, changes: $0.changes)
      })
    var response = try await server.push(request, as: user)
    switch fault {
    case .none: break
    case .answerLost: return true
    case .sentTwice: response = try await server.push(request, as: user)
    }
    for result in response.results {
      switch result.status {
      case .accepted, .duplicate:
        try store.markPushed(throughSeq: result.seq)
      case .refused:
        refused += 1
        try store.refuse(
          mutationSeq: result.seq, reason: result.reason ?? "refused",
          serverCurrent: result.current ?? [], now: now)
      }
    }
    return true
  }

  /// Pulls one page of at most `limit` records; returns whether more follow.
  @discardableResult
  func pullPage(limit: Int, fault: PullFault = .none) async throws -> Bool {
    let since = try session?.since ?? cursor
    let page = try await server.pull(
      team: user.teamId, cursor: session?.next ?? since, since: since, limit: limit)
    let keep = page.more ? since : page.cursor
    switch fault {
    case .none:
      try apply(page, cursor: keep)
    case .dropped:
      // Lost on the way: the same page is asked for again.
      return page.more
    case .appliedTwice:
      try apply(page, cursor: keep)
      try apply(page, cursor: keep)
    case .staleReplay:
      let older = lastPage
      try apply(page, cursor: keep)
      if let older { try apply(older, cursor: keep) }
    }
    lastPage = page
    session = page.more ? (since, page.cursor) : nil
    return page.more
  }

  private func apply(_ page: PullResponse, cursor: Int64) throws {
    let report = try store.applyPulled(
      page.changes, cursor: cursor, serverClock: page.serverClock, now: now)
    skipped += report.skipped.map { "\(name) skipped \($0)" }
    if !hasPipeline, page.changes.contains(where: { $0.entity == "stage" }) {
      hasPipeline = true
    }
  }

  /// Pushes everything, then pulls until the server has no more, with no faults.
  func syncUntilQuiet(pageLimit: Int) async throws {
    while try await push(limit: 50) {}
    while try await pullPage(limit: pageLimit) {}
  }
}
