import Foundation
import Model
import Store
import XCTest

/// A refused write names what is wrong and changes nothing: not a row, not a log entry, not a
/// total.
final class RefusalTests: StoreTestCase {
  private func unknownId() -> String { UUIDv7.generate() }

  func testDealTitleAndValue() throws {
    try addDeal("Existing", eur(1_00))
    try assertNothingChanges {
      assertInvalid("title") { try addDeal("   ") }
      assertInvalid("title") { try addDeal("Bad\u{7}bell") }
      assertInvalid("title") { try addDeal(String(repeating: "x", count: 201)) }
      assertInvalid("value") { try addDeal("Negative", eur(-1)) }
    }
    let deal = try XCTUnwrap(store.deals().first).deal
    try assertNothingChanges {
      assertInvalid("title") { try store.editDeal(deal.id, DealChanges(title: ""), now: tick()) }
      assertInvalid("value") {
        try store.editDeal(deal.id, DealChanges(title: "Renamed", value: usd(-5)), now: tick())
      }
    }
  }

  func testUnknownStagePipelineOwnerCompanyContact() throws {
    try store.createPipeline(name: "Partnerships", now: tick())
    try assertNothingChanges {
      assertThrows(.notFound(entity: "stage", key: "Nowhere")) {
        try addDeal("X", stage: "Nowhere")
      }
      assertThrows(.notFound(entity: "pipeline", key: "Nope")) {
        try addDeal("X", pipeline: "Nope")
      }
      assertThrows(.notFound(entity: "user", key: "Nobody")) { try addDeal("X", owner: "Nobody") }
      assertThrows(.notFound(entity: "company", key: "Ghost Inc")) {
        try addDeal("X", company: "Ghost Inc")
      }
      let contact = unknownId()
      assertThrows(.notFound(entity: "contact", key: contact)) {
        try addDeal("X", contacts: [contact])
      }
      // A stage of another pipeline is not found in the one named.
      let salesWon = try stage("Won").id
      assertThrows(.notFound(entity: "stage", key: salesWon)) {
        try addDeal("X", stage: salesWon, pipeline: "Partnerships")
      }
    }
    // The same stage name in two pipelines needs the pipeline.
    try assertNothingChanges {
      XCTAssertThrowsError(try addDeal("X", stage: "Won")) { error in
        guard case .ambiguous(let entity, _, let matches)? = error as? StoreError else {
          return XCTFail("\(error)")
        }
        XCTAssertEqual(entity, "stage")
        XCTAssertEqual(matches.count, 2)
      }
    }
    let deal = try addDeal("Real")
    try assertNothingChanges {
      assertThrows(.notFound(entity: "stage", key: "Nowhere")) {
        try store.moveDeal(deal.id, toStage: "Nowhere", now: tick())
      }
      assertThrows(.notFound(entity: "user", key: "Nobody")) {
        try store.editDeal(
          deal.id, DealChanges(title: "Changed", owner: .some("Nobody")), now: tick())
      }
      assertThrows(.notFound(entity: "company", key: "Ghost Inc")) {
        try store.editDeal(deal.id, DealChanges(company: .some("Ghost Inc")), now: tick())
      }
      assertConflict("already in") {
        try store.moveDeal(deal.id, toStage: "Qualification", now: tick())
      }
      assertConflict("first") { try store.stepDeal(deal.id, by: -1, now: tick()) }
      assertConflict("already first") { try store.reorderDeal(deal.id, by: -1, now: tick()) }
      assertConflict("already last") { try store.reorderDeal(deal.id, by: 1, now: tick()) }
      assertThrows(.notFound(entity: "deal", key: "abc")) {
        try store.deleteDeal("abc", now: tick())
      }
      assertThrows(.notFound(entity: "deal", key: "not-an-id!")) {
        try store.deleteDeal("not-an-id!", now: tick())
      }
    }
  }

