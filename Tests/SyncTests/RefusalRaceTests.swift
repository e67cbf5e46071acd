import Foundation
import Model
import Store
import XCTest

@testable import Sync

/// A refused change whose field a remote write changed meanwhile, against a real server: a
/// rep edits the title of someone else's deal while a pull brings the admin's newer title
/// (the rep's pending edit is newer still, so the pull skips it); the push is then refused.
/// Setting the title back to the rep's own older value would leave the rep on a title the
/// server no longer holds, and no later pull would bring the admin's again (the cursor is
/// past it): the revert has to take the server's current write.
final class RefusalRaceTests: SyncTestCase {
  /// One page of the server's changes since the rep's cursor, applied as a pull that ran
  /// while the edit was being made (the engine pushes first, so it cannot be had from a
  /// whole `sync()`).
  private func pullWithoutPushing(_ client: Client, from server: ServerProcess) async throws {
    let token = try XCTUnwrap(try CredentialsFile(databasePath: client.path).load()).accessToken
    let cursor = try client.store.syncStatus().cursor
    let page = try await ServerAPI(server: server.url).pull(
      token: token, cursor: cursor, since: cursor, limit: 1000)
    XCTAssertFalse(page.more)
    _ = try client.store.applyPulled(
      page.changes, cursor: page.cursor, serverClock: page.serverClock, now: Date())
  }

  /// The fields of a deal as a client holds them, for comparing replicas.
  private func fields(_ client: Client, _ id: String) throws -> [String] {
    let deal = try client.store.deal(id)
    return [
      deal.title, deal.value.decimalString, deal.value.currency.code, deal.stageId,
      deal.ownerId ?? "-", deal.priority.rawValue,
    ]
  }

  func testARefusedEditOfAFieldARemoteWriteChangedMeanwhileEndsOnTheServersValue()
    async throws
  {
    let server = try startServer()
    let ada = try await admin(on: server)
    let rex = try await member(
      of: ada, on: server, email: "rex@example.com", name: "Rex", role: .rep)
    let deal = try addDeal(ada, "ACME renewal")
    try await ada.sync()
    try await rex.sync()
    XCTAssertEqual(try rex.store.deal(deal.id).title, "ACME renewal")

    // Ada renames it; then Rex, later, renames it too (and may not: it is Ada's deal).
    _ = try ada.store.editDeal(deal.id, DealChanges(title: "ACME renewal 2027"))
    try await ada.sync()
    try await Task.sleep(for: .milliseconds(20))
    _ = try rex.store.editDeal(deal.id, DealChanges(title: "Rex's ACME"))

    // The pull meets Rex's newer pending edit: his title stays.
    try await pullWithoutPushing(rex, from: server)
    XCTAssertEqual(try rex.store.deal(deal.id).title, "Rex's ACME")

    let summary = try await rex.sync()
    XCTAssertEqual(summary.refused.count, 1, "\(summary.refused)")
    XCTAssertEqual(try rex.store.deal(deal.id).title, "ACME renewal 2027")
    XCTAssertEqual(try rex.store.syncStatus().pending, 0, "the revert is not pushed")

    // Rex's replica equals the server's state: a new computer of Rex's bootstraps from it,
    // and Ada (the writer) agrees; another sync changes nothing.
    try await rex.sync()
    let fresh = try await secondComputer(of: "rex@example.com", on: server)
    try await ada.sync()
    XCTAssertEqual(try fields(rex, deal.id), try fields(fresh, deal.id))
    XCTAssertEqual(try fields(rex, deal.id), try fields(ada, deal.id))
    XCTAssertEqual(try rex.store.refusals().count, 1, "the refusal is listed for Rex")
  }
}
