import Foundation
import Model
import Store
import XCTest

@testable import Sync

/// A team syncing through a real server: joining, pushing, pulling, merging.
final class SyncFlowTests: SyncTestCase {
  func testAJoinedClientTakesTheTeamsPipelineAndPushesNoneOfItsOwn() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let adaPipelines = try ada.store.pipelines()
    XCTAssertEqual(
      adaPipelines.map(\.name), ["Sales"], "a new team starts with the default pipeline")
    let deal = try addDeal(ada, "ACME renewal")
    try await ada.sync()

    let bob = try await member(
      of: ada, on: server, email: "bob@example.com", name: "Bob", role: .rep)
    XCTAssertEqual(try bob.store.pipelines().map(\.id), adaPipelines.map(\.id))
    XCTAssertEqual(try bob.deals()[deal.id]?.title, "ACME renewal")
    XCTAssertEqual(
      try bob.store.syncStatus().pending, 0, "nothing of bob's own setup waits to be pushed")

    try await bob.sync()
    let summary = try await ada.sync()
    XCTAssertEqual(
      try ada.store.pipelines().map(\.id), adaPipelines.map(\.id), "no second pipeline arrived")
    XCTAssertEqual(
      try ada.store.stages(pipelineId: adaPipelines[0].id).count,
      try bob.store.stages(pipelineId: adaPipelines[0].id).count)
    XCTAssertEqual(Set(try ada.store.users().map(\.name)), ["Ada", "Bob"], summary.sentence)
  }

  func testABigTeamBootstrapsOnANewClientAcrossPages() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    for index in 0..<60 { _ = try addDeal(ada, "Deal \(index)", cents: Int64(index) * 100) }
    try await ada.sync()
    let carol = try await member(
      of: ada, on: server, email: "carol@example.com", name: "Carol", role: .manager, pullLimit: 7)
    XCTAssertEqual(try carol.deals().count, 60)
    XCTAssertEqual(
      try carol.deals().values.map(\.title).sorted(), try ada.deals().values.map(\.title).sorted())
    try await ada.sync()
    XCTAssertEqual(try carol.store.syncStatus().cursor, try ada.store.syncStatus().cursor)
  }

  func testConcurrentEditsOfDifferentFieldsOfOneDealBothSurvive() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let deal = try addDeal(ada, "ACME renewal")
    try await ada.sync()
    let cy = try await member(
      of: ada, on: server, email: "cy@example.com", name: "Cy", role: .admin)

    _ = try ada.store.editDeal(deal.id, DealChanges(title: "ACME renewal 2027"))
    _ = try cy.store.editDeal(
      deal.id, DealChanges(value: Money(minorUnits: 999_00, currency: .eur)))
    try await ada.sync()
    try await cy.sync()
    try await ada.sync()
    for client in [ada, cy] {
      let seen = try XCTUnwrap(client.deals()[deal.id])
      XCTAssertEqual(seen.title, "ACME renewal 2027")
      XCTAssertEqual(seen.value.minorUnits, 999_00)
    }
  }

  func testEditsOfOneFieldConvergeOnEveryClient() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let deal = try addDeal(ada, "Start")
    try await ada.sync()
    let cy = try await member(
      of: ada, on: server, email: "cy@example.com", name: "Cy", role: .admin)
    let dee = try await member(
      of: ada, on: server, email: "dee@example.com", name: "Dee", role: .manager)

    _ = try ada.store.editDeal(deal.id, DealChanges(title: "by Ada"))
    _ = try cy.store.editDeal(deal.id, DealChanges(title: "by Cy"))
    _ = try dee.store.editDeal(deal.id, DealChanges(title: "by Dee"))
    // Pushed in another order than written: the clock decides, not the order of arrival.
    try await dee.sync()
    try await ada.sync()
    try await cy.sync()
    for client in [ada, cy, dee] { try await client.sync() }
    let titles = try [ada, cy, dee].map { try XCTUnwrap($0.deals()[deal.id]).title }
    XCTAssertEqual(Set(titles).count, 1, "every client shows one title: \(titles)")
    XCTAssertEqual(titles[0], "by Dee", "the latest write wins")
  }

  func testADeleteAgainstAnEditEndsDeletedEverywhere() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let deal = try addDeal(ada, "Doomed")
    let kept = try addDeal(ada, "Kept")
    try await ada.sync()
    let cy = try await member(
      of: ada, on: server, email: "cy@example.com", name: "Cy", role: .admin)

    _ = try cy.store.editDeal(deal.id, DealChanges(title: "Doomed, edited"))
    try ada.store.deleteDeal(deal.id)
    try await cy.sync()
    try await ada.sync()
    try await cy.sync()
    for client in [ada, cy] {
      XCTAssertNil(try client.deals()[deal.id], "the deleted deal is gone on every client")
      XCTAssertNotNil(try client.deals()[kept.id])
    }
  }

  func testConcurrentReordersGiveOneOrderEverywhere() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let deals = try (0..<4).map { try addDeal(ada, "Card \($0)") }
    try await ada.sync()
    let cy = try await member(
      of: ada, on: server, email: "cy@example.com", name: "Cy", role: .admin)

    func order(_ client: Client) throws -> [String] {
      try client.deals().values.filter { $0.stageId == deals[0].stageId }
        .sorted { ($0.position, $0.id) < ($1.position, $1.id) }.map(\.id)
    }
    // Both move cards into the same gap at once: equal positions still give one order.
    let before = try order(ada)
    _ = try ada.store.reorderDeal(before[3], by: -2)
    _ = try cy.store.reorderDeal(before[0], by: 2)
    _ = try cy.store.reorderDeal(before[2], by: -1)
    try await ada.sync()
    try await cy.sync()
    try await ada.sync()
    XCTAssertEqual(try order(ada), try order(cy))
    XCTAssertEqual(try order(ada).count, 4)
  }

  func testARepRefusedOnAnothersDealSeesWhyAndGetsTheDealBack() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let deal = try addDeal(ada, "Ada's deal")
    try await ada.sync()
    let rex = try await member(
      of: ada, on: server, email: "rex@example.com", name: "Rex", role: .rep)
    let own = try addDeal(rex, "Rex's deal")

    _ = try rex.store.editDeal(deal.id, DealChanges(title: "taken over"))
    let summary = try await rex.sync()
    XCTAssertEqual(summary.refused.count, 1, summary.sentence)
    XCTAssertTrue(summary.sentence.contains("1 refused"), summary.sentence)
    XCTAssertFalse(summary.refused[0].reason.isEmpty)
    XCTAssertEqual(try rex.deals()[deal.id]?.title, "Ada's deal", "the refused edit is set back")
    XCTAssertEqual(try rex.store.refusals().count, 1)
    XCTAssertEqual(try rex.store.syncStatus().pending, 0)

    try await ada.sync()
    XCTAssertEqual(try ada.deals()[deal.id]?.title, "Ada's deal")
    XCTAssertEqual(try ada.deals()[own.id]?.title, "Rex's deal", "the rep's own deal went through")
  }

  func testOnlyOthersChangesCountAsPulledNotOurOwnComingBack() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let carol = try await member(
      of: ada, on: server, email: "carol@example.com", name: "Carol", role: .manager)
    _ = try await ada.sync()
    _ = try addDeal(ada, "Ada's deal")
    let own = try await ada.sync()
    XCTAssertGreaterThan(own.pushed, 0, own.sentence)
    XCTAssertEqual(
      own.pulled, 0, "ada's changes came back on the pull but are hers: \(own.sentence)")
    XCTAssertTrue(own.sentence.contains("pulled 0"), own.sentence)
    let theirs = try await carol.sync()
    XCTAssertEqual(theirs.pulled, own.pushed, theirs.sentence)
  }

  func testASyncWithNothingToDoIsQuick() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    _ = try addDeal(ada, "One")
    try await ada.sync()
    var times: [Double] = []
    for _ in 0..<10 {
      let start = Date()
      let summary = try await ada.sync()
      times.append(Date().timeIntervalSince(start) * 1000)
      XCTAssertEqual(summary.pushed + summary.pulled, 0)
    }
    let median = times.sorted()[times.count / 2]
    print("idle sync median \(String(format: "%.1f", median)) ms (debug build)")
    XCTAssertLessThan(median, 500)
  }

  func testEventsArriveWhenAnotherClientPushes() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let cy = try await member(
      of: ada, on: server, email: "cy@example.com", name: "Cy", role: .admin)
    let events = cy.engine.events()
    var iterator = events.makeAsyncIterator()
    // The first event says the socket is open (changes may have been missed before).
    let opened = await iterator.next()
    XCTAssertEqual(opened?.latestSeq, 0)
    _ = try addDeal(ada, "Live")
    let start = Date()
    let pushed = try await ada.sync()
    let event = await iterator.next()
    XCTAssertEqual(event?.type, "changes")
    XCTAssertGreaterThanOrEqual(event?.latestSeq ?? 0, pushed.latestSeq)
    print("event after push: \(String(format: "%.1f", Date().timeIntervalSince(start) * 1000)) ms")
    try await cy.sync()
    XCTAssertEqual(try cy.deals().values.map(\.title), ["Live"])
  }

  func testTheEventsSocketReconnectsAfterTheServerRestarts() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let laptop = try await secondComputer(on: server)
    var events = laptop.engine.events().makeAsyncIterator()
    let opened = await events.next()
    XCTAssertEqual(opened?.latestSeq, 0)
    try server.restart()
    // The listener comes back on its own and says so (changes may have been missed).
    let reopened = await events.next()
    XCTAssertEqual(reopened?.latestSeq, 0)
    _ = try addDeal(ada, "After the restart")
    try await ada.sync()
    let event = await events.next()
    XCTAssertGreaterThan(event?.latestSeq ?? 0, 0)
  }
}
