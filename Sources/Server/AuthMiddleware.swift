import Hummingbird
import Sync

/// The protected routes' gate: a valid access token (`Authorization: Bearer`; on
/// `GET /v1/events` also `?token=`, for clients that cannot set headers) of a user who is
/// still active, or 401 problem+json. Sets `context.identity` from the database, so a
/// role change or a deactivation takes effect on the next request, not when the token
/// expires.
///
/// ```swift
/// let protected = router.group().add(middleware: AuthMiddleware(authenticator: auth))
/// ```
struct AuthMiddleware: RouterMiddleware {
  typealias Context = ServerContext

  let authenticator: Authenticator

  func handle(
    _ request: Request, context: ServerContext,
    next: (Request, ServerContext) async throws -> Response
  ) async throws -> Response {
    guard let token = Self.token(in: request) else {
      throw Problem.unauthorized("this route needs an access token (Authorization: Bearer)")
    }
    var context = context
    context.identity = try authenticator.authenticate(token)
    return try await next(request, context)
  }

  /// The bearer token of a request; the `token` query parameter only on the events route.
  static func token(in request: Request) -> String? {
    if let header = request.headers[.authorization] {
      let prefix = "Bearer "
      guard header.hasPrefix(prefix) else { return nil }
      return String(header.dropFirst(prefix.count))
    }
    if request.uri.path == "/v1/events" {
      return request.uri.queryParameters["token"].map(String.init)
    }
    return nil
  }
}

/// Checks an access token and that its user is still active, reading the user's current
/// team, role and name. The WebSocket route uses it too, before it upgrades.
///
/// ```swift
/// let user = try services.authenticator.authenticate(token)   // Problem 401
/// ```
public struct Authenticator: Sendable {
  let tokens: TokenService
  let store: AccountStore

  public init(services: ServerServices) {
    tokens = services.tokens
    store = Accounts.store(services)
  }

  init(tokens: TokenService, store: AccountStore) {
    self.tokens = tokens
    self.store = store
  }

  public func authenticate(_ token: String) throws -> AuthenticatedUser {
    let claimed = try tokens.verify(token)
    guard let user = try store.user(id: claimed.userId), user.teamId == claimed.teamId else {
      throw Problem.unauthorized("the access token's user does not exist")
    }
    guard user.active else {
      throw Problem.unauthorized("the account has been deactivated")
    }
    return user.identity
  }
}
