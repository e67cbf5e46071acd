import Foundation
import Store

/// The TUI's view of a sync engine: what it needs to sync in the background without knowing
/// how (the TUI target does not import Sync; `crm` adapts its engine to this).
///
///     let outcome = await sync.sync()          // push, then pull; never throws
///     for await _ in sync.pokes() { ... }      // the server says something changed
public protocol BackgroundSync: Sendable {
  /// One whole sync. The runtime never calls it while another is running.
  func sync() async -> BackgroundSyncOutcome
  /// A signal each time the server says others changed something (its WebSocket). The
  /// stream may reconnect on its own; it ends when the app stops listening.
  func pokes() -> AsyncStream<Void>
}

/// What one background sync did, in the words the status bar and notices need.
public struct BackgroundSyncOutcome: Sendable, Hashable {
  /// Whether the server answered, and if not, why (said to the user as is).
  public enum Connection: Sendable, Hashable {
    case online
    case offline(reason: String)
  }

  public var connection: Connection
  /// Field changes the server accepted from us.
  public var pushed: Int
  /// Pulled changes that won here and were written: when > 0 the views on screen are stale.
  public var applied: Int
  /// Local mutations the server refused in this sync (reverted, listed on the sync screen).
  public var refused: Int
  /// Local writes another replica's later write beat in this sync.
  public var conflicts: Int
  /// Others' changes, one per record, for "Ada moved ACME renewal to Negotiation".
  public var notices: [RemoteNotice]

  public init(
    connection: Connection, pushed: Int = 0, applied: Int = 0, refused: Int = 0,
    conflicts: Int = 0, notices: [RemoteNotice] = []
  ) {
    self.connection = connection
    self.pushed = pushed
    self.applied = applied
    self.refused = refused
    self.conflicts = conflicts
    self.notices = notices
  }

  public static func offline(_ reason: String) -> BackgroundSyncOutcome {
    BackgroundSyncOutcome(connection: .offline(reason: reason))
  }
}
