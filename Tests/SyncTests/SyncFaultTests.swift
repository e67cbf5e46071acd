import Foundation
import Model
import Store
import XCTest

@testable import Sync

/// What breaks in the field: a server that dies, a network that drops an answer, a token
/// that expires, a clock that runs ahead. Nothing is lost and nothing is applied twice.
final class SyncFaultTests: SyncTestCase {
  func testAServerKilledAndRestartedMidPushLosesNothingAndAppliesNothingTwice() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let count = 520
    for index in 0..<count { _ = try addDeal(ada, "Deal \(index)") }
    XCTAssertGreaterThanOrEqual(try ada.store.syncStatus().pending, count)

    let pending = try ada.store.syncStatus().pending
    let pushing = Task { try await ada.engine.sync() }
    // Killed once the first request of the push was acknowledged: mid-push.
    let deadline = Date().addingTimeInterval(30)
    while try ada.store.syncStatus().pending == pending, Date() < deadline {
      try await Task.sleep(for: .milliseconds(5))
    }
    server.kill()
    let interrupted = await pushing.result
    try server.restart()
    var summary: SyncSummary?
    for _ in 0..<3 where summary == nil { summary = try? await ada.sync() }
    let after = try XCTUnwrap(summary, "the sync after the restart succeeds")
    if case .success = interrupted {
      print("the push finished before the kill; nothing was interrupted")
    } else {
      print("interrupted, then: \(after.sentence)")
    }
    XCTAssertEqual(try ada.store.syncStatus().pending, 0, "every change was delivered")
    XCTAssertTrue(after.refused.isEmpty, after.sentence)

