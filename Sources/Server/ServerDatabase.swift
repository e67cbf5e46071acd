import Foundation
import GRDB

/// The server's own SQLite database (never a client's): accounts and the sync log, in WAL
/// mode so pulls read while a push writes.
///
/// ```swift
/// let database = try ServerDatabase(path: "/var/lib/crm/server.sqlite")
/// try database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM records") }
/// ```
public final class ServerDatabase: Sendable {
  public let pool: DatabasePool
  public let path: String

  /// Opens (creating if needed) and migrates the database at `path`. Throws
  /// `ServerDatabaseError` naming the path if it cannot be opened or migrated.
  public init(path: String) throws {
    self.path = path
    var configuration = Configuration()
    configuration.busyMode = .timeout(10)
    // FULL: a push the server has answered `accepted` survives a power cut too, at one
    // fsync per push transaction.
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA synchronous = FULL")
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      try Self.migrator.migrate(pool)
    } catch {
      throw ServerDatabaseError(path: path, underlying: error)
    }
  }

  /// Append-only: a released migration is never edited, only followed by a new one.
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("s1: accounts") { db in try AccountsSchema.migrate(db) }
    migrator.registerMigration("s2: sync") { db in try SyncSchema.migrate(db) }
    return migrator
  }

  /// Checkpoints the WAL and closes every connection; the server calls it on shutdown.
  public func close() throws {
    pool.writeWithoutTransaction { db in
      _ = try? db.checkpoint(.truncate)
    }
    try pool.close()
  }
}

/// The server database could not be opened or migrated.
public struct ServerDatabaseError: Error, CustomStringConvertible {
  public var path: String
  public var underlying: any Error

  public var description: String {
    "cannot open the server database \(path): \(underlying)"
  }
}
