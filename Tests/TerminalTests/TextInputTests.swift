/// Text input: editing keys, paste, and sideways scrolling with wide characters.
import Terminal
import XCTest

final class TextInputTests: XCTestCase {
  override func setUp() { pinLocale() }

  private func typed(_ keys: [Key], start: String = "") -> TextInputState {
    var state = TextInputState(start)
    for key in keys { state.handle(key) }
    return state
  }

  func testTypingAndCursorMovement() {
    let s = typed([.char("a"), .char("c"), .left, .char("b"), .end, .char("d")])
    XCTAssertEqual(s.text, "abcd")
    XCTAssertEqual(s.cursor, 4)
    let h = typed([.home, .char(">"), .ctrl("e"), .char("<"), .ctrl("a"), .right], start: "x")
    XCTAssertEqual(h.text, ">x<")
    XCTAssertEqual(h.cursor, 1)
  }

  func testDeleting() {
    XCTAssertEqual(typed([.backspace], start: "東京").text, "東")
    XCTAssertEqual(typed([.home, .delete], start: "東京").text, "京")
    XCTAssertEqual(typed([.home, .right, .ctrl("k")], start: "hello").text, "h")
    XCTAssertEqual(typed([.left, .ctrl("u")], start: "hello").text, "o")
    XCTAssertEqual(typed([.ctrl("w")], start: "big deal  ").text, "big ")
    XCTAssertEqual(typed([.ctrl("w"), .ctrl("w")], start: "big deal").text, "")
    XCTAssertEqual(typed([.home, .backspace], start: "x").text, "x")
  }

  func testPasteDropsControlsAndJoinsLines() {
    let s = typed([.paste("Acme\nCorp\u{1b}[31m 🚀")])
    XCTAssertEqual(s.text, "Acme Corp[31m 🚀")
    XCTAssertEqual(s.cursor, s.text.count)
  }

  func testNonEditingKeysAreNotConsumed() {
    var s = TextInputState("x")
    XCTAssertFalse(s.handle(.enter))
    XCTAssertFalse(s.handle(.up))
    XCTAssertFalse(s.handle(.tab))
  }

  func testRenderShowsCursorAtEnd() {
    let buffer = render(width: 8, height: 1) { buffer, area in
      TextInput(state: TextInputState("東京")).render(into: &buffer, area: area)
    }
    assertBuffer(buffer, ["東京    "])
    XCTAssertEqual(buffer.roleLines(["input": "i", "input.cursor": "c"]), ["iiiiciii"])
  }

  func testRenderScrollsSoTheCursorStaysVisible() {
    let state = TextInputState("東京商事abc")
    let buffer = render(width: 6, height: 1) { buffer, area in
      TextInput(state: state).render(into: &buffer, area: area)
    }
    assertBuffer(buffer, ["事abc "])
    var home = state
    home.handle(.home)
    let atHome = render(width: 6, height: 1) { buffer, area in
      TextInput(state: home).render(into: &buffer, area: area)
    }
    assertBuffer(atHome, ["東京商"])
    XCTAssertEqual(atHome.roleLines(["input": "i", "input.cursor": "c"]), ["cciiii"])
  }

  func testPlaceholderWhenUnfocusedAndEmpty() {
    let buffer = render(width: 10, height: 1) { buffer, area in
      TextInput(state: TextInputState(), focused: false, placeholder: "Title").render(
        into: &buffer, area: area)
    }
    assertBuffer(buffer, ["Title     "])
  }
}