  func testLostStageNeedsAReason() throws {
    let deal = try addDeal("Price shopper", eur(99_00))
    try assertNothingChanges {
      assertInvalid("lostReason") { try store.moveDeal(deal.id, toStage: "Lost", now: tick()) }
      assertInvalid("lostReason") {
        try store.moveDeal(deal.id, toStage: "Lost", lostReason: "   ", now: tick())
      }
      assertInvalid("lostReason") { try addDeal("Born lost", stage: "Lost") }
      assertInvalid("lostReason") {
        try store.editDeal(deal.id, DealChanges(title: "Renamed too", stage: "Lost"), now: tick())
      }
    }
    XCTAssertEqual(try history(deal.id).count, 1)
    try store.moveDeal(deal.id, toStage: "Lost", lostReason: "Chose a competitor", now: tick())
    XCTAssertEqual(try store.deal(deal.id).lostReason, "Chose a competitor")
    // Leaving the lost stages drops the reason.
    try store.moveDeal(deal.id, toStage: "Proposal", now: tick())
    XCTAssertNil(try store.deal(deal.id).lostReason)
  }

  func testStageRequiredFields() throws {
    try store.addStage(
      name: "Contract", pipeline: "Sales", probability: 90,
      requiredFields: ["closeDate", "company"], after: "Negotiation", now: tick())
    XCTAssertEqual(
      try store.stages(pipelineId: sales().id).map(\.name),
      ["Qualification", "Contact made", "Proposal", "Negotiation", "Contract", "Won", "Lost"])
    let deal = try addDeal("Needs a date")
    try store.createCompany(Company(name: "Acme"), now: tick())
    try assertNothingChanges {
      assertInvalid("closeDate") { try store.moveDeal(deal.id, toStage: "Contract", now: tick()) }
      assertInvalid("closeDate") { try addDeal("Straight in", stage: "Contract") }
      assertInvalid("company") {
        try addDeal("Dated", stage: "Contract", closeDate: .ymd(2025, 12, 1))
      }
      assertInvalid("closeDate") { try store.stepDeal(deal.id, by: 4, now: tick()) }
    }
    try store.editDeal(
      deal.id, DealChanges(closeDate: .some(.ymd(2025, 12, 1)), company: .some("Acme")),
      now: tick())
    try store.moveDeal(deal.id, toStage: "Contract", now: tick())
    XCTAssertEqual(try column("Contract").count, 1)
    try assertNothingChanges {
      assertInvalid("requiredFields") {
        try store.addStage(
          name: "Odd", pipeline: "Sales", requiredFields: ["shoeSize"], now: tick())
      }
      assertInvalid("probability") {
        try store.addStage(name: "Odd", pipeline: "Sales", probability: 101, now: tick())
      }
    }
  }

  func testDeletingAStageWithDealsNeedsADestination() throws {
    let deal = try addDeal("Stays put", stage: "Proposal")
    try assertNothingChanges {
      assertConflict("has 1 deal;") { try store.deleteStage("Proposal", now: tick()) }
      assertConflict("cannot move to the stage being deleted") {
        try store.deleteStage("Proposal", moveDealsTo: "Proposal", now: tick())
      }
      assertThrows(.notFound(entity: "stage", key: "Nowhere")) {
        try store.deleteStage("Proposal", moveDealsTo: "Nowhere", now: tick())
      }
      assertInvalid("lostReason") {
        try store.deleteStage("Proposal", moveDealsTo: "Lost", now: tick())
      }
    }
    try store.deleteStage("Proposal", moveDealsTo: "Negotiation", now: tick())
    XCTAssertEqual(try store.deal(deal.id).stageId, try stage("Negotiation").id)
    XCTAssertEqual(
      try history(deal.id).map(\.toStageName), ["Proposal", "Negotiation"])
    XCTAssertFalse(try store.stages(pipelineId: sales().id).map(\.name).contains("Proposal"))
    try store.undo(now: tick())
    XCTAssertEqual(try store.deal(deal.id).stageId, try stage("Proposal").id)
    XCTAssertEqual(try column("Proposal").count, 1)
  }

  func testTheLastStageOfAPipelineStays() throws {
    try store.createPipeline(
      name: "Tiny",
      stages: [StageTemplate(name: "Only", kind: .open, probability: 50, rotDays: nil)],
      now: tick())
    try assertNothingChanges {
      assertConflict("only stage") { try store.deleteStage("Only", pipeline: "Tiny", now: tick()) }
    }
  }

