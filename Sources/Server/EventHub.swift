import Foundation
import HummingbirdWebSocket
import Logging
import Sync
import Synchronization

/// The connected WebSocket clients of every team, so a push can tell the others that new
/// changes exist.
///
/// ```swift
/// let id = hub.join(team: user.teamId, writer: outbound)   // when a socket opens
/// hub.publish(team: user.teamId, latestSeq: 42)            // after a push
/// hub.leave(team: user.teamId, id: id)                     // when it closes
/// ```
public final class EventHub: Sendable {
  private let sockets = Mutex<[String: [UUID: WebSocketOutboundWriter]]>([:])
  private let logger: Logger

  public init(logger: Logger) {
    self.logger = logger
  }

  /// Adds an open socket of `team`; returns the id to leave with.
  public func join(team: String, writer: WebSocketOutboundWriter) -> UUID {
    let id = UUID()
    sockets.withLock { $0[team, default: [:]][id] = writer }
    return id
  }

  public func leave(team: String, id: UUID) {
    sockets.withLock { all in
      all[team]?[id] = nil
      if all[team]?.isEmpty == true { all[team] = nil }
    }
  }

  /// How many sockets `team` has open.
  public func count(team: String) -> Int {
    sockets.withLock { $0[team]?.count ?? 0 }
  }

  /// Sends `{"type":"changes","latestSeq":N}` to every open socket of `team`, without
  /// waiting for slow clients: each write runs on its own task, and a failed write only
  /// means that socket is closing (its handler then leaves).
  public func publish(team: String, latestSeq: Int64) {
    let writers = sockets.withLock { Array(($0[team] ?? [:]).values) }
    guard !writers.isEmpty else { return }
    let text = Self.changesText(latestSeq: latestSeq)
    let logger = logger
    for writer in writers {
      Task {
        do {
          try await writer.write(.text(text))
        } catch {
          logger.debug("events: a write to a closing socket failed", metadata: ["team": "\(team)"])
        }
      }
    }
  }

  static func changesText(latestSeq: Int64) -> String {
    let data = (try? WireJSON.encoder().encode(ChangesEvent(latestSeq: latestSeq))) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }
}
