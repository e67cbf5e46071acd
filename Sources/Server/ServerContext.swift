import Hummingbird
import HummingbirdWebSocket
import Model
import NIOCore

/// Who sent a request, as the access token says. Set by the accounts helper's token
/// middleware on the protected routes; nil on the public ones.
public struct AuthenticatedUser: Sendable, Hashable {
  public var userId: String
  public var teamId: String
  public var role: Role
  public var name: String

  public init(userId: String, teamId: String, role: Role, name: String) {
    self.userId = userId
    self.teamId = teamId
    self.role = role
    self.name = name
  }
}

/// The request context of every route of the server, WebSocket upgrades included.
///
/// ```swift
/// let router = Router(context: ServerContext.self)
/// router.get("v1/me") { _, context in context.identity?.name ?? "nobody" }
/// ```
public struct ServerContext: RequestContext, WebSocketRequestContext,
  RemoteAddressRequestContext
{
  public var coreContext: CoreRequestContextStorage
  public let webSocket: WebSocketHandlerReference<ServerContext>
  /// The authenticated sender; nil until the token middleware has checked a token.
  public var identity: AuthenticatedUser?
  /// The largest body a route decodes. 1 MiB unless a route raises it (push reads its own
  /// body, up to `ServerConfig.maxPushBodyBytes`).
  public var maxUploadSize: Int
  /// The client's socket address: what rate limiting by address counts requests by.
  public let remoteAddress: SocketAddress?

  public init(source: Source) {
    self.remoteAddress = source.channel.remoteAddress
    self.coreContext = .init(source: source)
    self.webSocket = .init()
    self.identity = nil
    self.maxUploadSize = ServerConfig.defaultMaxBodyBytes
  }
}
