import Foundation
import Model
import Store
import XCTest

@testable import TUI

/// Marking a lost deal lost again changes its reason, and says so honestly.
final class LostAgainTests: TUITestCase {
  func testMarkingALostDealLostAgainChangesItsReason() throws {
    start()
    press(.char("X"), .down, .enter)
    XCTAssertEqual(try store.deal(id("Acme renewal")).lostReason, "Chose a competitor")
    XCTAssertEqual(focusedTitle, "Acme renewal")
    press(.char("X"))
    type("budget")
    press(.enter)
    let deal = try store.deal(id("Acme renewal"))
    XCTAssertEqual(deal.lostReason, "No budget")
    XCTAssertEqual(try store.stage(named: deal.stageId).name, "Lost")
    // One undo takes back the new reason only.
    press(.char("u"))
    XCTAssertEqual(try store.deal(id("Acme renewal")).lostReason, "Chose a competitor")
  }
}

/// A move reloads only the two columns it touched; the board must still equal a full read.
final class PartialReloadTests: TUITestCase {
  func testTheBoardAfterAMoveEqualsAFullReload() throws {
    start()
    press(.char("L"), .char("l"), .char("L"), .char("K"))
    let full = try XCTUnwrap(
      store.board(pipelineId: state.board?.pipeline.id, cardsPerStage: state.cardsPerStage))
    let shown = try XCTUnwrap(state.board)
    XCTAssertEqual(shown.columns.map(\.stage.id), full.columns.map(\.stage.id))
    XCTAssertEqual(shown.columns.map(\.count), full.columns.map(\.count))
    XCTAssertEqual(shown.columns.map(\.totals), full.columns.map(\.totals))
    XCTAssertEqual(
      shown.columns.map { $0.cards.map(\.deal.id) }, full.columns.map { $0.cards.map(\.deal.id) })
  }
}
