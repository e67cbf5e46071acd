import Foundation
import Model
import Store
import XCTest

/// Undo sets back exactly what the last change wrote, as a new change; redo puts it back.
final class UndoTests: StoreTestCase {
  func testNothingToUndoOnAFreshStore() throws {
    assertThrows(.nothingToUndo) { try store.undo(now: tick()) }
    assertThrows(.nothingToRedo) { try store.redo(now: tick()) }
    XCTAssertNil(try store.undoLabel())
    // Setting the database up is not a change the user made: it stays.
    XCTAssertEqual(try store.pipelines().map(\.name), ["Sales"])
    XCTAssertNotNil(try store.localUser())
  }

  func testNothingToUndoOnAnEmptyFile() throws {
    let empty = try Store(path: directory.appendingPathComponent("empty.sqlite").path)
    assertThrows(.nothingToUndo) { try empty.undo() }
    assertThrows(.nothingToRedo) { try empty.redo() }
  }

  func testUndoCreateRemovesTheDealEverywhere() throws {
    try addDeal("Existing", eur(10_00))
    let before = try visibleState()
    let deal = try addDeal("Fleet tracking", usd(99_00))
    XCTAssertEqual(try store.undoLabel(), "add deal Fleet tracking")

    XCTAssertEqual(try store.undo(now: tick()), "add deal Fleet tracking")

    XCTAssertEqual(try visibleState(), before)
    assertThrows(.notFound(entity: "deal", key: deal.id)) { try store.deal(deal.id) }
    XCTAssertEqual(try store.search("fleet"), [])
    XCTAssertEqual(try store.redoLabel(), "add deal Fleet tracking")
  }

  func testUndoEditRestoresTheWholeRecord() throws {
    let company = try store.createCompany(Company(name: "Acme"), now: tick())
    let deal = try addDeal("Annual licence", eur(1_000_00))
    let before = try visibleState()
    let original = try store.deal(deal.id)

    let edited = try store.editDeal(
      deal.id,
      DealChanges(
        title: "Annual licence x3", value: usd(3_000_00), priority: .urgent,
        closeDate: .some(.ymd(2025, 9, 30)), company: .some(company.id)), now: tick())
    XCTAssertEqual(try store.deal(deal.id), edited)
    XCTAssertEqual(try column("Qualification").totals, [usd(3_000_00)])

    try store.undo(now: tick())
    XCTAssertEqual(try store.deal(deal.id), original)
    XCTAssertEqual(try visibleState(), before)
    XCTAssertEqual(try column("Qualification").totals, [eur(1_000_00)])

    try store.redo(now: tick())
    XCTAssertEqual(try store.deal(deal.id), edited)
    XCTAssertEqual(try column("Qualification").totals, [usd(3_000_00)])
  }

  func testUndoMoveRestoresStageAndPositionAndAppendsToHistory() throws {
    let a = try addDeal("A", eur(1_00))
    let b = try addDeal("B", eur(2_00))
    let c = try addDeal("C", eur(4_00))
    let before = try visibleState()
    let original = try store.deal(b.id)

    try store.moveDeal(b.id, toStage: "Proposal", now: tick())
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [c.id, a.id])
    XCTAssertEqual(try column("Proposal").totals, [eur(2_00)])

