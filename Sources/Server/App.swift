import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import ServiceLifecycle

/// The whole server as one application, as `crm-server` runs it and the tests call it:
///
/// ```swift
/// let app = try await buildApplication(ServerConfig(port: 0, databasePath: path))
/// try await app.runService()   // SIGTERM/SIGINT: finish in-flight requests, close the db
/// ```
///
/// Prints `listening on http://HOST:PORT` to standard error once the socket is bound (with
/// the real port when `config.port` is 0).
public func buildApplication(
  _ config: ServerConfig, logger: Logger? = nil, now: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
  var logger = logger ?? Logger(label: "crm-server")
  logger.logLevel = config.logLevel
  let services = try ServerServices(config: config, logger: logger, now: now)
  let router = try buildRouter(services: services)
  let webSockets = buildWebSocketRouter(services: services)

  let host = config.host
  var app = Application(
    router: router,
    server: .http1WebSocketUpgrade(
      webSocketRouter: webSockets,
      configuration: .init(ws: .init(autoPing: .enabled(timePeriod: .seconds(30))))),
    configuration: .init(address: .hostname(host, port: config.port), serverName: nil),
    onServerRunning: { channel in
      let port = channel.localAddress?.port ?? config.port
      FileHandle.standardError.write(Data("listening on http://\(host):\(port)\n".utf8))
    },
    logger: logger
  )
  app.addServices(DatabaseCloser(database: services.database, logger: logger))
  return app
}

/// Every HTTP route of the server with its middleware (request log, rate limits, body
/// limits, tokens), as `buildApplication` serves them and the OpenAPI test lists them:
///
/// ```swift
/// let router = try buildRouter(services: ServerServices(config: config, logger: logger))
/// let routes = router.routes.map { "\($0.method) \($0.path)" }
/// ```
public func buildRouter(services: ServerServices) throws -> Router<ServerContext> {
  let router = Router(context: ServerContext.self)
  router.add(middleware: RequestLogMiddleware(tokens: services.tokens))
  HealthRoute.register(on: router)
  let protected = try Accounts.install(on: router, services: services)
  SyncRoutes(services: services).register(on: protected)
  EventsRoute.registerFallback(on: router, services: services)
  return router
}

/// The WebSocket upgrade routes (`/v1/events`); a plain GET of the same path is answered by
/// `buildRouter`'s fallback.
func buildWebSocketRouter(services: ServerServices) -> Router<ServerContext> {
  let webSockets = Router(context: ServerContext.self)
  EventsRoute.register(on: webSockets, services: services)
  return webSockets
}

/// Closes the database after the HTTP server has stopped: the service group shuts its
/// services down in reverse order, so in-flight requests finish first.
struct DatabaseCloser: Service {
  let database: ServerDatabase
  let logger: Logger

  func run() async throws {
    try? await gracefulShutdown()
    do {
      try database.close()
      logger.info("database closed")
    } catch {
      logger.error("closing the database failed: \(error)")
    }
  }
}
