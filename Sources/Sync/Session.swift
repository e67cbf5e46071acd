import Foundation

/// The logged-in state of one database as the engine uses it: the token file's credentials,
/// kept fresh. An expired (or refused) access token is refreshed once, saved, and the call
/// retried, without asking; concurrent callers share one refresh, since a refresh token
/// works only once.
///
///     let session = Session(file: CredentialsFile(databasePath: db))
///     let page = try await session.authorized { api, token in try await api.pull(token: token, cursor: 0, since: 0, limit: 100) }
final class Session: Sendable {
  let file: CredentialsFile
  private let keeper: TokenKeeper

  init(file: CredentialsFile) {
    self.file = file
    self.keeper = TokenKeeper(file: file)
  }

  /// The saved credentials; `notLoggedIn` without a token file.
  func credentials() async throws(SyncError) -> Credentials {
    try await keeper.current()
  }

  /// Runs `body` with a valid access token, refreshing first when it has expired and once
  /// more when the server answers 401.
  func authorized<T: Sendable>(
    _ body: (ServerAPI, String) async throws(SyncError) -> T
  ) async throws(SyncError) -> T {
    var credentials = try await keeper.current()
    let api = try ServerAPI(server: credentials.server)
    if credentials.accessExpired() {
      credentials = try await keeper.refresh(replacing: credentials)
    }
    do {
      return try await body(api, credentials.accessToken)
    } catch {
      guard case .sessionExpired = error else { throw error }
    }
    credentials = try await keeper.refresh(replacing: credentials)
    return try await body(api, credentials.accessToken)
  }
}

/// Holds the credentials in memory and makes at most one refresh at a time.
actor TokenKeeper {
  let file: CredentialsFile
  private var cached: Credentials?
  private var refreshing: Task<Result<Credentials, SyncError>, Never>?

  init(file: CredentialsFile) { self.file = file }

  func current() throws(SyncError) -> Credentials {
    if let cached { return cached }
    guard let loaded = try file.load() else { throw .notLoggedIn }
    cached = loaded
    return loaded
  }

  /// New tokens in place of `used`'s. If another caller (or another process, through the
  /// file) has already refreshed, theirs are taken instead of spending the refresh token again.
  func refresh(replacing used: Credentials) async throws(SyncError) -> Credentials {
    if let cached, cached.refreshToken != used.refreshToken, !cached.accessExpired() {
      return cached
    }
    if let onDisk = try file.load(), onDisk.refreshToken != used.refreshToken {
      cached = onDisk
      if !onDisk.accessExpired() { return onDisk }
    }
    if let refreshing { return try await refreshing.value.get() }
    let current = cached ?? used
    let file = self.file
    let task = Task { () -> Result<Credentials, SyncError> in
      do throws(SyncError) {
        let api = try ServerAPI(server: current.server)
        let tokens = try await api.refresh(current.refreshToken)
        let fresh = Credentials(server: current.server, tokens: tokens)
        try file.save(fresh)
        return .success(fresh)
      } catch {
        return .failure(error)
      }
    }
    refreshing = task
    let result = await task.value
    refreshing = nil
    if case .success(let fresh) = result { cached = fresh }
    return try result.get()
  }

  /// Forgets the cached credentials (after logout or a new login).
  func reset() { cached = nil }
}
