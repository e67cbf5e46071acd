import Foundation
import HTTPTypes
import Logging
import Model
import Sync
import WSClient
import XCTest

/// The WebSocket at /v1/events, with a real client (WSClient) against a real server.
final class SyncEventsTests: XCTestCase {
  func testAConnectedClientHearsOfAnotherClientsPush() async throws {
    let server = try ServerProcess()
    defer { server.remove() }
    let team = try await HarnessTeam.create(on: server)
    let rep = try await team.join(email: "rita@example.com", name: "Rita Rep", role: .rep)
    let heard = LineCollector()
    let listening = LineCollector()
    let url = "ws://127.0.0.1:\(server.port)/v1/events"
    var configuration = WebSocketClientConfiguration()
    configuration.additionalHeaders = [.authorization: "Bearer \(rep.accessToken)"]
    let logger = Logger(label: "events-test")

    let socket = Task {
      try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) {
        inbound, _, _ in
        listening.append(Data("open\n".utf8))
        for try await message in inbound.messages(maxSize: 1 << 16) {
          if case .text(let text) = message {
            heard.append(Data((text + "\n").utf8))
            return
          }
        }
      }
    }
    try await waitUntil { !listening.all().isEmpty }
    try await Task.sleep(for: .milliseconds(200))  // the hub registers after the upgrade

    var site = HarnessSite()
    let push = try await team.adminClient.push(
      site.request([site.mutation("deal", UUIDv7.generate(), ["title": .text("ACME")])]))
    try await waitUntil { !heard.all().isEmpty }
    _ = try await socket.value
    let event = try WireJSON.decoder().decode(
      ChangesEvent.self, from: Data(heard.all()[0].utf8))
    XCTAssertEqual(event, ChangesEvent(latestSeq: push.latestSeq))
  }

  func testAnUpgradeWithoutAValidTokenIsRefused() async throws {
    let server = try ServerProcess()
    defer { server.remove() }
    let answer = try await HarnessClient(baseURL: server.baseURL, token: "not-a-token").send(
      "GET", "/v1/events")
    XCTAssertEqual(answer.status, 401)
    let logger = Logger(label: "events-test")
    do {
      try await WebSocketClient.connect(
        url: "ws://127.0.0.1:\(server.port)/v1/events?token=garbage", logger: logger
      ) { _, _, _ in XCTFail("upgraded without a valid token") }
    } catch {
      // Refused before the upgrade: the client reports the failed handshake.
    }
  }
}

/// Polls `condition` every 20 ms for up to 10 s.
func waitUntil(_ condition: @Sendable () -> Bool) async throws {
  let deadline = Date().addingTimeInterval(10)
  while !condition() {
    if Date() > deadline { throw ServerProcessError("timed out waiting") }
    try await Task.sleep(for: .milliseconds(20))
  }
}
