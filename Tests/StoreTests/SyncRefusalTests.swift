import Foundation
import Model
import Store
import XCTest

/// Changes the server refused: set back locally, shown, redone or dropped.
final class SyncRefusalTests: SyncTestCase {
  private func joined() throws -> Deal {
    let deal = try remoteDeal("Their deal")
    try joinAndBootstrap()
    return deal
  }

  func testARefusedEditIsSetBackShownAndNotPushed() throws {
    let deal = try joined()
    try store.editDeal(deal.id, DealChanges(title: "Hijacked"), now: tick())
    let refused = try XCTUnwrap(store.pendingMutations(limit: 10).first)
    try store.refuse(
      mutationSeq: refused.seq, reason: "a rep may not edit another's deal", now: tick())

    XCTAssertEqual(try store.deal(deal.id).title, "Their deal")
    XCTAssertEqual(try store.search("Hijacked"), [])
    XCTAssertEqual(try store.syncStatus().pending, 0)
    XCTAssertEqual(try store.syncStatus().refusals, 1)
    XCTAssertNil(try store.undoLabel())
    let refusal = try XCTUnwrap(store.refusals().first)
    XCTAssertEqual(refusal.id, refused.id)
    XCTAssertEqual(refusal.label, refused.label)
    XCTAssertEqual(refusal.reason, "a rep may not edit another's deal")
    XCTAssertEqual(refusal.changes, refused.changes)
    // The field holds the server's clock again: the owner's later edit still wins here.
    try remote.editDeal(deal.id, DealChanges(title: "Their deal, v2"), now: tick())
    XCTAssertEqual(try apply(remoteChanges()).applied, 2)
    XCTAssertEqual(try store.deal(deal.id).title, "Their deal, v2")
  }

  func testARefusedCreationIsTombstonedWithItsHistory() throws {
    _ = try joined()
    let deal = try addDeal("Not allowed")
    let refused = try XCTUnwrap(store.pendingMutations(limit: 10).first)
    try store.refuse(mutationSeq: refused.seq, reason: "refused", now: tick())
    XCTAssertEqual(try store.count(.deal), 1)
    XCTAssertEqual(try store.count(.stageChange), 1)
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.title), ["Their deal"])
    XCTAssertEqual(try store.syncStatus().pending, 0)
    XCTAssertEqual(try store.deals(DealFilter()).map(\.deal.title), ["Their deal"])
    XCTAssertEqual(try store.search("allowed").map(\.id).contains(deal.id), false)
  }

  func testARefusalLeavesLaterEditsOfTheSameFieldAlone() throws {
    let deal = try joined()
    try store.editDeal(deal.id, DealChanges(title: "Second"), now: tick())
    try store.editDeal(deal.id, DealChanges(title: "Third"), now: tick())
    let first = try XCTUnwrap(store.pendingMutations(limit: 10).first)
    try store.refuse(mutationSeq: first.seq, reason: "refused", now: tick())
    XCTAssertEqual(try store.deal(deal.id).title, "Third")
    XCTAssertEqual(try store.syncStatus().pending, 1)
  }

  func testTwoRefusedEditsOfOneFieldGoBackToTheServersValue() throws {
    let deal = try joined()
    try store.editDeal(deal.id, DealChanges(title: "Second"), now: tick())
    try store.editDeal(deal.id, DealChanges(title: "Third"), now: tick())
    let pushed = try store.pendingMutations(limit: 10)
    XCTAssertEqual(pushed.count, 2)
    // The server refuses both, and the answers are reverted in the order they were sent.
    for mutation in pushed {
      try store.refuse(mutationSeq: mutation.seq, reason: "refused", now: tick())
    }
    XCTAssertEqual(try store.deal(deal.id).title, "Their deal")
    XCTAssertEqual(try store.syncStatus().pending, 0)
    XCTAssertEqual(try store.syncStatus().refusals, 2)
  }

  func testRedoingARefusalWritesItAgainAsPending() throws {
    let deal = try joined()
    try store.editDeal(deal.id, DealChanges(title: "Try again"), now: tick())
    let refused = try XCTUnwrap(store.pendingMutations(limit: 10).first)
    try store.refuse(mutationSeq: refused.seq, reason: "refused", now: tick())
    try store.redoRefusal(id: refused.id, now: tick())
    XCTAssertEqual(try store.deal(deal.id).title, "Try again")
    XCTAssertEqual(try store.refusals(), [])
    let pending = try store.pendingMutations(limit: 10)
    XCTAssertEqual(pending.map(\.label), [refused.label])
    XCTAssertGreaterThan(pending[0].seq, refused.seq)
    XCTAssertEqual(pending[0].changes.map(\.field), refused.changes.map(\.field))
  }

  func testRedoingARefusedCreationBringsTheRecordBack() throws {
    _ = try joined()
    let deal = try addDeal("Second chance")
    let refused = try XCTUnwrap(store.pendingMutations(limit: 10).first)
    try store.refuse(mutationSeq: refused.seq, reason: "refused", now: tick())
    try store.redoRefusal(id: refused.id, now: tick())
    XCTAssertEqual(try store.deal(deal.id).title, "Second chance")
    XCTAssertEqual(try history(deal.id).count, 1)
    XCTAssertEqual(try store.syncStatus().pending, 1)
  }

  func testDroppingARefusalKeepsTheServersValue() throws {
    let deal = try joined()
    try store.editDeal(deal.id, DealChanges(title: "Never mind"), now: tick())
    let refused = try XCTUnwrap(store.pendingMutations(limit: 10).first)
    try store.refuse(mutationSeq: refused.seq, reason: "refused", now: tick())
    try store.dropRefusal(id: refused.id)
    XCTAssertEqual(try store.refusals(), [])
    XCTAssertEqual(try store.deal(deal.id).title, "Their deal")
    XCTAssertThrowsError(try store.dropRefusal(id: refused.id))
    XCTAssertThrowsError(try store.redoRefusal(id: refused.id, now: tick()))
  }
}
