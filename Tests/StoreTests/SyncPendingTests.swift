import Foundation
import Model
import Store
import XCTest

/// What waits to be pushed, and how the server's answers move it.
final class SyncPendingTests: SyncTestCase {
  func testPendingMutationsAreTheLocalOnesInOrderWithTheirLogEntries() throws {
    try joinAndBootstrap()
    XCTAssertEqual(try store.pendingMutations(limit: 10), [])
    let pulled = try lastSeq()
    let deal = try addDeal("First")
    try store.editDeal(deal.id, DealChanges(title: "First, renamed"), now: tick())
    try store.deleteDeal(deal.id, now: tick())
    try store.undo(now: tick())

    let pending = try store.pendingMutations(limit: 10)
    XCTAssertEqual(pending.count, 4)
    XCTAssertEqual(pending.map(\.seq), pending.map(\.seq).sorted())
    XCTAssertEqual(pending.map(\.label)[1...2], ["edit deal \(deal.id)", "delete deal \(deal.id)"])
    // Each one's changes are its change-log rows, typed, with this site's clocks.
    let log = try self.log(after: pulled)
    XCTAssertEqual(pending.flatMap(\.changes).count, log.count)
    XCTAssertEqual(pending.flatMap(\.changes).map(\.field), log.map(\.field))
    XCTAssertTrue(pending.flatMap(\.changes).allSatisfy { $0.hlc.site == store.site })
    let rename = try XCTUnwrap(pending[1].changes.first { $0.field == "title" })
    XCTAssertEqual(rename.value, .text("First, renamed"))
    XCTAssertEqual(rename.entity, "deal")
    XCTAssertEqual(rename.id, deal.id)
    XCTAssertEqual(rename.actor, account.userId)
    XCTAssertEqual(
      pending[0].changes.first { $0.field == "valueMinor" }?.value, .integer(100_00))
    XCTAssertEqual(
      try store.pendingMutations(limit: 2).map(\.seq), Array(pending.map(\.seq)[0..<2]))

    try store.markPushed(throughSeq: pending[1].seq)
    XCTAssertEqual(
      try store.pendingMutations(limit: 10).map(\.seq), Array(pending.map(\.seq)[2...]))
    XCTAssertEqual(try store.syncStatus().pending, 2)
    // The mark never moves back; marking is no mutation.
    try store.markPushed(throughSeq: pending[0].seq)
    XCTAssertEqual(try store.syncStatus().pending, 2)
    XCTAssertEqual(try store.undoLabel(), "edit deal \(deal.id)")
  }

  func testPulledChangesAreNeverPending() throws {
    _ = try remoteDeal("Theirs")
    try joinAndBootstrap()
    XCTAssertEqual(try store.syncStatus().pending, 0)
    _ = try addDeal("Mine")
    XCTAssertEqual(try store.pendingMutations(limit: 10).map(\.label), ["add deal Mine"])
  }

  func testStatusSaysWhoWhenAndHowMuch() throws {
    XCTAssertNil(try store.syncStatus().account)
    try joinAndBootstrap()
    try store.recordSyncSuccess(at: clock)
    let status = try store.syncStatus()
    XCTAssertEqual(status.account, account)
    XCTAssertEqual(status.lastSyncAt, clock)
    XCTAssertEqual(status.pending, 0)
    XCTAssertEqual(status.cursor, cursor)
    _ = try addDeal("Offline work")
    try store.leaveTeam()
    XCTAssertNil(try store.syncStatus().account)
    XCTAssertEqual(try store.syncStatus().pending, 1)
    XCTAssertEqual(try store.deals(DealFilter()).map(\.deal.title), ["Offline work"])
  }

  func testRestampRunsThePendingClocksOnTheServersTimeInOrder() throws {
    try store.joinTeam(account, mergeLocalWork: false, now: tick())
    _ = try remoteDeal("Remote")
    try apply(remoteChanges())
    let remoteLatest = try XCTUnwrap(log().map(\.hlc).max())
    // This machine's clock is an hour fast.
    let fast = clock.addingTimeInterval(3600)
    let deal = try store.createDeal(DealDraft(title: "Fast", value: eur(1_00)), now: fast)
    try store.editDeal(deal.id, DealChanges(title: "Faster"), now: fast.addingTimeInterval(1))
    let stamped = try store.pendingMutations(limit: 10).flatMap(\.changes)
    XCTAssertGreaterThan(
      stamped[0].hlc.millis, UInt64(clock.timeIntervalSince1970 * 1000) + 3_000_000)

    try store.restamp(pendingAheadBy: 3_600_000, now: fast.addingTimeInterval(2))
    let restamped = try store.pendingMutations(limit: 10).flatMap(\.changes)
    XCTAssertEqual(restamped.map(\.field), stamped.map(\.field))
    XCTAssertEqual(restamped.map(\.value), stamped.map(\.value))
    XCTAssertEqual(restamped.map(\.hlc), restamped.map(\.hlc).sorted())
    XCTAssertEqual(Set(restamped.map(\.hlc)).count, restamped.count)
    XCTAssertGreaterThan(restamped[0].hlc, remoteLatest)
    let serverNow = UInt64((clock.timeIntervalSince1970 + 2) * 1000)
    XCTAssertLessThanOrEqual(try XCTUnwrap(restamped.last).hlc.millis, serverNow + 1)
    // The next local write follows on from the restamped clocks.
    try store.editDeal(deal.id, DealChanges(priority: .high), now: clock.addingTimeInterval(3))
    let next = try XCTUnwrap(store.pendingMutations(limit: 10).last?.changes.first)
    XCTAssertGreaterThan(next.hlc, try XCTUnwrap(restamped.last).hlc)
    XCTAssertEqual(try store.deal(deal.id).title, "Faster")
  }
}
