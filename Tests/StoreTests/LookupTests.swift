import Foundation
import Model
import Store
import XCTest

/// Users name records by id, a unique prefix of one, or (pipelines, stages, users,
/// companies) by name in any case.
final class LookupTests: StoreTestCase {
  func testUniquePrefixResolves() throws {
    let a = try addDeal("Alpha")
    let b = try addDeal("Beta")
    // The ids differ somewhere: the shortest prefix that tells them apart names each.
    let common = zip(a.id, b.id).prefix { $0 == $1 }.count
    let shortA = String(a.id.prefix(common + 1))
    let shortB = String(b.id.prefix(common + 1))
    XCTAssertEqual(try store.resolve(.deal, shortA), a.id)
    XCTAssertEqual(try store.resolve(.deal, shortB), b.id)
    XCTAssertEqual(try store.deal(shortB).title, "Beta")
    XCTAssertEqual(try store.resolve(.deal, a.id), a.id)
    XCTAssertEqual(try store.resolve(.deal, a.id.uppercased()), a.id)
    XCTAssertEqual(try store.resolve(.deal, "  \(shortA) "), a.id)
    try store.editDeal(shortA, DealChanges(title: "Alpha 2"), now: tick())
    XCTAssertEqual(try store.deal(a.id).title, "Alpha 2")
  }

  func testAmbiguousPrefixListsTheMatches() throws {
    let deals = try (1...3).map { try addDeal("Deal \($0)") }
    let prefix = String(deals[0].id.prefix(3))
    XCTAssertThrowsError(try store.resolve(.deal, prefix)) { error in
      XCTAssertEqual(
        error as? StoreError,
        .ambiguous(entity: "deal", key: prefix, matches: deals.map(\.id).sorted()))
      let message = "\(error)"
      XCTAssertTrue(message.contains("3 deal records"), message)
      for deal in deals { XCTAssertTrue(message.contains(deal.id), message) }
    }
  }

  func testPrefixesOnlySeeLiveRecordsOfTheirKind() throws {
    let a = try addDeal("Stays")
    let b = try addDeal("Goes")
    let prefix = String(a.id.prefix(4))
    try store.deleteDeal(b.id, now: tick())
    XCTAssertEqual(try store.resolve(.deal, prefix), a.id)
    assertThrows(.notFound(entity: "deal", key: b.id)) { try store.resolve(.deal, b.id) }
    // The pipeline's and stages' ids share that prefix but are not deals.
    XCTAssertTrue(try sales().id.hasPrefix(prefix))
    assertThrows(.notFound(entity: "contact", key: prefix)) { try store.resolve(.contact, prefix) }
  }

  func testKeysThatCannotBeIdsAreNotFound() throws {
    try addDeal("Something")
    for key in ["", "   ", "%", "_", "xyz", "0%", "'; --"] {
      XCTAssertThrowsError(try store.resolve(.deal, key), key) { error in
        guard case .notFound(let entity, _)? = error as? StoreError else {
          return XCTFail("\(key): \(error)")
        }
        XCTAssertEqual(entity, "deal")
      }
    }
  }

  func testPipelinesByNameInAnyCaseOrId() throws {
    let partners = try store.createPipeline(name: "Partnerships", now: tick())
    XCTAssertEqual(try store.pipeline(named: "partnerships"), partners)
    XCTAssertEqual(try store.pipeline(named: "PARTNERSHIPS "), partners)
    XCTAssertEqual(try store.pipeline(named: partners.id), partners)
    XCTAssertEqual(try store.pipeline(named: "sales").name, "Sales")
    assertThrows(.notFound(entity: "pipeline", key: "Partner")) {
      try store.pipeline(named: "Partner")
    }
  }

  func testStagesByNameInAnyCaseWithinAPipeline() throws {
    let proposal = try store.stage(named: "proposal")
    XCTAssertEqual(proposal.name, "Proposal")
    XCTAssertEqual(try store.stage(named: "CONTACT MADE", pipeline: "sales").name, "Contact made")
    XCTAssertEqual(try store.stage(named: proposal.id), proposal)
    try store.createPipeline(name: "Partnerships", now: tick())
    let other = try store.stage(named: "proposal", pipeline: "Partnerships")
    XCTAssertNotEqual(other.id, proposal.id)
    XCTAssertEqual(try store.stage(named: "Proposal", pipeline: "SALES"), proposal)
    XCTAssertThrowsError(try store.stage(named: "proposal")) { error in
      guard case .ambiguous(let entity, _, let matches)? = error as? StoreError else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(entity, "stage")
      XCTAssertEqual(Set(matches), [proposal.id, other.id])
    }
    // A deal moves by stage name within its own pipeline.
    let deal = try addDeal("Mover", pipeline: "Partnerships")
    try store.moveDeal(deal.id, toStage: "proposal", now: tick())
    XCTAssertEqual(try store.deal(deal.id).stageId, other.id)
  }

  func testUsersByNameOrEmailInAnyCase() throws {
    let priya = try store.createUser(
      User(name: "Priya Nair", email: "priya@northwind.example", role: .manager, createdAt: clock),
      now: tick())
    XCTAssertEqual(try store.user(named: "priya nair"), priya)
    XCTAssertEqual(try store.user(named: "PRIYA@northwind.example"), priya)
    XCTAssertEqual(try store.user(named: priya.id), priya)
    XCTAssertEqual(try store.user(named: "alex admin").id, try me().id)
    assertThrows(.notFound(entity: "user", key: "")) { try store.user(named: "") }
    let deal = try addDeal("Owned", owner: "PRIYA NAIR")
    XCTAssertEqual(deal.ownerId, priya.id)
  }

  func testCompaniesByNameInAnyCaseAndDuplicatesAreAmbiguous() throws {
    let acme = try store.createCompany(Company(name: "Acme", createdAt: clock), now: tick())
    XCTAssertEqual(try store.company("ACME"), acme)
    XCTAssertEqual(try store.company(acme.id), acme)
    XCTAssertEqual(try addDeal("For acme", company: "acme").companyId, acme.id)
    let twin = try store.createCompany(Company(name: "acme", createdAt: clock), now: tick())
    XCTAssertThrowsError(try store.company("Acme")) { error in
      guard case .ambiguous(let entity, _, let matches)? = error as? StoreError else {
        return XCTFail("\(error)")
      }
      XCTAssertEqual(entity, "company")
      XCTAssertEqual(Set(matches), [acme.id, twin.id])
    }
    XCTAssertEqual(try store.company(twin.id), twin)
  }
}
