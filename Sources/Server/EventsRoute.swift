import Foundation
import Hummingbird
import HummingbirdWebSocket
import Sync

/// `GET /v1/events`: a WebSocket on which the server sends `ChangesEvent` after every push
/// of the caller's team that accepted changes. The token comes as `Authorization: Bearer`
/// or, for clients that cannot set headers, `?token=`; a missing or bad one is refused
/// before the upgrade. Pings are answered and sent by the WebSocket layer (every 30 s); a
/// closed socket leaves the hub.
enum EventsRoute {
  static func register(on router: Router<ServerContext>, services: ServerServices) {
    let authenticator = Authenticator(services: services)
    router.ws("v1/events") { request, _ in
      guard let token = bearerToken(request), (try? authenticator.authenticate(token)) != nil
      else { return .dontUpgrade }
      return .upgrade([:])
    } onUpgrade: { inbound, outbound, context in
      guard let token = bearerToken(context.request),
        let user = try? authenticator.authenticate(token)
      else { return }
      let id = services.events.join(team: user.teamId, writer: outbound)
      defer { services.events.leave(team: user.teamId, id: id) }
      context.logger.info(
        "events: socket open", metadata: ["user": "\(user.userId)", "team": "\(user.teamId)"])
      // Nothing is expected from the client; reading drains it until it closes.
      for try await _ in inbound.messages(maxSize: 1 << 14) {}
      context.logger.info("events: socket closed", metadata: ["user": "\(user.userId)"])
    }
  }

  static func bearerToken(_ request: Request) -> String? {
    if let header = request.headers[.authorization] {
      let prefix = "Bearer "
      guard header.hasPrefix(prefix) else { return nil }
      return String(header.dropFirst(prefix.count))
    }
    return request.uri.queryParameters["token"].map(String.init)
  }
}

extension EventsRoute {
  /// The same path on the HTTP router, reached when a request did not upgrade: 401 without a
  /// valid token, else 426 (it must be a WebSocket upgrade).
  static func registerFallback(on router: Router<ServerContext>, services: ServerServices) {
    let authenticator = Authenticator(services: services)
    router.get("v1/events") { request, _ -> Response in
      guard let token = bearerToken(request) else {
        throw Problem.unauthorized(
          "/v1/events needs an access token (Authorization: Bearer or ?token=)")
      }
      _ = try authenticator.authenticate(token)
      throw Problem(
        title: "Upgrade Required", status: 426, detail: "/v1/events is a WebSocket: upgrade to it")
    }
  }
}
