import Foundation
import Hummingbird
import Sync

/// The public account routes: `POST /v1/auth/signup`, `login`, `refresh` and `logout`.
/// Signup, login and refresh answer a `TokenResponse` (a 15-minute access token and a
/// single-use refresh token); logout revokes the refresh token in its body.
///
/// ```swift
/// AuthRoutes(store: store, tokens: tokens, hasher: hasher, loginsPerEmail: nil)
///   .register(on: router)
/// ```
struct AuthRoutes: Sendable {
  let store: AccountStore
  let tokens: TokenService
  let hasher: PasswordHasher
  /// Logins per email address (`RateLimits.login`), whoever sends them; nil when rate
  /// limits are off.
  let loginsPerEmail: RateLimiter?

  /// The one answer to a failed login, whichever part was wrong.
  static let wrongLogin = Problem.unauthorized("wrong email or password")

  func register(on router: Router<ServerContext>) {
    router.post("v1/auth/signup") { request, context in
      try await signup(request, context: context)
    }
    router.post("v1/auth/login") { request, context in
      try await login(request, context: context)
    }
    router.post("v1/auth/refresh") { request, context in
      let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
      let (user, refreshToken) = try store.rotate(refreshToken: body.refreshToken)
      return try AccountJSON.response(answer(user, refreshToken: refreshToken))
    }
    router.post("v1/auth/logout") { request, context in
      let body = try await request.decodeJSON(as: RefreshRequest.self, context: context)
      try store.revoke(refreshToken: body.refreshToken)
      return Response(status: .noContent)
    }
  }

  private func signup(_ request: Request, context: ServerContext) async throws -> Response {
    let body = try await request.decodeJSON(as: SignupRequest.self, context: context)
    try AccountValidation.signup(body)
    // Answered before the slow hash; the transaction checks again.
    if try store.emailTaken(body.email) {
      throw Problem.conflict(
        "\(AccountStore.fold(body.email)) already has an account", field: "email")
    }
    let hash = await hasher.hash(body.password)
    let user = try store.signup(body, passwordHash: hash)
    context.logger.info(
      "signup", metadata: ["user": "\(user.id)", "team": "\(user.teamId)", "role": "\(user.role)"])
    let refreshToken = try store.issueRefreshToken(userId: user.id)
    return try AccountJSON.response(answer(user, refreshToken: refreshToken), status: .created)
  }

  private func login(_ request: Request, context: ServerContext) async throws -> Response {
    let body = try await request.decodeJSON(as: LoginRequest.self, context: context)
    if let wait = loginsPerEmail?.take(AccountStore.fold(body.email)) {
      return RateLimitMiddleware<ServerContext>.tooMany(wait)
    }
    // bcrypt reads 72 bytes: a longer password would match its first 72.
    guard body.password.utf8.count <= PasswordHasher.maxBytes,
      let user = try store.user(email: body.email)
    else {
      _ = await hasher.verifyDecoy(body.password)
      throw Self.wrongLogin
    }
    guard await hasher.verify(body.password, hash: user.passwordHash) else {
      throw Self.wrongLogin
    }
    guard user.active else {
      throw Problem.forbidden("the account has been deactivated; ask the team's admin")
    }
    let refreshToken = try store.issueRefreshToken(userId: user.id)
    return try AccountJSON.response(answer(user, refreshToken: refreshToken))
  }

  private func answer(_ user: UserRow, refreshToken: String) -> TokenResponse {
    TokenResponse(
      accessToken: tokens.issue(for: user.identity), refreshToken: refreshToken,
      expiresIn: Int(tokens.accessLifetime), user: user.info)
  }
}
