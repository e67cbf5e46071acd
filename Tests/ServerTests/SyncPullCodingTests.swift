import Foundation
import Model
import Sync
import XCTest

/// The server's pull pages, written straight from its rows, read by the client's
/// `PullCoding` exactly as `Codable` reads them, across pages and every kind of value.
final class SyncPullCodingTests: XCTestCase {
  private var server: ServerProcess!
  private var team: HarnessTeam!

  override func setUp() async throws {
    server = try ServerProcess()
    team = try await HarnessTeam.create(on: server)
  }

  override func tearDown() async throws {
    server?.remove()
  }

  func testServerPagesDecodeTheSameWithPullCodingAndCodable() async throws {
    var site = HarnessSite()
    // (A text holding U+0000 is left out: the server refuses it, as SQLite's text binding
    // would store it cut at the NUL; see SyncPushPullTests.)
    let texts = [
      "ACME \"renewal\"\n\t\u{1} ✓ \\", "", "/slashes/ and \u{7f}", "日本 🎉 é",
      String(repeating: "x", count: 5000),
    ]
    let values: [FieldValue] = [
      .integer(.min), .integer(.max), .integer(0), .real(0.25), .real(-1e-300),
      .real(1.7976931348623157e308), .real(.leastNonzeroMagnitude), .real(1e21), .blob([]),
      .blob([0, 255, 7]),
      .null,
    ]
    var mutations: [PushMutation] = []
    for index in 0..<30 {
      var fields: [String: FieldValue] = ["deleted": .integer(0)]
      fields["title"] = .text(texts[index % texts.count])
      fields["value"] = values[index % values.count]
      fields["other"] = values[(index * 7 + 3) % values.count]
      mutations.append(
        site.mutation(index % 2 == 0 ? "deal" : "contact", UUIDv7.generate(), fields))
    }
    let pushed = try await team.adminClient.push(site.request(mutations))
    XCTAssertEqual(Set(pushed.results.map(\.status)), [.accepted])

    var cursor: Int64 = 0
    var pages = 0
    var all: [FieldChange] = []
    while true {
      let answer = try await team.adminClient.send(
        "GET", "/v1/sync/pull?cursor=\(cursor)&since=0&limit=7")
      XCTAssertEqual(answer.status, 200)
      let fast = try PullCoding.decode(answer.body)
      let codable = try answer.decode(PullResponse.self)
      XCTAssertEqual(fast, codable)
      all += fast.changes
      pages += 1
      cursor = fast.cursor
      if !fast.more { break }
    }
    XCTAssertGreaterThan(pages, 4)
    let sent = Set(
      mutations.flatMap(\.changes).map { "\($0.id)/\($0.field)/\($0.value)/\($0.hlc)" })
    let received = Set(
      all.filter { $0.hlc.site == site.site }.map { "\($0.id)/\($0.field)/\($0.value)/\($0.hlc)" })
    XCTAssertEqual(sent.subtracting(received), [], "every value came back as it was pushed")
    XCTAssertEqual(received.subtracting(sent), [], "and nothing else")
  }

  func testAPullPageSaysTheServersTimeForItAndTheClientReadsIt() async throws {
    let api = try ServerAPI(server: server.baseURL.absoluteString)
    let raw = try await api.pullBytes(
      token: team.admin.accessToken, cursor: 0, since: 0, limit: 100)
    let millis = try XCTUnwrap(raw.serverMillis, "a Server-Timing header with dur=")
    XCTAssertGreaterThanOrEqual(millis, 0)
    XCTAssertLessThan(millis, 10_000)
    let page = try ServerAPI.decodePull(raw.bytes, cursor: 0)
    XCTAssertFalse(page.changes.isEmpty, "the team's users come on the first page")
  }
}
