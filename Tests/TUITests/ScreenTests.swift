import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// Whole screens of the fixture board, compared with frozen literals (Screens).
final class ScreenTests: TUITestCase {
  func assertScreen(
    _ expected: [String], file: StaticString = #filePath, line: UInt = #line
  ) {
    let buffer = render(state)
    if let diff = buffer.diff(against: expected) { XCTFail(diff, file: file, line: line) }
    // Every row is exactly as wide as the terminal: wide titles never push a border.
    for (y, row) in buffer.lines.enumerated() {
      XCTAssertEqual(
        displayWidth(row), state.size.width, "row \(y): \(row)", file: file, line: line)
    }
  }

  func testBoardAt80x24() {
    start()
    resize(80, 24)
    assertScreen(Screens.board80x24)
  }

  func testBoardAt120x40() {
    start()
    resize(120, 40)
    assertScreen(Screens.board120x40)
  }

  func testNarrowBoardShowsOneStageWithItsNeighbours() {
    start()
    resize(40, 12)
    assertScreen(Screens.board40x12)
    press(.char("l"))
    assertScreen(Screens.narrowSecond40x12)
    press(.char("l"), .char("l"), .char("l"), .char("l"))
    assertScreen(Screens.narrowLast40x12)
  }

  /// "+N more" sat on the row that names the neighbours and was drawn over by them.
  func testNarrowBoardSaysHowManyCardsAreHidden() {
    start()
    resize(40, 12)
    let lines = render(state).lines
    XCTAssertEqual(lines[9], "                                +2 more ")
    XCTAssertEqual(lines[10], "                          Contact made ›")
  }

  /// The card rows a narrow board shows still hold the marks of every card, one at a time.
  func testNarrowBoardScrollsToTheFocusedCard() {
    start()
    resize(40, 12)
    press(.char("j"), .char("j"))
    let lines = render(state).lines
    XCTAssertEqual(lines[4], " Globex pilot                           ")
    // Below 40 cells a card shows its marks as symbols only.
    XCTAssertEqual(lines[6], " €2,500.00 · Jun 12 ⚑ ◷                 ")
    XCTAssertTrue(lines[9].hasPrefix(" ↑ 2"), lines[9])
    // A wider single stage spells them out.
    resize(79, 24)
    let wide = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(wide.contains(" €2,500.00 · Jun 12 ⚑ overdue ◷ rotting"), wide)
  }

  func testTooSmall() {
    start()
    resize(20, 5)
    assertScreen(Screens.tooSmall20x5)
    resize(10, 4)
    assertScreen(Screens.tooSmall10x4)
    // Keys still work and nothing crashes down to nothing at all.
    press(.char("l"), .char("j"), .char("?"), .escape)
    for (width, height) in [(1, 1), (0, 0), (29, 8), (30, 7), (2, 30)] {
      resize(width, height)
      let buffer = render(state)
      XCTAssertEqual(buffer.size, Size(width: width, height: height))
      if height > 0 && width >= 8 {
        XCTAssertTrue(buffer.lines[0].hasPrefix("Terminal"), "\(width)x\(height)")
      }
    }
    resize(30, 8)
    XCTAssertFalse(render(state).lines[0].hasPrefix("Terminal"), "30x8 is the minimum")
  }

  func testResizingKeepsTheFocusedDeal() {
    start()
    resize(120, 40)
    press(.char("l"), .char("l"), .char("l"), .char("l"), .char("h"), .char("h"), .char("h"))
    press(.char("j"))
    XCTAssertEqual(focusedTitle, "Acme expansion")
    for (width, height) in [(80, 24), (40, 12), (30, 8), (20, 5), (10, 4), (40, 12), (120, 40)] {
      resize(width, height)
      XCTAssertEqual(focusedTitle, "Acme expansion", "at \(width)x\(height)")
      _ = render(state)
    }
    XCTAssertEqual(state.focus, BoardFocus(column: 1, card: 1))
    // Back at full width the focused stage is the first one shown, and every column is full.
    XCTAssertEqual(state.firstColumn, 1)
    let lines = render(state).lines
    // The narrow screen had scrolled the stage by a card; with room again, both show.
    XCTAssertTrue(lines[4].hasPrefix(" 🚀 Launch deal         │"), lines.joined(separator: "\n"))
    XCTAssertTrue(lines[8].hasPrefix(" Acme expansion         │"), lines.joined(separator: "\n"))
    XCTAssertFalse(lines[38].contains("↑"), lines[38])
    XCTAssertTrue(lines[0].hasSuffix("Sales  2-6 of 6"), lines[0])
  }

