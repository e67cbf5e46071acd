import Foundation
import HTTPTypes
import Logging
import WSClient

/// The WebSocket at `/v1/events`, as a stream of `ChangesEvent`s that survives the network:
/// it reconnects with backoff (1 s doubling to 30 s, reset by a connection that opened) and
/// yields one event after every connection, since changes may have landed while it was away.
///
///     for await event in EventListener(session: session, logger: logger).stream() { ... }
struct EventListener: Sendable {
  let session: Session
  let logger: Logger

  /// The longest a frame of the server may be; a ChangesEvent is some 40 bytes.
  static let maxMessageBytes = 1 << 16

  func stream() -> AsyncStream<ChangesEvent> {
    AsyncStream(bufferingPolicy: .bufferingNewest(16)) { continuation in
      let task = Task { await listen(continuation) }
      continuation.onTermination = { _ in task.cancel() }
    }
  }

  private func listen(_ continuation: AsyncStream<ChangesEvent>.Continuation) async {
    var delay: Duration = .seconds(1)
    while !Task.isCancelled {
      let opened = await connectOnce(continuation)
      if Task.isCancelled { break }
      if opened { delay = .seconds(1) }
      // Jitter, so a restarted server is not met by every client at the same instant.
      let jitter = Duration.milliseconds(Int.random(in: 0...250))
      try? await Task.sleep(for: delay + jitter)
      delay = min(delay * 2, .seconds(30))
    }
    continuation.finish()
  }

  /// One connection, until it closes or fails; returns whether it opened.
  private func connectOnce(_ continuation: AsyncStream<ChangesEvent>.Continuation) async -> Bool {
    let target: (url: String, token: String)
    do {
      target = try await session.authorized { api, token throws(SyncError) in
        (Self.eventsURL(server: api.server), token)
      }
    } catch {
      logger.debug("events: not connecting: \(error)")
      return false
    }
    var headers = HTTPFields()
    headers[.authorization] = "Bearer \(target.token)"
    let configuration = WebSocketClientConfiguration(
      maxFrameSize: Self.maxMessageBytes, additionalHeaders: headers,
      autoPing: .enabled(timePeriod: .seconds(30)))
    let opened = OpenedFlag()
    let logger = self.logger
    do {
      try await WebSocketClient.connect(
        url: target.url, configuration: configuration, logger: logger
      ) { inbound, _, _ in
        opened.set()
        continuation.yield(ChangesEvent(latestSeq: 0))
        for try await message in inbound.messages(maxSize: Self.maxMessageBytes) {
          guard case .text(let text) = message,
            let event = try? WireJSON.decoder().decode(ChangesEvent.self, from: Data(text.utf8)),
            event.type == "changes"
          else { continue }
          continuation.yield(event)
        }
      }
    } catch {
      logger.debug("events: connection ended: \(error)")
    }
    return opened.value
  }

  /// ws(s)://host:port/v1/events for the server's http(s) base URL.
  static func eventsURL(server: String) -> String {
    if server.hasPrefix("https://") { return "wss://" + server.dropFirst(8) + "/v1/events" }
    if server.hasPrefix("http://") { return "ws://" + server.dropFirst(7) + "/v1/events" }
    return server + "/v1/events"
  }
}

/// Set once from the connection's handler, read after it ends.
final class OpenedFlag: @unchecked Sendable {
  private let lock = NSLock()
  private var opened = false

  func set() { lock.withLock { opened = true } }
  var value: Bool { lock.withLock { opened } }
}
