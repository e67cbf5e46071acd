import Foundation
import Hummingbird
import NIOCore
import Sync

/// 429 with `Retry-After` once a client spends its bucket. Three limits:
/// - every request, by client address (`RateLimits.perAddress`);
/// - signup, login and refresh, by client address again and much stricter
///   (`RateLimits.login`), against password guessing;
/// - every authenticated request, by user (`RateLimits.perUser`): `PerUser`, added to the
///   protected group after the token middleware.
///
/// ```swift
/// router.add(middleware: RateLimitMiddleware(limits: config.rateLimits, now: now))
/// protected.add(middleware: RateLimitMiddleware.PerUser(limits: config.rateLimits, now: now))
/// ```
///
/// The address is the socket's peer (a context conforming to `RemoteAddressRequestContext`);
/// `X-Forwarded-For` is not trusted. A context that does not know its peer is not limited by
/// address (one shared bucket would let any client lock every other out); logins are also
/// limited per email address (`AuthRoutes`), so password guessing stays slow either way.
struct RateLimitMiddleware<Context: RequestContext>: RouterMiddleware {
  static var strictPaths: Set<String> {
    ["/v1/auth/signup", "/v1/auth/login", "/v1/auth/refresh"]
  }

  let enabled: Bool
  let perAddress: RateLimiter
  let login: RateLimiter

  init(limits: ServerConfig.RateLimits, now: @escaping @Sendable () -> Date) {
    enabled = limits.enabled
    perAddress = RateLimiter(limits.perAddress, now: now)
    login = RateLimiter(limits.login, now: now)
  }

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard enabled, let address = Self.clientAddress(context) else {
      return try await next(request, context)
    }
    if let wait = perAddress.take(address) { return Self.tooMany(wait) }
    if Self.strictPaths.contains(request.uri.path), let wait = login.take(address) {
      return Self.tooMany(wait)
    }
    return try await next(request, context)
  }

  static func clientAddress(_ context: Context) -> String? {
    guard let peer = (context as? any RemoteAddressRequestContext)?.remoteAddress else {
      return nil
    }
    return peer.ipAddress ?? peer.pathname
  }

  static func tooMany(_ wait: Int) -> Response {
    Problem.tooManyRequests(retryAfter: wait).response(headers: [.retryAfter: String(wait)])
  }

  /// The per-user limit; needs `context.identity`, so it runs after the token middleware.
  struct PerUser: RouterMiddleware {
    typealias Context = ServerContext

    let enabled: Bool
    let perUser: RateLimiter

    init(limits: ServerConfig.RateLimits, now: @escaping @Sendable () -> Date) {
      enabled = limits.enabled
      perUser = RateLimiter(limits.perUser, now: now)
    }

    func handle(
      _ request: Request, context: ServerContext,
      next: (Request, ServerContext) async throws -> Response
    ) async throws -> Response {
      if enabled, let user = context.identity?.userId, let wait = perUser.take(user) {
        return RateLimitMiddleware<ServerContext>.tooMany(wait)
      }
      return try await next(request, context)
    }
  }
}
