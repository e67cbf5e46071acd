import Foundation
import Model
import Store

/// The local work a database holds before it joins a team, for the question "This database
/// has local work (N deals, M contacts). Merge it into the team?".
public struct LocalWork: Sendable, Hashable {
  public var deals: Int
  public var contacts: Int

  public init(deals: Int, contacts: Int) {
    self.deals = deals
    self.contacts = contacts
  }

  public var question: String {
    "This database has local work (\(deals) \(deals == 1 ? "deal" : "deals"), "
      + "\(contacts) \(contacts == 1 ? "contact" : "contacts")). Merge it into the team?"
  }
}

/// What a signup or login did: who is logged in, and how the first sync went (the account
/// is kept even when it failed: `crm sync` finishes it).
public struct JoinResult: Sendable {
  public var user: UserInfo
  public var firstSync: Result<SyncSummary, SyncError>
}

/// Signup, login, logout and invites: the server's account calls, then the Store's side
/// (`joinTeam`, `leaveTeam`) and the token file, then the first sync.
///
///     let joining = Joining(store: store, credentialsPath: store.path + ".auth")
///     if let work = try joining.localWork() { /* ask, or need --merge-local */ }
///     let result = try await joining.login(server: url, LoginRequest(...), mergeLocalWork: true)
public struct Joining: Sendable {
  public let store: Store
  public let file: CredentialsFile

  public init(store: Store, credentialsPath: String) {
    self.store = store
    self.file = CredentialsFile(path: credentialsPath)
  }

  /// nil for an untouched database (nothing but its own setup), which joins silently.
  public func localWork() throws(SyncError) -> LocalWork? {
    try local {
      if try store.isUntouched() { return nil }
      return LocalWork(deals: try store.count(.deal), contacts: try store.count(.contact))
    }
  }

  /// The account this database syncs as, if any.
  public func account() throws(SyncError) -> SyncAccount? {
    try local { try store.syncStatus().account }
  }

  /// Creates an account (a new team without `invite`), joins it, and runs the first sync.
  /// A new team on an untouched database starts with the default pipeline, created by its
  /// admin (so it is pushed); joining by invite takes the team's pipelines instead.
  public func signup(
    server: String, _ request: SignupRequest, mergeLocalWork: Bool
  ) async throws(SyncError) -> JoinResult {
    let api = try ServerAPI(server: server)
    if let account = try account() {
      throw .local(
        "this database already syncs as \(account.email) on \(account.server); "
          + "run `crm logout` first, or use another --db")
    }
    let work = try checkMerge(mergeLocalWork)
    let tokens = try await api.signup(request)
    let newTeam = request.invite == nil
    return try await join(api: api, tokens: tokens, merge: work != nil, newTeam: newTeam)
  }

  /// Logs in, joins the user's team (or renews the tokens of the account this database
  /// already syncs as), and syncs.
  public func login(
    server: String, _ request: LoginRequest, mergeLocalWork: Bool
  ) async throws(SyncError) -> JoinResult {
    let api = try ServerAPI(server: server)
    if let account = try account() {
      guard account.server == api.server,
        account.email.lowercased() == request.email.lowercased()
      else {
        throw .local(
          "this database already syncs as \(account.email) on \(account.server); "
            + "run `crm logout` first, or use another --db")
      }
      // The same account again (its session had expired): new tokens, nothing else.
      let tokens = try await api.login(request)
      guard tokens.user.id == account.userId else {
        try? await api.logout(token: tokens.accessToken, refreshToken: tokens.refreshToken)
        throw .local("\(request.email) is another user on \(api.server) than this database's")
      }
      try file.save(Credentials(server: api.server, tokens: tokens))
      return JoinResult(user: tokens.user, firstSync: await firstSync())
    }
    let work = try checkMerge(mergeLocalWork)
    let tokens = try await api.login(request)
    return try await join(api: api, tokens: tokens, merge: work != nil, newTeam: false)
  }

  /// Forgets the account and its tokens; the data and the changes not yet pushed stay.
  /// Returns false when the server could not be told (the tokens are forgotten anyway).
  @discardableResult
  public func logout() async throws(SyncError) -> Bool {
    let credentials = try file.load()
    guard try account() != nil || credentials != nil else { throw .notLoggedIn }
    var told = false
    if let credentials, let api = try? ServerAPI(server: credentials.server) {
      do {
        try await api.logout(token: credentials.accessToken, refreshToken: credentials.refreshToken)
        told = true
      } catch {
        // An expired access token still lets the refresh token be revoked after a refresh.
        if case .sessionExpired = error,
          let tokens = try? await api.refresh(credentials.refreshToken)
        {
          told =
            (try? await api.logout(token: tokens.accessToken, refreshToken: tokens.refreshToken))
            != nil
        }
      }
    }
    try local { try store.leaveTeam() }
    try file.remove()
    return told
  }