  func testDeletingPipelines() throws {
    try assertNothingChanges {
      assertConflict("only pipeline") { try store.deletePipeline("Sales", now: tick()) }
    }
    try store.createPipeline(name: "Partnerships", now: tick())
    try addDeal("Partner deal", pipeline: "Partnerships")
    try assertNothingChanges {
      assertConflict("has 1 deal;") { try store.deletePipeline("partnerships", now: tick()) }
      assertThrows(.notFound(entity: "pipeline", key: "Nope")) {
        try store.deletePipeline("Nope", now: tick())
      }
    }
    try store.deletePipeline("Sales", now: tick())
    XCTAssertEqual(try store.pipelines().map(\.name), ["Partnerships"])
    XCTAssertEqual(try store.board()?.pipeline.name, "Partnerships")
    XCTAssertEqual(try store.count(.stage), 6)
  }

  func testDuplicateNames() throws {
    try store.createPipeline(name: "Partnerships", now: tick())
    try assertNothingChanges {
      assertConflict("already exists") { try store.createPipeline(name: "sales", now: tick()) }
      assertConflict("already exists") { try store.createPipeline(name: "  Sales  ", now: tick()) }
      assertConflict("already exists") {
        try store.renamePipeline("Partnerships", to: "SALES", now: tick())
      }
      assertConflict("already has a stage") {
        try store.addStage(name: "proposal", pipeline: "Sales", now: tick())
      }
      assertConflict("already has a stage") {
        try store.editStage("Won", pipeline: "Sales", name: "LOST", now: tick())
      }
      assertConflict("already has a stage") {
        try store.createPipeline(
          name: "Doubled",
          stages: [
            StageTemplate(name: "Lead", kind: .open, probability: 10, rotDays: nil),
            StageTemplate(name: "lead", kind: .open, probability: 20, rotDays: nil),
          ], now: tick())
      }
      assertInvalid("name") { try store.createPipeline(name: " ", now: tick()) }
      assertInvalid("name") { try store.addStage(name: "", pipeline: "Sales", now: tick()) }
    }
    // The same stage name in another pipeline is fine.
    XCTAssertNoThrow(try store.addStage(name: "Proposal 2", pipeline: "Partnerships", now: tick()))
  }

  func testAmbiguousIdPrefix() throws {
    let a = try addDeal("First")
    let b = try addDeal("Second")
    // UUIDv7 ids made in the same second share their first characters.
    let prefix = String(a.id.prefix(4))
    XCTAssertTrue(b.id.hasPrefix(prefix))
    try assertNothingChanges {
      XCTAssertThrowsError(try store.editDeal(prefix, DealChanges(title: "Which?"), now: tick())) {
        error in
        guard case .ambiguous(let entity, let key, let matches)? = error as? StoreError else {
          return XCTFail("\(error)")
        }
        XCTAssertEqual(entity, "deal")
        XCTAssertEqual(key, prefix)
        XCTAssertEqual(Set(matches), [a.id, b.id])
        XCTAssertTrue("\(error)".contains("give more of the id"))
      }
      XCTAssertThrowsError(try store.deleteDeal(prefix, now: tick()))
    }
  }

  func testContactEmailAndPhone() throws {
    try assertNothingChanges {
      assertInvalid("email") {
        try store.createContact(
          Contact(firstName: "Bad", emails: [EmailAddress("not-an-email")]), now: tick())
      }
      assertInvalid("email") {
        try store.createContact(
          Contact(firstName: "Bad", emails: [EmailAddress("a b@example.com")]), now: tick())
      }
      assertInvalid("phone") {
        try store.createContact(
          Contact(firstName: "Bad", phones: [PhoneNumber("call me")]), now: tick())
      }
      assertInvalid("firstName") { try store.createContact(Contact(firstName: " "), now: tick()) }
    }
    let contact = try store.createContact(
      Contact(firstName: "Good", emails: [EmailAddress("good@example.com")], createdAt: clock),
      now: tick())
    try assertNothingChanges {
      assertInvalid("phone") {
        try store.editContact(contact.id, now: tick()) {
          $0.lastName = "Changed"
          $0.phones = [PhoneNumber("12")]
        }
      }
      assertInvalid("email") {
        try store.editContact(contact.id, now: tick()) { $0.emails.append(EmailAddress("x@y")) }
      }
    }
    XCTAssertEqual(try store.contact(contact.id), contact)
  }

