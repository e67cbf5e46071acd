import Foundation
import Model
import Store
import XCTest

/// The board: per stage a count, one total per currency and the probability-weighted total,
/// and the cards in order, paged.
final class BoardTests: StoreTestCase {
  func testCountsAndTotalsPerCurrencyAreNeverSummedAcross() throws {
    try addDeal("EUR one", eur(100_00))
    try addDeal("EUR two", eur(250_50))
    try addDeal("USD one", usd(40_00))
    try addDeal("Elsewhere", usd(1_00), stage: "Proposal")

    let qualification = try column("Qualification")
    XCTAssertEqual(qualification.count, 3)
    XCTAssertEqual(qualification.totals, [eur(350_50), usd(40_00)])
    XCTAssertEqual(qualification.weighted, [eur(35_05), usd(4_00)])
    XCTAssertEqual(try column("Proposal").count, 1)
    XCTAssertEqual(try column("Proposal").totals, [usd(1_00)])
    XCTAssertEqual(try column("Won").count, 0)
    XCTAssertEqual(try column("Won").totals, [])
    XCTAssertEqual(try column("Won").weighted, [])
  }

  func testWeightedTotalsRoundHalfUpToTheMinorUnit() throws {
    // Contact made is 25 %: 1.50 × 0.25 = 0.375, shown as 0.38.
    try addDeal("Small", eur(1_50), stage: "Contact made")
    XCTAssertEqual(try column("Contact made").weighted, [eur(38)])
    // 1.50 + 0.41 = 1.91 × 0.25 = 0.4775 → 0.48; the weight is of the total.
    try addDeal("Smaller", eur(41), stage: "Contact made")
    XCTAssertEqual(try column("Contact made").weighted, [eur(48)])
    // Qualification is 10 %: 0.04 × 0.10 = 0.004 → 0.00; 0.05 → 0.005 → 0.01.
    try addDeal("Tiny", eur(4))
    XCTAssertEqual(try column("Qualification").weighted, [eur(0)])
    try addDeal("Tiny too", eur(1))
    XCTAssertEqual(try column("Qualification").weighted, [eur(1)])
    // Yen have no minor unit.
    try addDeal("Yen", Money(minorUnits: 5, currency: .jpy), stage: "Proposal")
    XCTAssertEqual(try column("Proposal").weighted, [Money(minorUnits: 3, currency: .jpy)])
  }

  func testTotalsFollowEveryChange() throws {
    let a = try addDeal("A", eur(100_00))
    let b = try addDeal("B", eur(50_00))
    func state() throws -> [String: [Money]] {
      let board = try XCTUnwrap(store.board())
      return Dictionary(uniqueKeysWithValues: board.columns.map { ($0.stage.name, $0.totals) })
        .filter { !$0.value.isEmpty }
    }
    func counts() throws -> [String: Int] {
      let board = try XCTUnwrap(store.board())
      return Dictionary(uniqueKeysWithValues: board.columns.map { ($0.stage.name, $0.count) })
        .filter { $0.value > 0 }
    }
    XCTAssertEqual(try state(), ["Qualification": [eur(150_00)]])

    try store.editDeal(a.id, DealChanges(value: eur(120_00)), now: tick())
    XCTAssertEqual(try state(), ["Qualification": [eur(170_00)]])

    try store.editDeal(b.id, DealChanges(value: usd(50_00)), now: tick())
    XCTAssertEqual(try state(), ["Qualification": [eur(120_00), usd(50_00)]])

    try store.moveDeal(a.id, toStage: "Proposal", now: tick())
    XCTAssertEqual(try state(), ["Qualification": [usd(50_00)], "Proposal": [eur(120_00)]])
    XCTAssertEqual(try counts(), ["Qualification": 1, "Proposal": 1])

    try store.editDeal(b.id, DealChanges(value: eur(30_00), stage: "Proposal"), now: tick())
    XCTAssertEqual(try state(), ["Proposal": [eur(150_00)]])
    XCTAssertEqual(try counts(), ["Proposal": 2])

    try store.deleteDeal(a.id, now: tick())
    XCTAssertEqual(try state(), ["Proposal": [eur(30_00)]])
    XCTAssertEqual(try counts(), ["Proposal": 1])

    try store.undo(now: tick())
    XCTAssertEqual(try state(), ["Proposal": [eur(150_00)]])
    try store.undo(now: tick())
    XCTAssertEqual(try state(), ["Qualification": [usd(50_00)], "Proposal": [eur(120_00)]])
    try store.undo(now: tick())
    try store.undo(now: tick())
    try store.undo(now: tick())
    XCTAssertEqual(try state(), ["Qualification": [eur(150_00)]])
    try store.undo(now: tick())
    try store.undo(now: tick())
    XCTAssertEqual(try state(), [:])
    XCTAssertEqual(try counts(), [:])
    XCTAssertEqual(try store.integrityCheck(), "ok")
  }

