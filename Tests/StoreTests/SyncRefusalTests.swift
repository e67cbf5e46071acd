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

  /// A rep's pending edit (clock L) beats a pulled write of the same field (R < L), which
  /// is skipped; the server then refuses the edit. Set back to the value before the edit,
  /// older than R, the replica would hold what the server no longer does; set back to the
  /// server's current write, it holds the server's value with the server's clock.
  func testARefusedEditGoesBackToTheServersNewerWriteItHadSkipped() throws {
    let deal = try joined()
    try store.editDeal(deal.id, DealChanges(title: "Mine"), now: tick(10))
    try remote.editDeal(
      deal.id, DealChanges(title: "Theirs"), now: clock.addingTimeInterval(-0.5))
    let theirs = try remoteChanges()
    XCTAssertEqual(try apply(theirs).applied, 0, "the pending edit's clock is greater")
    XCTAssertEqual(try store.deal(deal.id).title, "Mine")
    let refused = try XCTUnwrap(store.pendingMutations(limit: 10).first)
    let tried = Set(refused.changes.map(\.field))
    let current = theirs.filter { $0.id == deal.id && tried.contains($0.field) }
    XCTAssertEqual(Set(current.map(\.field)), ["title", "updatedAt"])
    try store.refuse(
      mutationSeq: refused.seq, reason: "refused", serverCurrent: current, now: tick())

    XCTAssertEqual(try store.deal(deal.id).title, "Theirs")
    XCTAssertEqual(try store.deal(deal.id).title, try remote.deal(deal.id).title)
    let title = try XCTUnwrap(store.changes(recordId: deal.id).last { $0.field == "title" })
    XCTAssertEqual(title.hlc, current.first { $0.field == "title" }?.hlc)
    XCTAssertEqual(try store.syncStatus().pending, 0)
    // The replica compares later pulls against the server's clock: an older write loses.
    let older = HLC(packed: title.hlc.packed - 1, site: title.hlc.site)
    XCTAssertEqual(
      try apply([
        FieldChange(entity: "deal", id: deal.id, field: "title", value: .text("Old"), hlc: older)
      ]).applied, 0)
    XCTAssertEqual(try store.deal(deal.id).title, "Theirs")
    // A later local edit still wins over the server's write it went back to.
    try store.editDeal(deal.id, DealChanges(title: "Mine again"), now: tick())
    let edit = try XCTUnwrap(store.pendingMutations(limit: 10).last)
    XCTAssertGreaterThan(try XCTUnwrap(edit.changes.first { $0.field == "title" }).hlc, title.hlc)
  }

  func testARefusalKeepsTheLocalValueWhenTheServersWriteIsNotNewer() throws {
    let deal = try joined()
    let pulled = try XCTUnwrap(store.changes(recordId: deal.id).last { $0.field == "title" })
    try store.editDeal(deal.id, DealChanges(title: "Mine"), now: tick())
    let refused = try XCTUnwrap(store.pendingMutations(limit: 10).first)
    // The server answers with the very write this replica pulled, and a field it has not.
    let current = [
      FieldChange(
        entity: "deal", id: deal.id, field: "title", value: .text("Their deal"), hlc: pulled.hlc),
      FieldChange(
        entity: "deal", id: deal.id, field: "nonsense", value: .text("x"), hlc: hlc(5)),
    ]
    try store.refuse(
      mutationSeq: refused.seq, reason: "refused", serverCurrent: current, now: tick())
    XCTAssertEqual(try store.deal(deal.id).title, "Their deal")
    XCTAssertEqual(
      try XCTUnwrap(store.changes(recordId: deal.id).last { $0.field == "title" }).hlc,
      pulled.hlc)
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
