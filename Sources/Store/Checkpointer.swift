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
  private let connection: Connection
  private let queue = DispatchQueue(label: "crm.store.checkpoint", qos: .utility)
  private let commits = Mutex(0)
  private let interval: Int

  init(path: String, interval: Int = 32) {
    connection = Connection(path: path)
    self.interval = interval
  }

  /// The checkpoint connection, apart from the checkpointer: the work on the queue holds
  /// it, not the checkpointer, whose last release (the store closing) must not happen on
  /// the queue, where its `deinit` would wait for the queue itself (a crash at exit when a
  /// checkpoint was running).
  private final class Connection: Sendable {
    private let path: String
    private let opened = Mutex<DatabaseQueue?>(nil)

    init(path: String) { self.path = path }

    /// A passive checkpoint, on the connection opened on first use; nothing if the file
    /// cannot be opened (a later checkpoint tries again) or is busy or locked (a later one
    /// does the work).
    func checkpoint() {
      let queue = opened.withLock { connection in
        if connection == nil {
          var config = Configuration()
          config.busyMode = .timeout(1)
          connection = try? DatabaseQueue(path: path, configuration: config)
        }
        return connection
      }
      _ = try? queue?.writeWithoutTransaction { db in try db.checkpoint(.passive) }
    }
  }

  /// Called after each commit; starts a checkpoint every `interval` commits.
  func committed() {
    let due = commits.withLock { count in
      count += 1
      return count % interval == 0
    }
    guard due else { return }
    queue.async { [connection] in connection.checkpoint() }
  }

  deinit {
    // The last writes of the session go into the database before the file is closed (a
    // session that wrote nothing has nothing to copy).
    queue.sync {}
    guard commits.withLock({ $0 }) > 0 else { return }
    connection.checkpoint()
  }
}