    let cy = try await secondComputer(on: server)
    let titles = try cy.deals().values.map(\.title)
    XCTAssertEqual(titles.count, count, "each deal arrived once")
    XCTAssertEqual(Set(titles).count, count)
    XCTAssertEqual(try cy.store.syncStatus().cursor, try ada.store.syncStatus().cursor)
  }

  func testANetworkCutMidAnswerIsRetriedAndAnsweredDuplicate() async throws {
    let server = try startServer()
    let proxy = try CutProxy(targetPort: server.port)
    defer { proxy.close() }
    let ada = try newClient("ada")
    _ = try await ada.joining.signup(
      server: proxy.url,
      SignupRequest(email: "ada@example.com", name: "Ada", password: Self.password),
      mergeLocalWork: false
    ).firstSync.get()
    for index in 0..<3 { _ = try addDeal(ada, "Deal \(index)") }

    proxy.cut(next: 1, afterBytes: 40)
    do throws(SyncError) {
      _ = try await ada.sync()
      XCTFail("a cut answer is an error")
    } catch {
      guard case .offline = error else { return XCTFail("\(error)") }
      XCTAssertTrue("\(error)".contains(proxy.url), "\(error)")
    }
    XCTAssertEqual(proxy.cutsMade, 1)
    XCTAssertEqual(try ada.store.syncStatus().pending, 3, "unacknowledged changes still wait")

    let retry = try await ada.sync()
    XCTAssertEqual(retry.duplicates, 3, "the server had applied them: \(retry.sentence)")
    XCTAssertEqual(retry.pushed, 0)
    XCTAssertEqual(try ada.store.syncStatus().pending, 0)
    let cy = try await secondComputer(on: server)
    XCTAssertEqual(try cy.deals().values.map(\.title).sorted(), ["Deal 0", "Deal 1", "Deal 2"])
  }

  func testAnAccessTokenThatExpiresMidSyncIsRefreshedWithoutAsking() async throws {
    // The shortest lifetime crm-server takes.
    let server = try startServer(["--access-token-lifetime", "10"])
    let ada = try await admin(on: server)
    let file = CredentialsFile(databasePath: ada.path)
    let before = try XCTUnwrap(file.load())
    _ = try addDeal(ada, "Written before expiry")
    try await Task.sleep(for: .milliseconds(10_500))

    // The token file still believes in the token: the server's 401 is what tells.
    var stale = try XCTUnwrap(file.load())
    stale.accessExpiresAt = Date().addingTimeInterval(3600)
    try file.save(stale)
    let again = try Client(path: ada.path)
    let summary = try await again.sync()
    XCTAssertGreaterThan(summary.pushed, 0)
    let after = try XCTUnwrap(file.load())
    XCTAssertNotEqual(after.refreshToken, before.refreshToken, "the new tokens were saved")
    XCTAssertEqual(try again.store.syncStatus().pending, 0)

    // Expired by the file's clock: refreshed before the first call.
    var old = after
    old.accessExpiresAt = Date().addingTimeInterval(-1)
    try file.save(old)
    let third = try Client(path: ada.path)
    _ = try addDeal(third, "Later")
    let later = try await third.sync()
    XCTAssertGreaterThan(later.pushed, 0)
    XCTAssertNotEqual(try XCTUnwrap(file.load()).refreshToken, after.refreshToken)
  }

  func testARefusedRefreshSaysToLogInAgainAndKeepsTheChanges() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let file = CredentialsFile(databasePath: ada.path)
    var broken = try XCTUnwrap(file.load())
    broken.accessToken = "not.a.token"
    broken.refreshToken = "not-a-refresh-token"
    try file.save(broken)
    let again = try Client(path: ada.path)
    _ = try addDeal(again, "Waiting")
    do throws(SyncError) {
      _ = try await again.sync()
      XCTFail("a refused refresh fails the sync")
    } catch {
      XCTAssertEqual(error, .sessionExpired)
      XCTAssertTrue(error.description.contains("log in again"), error.description)
    }
    XCTAssertGreaterThan(try again.store.syncStatus().pending, 0, "the change still waits")
  }

  func testAClientWhoseClockIsAnHourFastStillSyncsAndKeepsItsChanges() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let cy = try await secondComputer(on: server)
    let future = Date().addingTimeInterval(3600)
    let deal = try addDeal(ada, "From the future", now: future)
    _ = try ada.store.editDeal(
      deal.id, DealChanges(priority: .high), now: future.addingTimeInterval(1))

    let summary = try await ada.sync()
    XCTAssertTrue(summary.refused.isEmpty, summary.sentence)
    XCTAssertEqual(try ada.store.syncStatus().pending, 0)
    XCTAssertEqual(try ada.deals()[deal.id]?.priority, .high, "the change is kept")

    try await cy.sync()
    XCTAssertEqual(try cy.deals()[deal.id]?.title, "From the future")
    // Re-stamped to the server's present: a later edit elsewhere still wins.
    _ = try cy.store.editDeal(deal.id, DealChanges(title: "Edited now"))
    try await cy.sync()
    try await ada.sync()
    XCTAssertEqual(try ada.deals()[deal.id]?.title, "Edited now")
  }

  func testAnUnreachableServerIsOfflineAndTheChangesWait() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    _ = try addDeal(ada, "Offline work")
    server.kill()
    do throws(SyncError) {
      _ = try await ada.sync()
      XCTFail("no server, no sync")
    } catch {
      guard case .offline(let named, _) = error else { return XCTFail("\(error)") }
      XCTAssertEqual(named, server.url)
    }
    XCTAssertGreaterThan(try ada.store.syncStatus().pending, 0)
    try server.restart()
    let back = try await ada.sync()
    XCTAssertGreaterThan(back.pushed, 0)
  }

  func testATokenFileOthersCanReadIsRefused() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let path = ada.path + ".auth"
    var info = stat()
    XCTAssertEqual(stat(path, &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o600)
    chmod(path, 0o644)
    let again = try Client(path: ada.path)
    do throws(SyncError) {
      _ = try await again.sync()
      XCTFail("a readable token file is refused")
    } catch {
      XCTAssertTrue(error.description.contains("chmod 600"), error.description)
    }
  }
}
