import Foundation
import Model
import Store
import XCTest

@testable import Sync

/// Answers a server should never give: each is an error naming the route, never a crash, a
/// hang or a half-applied page.
final class SyncHostileAnswerTests: SyncTestCase {
  /// A database that syncs as someone on `server`, with tokens that look fine.
  func client(of server: HostileServer) throws -> Client {
    let client = try newClient()
    let user = UserInfo(
      id: "01900000-0000-7000-8000-000000000001", teamId: "t", email: "a@example.com",
      name: "A", role: .admin, active: true)
    try client.store.joinTeam(
      SyncAccount(
        server: server.url, userId: user.id, teamId: user.teamId, name: user.name,
        email: user.email, role: user.role), mergeLocalWork: false)
    try CredentialsFile(databasePath: client.path).save(
      Credentials(
        server: server.url, accessToken: "a", refreshToken: "r",
        accessExpiresAt: Date().addingTimeInterval(3600), user: user))
    return client
  }

  func syncError(_ client: Client) async -> SyncError? {
    do throws(SyncError) {
      _ = try await client.sync()
      return nil
    } catch {
      return error
    }
  }

  func testAnAnswerOfTheWrongShapeIsABadAnswerNamingTheRoute() async throws {
    let server = try HostileServer(body: #"{"changes": "none", "cursor": -1}"#)
    defer { server.close() }
    let client = try client(of: server)
    let error = await syncError(client)
    guard case .badAnswer(let route, let what)? = error else {
      return XCTFail("\(String(describing: error))")
    }
    XCTAssertEqual(route, "GET /v1/sync/pull")
    XCTAssertTrue(what.contains("changes"), what)
    XCTAssertEqual(try client.store.syncStatus().cursor, 0, "nothing was applied")
  }

  func testAPageThatSaysMoreButDoesNotMoveIsRefusedInsteadOfLoopingForever() async throws {
    let server = try HostileServer(
      body:
        #"{"changes": [], "cursor": 0, "more": true, "serverClock": "0000000000000000-0000000000000001"}"#
    )
    defer { server.close() }
    let error = await syncError(try client(of: server))
    guard case .badAnswer(_, let what)? = error else {
      return XCTFail("\(String(describing: error))")
    }
    XCTAssertTrue(what.contains("cursor did not move"), what)
  }

  func testAnErrorThatIsNotAProblemStillSaysWhatCameBack() async throws {
    let server = try HostileServer(status: "503 Service Unavailable", body: "\u{1b}[31mdown\u{07}")
    defer { server.close() }
    let error = await syncError(try client(of: server))
    guard case .refused(let route, let problem)? = error else {
      return XCTFail("\(String(describing: error))")
    }
    XCTAssertEqual(route, "GET /v1/sync/pull")
    XCTAssertEqual(problem.status, 503)
    XCTAssertFalse(
      error?.description.contains("\u{1b}") ?? true, "no control characters reach the terminal")
  }

  func testAnAnswerCutShortIsOffline() async throws {
    let server = try HostileServer(
      raw: Array("HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n{\"changes\": [".utf8))
    defer { server.close() }
    let error = await syncError(try client(of: server))
    guard case .offline? = error else { return XCTFail("\(String(describing: error))") }
  }

  /// The next page is fetched while one applies: a bad page after a good one still stops the
  /// pull with an error naming the page's fault, applies nothing of it, and leaves the cursor
  /// where the pull began.
  func testABadPageAfterAGoodOneIsRefusedAndTheCursorStaysWhereThePullBegan() async throws {
    let clock = "0000000000000000-0000000000000001"
    let good = #"{"changes": [], "cursor": 5, "more": true, "serverClock": "\#(clock)"}"#
    let bad = #"""
      {"changes": [
        {"entity": "contact", "id": "c1", "field": "firstName", "value": "Ada",
         "hlc": "0000000000000001-0000000000000002"},
        {"entity": "contact", "id": "c1", "field": "lastName", "value": "Lovelace",
         "hlc": "not a clock"}],
       "cursor": 9, "more": false, "serverClock": "\#(clock)"}
      """#
    let server = try HostileServer(bodies: [good, bad])
    defer { server.close() }
    let client = try client(of: server)
    let error = await syncError(client)
    guard case .badAnswer(let route, let what)? = error else {
      return XCTFail("\(String(describing: error))")
    }
    XCTAssertEqual(route, "GET /v1/sync/pull")
    XCTAssertTrue(what.contains("changes.1.hlc"), what)
    XCTAssertTrue(what.contains("not a hybrid logical clock"), what)
    XCTAssertEqual(try client.store.syncStatus().cursor, 0)
    XCTAssertEqual(try client.store.count(.contact), 0)
  }

  func testInvalidUTF8InAPageIsABadAnswer() async throws {
    let head = #"{"changes": [{"entity": "contact", "id": "c1", "field": "firstName", "value": ""#
    let tail =
      #"", "hlc": "0000000000000001-0000000000000002"}], "cursor": 9, "more": false, "serverClock": "0000000000000000-0000000000000001"}"#
    let body = Array(head.utf8) + [0xC3, 0x28] + Array(tail.utf8)
    let answer =
      Array(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n"
          .utf8) + body
    let server = try HostileServer(raw: answer)
    defer { server.close() }
    let client = try client(of: server)
    let error = await syncError(client)
    guard case .badAnswer(_, let what)? = error else {
      return XCTFail("\(String(describing: error))")
    }
    XCTAssertTrue(what.contains("changes.0.value") && what.contains("UTF-8"), what)
    XCTAssertEqual(try client.store.syncStatus().cursor, 0)
  }
}
