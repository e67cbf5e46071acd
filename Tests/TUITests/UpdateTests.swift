import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// `update` driven with keys, its effects run against the real store.
final class UpdateTests: TUITestCase {
  func testStartFocusesTheFirstCardOfTheFirstStage() throws {
    start()
    XCTAssertEqual(state.board?.pipeline.name, "Sales")
    XCTAssertEqual(
      state.board?.columns.map(\.stage.name),
      ["Qualification", "Contact made", "Proposal", "Negotiation", "Won", "Lost"])
    XCTAssertEqual(state.focus, BoardFocus(column: 0, card: 0))
    XCTAssertEqual(focusedTitle, "Acme renewal")
    XCTAssertEqual(
      titles,
      [
        ["Acme renewal", "北京 Trading 合同", "Globex pilot"], ["🚀 Launch deal", "Acme expansion"],
        ["Initech upgrade"], [], [], [],
      ])
    XCTAssertEqual(state.pipelines.map(\.name), ["Sales", "Partners"])
    XCTAssertEqual(failures, [])
  }

  func testFocusMovesAndClampsAtTheEdges() {
    start()
    press(.char("h"), .char("k"))
    XCTAssertEqual(state.focus, BoardFocus(column: 0, card: 0), "clamped at the top left")
    press(.char("j"))
    XCTAssertEqual(focusedTitle, "北京 Trading 合同")
    press(.char("j"), .char("j"), .char("j"))
    XCTAssertEqual(focusedTitle, "Globex pilot", "clamped at the last card")
    press(.char("l"))
    XCTAssertEqual(state.focus.column, 1)
    XCTAssertEqual(focusedTitle, "Acme expansion", "the card index is clamped to the column")
    press(.char("l"), .char("l"))
    XCTAssertEqual(state.focus.column, 3)
    XCTAssertNil(state.focusedCard, "Negotiation is empty")
    press(.char("l"), .char("l"), .char("l"), .char("l"))
    XCTAssertEqual(state.focus.column, 5, "clamped at the last stage")
    press(.char("g"), .char("h"), .char("h"), .char("h"), .char("h"), .char("h"), .char("h"))
    XCTAssertEqual(state.focus.column, 0)
    press(.char("G"))
    XCTAssertEqual(focusedTitle, "Globex pilot")
    press(.up, .right)
    XCTAssertEqual(focusedTitle, "Acme expansion", "arrows move as h j k l do")
  }

  func testMoveNextAndBackFollowsTheDealAndWritesHistory() throws {
    start()
    XCTAssertEqual(try historyCount("Acme renewal"), 1)
    press(.char("L"))
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Contact made")
    XCTAssertEqual(try historyCount("Acme renewal"), 2)
    XCTAssertEqual(state.focus.column, 1)
    XCTAssertEqual(focusedTitle, "Acme renewal", "the focus follows the moved deal")
    XCTAssertEqual(state.status?.text, "Moved to Contact made")
    press(.char("L"))
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Proposal")
    XCTAssertEqual(state.focus.column, 2)
    XCTAssertEqual(focusedTitle, "Acme renewal")
    press(.char("H"))
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Contact made")
    XCTAssertEqual(try historyCount("Acme renewal"), 4)
    XCTAssertEqual(state.focus.column, 1)
    XCTAssertEqual(focusedTitle, "Acme renewal")
    XCTAssertEqual(failures, [])
  }

  func testMoveBackFromTheFirstStageRingsTheBell() throws {
    start()
    XCTAssertEqual(press(.char("H")), [.bell])
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Qualification")
    XCTAssertEqual(try historyCount("Acme renewal"), 1)
  }

  func testReorderWithinTheStage() throws {
    start()
    press(.char("j"))
    press(.char("K"))
    XCTAssertEqual(titles[0], ["北京 Trading 合同", "Acme renewal", "Globex pilot"])
    XCTAssertEqual(focusedTitle, "北京 Trading 合同", "the focus stays on the moved card")
    XCTAssertEqual(state.focus.card, 0)
    press(.char("J"), .char("J"))
    XCTAssertEqual(titles[0], ["Acme renewal", "Globex pilot", "北京 Trading 合同"])
    XCTAssertEqual(focusedTitle, "北京 Trading 合同")
    // The order is the store's, not just the state's.
    let board = try XCTUnwrap(store.board())
    XCTAssertEqual(
      board.columns[0].cards.map(\.deal.title),
      ["Acme renewal", "Globex pilot", "北京 Trading 合同"])
    XCTAssertEqual(try stageName(of: "北京 Trading 合同"), "Qualification")
  }

