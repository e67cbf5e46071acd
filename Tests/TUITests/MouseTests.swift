import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The mouse does what the keys do: a click focuses a card, a drag moves it to the column
/// it is dropped on (asking for a reason when that column is a lost stage).
final class MouseTests: TUITestCase {
  // At 120x40 five columns of 24 cells show; the board starts on row 1, a column's header
  // takes 3 rows and each card 4, so card n of a column starts on row 4 + 4n.
  private func cardPoint(column: Int, card: Int) -> (x: Int, y: Int) {
    (column * 24 + 5, 4 + 4 * card + 1)
  }

  private func mouse(_ kind: MouseEvent.Kind, _ point: (x: Int, y: Int)) {
    send(.mouse(MouseEvent(kind, button: .left, x: point.x, y: point.y)))
  }

  func testClickFocusesTheCardUnderThePointer() throws {
    start()
    resize(120, 40)
    let second = try XCTUnwrap(state.board?.columns[0].cards[1].deal.title)
    mouse(.press, cardPoint(column: 0, card: 1))
    mouse(.release, cardPoint(column: 0, card: 1))
    XCTAssertEqual(state.focus, BoardFocus(column: 0, card: 1))
    XCTAssertEqual(focusedTitle, second)
    let other = try XCTUnwrap(state.board?.columns[1].cards[0].deal.title)
    mouse(.press, cardPoint(column: 1, card: 0))
    XCTAssertEqual(focusedTitle, other)
  }

  func testDraggingACardToAnotherColumnMovesIt() throws {
    start()
    resize(120, 40)
    let title = try XCTUnwrap(state.board?.columns[0].cards[0].deal.title)
    mouse(.press, cardPoint(column: 0, card: 0))
    mouse(.drag, cardPoint(column: 1, card: 2))
    mouse(.release, cardPoint(column: 2, card: 0))
    XCTAssertEqual(try stageName(of: title), "Proposal")
    XCTAssertEqual(try historyCount(title), 2)
    XCTAssertEqual(focusedTitle, title, "the focus follows the dropped card")
  }

  func testADropOnTheSameColumnChangesNothing() throws {
    start()
    resize(120, 40)
    let title = try XCTUnwrap(state.board?.columns[0].cards[0].deal.title)
    let entries = try store.changes(limit: 100_000).count
    mouse(.press, cardPoint(column: 0, card: 0))
    mouse(.release, cardPoint(column: 0, card: 2))
    XCTAssertEqual(try stageName(of: title), "Qualification")
    XCTAssertEqual(try store.changes(limit: 100_000).count, entries)
  }

  func testDroppingOnLostAsksForAReason() throws {
    start()
    resize(120, 40)
    // Scroll right so the Lost column (the sixth) is on screen as the fifth shown.
    press(.char("l"), .char("l"), .char("l"), .char("l"), .char("l"))
    press(.char("h"), .char("h"), .char("h"), .char("h"), .char("h"))
    XCTAssertEqual(state.firstColumn, 0)
    press(.char("l"), .char("l"), .char("l"), .char("l"), .char("l"))
    XCTAssertEqual(state.firstColumn, 1)
    let title = try XCTUnwrap(state.board?.columns[1].cards[0].deal.title)
    mouse(.press, cardPoint(column: 0, card: 0))  // column 1 of the board, shown first
    mouse(.release, cardPoint(column: 4, card: 0))  // column 5: Lost
    guard case .lostReason = state.overlay else {
      return XCTFail("expected the lost-reason picker, got \(String(describing: state.overlay))")
    }
    press(.enter)
    XCTAssertEqual(try stageName(of: title), "Lost")
    XCTAssertEqual(try store.deal(id(title)).lostReason, "Price too high")
  }
}
