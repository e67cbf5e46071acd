import Foundation
import Logging

/// What every route shares: the configuration, the database, the WebSocket hub, the token
/// service, the sync store and the clock. One per running server.
public final class ServerServices: Sendable {
  public let config: ServerConfig
  public let database: ServerDatabase
  public let events: EventHub
  public let logger: Logger
  /// The wall clock; tests pass a fixed or shifted one.
  public let now: @Sendable () -> Date
  public let tokens: TokenService
  public let sync: SyncStore

  /// Opens the database named by `config` and loads the signing secret (from
  /// `config.jwtSecretFile`, else the one kept in the database).
  public init(
    config: ServerConfig, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    self.config = config
    self.logger = logger
    self.now = now
    database = try ServerDatabase(path: config.databasePath)
    events = EventHub(logger: logger)
    let secret = try ServerSecret.load(config: config, database: database)
    tokens = TokenService(secret: secret, accessLifetime: config.accessTokenLifetime, now: now)
    sync = try SyncStore(database: database, now: now)
  }
}

/// The access tokens' HS256 key: the contents of `--jwt-secret-file` (a trailing newline
/// dropped, at least 32 bytes), else 32 random bytes generated on first start and kept in
/// the database's `secrets` table as `jwt`, so tokens survive a restart.
enum ServerSecret {
  static let minimumBytes = 32

  static func load(config: ServerConfig, database: ServerDatabase) throws -> [UInt8] {
    if let file = config.jwtSecretFile {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ServerSecretError("cannot read the JWT secret file \(file)")
      }
      var bytes = Array(data)
      while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
        bytes.removeLast()
      }
      guard bytes.count >= minimumBytes else {
        throw ServerSecretError(
          "the JWT secret file \(file) holds \(bytes.count) bytes; it needs at least \(minimumBytes)"
        )
      }
      return bytes
    }
    return try database.pool.write { db in
      var generator = SystemRandomNumberGenerator()
      let fresh = (0..<minimumBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }
      try db.execute(
        sql: "INSERT OR IGNORE INTO secrets(name, value) VALUES ('jwt', ?)",
        arguments: [Data(fresh)])
      let kept = try Data.fetchOne(db, sql: "SELECT value FROM secrets WHERE name = 'jwt'")
      return Array(kept ?? Data(fresh))
    }
  }
}

/// The signing secret could not be loaded; the message names the file and the problem.
public struct ServerSecretError: Error, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}