    try store.undo(now: tick())
    XCTAssertEqual(try store.deal(b.id), original)
    XCTAssertEqual(try visibleState(), before)
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [c.id, b.id, a.id])
    let entries = try history(b.id)
    XCTAssertEqual(entries.map(\.toStageName), ["Qualification", "Proposal", "Qualification"])
    XCTAssertEqual(entries.map(\.fromStageName), [nil, "Qualification", "Proposal"])

    try store.redo(now: tick())
    XCTAssertEqual(try store.deal(b.id).stageId, try stage("Proposal").id)
    XCTAssertEqual(try history(b.id).count, 4)
  }

  func testUndoMoveToLostClearsTheReasonAgain() throws {
    let deal = try addDeal("Lost cause")
    let original = try store.deal(deal.id)
    try store.moveDeal(deal.id, toStage: "Lost", lostReason: "Price too high", now: tick())
    XCTAssertEqual(try store.deal(deal.id).lostReason, "Price too high")
    try store.undo(now: tick())
    XCTAssertEqual(try store.deal(deal.id), original)
    XCTAssertEqual(try store.deals(DealFilter(status: .lost)), [])
  }

  func testUndoReorderRestoresTheOrder() throws {
    let a = try addDeal("A")
    let b = try addDeal("B")
    let before = try visibleState()
    try store.reorderDeal(b.id, by: 1, now: tick())
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [a.id, b.id])
    try store.undo(now: tick())
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [b.id, a.id])
    XCTAssertEqual(try visibleState(), before)
  }

  func testUndoDeleteBringsTheDealBack() throws {
    let deal = try addDeal("Harbor Coffee renewal", eur(450_00), stage: "Negotiation")
    let before = try visibleState()
    try store.deleteDeal(deal.id, now: tick())
    XCTAssertEqual(try column("Negotiation").count, 0)

    try store.undo(now: tick())
    XCTAssertEqual(try visibleState(), before)
    XCTAssertEqual(try store.deal(deal.id), deal)
    XCTAssertEqual(try column("Negotiation").totals, [eur(450_00)])
    XCTAssertEqual(try column("Negotiation").weighted, [eur(337_50)])
    XCTAssertEqual(try store.search("harbor").map(\.id), [deal.id])
  }

  func testUndoContactEditAndDelete() throws {
    let contact = try store.createContact(
      Contact(
        firstName: "Anna", lastName: "Schmidt", emails: [EmailAddress("anna@acme.example")],
        createdAt: clock),
      now: tick())
    try store.editContact(contact.id, now: tick()) {
      $0.emails = [EmailAddress("a.schmidt@acme.example", type: .home)]
      $0.tags = ["vip"]
    }
    try store.deleteContact(contact.id, now: tick())
    XCTAssertEqual(try store.contacts(), [])

    try store.undo(now: tick())
    XCTAssertEqual(try store.contact(contact.id).tags, ["vip"])
    try store.undo(now: tick())
    XCTAssertEqual(try store.contact(contact.id), contact)
    XCTAssertEqual(try store.search("anna@acme", in: [.contact]).map(\.id), [contact.id])
    XCTAssertEqual(try store.search("schmidt@acme", in: [.contact]), [])
  }

  func testMultipleUndosGoBackInOrderAndRedosForward() throws {
    let start = try visibleState()
    let deal = try addDeal("Step one", eur(100_00))
    let afterCreate = try visibleState()
    try store.editDeal(deal.id, DealChanges(title: "Step two"), now: tick())
    let afterEdit = try visibleState()
    try store.moveDeal(deal.id, toStage: "Won", now: tick())
    let afterMove = try visibleState()

    XCTAssertEqual(try store.undo(now: tick()), "move deal \(deal.id)")
    XCTAssertEqual(try visibleState(), afterEdit)
    XCTAssertEqual(try store.undo(now: tick()), "edit deal \(deal.id)")
    XCTAssertEqual(try visibleState(), afterCreate)
    XCTAssertEqual(try store.undo(now: tick()), "add deal Step one")
    XCTAssertEqual(try visibleState(), start)
    assertThrows(.nothingToUndo) { try store.undo(now: tick()) }

    XCTAssertEqual(try store.redo(now: tick()), "add deal Step one")
    XCTAssertEqual(try visibleState(), afterCreate)
    XCTAssertEqual(try store.redo(now: tick()), "edit deal \(deal.id)")
    XCTAssertEqual(try visibleState(), afterEdit)
    XCTAssertEqual(try store.redo(now: tick()), "move deal \(deal.id)")
    XCTAssertEqual(try visibleState(), afterMove)
    assertThrows(.nothingToRedo) { try store.redo(now: tick()) }

    // Undo after redo undoes the redone change.
    XCTAssertEqual(try store.undo(now: tick()), "move deal \(deal.id)")
    XCTAssertEqual(try visibleState(), afterEdit)
  }

  func testANewChangeEndsTheRedoChain() throws {
    let deal = try addDeal("Original")
    try store.editDeal(deal.id, DealChanges(title: "Edited"), now: tick())
    try store.undo(now: tick())
    XCTAssertNotNil(try store.redoLabel())
    try store.editDeal(deal.id, DealChanges(priority: .high), now: tick())
    XCTAssertNil(try store.redoLabel())
    assertThrows(.nothingToRedo) { try store.redo(now: tick()) }
    XCTAssertEqual(try store.deal(deal.id).title, "Original")
    XCTAssertEqual(try store.deal(deal.id).priority, .high)
  }

  func testUndoAndRedoAreLoggedAndSurviveReopening() throws {
    let deal = try addDeal("Logged", eur(5_00))
    let entries = try appended { try store.undo(now: tick()) }
    XCTAssertEqual(entries.map(\.field), ["deleted"])
    XCTAssertEqual(entries.map(\.value), ["1"])
    store = nil
    store = try Store(path: path)
    XCTAssertEqual(try store.redoLabel(), "add deal Logged")
    try store.redo(now: tick())
    XCTAssertEqual(try store.deal(deal.id), deal)
  }

  func testUndoOfADealWithContactsUnlinksThem() throws {
    let contact = try store.createContact(
      Contact(firstName: "Hiro", lastName: "Tanaka"), now: tick())
    let deal = try addDeal("Linked", contacts: [contact.id])
    XCTAssertEqual(try store.dealDetail(deal.id).contacts.map(\.contact.id), [contact.id])
    try store.undo(now: tick())
    try store.redo(now: tick())
    XCTAssertEqual(try store.dealDetail(deal.id).contacts.map(\.contact.id), [contact.id])
    try store.unlinkContact(contact.id, fromDeal: deal.id)
    XCTAssertEqual(try store.dealDetail(deal.id).contacts.count, 0)
    try store.undo(now: tick())
    XCTAssertEqual(try store.dealDetail(deal.id).contacts.map(\.contact.id), [contact.id])
  }
}
