import Foundation
import Hummingbird
import Logging
import Model
import Server
import Sync

#if canImport(Glibc)
  import Glibc
#endif

/// A real sync server for the sync cases: `buildApplication` in this process on a free
/// loopback port, with its own database in the run's directory, rate limits off (the cases
/// send hundreds of requests a second from one address) and hour-long access tokens.
///
///     let server = try await SyncBenchServer.start(in: directory)
///     let admin = try await server.signup("ada@example.com", name: "Ada")
final class SyncBenchServer: Sendable {
  let url: String
  let api: ServerAPI
  private let task: Task<Void, any Error>

  private init(url: String, task: Task<Void, any Error>) throws {
    self.url = url
    self.api = try ServerAPI(server: url)
    self.task = task
  }

  static func start(in directory: URL) async throws -> SyncBenchServer {
    let port = try freeLoopbackPort()
    var limits = ServerConfig.RateLimits()
    limits.enabled = false
    let config = ServerConfig(
      port: port, databasePath: directory.appendingPathComponent("server.sqlite").path,
      bcryptCost: 4, accessTokenLifetime: 3600, maxPushBodyBytes: 64 << 20, rateLimits: limits,
      logLevel: .error)
    var logger = Logger(label: "crm-bench-server")
    logger.logLevel = .error
    let app = try await buildApplication(config, logger: logger)
    let task = Task { try await app.run() }
    let server = try SyncBenchServer(url: "http://127.0.0.1:\(port)", task: task)
    // Up when the health check answers.
    for _ in 0..<200 {
      if await server.api.isReachable(timeout: .milliseconds(500)) { return server }
      try await Task.sleep(for: .milliseconds(25))
    }
    throw BenchError("the sync server did not answer on \(server.url)")
  }

  func stop() { task.cancel() }

  /// A new team whose admin is `email` (no invite), or a member by `invite`.
  func signup(_ email: String, name: String, invite: String? = nil) async throws
    -> TokenResponse
  {
    try await api.signup(
      SignupRequest(email: email, name: name, password: "correct horse battery", invite: invite))
  }

  /// A second member of `admin`'s team in `role`.
  func member(of admin: TokenResponse, _ email: String, name: String, role: Role) async throws
    -> TokenResponse
  {
    let invite = try await api.createInvite(
      token: admin.accessToken, InviteRequest(email: email, role: role))
    return try await signup(email, name: name, invite: invite.code)
  }
}

/// A TCP port nothing listens on now: bound to port 0 on loopback, read, released.
func freeLoopbackPort() throws -> Int {
  let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard socketFD >= 0 else { throw BenchError("cannot open a socket to find a free port") }
  defer { close(socketFD) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = 0
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
      bind(socketFD, generic, length) == 0 && getsockname(socketFD, generic, &length) == 0
    }
  }
  guard bound else { throw BenchError("cannot bind a loopback socket to find a free port") }
  return Int(UInt16(bigEndian: address.sin_port))
}
