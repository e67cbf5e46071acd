import Foundation
import Model
import Store
import XCTest

/// Pulled pages applied field by field, last writer wins.
final class SyncApplyTests: SyncTestCase {
  func testAnEditWithALaterClockWinsAndOlderOrEqualClocksAreIgnored() throws {
    let deal = try remoteDeal("ACME renewal")
    try joinAndBootstrap()
    try remote.editDeal(deal.id, DealChanges(title: "ACME renewal 2027"), now: tick())
    let edit = try remoteChanges()
    let report = try apply(edit)
    // The title and updatedAt; the users the server sends again are here already.
    XCTAssertEqual(report.applied, 2)
    XCTAssertEqual(report.ignored, edit.filter { $0.entity == "user" }.count)
    XCTAssertEqual(try store.deal(deal.id).title, "ACME renewal 2027")

    // The same change again (a retried pull) and an older write of the field change nothing.
    let title = try XCTUnwrap(edit.first { $0.field == "title" })
    var older = title
    older.value = .text("Stale title")
    older.hlc = HLC(millis: title.hlc.millis - 5_000, counter: 0, site: title.hlc.site)
    var equal = title
    equal.value = .text("Same clock, other value")
    let before = try snapshot()
    let again = try apply([older, equal])
    XCTAssertEqual(again.applied, 0)
    XCTAssertEqual(again.ignored, 2)
    XCTAssertEqual(try snapshot(), before)
    XCTAssertEqual(try store.deal(deal.id).title, "ACME renewal 2027")
  }

  func testReapplyingAPageChangesNothing() throws {
    _ = try remoteDeal("One")
    _ = try remoteDeal("Two")
    let page = try remoteChanges()
    try store.joinTeam(account, mergeLocalWork: false, now: tick())
    try apply(page)
    let before = try snapshot()
    let report = try apply(page)
    XCTAssertEqual(report.applied, 0)
    XCTAssertEqual(report.ignored, page.count)
    XCTAssertEqual(report.notices, [])
    XCTAssertEqual(try snapshot(), before)
  }

  func testATombstoneTakesTheDealOffTheBoard() throws {
    let deal = try remoteDeal("Doomed")
    _ = try remoteDeal("Kept")
    try joinAndBootstrap()
    XCTAssertEqual(try column("Qualification").count, 2)
    try remote.deleteDeal(deal.id, now: tick())
    let report = try apply(remoteChanges())
    XCTAssertEqual(try column("Qualification").count, 1)
    XCTAssertEqual(try column("Qualification").totals, [eur(500_00)])
    XCTAssertEqual(try store.search("Doomed"), [])
    XCTAssertEqual(report.notices.map(\.kind), [.deleted])
  }

  func testTheClockFoldsInReceivedClocksSoALaterLocalWriteIsGreater() throws {
    let deal = try remoteDeal("Clocks")
    try joinAndBootstrap()
    // Another replica's clock 50 s ahead of ours: allowed (within a minute).
    let ahead = hlc(50)
    let report = try apply([
      FieldChange(entity: "deal", id: deal.id, field: "title", value: .text("Ahead"), hlc: ahead)
    ])
    XCTAssertEqual(report.applied, 1)
    try store.editDeal(deal.id, DealChanges(title: "Mine, later"), now: tick())
    let mine = try XCTUnwrap(store.pendingMutations(limit: 10).last?.changes.first)
    XCTAssertGreaterThan(mine.hlc, ahead)
    // And the server, merging by the same rule, keeps the local edit.
    XCTAssertTrue(LastWriterWins.wins(mine.hlc, over: ahead))
  }

