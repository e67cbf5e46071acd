import Dispatch
import GRDB
import Synchronization

/// The store's connections to its file, opened as they are needed.
///
/// A start that finds the file up to date reads on one read-only connection (`first`) and
/// opens the pool (GRDB's writer and readers) only when something needs it: a write, or
/// `openPoolInBackground` once the TUI's first screen is up. Each connection parses the
/// whole schema on its first statement (~1 ms for its tables and indexes; the triggers
/// are the writer's alone, `WriterTriggers`) and the writer also sets up the log: a start
/// that opened both before its first read paid twice for the one read its first screen
/// needs, and a command that only reads (`crm contact list`) paid for a writer it never
/// used.
///
/// Reads go to the pool once it is open (several readers at once), to `first` until then.
final class StoreConnections: Sendable {
  private let path: String
  private let configuration: Configuration
  /// The read-only connection of a start that found the file up to date; dropped when the
  /// pool opens (a read still running on it keeps it until it ends).
  private let first: Mutex<DatabaseQueue?>
  private let opened: Mutex<DatabasePool?>
  /// Held while the pool opens, so that it opens once however many threads ask for it;
  /// reads go on on `first` meanwhile.
  private let opening = Mutex(())

  /// Connections of a start that opened the pool itself (a new file, a migration).
  init(path: String, configuration: Configuration, pool: DatabasePool) {
    self.path = path
    self.configuration = configuration
    first = Mutex(nil)
    opened = Mutex(pool)
  }

  /// Connections of a start that read the file up to date on `first`.
  init(path: String, configuration: Configuration, first: DatabaseQueue) {
    self.path = path
    self.configuration = configuration
    self.first = Mutex(first)
    opened = Mutex(nil)
  }

  /// The read-only configuration of `first`, as the pool's readers have it.
  static func firstConfiguration(_ configuration: Configuration) -> Configuration {
    var readonly = configuration
    readonly.readonly = true
    return readonly
  }

  /// The pool, opened now if it is not yet: on the caller's thread, which waits.
  func pool() throws -> DatabasePool {
    if let pool = openedPool { return pool }
    return try opening.withLock { _ in
      if let pool = openedPool { return pool }
      let pool = try DatabasePool(path: path, configuration: configuration)
      try pool.writeWithoutTransaction { db in try WriterTriggers.install(db) }
      // One reader with the schema parsed, for the reads that move over from `first`.
      try pool.read { _ in }
      opened.withLock { $0 = pool }
      first.withLock { $0 = nil }
      return pool
    }
  }

  /// The pool if it is open; nothing is opened.
  var openedPool: DatabasePool? { opened.withLock { $0 } }

  /// Where a read goes: the pool if it is open, else `first`, else the pool, opened now.
  func reader() throws -> any DatabaseReader {
    if let pool = openedPool { return pool }
    if let first = first.withLock({ $0 }) { return first }
    return try pool()
  }

  /// Opens the pool on another thread, so that the first write does not wait for it. An
  /// open that fails is left for that write to report.
  func openPoolInBackground() {
    guard openedPool == nil else { return }
    DispatchQueue.global(qos: .utility).async { [self] in _ = try? pool() }
  }
}
