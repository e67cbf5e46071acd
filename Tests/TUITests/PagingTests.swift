import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// A stage with more deals than the board loads: the column says how many are hidden, and
/// scrolling down fetches the next page instead of loading the whole stage up front.
final class PagingTests: TUITestCase {
  func testScrollingPastTheLoadedCardsFetchesTheNextPage() throws {
    for n in 0..<80 {
      try store.createDeal(
        DealDraft(
          title: "Bulk \(n)", value: Money(minorUnits: 100, currency: .eur), pipeline: "Sales",
          stage: "Qualification"),
        now: Self.now.addingTimeInterval(Double(n)))
    }
    start()
    resize(80, 24)
    let column = try XCTUnwrap(state.board?.columns.first)
    XCTAssertGreaterThan(column.count, column.cards.count, "the board loaded the whole stage")
    let loaded = column.cards.count
    // Walk down to the last loaded card and on: the next page arrives on the way.
    for _ in 0..<(loaded + 5) { press(.char("j")) }
    let after = try XCTUnwrap(state.board?.columns.first)
    XCTAssertGreaterThan(after.cards.count, loaded)
    XCTAssertEqual(state.focus.card, loaded + 5)
    // The cards are in stage order with no repeats: the page joined at the right place.
    let ids = after.cards.map(\.deal.id)
    XCTAssertEqual(Set(ids).count, ids.count)
    let expected = try store.cards(stageId: after.stage.id, offset: 0, limit: ids.count).map(
      \.deal.id)
    XCTAssertEqual(ids, expected)
    // A move reloads the board but keeps the rep's place.
    let focused = try XCTUnwrap(state.focusedCard?.deal.id)
    press(.char("J"))
    XCTAssertEqual(state.focusedCard?.deal.id, focused)
  }
}