  func testNewAndMovedDealsLandOnTop() throws {
    let a = try addDeal("A")
    let b = try addDeal("B")
    let c = try addDeal("C", stage: "Proposal")
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [b.id, a.id])
    try store.moveDeal(a.id, toStage: "Proposal", now: tick())
    XCTAssertEqual(try column("Proposal").cards.map(\.deal.id), [a.id, c.id])
    try store.moveDeal(a.id, toStage: "Qualification", now: tick())
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.id), [a.id, b.id])
  }

  func testCardsPerStageLimitsCardsButNotTheCount() throws {
    let deals = try (1...5).map { try addDeal("Deal \($0)", eur(Int64($0) * 100)) }
    let column = try column("Qualification", cards: 2)
    XCTAssertEqual(column.count, 5)
    XCTAssertEqual(column.totals, [eur(1_500)])
    XCTAssertEqual(column.cards.map(\.deal.id), [deals[4].id, deals[3].id])
  }

  func testCardPagesCoverTheStageInOrderWithoutOverlap() throws {
    let deals = try (1...7).map { try addDeal("Deal \($0)") }
    let stageId = try stage("Qualification").id
    var paged: [String] = []
    for offset in stride(from: 0, to: 9, by: 3) {
      let page = try store.cards(stageId: stageId, offset: offset, limit: 3)
      XCTAssertLessThanOrEqual(page.count, 3)
      paged += page.map(\.deal.id)
    }
    XCTAssertEqual(paged, deals.reversed().map(\.id))
    XCTAssertEqual(try store.cards(stageId: stageId, offset: 7, limit: 3), [])
  }

  func testCardsShowCompanyOwnerAndNextOpenActivity() throws {
    let owner = try store.createUser(
      User(name: "Priya Nair", email: "priya@example.com", role: .rep), now: tick())
    let company = try store.createCompany(Company(name: "Acme Logistics"), now: tick())
    let deal = try addDeal("With details", owner: "priya nair", company: "acme logistics")
    let base = clock
    try store.createActivity(
      Activity(kind: .task, title: "Done already", dueAt: base, doneAt: base, dealId: deal.id),
      now: tick())
    try store.createActivity(
      Activity(
        kind: .meeting, title: "Later meeting", startAt: base.addingTimeInterval(7_200),
        dealId: deal.id), now: tick())
    try store.createActivity(
      Activity(
        kind: .call, title: "Sooner call", startAt: base.addingTimeInterval(3_600),
        dealId: deal.id), now: tick())

    let card = try XCTUnwrap(column("Qualification").cards.first)
    XCTAssertEqual(card.deal.ownerId, owner.id)
    XCTAssertEqual(card.ownerName, "Priya Nair")
    XCTAssertEqual(card.deal.companyId, company.id)
    XCTAssertEqual(card.companyName, "Acme Logistics")
    XCTAssertEqual(card.nextActivityTitle, "Sooner call")
    XCTAssertEqual(card.nextActivityAt, base.addingTimeInterval(3_600))
  }

  /// The card's next-activity date turns red by Model's overdue rules: a meeting under way
  /// is not late until it ends, an all-day task not until its day is over.
  func testCardNextActivityIsOverdueByTheActivityRules() throws {
    let deal = try addDeal("Meeting today")
    let start = clock
    try store.createActivity(
      Activity(
        kind: .meeting, title: "Review", startAt: start, endAt: start.addingTimeInterval(3_600),
        dealId: deal.id), now: tick())
    let card = try XCTUnwrap(column("Qualification").cards.first)
    XCTAssertFalse(card.isNextActivityOverdue(now: start.addingTimeInterval(1_800)), "under way")
    XCTAssertTrue(card.isNextActivityOverdue(now: start.addingTimeInterval(3_601)), "ended")

    let other = try addDeal("Task all day")
    let zone = TimeZone.current
    let day = Day(start, in: zone)
    try store.createActivity(
      Activity(
        kind: .task, title: "Send terms", dueAt: day.start(in: zone), allDay: true,
        dealId: other.id), now: tick())
    let allDay = try XCTUnwrap(
      column("Qualification").cards.first { $0.deal.id == other.id })
    XCTAssertFalse(
      allDay.isNextActivityOverdue(now: day.start(in: zone).addingTimeInterval(80_000)))
    XCTAssertTrue(allDay.isNextActivityOverdue(now: day.adding(days: 1).start(in: zone)))
  }

  func testDealPagesDoNotOverlap() throws {
    var ids: Set<String> = []
    for (n, stage) in [
      "Qualification", "Proposal", "Won", "Qualification", "Negotiation",
      "Contact made", "Proposal", "Won", "Qualification", "Negotiation", "Proposal",
    ].enumerated() {
      ids.insert(try addDeal("Deal \(n)", stage: stage).id)
    }
    let all = try store.deals(limit: 100).map(\.deal.id)
    XCTAssertEqual(Set(all), ids)
    var paged: [String] = []
    for offset in stride(from: 0, to: 16, by: 4) {
      let page = try store.deals(limit: 4, offset: offset)
      XCTAssertEqual(page.count, max(0, min(4, all.count - offset)))
      paged += page.map(\.deal.id)
    }
    XCTAssertEqual(paged, all)
    // Board order: stages in pipeline order, cards in stage order.
    let stageOrder = try store.stages(pipelineId: sales().id).map(\.id)
    let listed = try store.deals(limit: 100).map { stageOrder.firstIndex(of: $0.deal.stageId)! }
    XCTAssertEqual(listed, listed.sorted())
  }

  func testFiltersByPipelineStageOwnerStatusAndCompany() throws {
    try store.createPipeline(
      name: "Partnerships",
      stages: [
        StageTemplate(name: "Lead", kind: .open, probability: 10, rotDays: nil),
        StageTemplate(name: "Signed", kind: .won, probability: 100, rotDays: nil),
        StageTemplate(name: "Dropped", kind: .lost, probability: 0, rotDays: nil),
      ], now: tick())
    try store.createUser(
      User(name: "Marco Rossi", email: "marco@example.com", role: .rep), now: tick())
    try store.createCompany(Company(name: "Iris Biotech"), now: tick())

    let open = try addDeal("Open sale")
    let won = try addDeal("Won sale", stage: "Won", owner: "Marco Rossi")
    let lead = try addDeal("Partner lead", pipeline: "Partnerships", company: "Iris Biotech")
    let signed = try addDeal(
      "Partner signed", stage: "Signed", pipeline: "Partnerships", owner: "marco rossi")
    try store.moveDeal(open.id, toStage: "Lost", lostReason: "No budget", now: tick())

    func titles(_ filter: DealFilter) throws -> Set<String> {
      Set(try store.deals(filter).map(\.deal.title))
    }
    XCTAssertEqual(try titles(DealFilter(pipeline: "partnerships")), [lead.title, signed.title])
    XCTAssertEqual(try titles(DealFilter(pipeline: "Sales")), [open.title, won.title])
    XCTAssertEqual(try titles(DealFilter(stage: "Signed")), [signed.title])
    XCTAssertEqual(try titles(DealFilter(pipeline: "Sales", stage: "won")), [won.title])
    XCTAssertEqual(try titles(DealFilter(owner: "Marco Rossi")), [won.title, signed.title])
    XCTAssertEqual(try titles(DealFilter(owner: "Alex Admin")), [open.title, lead.title])
    XCTAssertEqual(try titles(DealFilter(status: .won)), [won.title, signed.title])
    XCTAssertEqual(try titles(DealFilter(status: .lost)), [open.title])
    XCTAssertEqual(try titles(DealFilter(status: .open)), [lead.title])
    XCTAssertEqual(try titles(DealFilter(company: "iris biotech")), [lead.title])
    XCTAssertEqual(try titles(DealFilter(pipeline: "Partnerships", status: .won)), [signed.title])

    let summary = try XCTUnwrap(store.deals(DealFilter(status: .lost)).first)
    XCTAssertEqual(summary.stageName, "Lost")
    XCTAssertEqual(summary.stageKind, .lost)
    XCTAssertEqual(summary.pipelineName, "Sales")
    XCTAssertEqual(summary.ownerName, "Alex Admin")
    XCTAssertEqual(summary.deal.lostReason, "No budget")

    let partnerBoard = try XCTUnwrap(
      store.board(pipelineId: store.pipeline(named: "Partnerships").id))
    XCTAssertEqual(partnerBoard.columns.map(\.stage.name), ["Lead", "Signed", "Dropped"])
    XCTAssertEqual(partnerBoard.columns.map(\.count), [1, 1, 0])
  }

  func testDefaultBoardIsTheFirstPipeline() throws {
    try store.createPipeline(name: "Second", now: tick())
    XCTAssertEqual(try store.board()?.pipeline.name, "Sales")
  }
}
