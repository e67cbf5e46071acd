import Foundation
import GRDB
import Hummingbird
import Sync

/// The accounts side of the server, installed on the router in one call: the middleware
/// every later route goes through, the public routes, and the protected group.
///
/// ```swift
/// let router = Router(context: ServerContext.self)
/// let protected = try Accounts.install(on: router, services: services)
/// SyncRoutes(services: services).register(on: protected)   // token required
/// ```
///
/// Order on the router (each applies to routes added after it, and to 404s):
/// problem+json for every error, rate limit by address (stricter on signup, login and
/// refresh), body size limit; then `POST /v1/auth/*` and `GET /v1/openapi.json`. The group
/// returned adds the token check and the per-user rate limit, and holds `/v1/me`,
/// `/v1/invites`, `/v1/users` and the read-only REST API.
public enum Accounts {
  public static func install(
    on router: Router<ServerContext>, services: ServerServices
  ) throws -> RouterGroup<ServerContext> {
    let config = services.config
    router.add(
      middleware: ProblemMiddleware<ServerContext>(routes: ProblemRouteTable(router: router)))
    router.add(
      middleware: RateLimitMiddleware<ServerContext>(limits: config.rateLimits, now: services.now))
    router.add(
      middleware: BodyLimitMiddleware(
        maxBodyBytes: config.maxBodyBytes, maxPushBodyBytes: config.maxPushBodyBytes))

    let store = Self.store(services)
    let hasher = PasswordHasher(cost: config.bcryptCost)
    // The decoy hash of unknown-address logins, made now rather than in the first one.
    Task.detached { await hasher.prepareDecoy() }
    let loginsPerEmail =
      config.rateLimits.enabled ? RateLimiter(config.rateLimits.login, now: services.now) : nil
    AuthRoutes(
      store: store, tokens: services.tokens, hasher: hasher, loginsPerEmail: loginsPerEmail
    ).register(on: router)
    OpenAPIRoute.register(on: router)

    let protected = router.group()
      .add(
        middleware: AuthMiddleware(
          authenticator: Authenticator(tokens: services.tokens, store: store))
      )
      .add(
        middleware: RateLimitMiddleware<ServerContext>.PerUser(
          limits: config.rateLimits, now: services.now))
    AccountRoutes(store: store, hasher: hasher).register(on: protected)
    RestRoutes(pool: services.database.pool).register(on: protected)
    return protected
  }

  /// The accounts' database access, publishing users to the sync log as they change.
  static func store(_ services: ServerServices) -> AccountStore {
    AccountStore(
      pool: services.database.pool,
      publish: { db, user in try services.sync.publishUser(db, user) },
      announce: { team, seq in services.events.publish(team: team, latestSeq: seq) },
      refreshLifetime: services.config.refreshTokenLifetime, now: services.now)
  }
}