  func testNotesAndActivities() throws {
    let deal = try addDeal("Anchor")
    let start = clock
    try assertNothingChanges {
      assertInvalid("link") { try store.createNote(Note(body: "Floating"), now: tick()) }
      assertInvalid("body") { try store.createNote(Note(body: "  ", dealId: deal.id), now: tick()) }
      assertInvalid("end") {
        try store.createActivity(
          Activity(
            kind: .meeting, title: "Backwards", startAt: start,
            endAt: start.addingTimeInterval(-60), dealId: deal.id), now: tick())
      }
      assertInvalid("kind") {
        try store.createActivity(
          Activity(kind: .task, title: "Task with outcome", callOutcome: .busy), now: tick())
      }
      assertInvalid("title") {
        try store.createActivity(Activity(kind: .task, title: ""), now: tick())
      }
    }
    let meeting = try store.createActivity(
      Activity(
        kind: .meeting, title: "Forwards", startAt: start, endAt: start.addingTimeInterval(60)),
      now: tick())
    try assertNothingChanges {
      assertInvalid("end") {
        try store.editActivity(meeting.id, now: tick()) { $0.endAt = start.addingTimeInterval(-1) }
      }
    }
  }

  func testLinksToRecordsThatDoNotExist() throws {
    let gone = try store.createCompany(Company(name: "Gone Ltd"), now: tick())
    try store.deleteCompany(gone.id, now: tick())
    try assertNothingChanges {
      assertInvalid("company") {
        try store.createContact(Contact(firstName: "Orphan", companyId: unknownId()), now: tick())
      }
      assertInvalid("company") {
        try store.createContact(Contact(firstName: "Orphan", companyId: gone.id), now: tick())
      }
      assertInvalid("owner") {
        try store.createCompany(Company(name: "Owned", ownerId: unknownId()), now: tick())
      }
      assertInvalid("deal") {
        try store.createNote(Note(body: "Lost", dealId: unknownId()), now: tick())
      }
      assertInvalid("contact") {
        try store.createNote(Note(body: "Lost", contactId: unknownId()), now: tick())
      }
      assertInvalid("assignee") {
        try store.createActivity(
          Activity(kind: .task, title: "T", assigneeId: unknownId()), now: tick())
      }
      assertInvalid("deal") {
        try store.createActivity(
          Activity(kind: .task, title: "T", dealId: unknownId()), now: tick())
      }
      assertThrows(.notFound(entity: "company", key: gone.id)) {
        try addDeal("X", company: gone.id)
      }
    }
    let contact = try store.createContact(Contact(firstName: "Real"), now: tick())
    try assertNothingChanges {
      assertInvalid("company") {
        try store.editContact(contact.id, now: tick()) { $0.companyId = self.unknownId() }
      }
    }
    let deal = try addDeal("Z")
    try assertNothingChanges {
      assertThrows(.notFound(entity: "contact", key: "ffff")) {
        try store.linkContact("ffff", toDeal: deal.id)
      }
    }
  }

  func testEditingARecordWhoseLinkWasDeletedStillWorks() throws {
    let company = try store.createCompany(Company(name: "Closing down"), now: tick())
    let contact = try store.createContact(
      Contact(firstName: "Still", lastName: "Here", companyId: company.id), now: tick())
    try store.deleteCompany(company.id, now: tick())
    // The rep fixes the contact's phone: the old company link is not what is being edited.
    let edited = try store.editContact(contact.id, now: tick()) {
      $0.phones = [PhoneNumber("+44 20 7946 0000")]
    }
    XCTAssertEqual(edited.phones.map(\.number), ["+44 20 7946 0000"])
  }
}