  func testMarkWon() throws {
    start()
    press(.char("l"))
    press(.char("W"))
    XCTAssertEqual(try stageName(of: "🚀 Launch deal"), "Won")
    XCTAssertEqual(focusedTitle, "🚀 Launch deal")
    XCTAssertEqual(state.focusedColumn?.stage.name, "Won")
    XCTAssertEqual(failures, [])
  }

  func testMarkLostAsksForAReason() throws {
    start()
    press(.char("X"))
    guard case .lostReason = state.overlay else {
      return XCTFail("expected the lost-reason picker, got \(String(describing: state.overlay))")
    }
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Qualification", "nothing moves yet")
    press(.down, .enter)
    XCTAssertNil(state.overlay)
    let deal = try store.deal(id("Acme renewal"))
    XCTAssertEqual(try store.stage(named: deal.stageId).name, "Lost")
    XCTAssertEqual(deal.lostReason, "Chose a competitor")
    XCTAssertEqual(focusedTitle, "Acme renewal")
    XCTAssertEqual(state.focusedColumn?.stage.kind, .lost)
  }

  func testLostReasonCanBeTypedAndEscCancels() throws {
    start()
    press(.char("X"), .escape)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Qualification")
    press(.char("X"))
    type("budget")
    press(.enter)
    XCTAssertEqual(try store.deal(id("Acme renewal")).lostReason, "No budget")
    // The focus followed the lost deal; back to the first stage for the next one.
    XCTAssertEqual(state.focusedColumn?.stage.name, "Lost")
    press(.char("h"), .char("h"), .char("h"), .char("h"), .char("h"))
    XCTAssertEqual(focusedTitle, "北京 Trading 合同")
    press(.char("X"))
    type("went quiet")
    press(.enter)
    XCTAssertEqual(try store.deal(id("北京 Trading 合同")).lostReason, "went quiet")
  }

  func testMovingNextIntoLostAsksForAReason() throws {
    start()
    press(.char("l"), .char("W"))
    XCTAssertEqual(state.focusedColumn?.stage.name, "Won")
    press(.char("L"))
    guard case .lostReason(_, let dealIds, _) = state.overlay else {
      return XCTFail("expected the lost-reason picker")
    }
    XCTAssertEqual(dealIds, [id("🚀 Launch deal")])
    press(.enter)
    XCTAssertEqual(try store.deal(id("🚀 Launch deal")).lostReason, "Price too high")
    XCTAssertEqual(try stageName(of: "🚀 Launch deal"), "Lost")
  }

  func testUndoAndRedo() throws {
    start()
    press(.char("L"))
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Contact made")
    press(.char("u"))
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Qualification")
    XCTAssertEqual(titles[0].first, "Acme renewal", "the board shows the undone move")
    XCTAssertTrue(
      state.status?.text.hasPrefix("Undid: ") ?? false, "\(String(describing: state.status))")
    press(.ctrl("r"))
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Contact made")
    XCTAssertTrue(titles[1].contains("Acme renewal"))
    XCTAssertTrue(state.status?.text.hasPrefix("Redid: ") ?? false)
    XCTAssertEqual(failures, [])
  }

  func testUndoStaysOnTheSecondPipeline() throws {
    start()
    press(.char("p"), .down, .enter)
    XCTAssertEqual(state.board?.pipeline.name, "Partners")
    press(.char("L"))
    XCTAssertEqual(try stageName(of: "Partner referral"), "Contact made")
    press(.char("u"))
    XCTAssertEqual(state.board?.pipeline.name, "Partners")
    XCTAssertEqual(try stageName(of: "Partner referral"), "Qualification")
  }

