import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log into the database off the write path. A passive checkpoint
/// takes no write lock, so writes go on while it runs; it runs on its own connection and
/// queue after every `interval` commits.
final class Checkpointer: Sendable {
  private let connection: DatabaseQueue
  private let queue = DispatchQueue(label: "crm.store.checkpoint", qos: .utility)
  private let commits = Mutex(0)
  private let interval: Int

  init(path: String, interval: Int = 32) throws {
    var config = Configuration()
    config.busyMode = .timeout(1)
    self.connection = try DatabaseQueue(path: path, configuration: config)
    self.interval = interval
  }

  /// Called after each commit; starts a checkpoint every `interval` commits.
  func committed() {
    let due = commits.withLock { count in
      count += 1
      return count % interval == 0
    }
    guard due else { return }
    queue.async { [connection] in
      // A busy or locked database just means a later checkpoint does the work.
      _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }
  }

  deinit {
    // The last writes of the session go into the database before the file is closed.
    queue.sync {}
    _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
  }
}
