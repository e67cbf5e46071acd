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
}