  /// A deal already in the target stage is not moved again; the board must stay on the
  /// pipeline on screen rather than jump to the first one.
  func testMarkingAWonDealWonAgainStaysOnItsPipeline() throws {
    start()
    press(.char("p"), .down, .enter)
    XCTAssertEqual(state.board?.pipeline.name, "Partners")
    press(.char("W"))
    XCTAssertEqual(try stageName(of: "Partner referral"), "Won")
    XCTAssertEqual(state.board?.pipeline.name, "Partners")
    press(.char("W"))
    XCTAssertEqual(state.board?.pipeline.name, "Partners", "the board jumped to another pipeline")
    XCTAssertEqual(focusedTitle, "Partner referral")
    XCTAssertEqual(try historyCount("Partner referral"), 2)
  }

  func testFilter() throws {
    start()
    press(.char("/"))
    guard case .filter = state.overlay else { return XCTFail("expected the filter input") }
    type("Acme")
    XCTAssertEqual(titles[0].count, 3, "nothing is filtered before Enter")
    press(.enter)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(state.filter, "Acme")
    XCTAssertEqual(titles, [["Acme renewal"], ["Acme expansion"], [], [], [], []])
    XCTAssertEqual(state.board?.columns.map(\.count), [1, 1, 0, 0, 0, 0])
    XCTAssertEqual(focusedTitle, "Acme renewal")
    // A move keeps the filter.
    press(.char("L"))
    XCTAssertEqual(titles, [[], ["Acme renewal", "Acme expansion"], [], [], [], []])
    // Clearing it brings every card back.
    press(.char("/"))
    for _ in 0..<4 { press(.backspace) }
    press(.enter)
    XCTAssertEqual(state.filter, "")
    XCTAssertEqual(state.board?.columns.map(\.count), [2, 3, 1, 0, 0, 0])
  }

  func testFilterEscKeepsTheBoard() {
    start()
    press(.char("/"))
    type("Acme")
    press(.escape)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(state.filter, "")
    XCTAssertEqual(titles[0].count, 3)
  }

  func testSwitchPipeline() throws {
    start()
    press(.char("j"))
    press(.char("p"))
    guard case .pipelinePicker = state.overlay else { return XCTFail("expected the picker") }
    press(.down, .enter)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(state.board?.pipeline.name, "Partners")
    XCTAssertEqual(titles, [["Partner referral"], [], [], [], [], []])
    XCTAssertEqual(state.focus, BoardFocus(column: 0, card: 0))
    XCTAssertEqual(focusedTitle, "Partner referral")
    // A reload stays on it.
    press(.char("R"))
    XCTAssertEqual(state.board?.pipeline.name, "Partners")
  }

  func testSelectTwoCardsAndMoveBoth() throws {
    start()
    press(.char(" "), .char("j"), .char("j"), .char(" "))
    XCTAssertEqual(state.selected, [id("Acme renewal"), id("Globex pilot")])
    press(.char("L"))
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Contact made")
    XCTAssertEqual(try stageName(of: "Globex pilot"), "Contact made")
    XCTAssertEqual(try stageName(of: "北京 Trading 合同"), "Qualification")
    XCTAssertEqual(titles[0], ["北京 Trading 合同"])
    XCTAssertEqual(
      Set(titles[1]), ["Acme renewal", "Globex pilot", "🚀 Launch deal", "Acme expansion"])
    XCTAssertEqual(state.focus.column, 1, "the focus follows the moved cards")
    XCTAssertTrue(["Acme renewal", "Globex pilot"].contains(focusedTitle ?? ""))
    // Space again on a selected card unselects it; Esc clears the selection.
    press(.char(" "))
    XCTAssertEqual(state.selected.count, 1)
    press(.escape)
    XCTAssertEqual(state.selected, [])
  }

  func testDeleteAsksFirst() throws {
    start()
    press(.char("d"))
    guard case .confirmDelete(_, let dealIds, let title) = state.overlay else {
      return XCTFail("expected the confirmation")
    }
    XCTAssertEqual(dealIds, [id("Acme renewal")])
    XCTAssertEqual(title, "Acme renewal")
    press(.char("n"))
    XCTAssertNil(state.overlay)
    XCTAssertNoThrow(try store.deal(id("Acme renewal")), "n keeps the deal")
    XCTAssertEqual(titles[0].count, 3)
    press(.char("d"), .char("y"))
    XCTAssertNil(state.overlay)
    XCTAssertThrowsError(try store.deal(id("Acme renewal")))
    XCTAssertEqual(titles[0], ["北京 Trading 合同", "Globex pilot"])
    XCTAssertEqual(state.status?.text, "Deleted Acme renewal")
    XCTAssertEqual(focusedTitle, "北京 Trading 合同")
    // And undo brings it back.
    press(.char("u"))
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Qualification")
  }

