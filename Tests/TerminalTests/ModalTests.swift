/// Modal and Confirm: centred, clamped to small screens, keys give answers.
import Terminal
import XCTest

final class ModalTests: XCTestCase {
  override func setUp() { pinLocale() }

  func testModalIsCentredAndClamped() {
    let modal = Modal(title: "New", width: 50, height: 12)
    XCTAssertEqual(
      modal.area(in: Rect(x: 0, y: 0, width: 80, height: 24)),
      Rect(x: 15, y: 6, width: 50, height: 12))
    XCTAssertEqual(
      modal.area(in: Rect(x: 0, y: 0, width: 120, height: 40)),
      Rect(x: 35, y: 14, width: 50, height: 12))
    XCTAssertEqual(
      modal.area(in: Rect(x: 0, y: 0, width: 40, height: 12)),
      Rect(x: 0, y: 0, width: 40, height: 12))
  }

  func testModalDrawsOverContent() {
    var buffer = ScreenBuffer(lines: Array(repeating: "xxxxxxxxxxxx", count: 5))
    let inner = Modal(title: "Hi", width: 10, height: 3).render(into: &buffer, screen: buffer.area)
    XCTAssertEqual(inner, Rect(x: 3, y: 2, width: 6, height: 1))
    assertBuffer(
      buffer,
      [
        "xxxxxxxxxxxx",
        "x┌─ Hi ───┐x",
        "x│        │x",
        "x└────────┘x",
        "xxxxxxxxxxxx",
      ])
  }

  func testConfirmKeys() {
    var state = ConfirmState()
    XCTAssertEqual(state.handle(.enter), .no)
    XCTAssertNil(state.handle(.right))
    XCTAssertEqual(state.handle(.enter), .yes)
    XCTAssertEqual(state.handle(.char("n")), .no)
    XCTAssertEqual(state.handle(.char("y")), .yes)
    XCTAssertEqual(state.handle(.escape), .cancelled)
  }

  func testConfirmRendersWithWideMessage() {
    let buffer = render(width: 30, height: 7) { buffer, area in
      Confirm(title: "削除", message: "取引 Acme 東京 を削除?").render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "                              ",
        "  ┌─ 削除 ─────────────────┐  ",
        "  │ 取引 Acme 東京 を削除? │  ",
        "  │                        │  ",
        "  │    [ Yes ]  [ No ]     │  ",
        "  └────────────────────────┘  ",
        "                              ",
      ])
    XCTAssertEqual(
      buffer.roleLines(["selection": "s"])[4], "................ssssss........")
  }

  func testConfirmOnTinyScreenStaysInside() {
    let buffer = render(width: 12, height: 4) { buffer, area in
      Confirm(title: "Delete", message: "Delete the deal?").render(into: &buffer, area: area)
    }
    XCTAssertEqual(buffer.lines[0], "┌─ Delete ─┐")
    XCTAssertEqual(buffer.lines[3], "└──────────┘")
  }
}
