import Foundation
import Store
import Sync
import TUI

/// The TUI's background sync, done by the Sync engine: the TUI target knows only its
/// `BackgroundSync` protocol, so this is where the two meet.
///
///     TUILauncher(..., backgroundSync: EngineBackgroundSync.factory(databasePath: path))
struct EngineBackgroundSync: BackgroundSync {
  let engine: SyncEngine

  func sync() async -> BackgroundSyncOutcome {
    do {
      let summary = try await engine.sync()
      return BackgroundSyncOutcome(
        connection: .online, pushed: summary.pushed, applied: summary.report.applied,
        refused: summary.refused.count, conflicts: summary.report.conflicts.count,
        notices: summary.report.notices)
    } catch {
      return .offline(error.description)
    }
  }

  /// One signal per server event; the engine's listener reconnects on its own.
  func pokes() -> AsyncStream<Void> {
    let events = engine.events()
    return AsyncStream { continuation in
      let task = Task {
        for await _ in events { continuation.yield() }
        continuation.finish()
      }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  /// Builds the background sync of the store the TUI opened, when its database syncs: a
  /// token file beside it (checked first: a stat, so a database that never synced pays
  /// nothing more at start) and a sync account in it.
  static func factory(databasePath: String) -> @Sendable (Store) -> (any BackgroundSync)? {
    { store in
      let credentials = databasePath + ".auth"
      guard FileManager.default.fileExists(atPath: credentials),
        (try? store.syncStatus().account) != nil
      else { return nil }
      return EngineBackgroundSync(engine: SyncEngine(store: store, credentialsPath: credentials))
    }
  }
}