  /// An invite code for `email` in `role` (admins only; the server says so otherwise).
  public func invite(email: String, role: Role) async throws(SyncError) -> InviteInfo {
    let session = Session(file: file)
    return try await session.authorized { api, token throws(SyncError) in
      try await api.createInvite(token: token, InviteRequest(email: email, role: role))
    }
  }

  // MARK: Steps

  /// The local work to merge, nil when untouched; refuses, before any call to the server,
  /// a database with local work that may not be merged.
  private func checkMerge(_ mergeLocalWork: Bool) throws(SyncError) -> LocalWork? {
    guard let work = try localWork() else { return nil }
    guard mergeLocalWork else {
      throw .local(
        "this database has local work (\(work.deals) deals, \(work.contacts) contacts): "
          + "pass --merge-local to merge it into the team, or use another --db; nothing changed")
    }
    return work
  }

  private func join(api: ServerAPI, tokens: TokenResponse, merge: Bool, newTeam: Bool)
    async throws(SyncError) -> JoinResult
  {
    let user = tokens.user
    let account = SyncAccount(
      server: api.server, userId: user.id, teamId: user.teamId, name: user.name,
      email: user.email, role: user.role)
    try local {
      try store.joinTeam(account, mergeLocalWork: merge, now: Date())
      // A new team's first client brings the default pipeline, as `crm init` would.
      if try newTeam && !merge && store.pipelines().isEmpty {
        _ = try store.createPipeline(name: "Sales")
      }
    }
    try file.save(Credentials(server: api.server, tokens: tokens))
    var first = await firstSync()
    if merge, user.role != .admin, case .success(let summary) = first {
      first = await adoptTeamPipeline(after: summary)
    }
    return JoinResult(user: user, firstSync: first)
  }

  /// A manager's or rep's merged deals stand in this database's own pipelines, which the
  /// server takes from admins only (the first sync's refusal): they move into the team's
  /// first pipeline, each to the stage of the same name (else of the same kind, else the
  /// first), and a second sync pushes the moves. The local pipelines stay, here only.
  private func adoptTeamPipeline(after summary: SyncSummary) async -> Result<
    SyncSummary, SyncError
  > {
    do throws(SyncError) {
      let moved = try local { () throws -> Int in
        let refused = Set(
          try store.refusals().flatMap(\.changes).filter { $0.entity == "pipeline" }.map(\.id))
        let pipelines = try store.pipelines()
        guard !refused.isEmpty, let team = pipelines.first(where: { !refused.contains($0.id) })
        else { return 0 }
        let teamStages = try store.stages(pipelineId: team.id)
        guard let firstStage = teamStages.first else { return 0 }
        var localStages: [String: Stage] = [:]
        for pipeline in pipelines where refused.contains(pipeline.id) {
          for stage in try store.stages(pipelineId: pipeline.id) { localStages[stage.id] = stage }
        }
        var moved = 0
        for row in try store.deals(limit: 1_000_000) where refused.contains(row.deal.pipelineId) {
          let from = localStages[row.deal.stageId]
          let target =
            teamStages.first { $0.name == from?.name } ?? teamStages.first { $0.kind == from?.kind }
            ?? firstStage
          _ = try store.editDeal(row.deal.id, DealChanges(pipeline: team.id, stage: target.id))
          moved += 1
        }
        return moved
      }
      guard moved > 0 else { return .success(summary) }
      var again = try await SyncEngine(store: store, credentialsPath: file.path).sync()
      again.pushed += summary.pushed
      again.pulled += summary.pulled
      again.duplicates += summary.duplicates
      again.refused = summary.refused + again.refused
      return .success(again)
    } catch {
      return .failure(error)
    }
  }

  private func firstSync() async -> Result<SyncSummary, SyncError> {
    let engine = SyncEngine(store: store, credentialsPath: file.path)
    do { return .success(try await engine.sync()) } catch { return .failure(error) }
  }

  private func local<T>(_ body: () throws -> T) throws(SyncError) -> T {
    do { return try body() } catch { throw .local("\(error)") }
  }
}