  func testUndoNeverOffersPulledChangesAndAPullKeepsTheRedoChain() throws {
    let deal = try remoteDeal("Undoable")
    try joinAndBootstrap()
    XCTAssertNil(try store.undoLabel())
    try store.editDeal(deal.id, DealChanges(priority: .high), now: tick())
    let label = try XCTUnwrap(store.undoLabel())
    try remote.editDeal(deal.id, DealChanges(title: "Renamed remotely"), now: tick())
    try apply(remoteChanges())
    XCTAssertEqual(try store.undoLabel(), label)
    try store.undo(now: tick())
    XCTAssertEqual(try store.deal(deal.id).priority, .normal)
    XCTAssertEqual(try store.deal(deal.id).title, "Renamed remotely")
    XCTAssertNil(try store.undoLabel())
    // A pull between undo and redo does not end the redo chain.
    try remote.editDeal(deal.id, DealChanges(value: eur(7_00)), now: tick())
    try apply(remoteChanges())
    XCTAssertEqual(try store.redoLabel(), label)
    try store.redo(now: tick())
    XCTAssertEqual(try store.deal(deal.id).priority, .high)
  }

  func testALocalEditBeatenByALaterRemoteOneIsAConflict() throws {
    let deal = try remoteDeal("Contested")
    try joinAndBootstrap()
    try store.editDeal(deal.id, DealChanges(title: "My title", priority: .high), now: tick())
    try remote.editDeal(deal.id, DealChanges(title: "Their title"), now: tick())
    let report = try apply(remoteChanges())
    XCTAssertEqual(try store.deal(deal.id).title, "Their title")
    // A different field of the same deal: both edits survive, no conflict.
    XCTAssertEqual(try store.deal(deal.id).priority, .high)
    XCTAssertEqual(report.conflicts.map(\.field), ["title"])
    let conflict = try XCTUnwrap(store.conflicts(limit: 10).first)
    XCTAssertEqual(conflict.mine, .text("My title"))
    XCTAssertEqual(conflict.theirs, .text("Their title"))
    XCTAssertEqual(conflict.recordTitle, "Their title")
    XCTAssertEqual(conflict.theirActor, try remoteUser.id)
    XCTAssertEqual(try store.syncStatus().conflicts, 1)
    try store.dismissConflicts()
    XCTAssertEqual(try store.syncStatus().conflicts, 0)
    XCTAssertEqual(try store.conflicts(limit: 10), [])
  }

  func testNoticesNameWhatMovedWhereAndWhoDidIt() throws {
    let deal = try remoteDeal("ACME renewal")
    let created = try joinAndBootstrap().notices
    XCTAssertTrue(
      created.contains(
        RemoteNotice(
          kind: .created, entity: "deal", recordId: deal.id, title: "ACME renewal",
          actorName: "Bea Remote")))
    try remote.moveDeal(deal.id, toStage: "Negotiation", now: tick())
    let moved = try apply(remoteChanges()).notices
    XCTAssertEqual(
      moved,
      [
        RemoteNotice(
          kind: .moved(toStage: "Negotiation"), entity: "deal", recordId: deal.id,
          title: "ACME renewal", actorName: "Bea Remote")
      ])
    try remote.editDeal(deal.id, DealChanges(title: "ACME renewal (3y)"), now: tick())
    XCTAssertEqual(try apply(remoteChanges()).notices.map(\.kind), [.edited])
    // This user's own changes coming back are not news.
    try store.editDeal(deal.id, DealChanges(priority: .low), now: tick())
    let mine = try store.pendingMutations(limit: 10).flatMap(\.changes)
    XCTAssertEqual(try apply(mine).notices, [])
  }

  func testContactSearchSeesAPulledRename() throws {
    let contact = try remote.createContact(
      Contact(firstName: "Ada", lastName: "Lovelace"), now: tick())
    try joinAndBootstrap()
    XCTAssertEqual(try store.contactPage(search: "lovel").rows.map(\.contact.id), [contact.id])
    try remote.editContact(contact.id, now: tick()) { $0.lastName = "Byron" }
    try apply(remoteChanges())
    XCTAssertEqual(try store.contactPage(search: "lovel").rows.map(\.contact.id), [])
    XCTAssertEqual(try store.contactPage(search: "byro").rows.map(\.contact.id), [contact.id])
    XCTAssertEqual(try store.contactPage().rows.map(\.contact.lastName), ["Byron"])
  }
}
