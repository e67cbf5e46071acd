import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Server

/// `crm-server`: the team sync server. Parses and checks its options, then runs
/// `buildApplication` until SIGTERM or SIGINT.
@main
struct CRMServer: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crm-server",
    abstract: "Run the CRM's team sync server (accounts, sync, events, REST).",
    discussion: """
      Prints "listening on http://HOST:PORT" to standard error once it accepts connections \
      (with the real port when --port is 0). Logs one line per request to standard error. \
      SIGTERM or SIGINT stops it gracefully: in-flight requests finish, then the database \
      is closed.
      """)

  @Option(help: "The address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "The TCP port to listen on; 0 picks a free one.")
  var port: Int = 8080

  @Option(help: "The server's database file (created if missing).")
  var db: String

  @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
  var logLevel = "info"

  @Option(
    help:
      "A file holding the access tokens' signing secret (at least 32 bytes); default: generated once and kept in the database."
  )
  var jwtSecretFile: String?

  @Option(help: "bcrypt cost for passwords, 4-31 (10 in production; lower only in tests).")
  var bcryptCost = 10

  @Option(help: "Access token lifetime in seconds.")
  var accessTokenLifetime = 900

  @Option(
    help: """
      The general rate limit: requests per second and burst, per remote address and per \
      user, as RATE:BURST (default 50:200); 'off' turns every limit off, the login one too.
      """)
  var rateLimit: String?

  @Option(
    help: """
      The login rate limit: signup, login and refresh per remote address, and logins per \
      email address, as RATE:BURST (default 0.2:10, one every 5 s after a burst of 10).
      """)
  var loginRateLimit: String?

  func validate() throws {
    guard (0...65_535).contains(port) else {
      throw ValidationError("--port must be 0-65535, not \(port)")
    }
    guard Logger.Level(rawValue: logLevel) != nil else {
      throw ValidationError(
        "--log-level must be one of trace, debug, info, notice, warning, error, critical")
    }
    guard (4...31).contains(bcryptCost) else {
      throw ValidationError("--bcrypt-cost must be 4-31, not \(bcryptCost)")
    }
    guard accessTokenLifetime >= 10 else {
      throw ValidationError("--access-token-lifetime must be at least 10 seconds")
    }
    _ = try parsedRateLimits()
  }

  private func parsedRateLimits() throws -> ServerConfig.RateLimits {
    var limits = ServerConfig.RateLimits()
    if rateLimit == "off" {
      guard loginRateLimit == nil else {
        throw ValidationError(
          "--login-rate-limit cannot be used with --rate-limit off, which turns every limit off")
      }
      limits.enabled = false
      return limits
    }
    if let rateLimit {
      guard let general = ServerConfig.Bucket(option: rateLimit) else {
        throw ValidationError(
          "--rate-limit must be RATE:BURST (e.g. 50:200) or off, not \"\(rateLimit)\"")
      }
      limits.perAddress = general
      limits.perUser = general
    }
    if let loginRateLimit {
      guard let login = ServerConfig.Bucket(option: loginRateLimit) else {
        throw ValidationError(
          "--login-rate-limit must be RATE:BURST (e.g. 0.2:10), not \"\(loginRateLimit)\"")
      }
      limits.login = login
    }
    return limits
  }

  func run() async throws {
    let level = Logger.Level(rawValue: logLevel) ?? .info
    LoggingSystem.bootstrap { label in ServerLogHandler(label: label, level: level) }
    let config = ServerConfig(
      host: host, port: port, databasePath: db, jwtSecretFile: jwtSecretFile,
      bcryptCost: bcryptCost, accessTokenLifetime: TimeInterval(accessTokenLifetime),
      rateLimits: try parsedRateLimits(), logLevel: level)
    let app: any ApplicationProtocol
    do {
      app = try await buildApplication(config)
    } catch {
      FileHandle.standardError.write(Data("crm-server: \(error)\n".utf8))
      throw ExitCode(1)
    }
    do {
      try await app.runService()
    } catch {
      FileHandle.standardError.write(Data("crm-server: \(error)\n".utf8))
      throw ExitCode(1)
    }
  }
}
