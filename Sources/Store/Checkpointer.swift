import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log into the database off the write path. A passive checkpoint
/// takes no write lock, so writes go on while it runs; it runs on its own connection and
/// queue after every `interval` commits (a long-lived process, whose SQLite never
/// checkpoints inside a write), and whenever `soon` asks (a pull's large pages, in every
/// process: see `Store.applyPulled`).
///
/// Its connection opens with the first checkpoint, on its queue: a session that writes
/// little never opens it, and the TUI's start does not wait for it.
final class Checkpointer: Sendable {
  private let connection: Connection
  private let queue = DispatchQueue(label: "crm.store.checkpoint", qos: .utility)
  private let commits = Mutex(0)
  /// Commits between checkpoints; nil when only `soon` starts one.
  private let interval: Int?

  init(path: String, interval: Int? = 32) {
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
    /// Whether a checkpoint is queued and not started: asks in the meantime are folded into
    /// it (it copies whatever is committed when it starts).
    private let queued = Mutex(false)

    init(path: String) { self.path = path }

    /// Marks a checkpoint queued; false if one is queued already.
    func markQueued() -> Bool {
      queued.withLock { queued in
        defer { queued = true }
        return !queued
      }
    }

    func unmarkQueued() { queued.withLock { $0 = false } }

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
    guard let interval else { return }
    let due = commits.withLock { count in
      count += 1
      return count % interval == 0
    }
    if due { start() }
  }

  /// Starts a checkpoint now, on the queue, after a commit that wrote much.
  func soon() {
    commits.withLock { $0 += 1 }
    start()
  }

  private func start() {
    guard connection.markQueued() else { return }
    queue.async { [connection] in
      connection.unmarkQueued()
      connection.checkpoint()
    }
  }

  /// Returns when no checkpoint is queued or running (tests).
  func waitUntilIdle() { queue.sync {} }

  deinit {
    // The last writes of the session go into the database before the file is closed (a
    // session that wrote nothing has nothing to copy).
    queue.sync {}
    guard commits.withLock({ $0 }) > 0 else { return }
    connection.checkpoint()
  }
}
