import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log into the database off the write path. A passive checkpoint
/// takes no write lock, so writes go on while it runs; it runs on its own connection and
/// queue after every `interval` commits.
///
/// Its connection opens with the first checkpoint, on its queue: a session that writes
/// little never opens it, and the TUI's start does not wait for it.
final class Checkpointer: Sendable {
  private let path: String
  private let opened = Mutex<DatabaseQueue?>(nil)
  private let queue = DispatchQueue(label: "crm.store.checkpoint", qos: .utility)
  private let commits = Mutex(0)
  private let interval: Int

  init(path: String, interval: Int = 32) {
    self.path = path
    self.interval = interval
  }

  /// The checkpoint connection, opened on first use; nil if the file cannot be opened
  /// (a later checkpoint tries again).
  private func connection() -> DatabaseQueue? {
    opened.withLock { connection in
      if let connection { return connection }
      var config = Configuration()
      config.busyMode = .timeout(1)
      connection = try? DatabaseQueue(path: path, configuration: config)
      return connection
    }
  }

  /// Called after each commit; starts a checkpoint every `interval` commits.
  func committed() {
    let due = commits.withLock { count in
      count += 1
      return count % interval == 0
    }
    guard due else { return }
    queue.async { [self] in
      // A busy or locked database just means a later checkpoint does the work.
      _ = try? connection()?.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }
  }

  deinit {
    // The last writes of the session go into the database before the file is closed (a
    // session that wrote nothing has nothing to copy).
    queue.sync {}
    guard commits.withLock({ $0 }) > 0 else { return }
    _ = try? connection()?.writeWithoutTransaction { db in try db.checkpoint(.passive) }
  }
}
