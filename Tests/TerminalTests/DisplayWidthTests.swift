/// Display width, truncation and padding, checked against libc wcwidth as ncurses uses it.
import Terminal
import XCTest

final class DisplayWidthTests: XCTestCase {
  override func setUp() { pinLocale() }

  func testASCIIAndCJK() {
    XCTAssertEqual(displayWidth("hello"), 5)
    XCTAssertEqual(displayWidth("東京"), 4)
    XCTAssertEqual(displayWidth("한국어"), 6)
    XCTAssertEqual(displayWidth("Zoë 東京 🚀"), 11)
  }

  func testCombiningMarksAddNothing() {
    // "e" + COMBINING ACUTE ACCENT is one grapheme of width 1.
    XCTAssertEqual(displayWidth("e\u{301}"), 1)
    XCTAssertEqual(graphemeCells("e\u{301}").map(\.text), ["e\u{301}"])
  }

  func testEmojiSequencesTakeTheFirstSpacingScalar() {
    XCTAssertEqual(displayWidth("🚀"), 2)
    // Family (ZWJ sequence): the first emoji only, joiners and partners dropped.
    let family = Character("👨‍👩‍👧")
    XCTAssertEqual(displayWidth(family), 2)
    XCTAssertEqual(graphemeCells(family).map(\.text), ["👨"])
    // Skin tone modifier dropped.
    XCTAssertEqual(displayWidth(Character("👍🏽")), 2)
    // VS16 dropped: ❤ is width 1 in wcwidth, and stays 1.
    XCTAssertEqual(displayWidth(Character("❤️")), 1)
    XCTAssertEqual(graphemeCells(Character("❤️")).map(\.text), ["❤"])
  }

  func testFlagIsTwoNarrowCells() {
    let cells = graphemeCells(Character("🇯🇵"))
    XCTAssertEqual(cells.map(\.width), [1, 1])
    XCTAssertEqual(displayWidth("🇯🇵"), 2)
  }

  func testControlCharactersHaveNoWidth() {
    XCTAssertEqual(displayWidth("a\tb\u{1b}c"), 3)
    XCTAssertEqual(scalarWidth("\u{7}"), -1)
  }

  func testTruncateNeverSplitsWideCharacters() {
    XCTAssertEqual(truncate("hello world", toWidth: 8), "hello w…")
    XCTAssertEqual(truncate("hello", toWidth: 5), "hello")
    XCTAssertEqual(truncate("東京都港区", toWidth: 6), "東京…")
    XCTAssertEqual(truncate("東京都港区", toWidth: 5), "東京…")
    XCTAssertEqual(truncate("東京", toWidth: 1), "…")
    XCTAssertEqual(truncate("abc", toWidth: 0), "")
  }

  func testPad() {
    XCTAssertEqual(pad("ab", toWidth: 4), "ab  ")
    XCTAssertEqual(pad("ab", toWidth: 4, alignment: .right), "  ab")
    XCTAssertEqual(pad("ab", toWidth: 5, alignment: .center), " ab  ")
    XCTAssertEqual(pad("東京都", toWidth: 5), "東京…")
    XCTAssertEqual(pad("東京都", toWidth: 4), "東… ")
    XCTAssertEqual(displayWidth(pad("東京都", toWidth: 5)), 5)
  }
}
