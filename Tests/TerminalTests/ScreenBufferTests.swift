/// The cell grid: writing, clipping, wide characters and the line/diff helpers.
import Terminal
import XCTest

final class ScreenBufferTests: XCTestCase {
  override func setUp() { pinLocale() }

  func testLinesRoundTrip() {
    let lines = ["ab東京", "🚀 x  "]
    let buffer = ScreenBuffer(lines: lines)
    XCTAssertEqual(buffer.width, 6)
    assertBuffer(buffer, lines)
    XCTAssertEqual(buffer[2, 0].grapheme, "東")
    XCTAssertTrue(buffer[3, 0].isContinuation)
  }

  func testPutClipsToRectWithoutSplittingWideCharacters() {
    var buffer = ScreenBuffer(width: 8, height: 1)
    let end = buffer.put("東京都", x: 1, y: 0, clip: Rect(x: 0, y: 0, width: 6, height: 1))
    XCTAssertEqual(end, 6)
    assertBuffer(buffer, [" 東京   "])
    var left = ScreenBuffer(width: 6, height: 1)
    left.put("東京都", x: -1, y: 0)
    assertBuffer(left, [" 京都 "])
  }

  func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var buffer = ScreenBuffer(lines: ["東京"])
    buffer.put("x", x: 1, y: 0)
    assertBuffer(buffer, [" x京"])
    buffer.put("y", x: 2, y: 0)
    assertBuffer(buffer, [" xy "])
  }

  func testWideCharacterAtRightEdgeBecomesBlank() {
    var buffer = ScreenBuffer(width: 3, height: 1)
    buffer.put("ab東", x: 0, y: 0)
    assertBuffer(buffer, ["ab "])
  }

  func testFillAndStyles() {
    var buffer = ScreenBuffer(width: 4, height: 2)
    buffer.fill(Rect(x: 1, y: 0, width: 2, height: 2), with: "#", style: "card")
    buffer.setStyle("selection", in: Rect(x: 0, y: 1, width: 4, height: 1))
    assertBuffer(buffer, [" ## ", " ## "])
    XCTAssertEqual(buffer.roleLines(["card": "c", "selection": "s"]), [".cc.", "ssss"])
  }

  func testDiffIsReadable() {
    let buffer = ScreenBuffer(lines: ["abc", "def"])
    let diff = buffer.diff(against: ["abc", "dXf"]) ?? ""
    XCTAssertTrue(diff.contains(" !   1 expected \"dXf\""), diff)
    XCTAssertTrue(diff.contains("actual   \"def\""), diff)
    XCTAssertNil(buffer.diff(against: ["abc", "def"]))
  }

  func testControlCharactersNeverReachTheBuffer() {
    var buffer = ScreenBuffer(width: 4, height: 1)
    buffer.put("a\u{1b}[2Jb", x: 0, y: 0)
    assertBuffer(buffer, ["a[2J"])
  }

  func testRectHelpers() {
    let r = Rect(x: 0, y: 0, width: 10, height: 5)
    XCTAssertEqual(r.inset(by: 1), Rect(x: 1, y: 1, width: 8, height: 3))
    XCTAssertEqual(r.centered(width: 4, height: 2), Rect(x: 3, y: 1, width: 4, height: 2))
    XCTAssertEqual(r.centered(width: 40, height: 20), r)
    XCTAssertEqual(r.columns(3).map(\.width), [4, 3, 3])
    XCTAssertTrue(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 2).isEmpty)
  }
}
