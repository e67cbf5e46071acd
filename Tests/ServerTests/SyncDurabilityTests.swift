import Foundation
import Model
import Sync
import XCTest

/// A server killed with SIGKILL and started again on its database keeps every change it
/// accepted, and still knows which pushes it applied.
final class SyncDurabilityTests: XCTestCase {
  func testAKilledServerLosesNoAcceptedChangeAndARetryIsDuplicate() async throws {
    let server = try ServerProcess()
    defer { server.remove() }
    let team = try await HarnessTeam.create(on: server)
    var site = HarnessSite()
    let ids = (0..<50).map { _ in UUIDv7.generate() }
    let request = site.request(
      ids.map { site.mutation("deal", $0, ["title": .text("Deal \($0)"), "deleted": .integer(0)]) })
    let accepted = try await team.adminClient.push(request)
    XCTAssertEqual(Set(accepted.results.map(\.status)), [.accepted])
    let before = try await team.adminClient.pullAll()

    server.kill()
    try server.restart()
    // The signing secret is kept in the database, so the token still works.
    let retry = try await team.adminClient.push(request)
    XCTAssertEqual(Set(retry.results.map(\.status)), [.duplicate])
    XCTAssertEqual(retry.latestSeq, accepted.latestSeq)
    XCTAssertGreaterThan(retry.serverClock, accepted.serverClock, "the clock resumes after")
    let after = try await team.adminClient.pullAll()
    XCTAssertEqual(after.changes, before.changes)
    XCTAssertEqual(after.cursor, before.cursor)
  }
}