  func testResizingKeepsTheLastColumnInView() {
    start()
    resize(120, 40)
    press(.char("l"), .char("l"), .char("l"), .char("l"), .char("l"))
    XCTAssertEqual(state.focusedColumn?.stage.name, "Lost")
    resize(40, 12)
    XCTAssertEqual(render(state).lines[1], " Lost                           0 deals ")
    resize(120, 40)
    let header = render(state).lines[1]
    XCTAssertTrue(header.hasSuffix("│ Lost          0 deals "), header)
    XCTAssertTrue(render(state).lines[0].hasSuffix("Sales  2-6 of 6"))
  }

  func testHelpListsEveryBinding() {
    start()
    press(.char("?"))
    resize(80, 24)
    assertScreen(Screens.help80x24)
    resize(120, 40)
    assertScreen(Screens.help120x40)
    // Made from the table: every binding's keys and the start of its text are on screen
    // (80x24 scrolls for the last row since `!` joined the global keys).
    for size in [Size(width: 120, height: 40)] {
      resize(size.width, size.height)
      let text = render(state).lines.joined(separator: "\n")
      // The board's help: the lists' own keys are in theirs; the sync screen's only when the
      // database syncs (SyncTests).
      for binding in state.keys.bindings
      where [.global, .board].contains(binding.context) && binding.action != .syncScreen {
        let keys = binding.keys.map(\.description).joined(separator: " ")
        let label = String(state.text("action.\(binding.action.rawValue)").prefix(15))
        XCTAssertTrue(text.contains(keys), "\(keys) at \(size)")
        XCTAssertTrue(text.contains(label), "\(label) at \(size)")
      }
    }
  }

  func testHelpFollowsARemap() {
    var keys = KeyTable()
    XCTAssertEqual(keys.remap(["move_deal_next": ["Ctrl-N"]]), [])
    state.keys = keys
    start()
    resize(120, 40)
    press(.char("?"))
    let text = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("Ctrl-N    Move to next stage"), text)
    press(.escape)
    XCTAssertTrue(render(state).lines[39].contains("Ctrl-N forward"))
  }

  func testStatusBarHintsComeFromTheTable() {
    start()
    resize(120, 40)
    let bar = render(state).lines[39]
    for binding in state.keys.bindings
    where binding.hint && [.global, .board].contains(binding.context) {
      let hint = "\(binding.keys[0].description) \(state.text("hint.\(binding.action.rawValue)"))"
      XCTAssertTrue(bar.contains(hint), "\(hint) not in \(bar)")
    }
  }

  func testFilterScreens() {
    start()
    resize(80, 24)
    press(.char("/"))
    type("Acme")
    assertScreen(Screens.filterTyping80x24)
    press(.enter)
    assertScreen(Screens.filtered80x24)
  }

  func testFormErrorScreen() {
    start()
    resize(80, 24)
    press(.char("n"))
    type("Bad value deal")
    press(.tab)
    type("12.345")
    press(.enter)
    assertScreen(Screens.formError80x24)
  }

  /// The picker drew only its matches and left the board showing through the rest.
  func testPickerCoversTheBoard() {
    start()
    resize(80, 24)
    press(.char("X"))
    assertScreen(Screens.lostReason80x24)
    type("bud")
    assertScreen(Screens.lostReasonTyped80x24)
  }

  func testGerman() {
    state = makeState(size: Size(width: 80, height: 24), language: "de")
    start()
    assertScreen(Screens.german80x24)
    let screen = render(state).lines
    XCTAssertTrue(screen[0].contains("2 Kontakte"))
    XCTAssertTrue(screen[23].contains("? Hilfe"))
    XCTAssertTrue(screen[23].contains("L vor"))
    press(.char("?"))
    let help = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(help.contains("Tasten"), help)
    XCTAssertTrue(help.contains("In nächste Phase"), help)
    XCTAssertTrue(help.contains("Esc schließt"), help)
  }
}

extension ScreenTests {
  /// A long value line gives way to the marks: they are what the rep must not miss.
  func testMarksAreNeverCutOffByALongValueLine() {
    start()
    resize(30, 12)
    press(.char("j"), .char("j"))
    var card = state.focusedCard!
    card.deal.value = Money(minorUnits: 12_345_678_901_234, currency: .eur)
    state.board!.columns[state.focus.column].cards[state.focus.card] = card
    let line = render(state).lines[6]
    XCTAssertTrue(line.contains("… ⚑ ◷"), line)
  }
}

extension ScreenTests {
  /// On a small terminal the help scrolls with j/k and says so; the last binding can be
  /// reached.
  func testHelpScrollsOnASmallTerminal() {
    start()
    resize(40, 12)
    press(.char("?"))
    var text = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("j/k scroll"), text)
    XCTAssertFalse(text.contains("Redraw"), text)
    press(.char("G"))
    text = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("Redraw"), text)
    XCTAssertFalse(text.contains("Help "), text)
    press(.char("g"))
    XCTAssertTrue(render(state).lines.joined(separator: "\n").contains("Help"))
    press(.escape)
    XCTAssertNil(state.overlay)
  }
}
