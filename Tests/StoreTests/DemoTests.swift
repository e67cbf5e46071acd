import Foundation
import Model
import Store
import XCTest

/// `crm init --demo`: a realistic team and pipeline that every screen has something to show.
final class DemoTests: StoreTestCase {
  private let day: TimeInterval = 86_400

  override func setUpWithError() throws {
    try super.setUpWithError()
    try store.loadDemo(now: clock)
  }

  func testTeamPipelinesAndIntegrity() throws {
    XCTAssertEqual(try store.users().count, 4)
    XCTAssertEqual(Set(try store.users().map(\.role)), [.admin, .manager, .rep])
    XCTAssertEqual(try store.pipelines().map(\.name), ["Sales", "Partnerships"])
    XCTAssertEqual(try store.integrityCheck(), "ok")
    XCTAssertEqual(try store.journalMode(), "wal")
    XCTAssertTrue(try store.hasRecords())
    XCTAssertGreaterThanOrEqual(try store.count(.company), 10)
    XCTAssertGreaterThanOrEqual(try store.count(.contact), 20)
  }

  func testDealsFillEveryStageInSeveralCurrencies() throws {
    let deals = try store.deals(limit: 10_000)
    XCTAssertGreaterThanOrEqual(deals.count, 40)
    XCTAssertGreaterThanOrEqual(Set(deals.map(\.deal.value.currency)).count, 2)
    for pipeline in try store.pipelines() {
      let board = try XCTUnwrap(store.board(pipelineId: pipeline.id))
      for column in board.columns {
        XCTAssertGreaterThan(column.count, 0, "\(pipeline.name) / \(column.stage.name) is empty")
        XCTAssertEqual(column.count, column.cards.count)
      }
    }
    let lost = try store.deals(DealFilter(status: .lost))
    XCTAssertFalse(lost.isEmpty)
    XCTAssertTrue(lost.allSatisfy { !($0.deal.lostReason ?? "").isEmpty })
    XCTAssertTrue(
      try store.deals(DealFilter(status: .open)).allSatisfy { $0.deal.lostReason == nil })
    // Owned by the whole team.
    XCTAssertEqual(Set(deals.compactMap(\.ownerName)).count, 4)
    XCTAssertTrue(deals.allSatisfy { $0.companyName != nil })
  }

  func testContactsActivitiesNotesAndHistories() throws {
    let deals = try store.deals(limit: 10_000)
    let details = try deals.map { try store.dealDetail($0.deal.id, now: clock) }
    XCTAssertGreaterThan(details.filter { !$0.contacts.isEmpty }.count, 20)
    XCTAssertGreaterThan(details.filter { $0.stageHistory.count > 1 }.count, 10)
    XCTAssertGreaterThan(details.filter { !$0.notes.isEmpty }.count, 5)
    XCTAssertTrue(details.allSatisfy { !$0.activities.isEmpty })
    for detail in details {
      let history = detail.stageHistory
      XCTAssertNil(history.first?.fromStageName)
      XCTAssertEqual(history.last?.change.toStageId, detail.summary.deal.stageId)
      for (a, b) in zip(history, history.dropFirst()) {
        XCTAssertLessThanOrEqual(a.change.at, b.change.at)
        XCTAssertEqual(b.change.fromStageId, a.change.toStageId)
      }
      XCTAssertLessThanOrEqual(try XCTUnwrap(history.last).change.at, clock)
    }

    let coming = try store.activities(from: clock, to: clock.addingTimeInterval(21 * day))
    XCTAssertGreaterThan(coming.count, 10)
    XCTAssertEqual(Set(coming.map(\.kind)), [.task, .call, .meeting])
    XCTAssertTrue(try store.activities(openOnly: true).allSatisfy { $0.doneAt == nil })
    XCTAssertGreaterThan(try store.activities(limit: 1_000).filter(\.isDone).count, 0)

    let notes = try store.notes(limit: 1_000)
    XCTAssertTrue(notes.contains { $0.dealId != nil })
    XCTAssertTrue(notes.contains { $0.contactId != nil })
  }

  func testDemoNamesAreSearchable() throws {
    XCTAssertFalse(try store.search("chloe", in: [.contact]).isEmpty)
    XCTAssertFalse(try store.search("munchen", in: [.company]).isEmpty)
    XCTAssertFalse(try store.search("fleet", in: [.deal]).isEmpty)
  }

  func testTheSameDayGivesTheSameDemo() throws {
    let other = try Store(path: directory.appendingPathComponent("other.sqlite").path)
    try other.initialize(localUserName: "Alex Admin", now: clock)
    try other.loadDemo(now: clock)
    func shape(_ s: Store) throws -> [String] {
      try s.deals(limit: 10_000).map {
        "\($0.deal.title) \($0.deal.value) \($0.stageName) \($0.deal.closeDate?.description ?? "-")"
      }
    }
    XCTAssertEqual(try shape(other), try shape(store))
  }

  func testDemoNeedsAnInitializedStore() throws {
    let empty = try Store(path: directory.appendingPathComponent("empty.sqlite").path)
    XCTAssertThrowsError(try empty.loadDemo(now: clock))
    XCTAssertFalse(try empty.hasRecords())
  }
}
