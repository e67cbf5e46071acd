/// Text area: typing, Enter, joining lines, moving between lines, paste, and drawing.
import Terminal
import XCTest

final class TextAreaTests: XCTestCase {
  override func setUp() { pinLocale() }

  private func typed(_ keys: [Key], start: String = "") -> TextAreaState {
    var state = TextAreaState(start)
    for key in keys { state.handle(key) }
    return state
  }

  func testInsertAndNewline() {
    let s = typed([.char("H"), .char("i"), .enter, .char("A"), .char("n"), .char("n")])
    XCTAssertEqual(s.text, "Hi\nAnn")
    XCTAssertEqual(s.lines, ["Hi", "Ann"])
    XCTAssertEqual(s.row, 1)
    XCTAssertEqual(s.column, 3)
  }

  func testEnterInTheMiddleSplitsTheLine() {
    let s = typed([.left, .left, .enter], start: "abcd")
    XCTAssertEqual(s.lines, ["ab", "cd"])
    XCTAssertEqual(s.row, 1)
    XCTAssertEqual(s.column, 0)
  }

  func testBackspaceAtTheStartJoinsLines() {
    let s = typed([.home, .backspace], start: "ab\ncd")
    XCTAssertEqual(s.text, "abcd")
    XCTAssertEqual(s.column, 2)
    XCTAssertEqual(typed([.up, .end, .delete], start: "ab\ncd").text, "abcd")
    // Nothing before the first line or after the last to join.
    XCTAssertEqual(typed([.up, .home, .backspace], start: "ab\ncd").text, "ab\ncd")
    XCTAssertEqual(typed([.delete], start: "ab\ncd").text, "ab\ncd")
  }

  func testUpAndDownKeepTheColumnWhereTheLineAllows() {
    let s = typed([.up], start: "ab\nlonger")
    XCTAssertEqual(s.row, 0)
    XCTAssertEqual(s.column, 2)
    XCTAssertEqual(typed([.up, .down], start: "ab\nlonger").column, 2)
    // Left at a line's start goes to the end of the line above; right wraps back.
    let left = typed([.home, .left], start: "ab\ncd")
    XCTAssertEqual([left.row, left.column], [0, 2])
    let right = typed([.home, .left, .right], start: "ab\ncd")
    XCTAssertEqual([right.row, right.column], [1, 0])
  }

  func testPasteKeepsLineBreaksAndDropsControls() {
    let s = typed([.paste("one\r\ntwo\u{7}\tx\nthree")], start: ">")
    XCTAssertEqual(s.lines, [">one", "two x", "three"])
    XCTAssertEqual([s.row, s.column], [2, 5])
    let middle = typed([.home, .paste("a\nb")], start: "XY")
    XCTAssertEqual(middle.lines, ["a", "bXY"])
    XCTAssertEqual([middle.row, middle.column], [1, 1])
  }

  func testKeysItDoesNotUseAreLeftToTheCaller() {
    var s = TextAreaState("x")
    XCTAssertFalse(s.handle(.escape))
    XCTAssertFalse(s.handle(.tab))
    XCTAssertFalse(s.handle(.ctrl("s")))
    XCTAssertEqual(s.text, "x")
    XCTAssertTrue(TextAreaState(" \n ").isBlank)
    XCTAssertFalse(TextAreaState(" \n.").isBlank)
  }

  func testRendersAndScrollsToTheCursorLine() {
    let state = TextAreaState("one\ntwo\nthree\nfour")
    let buffer = render(width: 8, height: 3) { buffer, area in
      TextArea(state: state).render(into: &buffer, area: area)
    }
    // The cursor is on the fourth line: the view starts at the second.
    assertBuffer(buffer, ["two     ", "three   ", "four    "])
    XCTAssertEqual(buffer[4, 2].style, Style(Role.inputCursor))
    XCTAssertEqual(TextArea(state: state).firstVisibleLine(height: 3), 1)
    let top = render(width: 8, height: 3) { buffer, area in
      TextArea(state: TextAreaState("a very long line\nb"), focused: false).render(
        into: &buffer, area: area)
    }
    assertBuffer(top, ["a very …", "b       ", "        "])
  }
}