  func testNewDealFromTheForm() throws {
    start()
    press(.char("l"), .char("n"))
    guard case .dealForm(let form, nil) = state.overlay else { return XCTFail("expected the form") }
    XCTAssertEqual(form.fields[DealFormFields.currency].text, "USD", "the focused card's currency")
    type("Wayne Enterprises")
    press(.tab)
    type("1,234.50")
    press(.enter)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(failures, [])
    XCTAssertEqual(titles[1].first, "Wayne Enterprises", "a new deal goes to the top of the stage")
    XCTAssertEqual(focusedTitle, "Wayne Enterprises")
    let deal = try XCTUnwrap(state.focusedCard?.deal)
    XCTAssertEqual(deal.value, Money(minorUnits: 1_234_50, currency: .usd))
    XCTAssertEqual(try store.stage(named: store.deal(deal.id).stageId).name, "Contact made")
    XCTAssertEqual(state.status?.text, "Added Wayne Enterprises")
  }

  func testABadValueKeepsTheFormOpenAndWritesNothing() throws {
    start()
    let before = try store.changes(limit: 100_000, afterSeq: 0).count
    press(.char("n"))
    type("Bad value deal")
    press(.tab)
    type("12.345")
    XCTAssertEqual(press(.enter), [.bell])
    guard case .dealForm(let form, nil) = state.overlay else {
      return XCTFail("the form closed")
    }
    XCTAssertEqual(form.fields[DealFormFields.currency].text, "EUR")
    XCTAssertNotNil(form.fields[DealFormFields.value].error)
    XCTAssertNil(form.fields[DealFormFields.title].error)
    XCTAssertEqual(form.focus, DealFormFields.value, "the focus goes to the bad field")
    XCTAssertEqual(try store.changes(limit: 100_000, afterSeq: 0).count, before)
    XCTAssertEqual(titles[0].count, 3)
    // The error shows on screen, next to the value.
    let lines = render(state).lines
    let error = try XCTUnwrap(form.fields[DealFormFields.value].error)
    XCTAssertTrue(
      lines.contains { $0.contains(String(error.prefix(20))) },
      "\(error) not on\n\(lines.joined(separator: "\n"))")
    // Esc throws the form away.
    press(.escape)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(try store.changes(limit: 100_000, afterSeq: 0).count, before)
  }

  func testHelpOpensAndEscCloses() {
    start()
    press(.char("?"))
    guard case .help = state.overlay else { return XCTFail("expected help") }
    // Keys go to the popup, not the board.
    press(.char("L"))
    XCTAssertEqual(focusedTitle, "Acme renewal")
    press(.escape)
    XCTAssertNil(state.overlay)
  }

  func testQuit() {
    start()
    XCTAssertEqual(update(&state, .key(.char("q"))), [.quit])
    XCTAssertTrue(state.quitting)
    var other = makeState(size: Size(width: 80, height: 24))
    XCTAssertEqual(update(&other, .key(.ctrl("c"))), [.quit])
    var hungUp = makeState(size: Size(width: 80, height: 24))
    XCTAssertEqual(update(&hungUp, .hangup), [.quit])
  }

  func testOpenShowsTheDetail() throws {
    start()
    press(.char("L"), .enter)
    guard case .detail(let detail) = state.overlay else { return XCTFail("expected the detail") }
    XCTAssertEqual(detail.summary.deal.title, "Acme renewal")
    XCTAssertEqual(detail.stageHistory.count, 2)
    let lines = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(lines.contains("Qualification → Contact made"), lines)
    press(.escape)
    XCTAssertNil(state.overlay)
  }

  func testMoveToAChosenStage() throws {
    start()
    press(.char("m"))
    guard case .stagePicker = state.overlay else { return XCTFail("expected the stage picker") }
    type("nego")
    press(.enter)
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Negotiation")
    XCTAssertEqual(state.focusedColumn?.stage.name, "Negotiation")
    XCTAssertEqual(focusedTitle, "Acme renewal")
  }
}
