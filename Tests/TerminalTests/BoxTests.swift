/// Box: borders and titles stay aligned with wide text, and tiny areas draw nothing.
import Terminal
import XCTest

final class BoxTests: XCTestCase {
  override func setUp() { pinLocale() }

  func testBoxWithTitle() {
    let buffer = render(width: 12, height: 4) { buffer, area in
      Box(title: "Deals").render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "┌─ Deals ──┐",
        "│          │",
        "│          │",
        "└──────────┘",
      ])
    XCTAssertEqual(buffer.roleLines(["border": "b", "title": "t"])[0], "bbtttttttbbb")
  }

  func testWideTitleIsTruncatedWithoutBreakingTheCorner() {
    let buffer = render(width: 10, height: 3) { buffer, area in
      Box(title: "東京の取引先", focused: true).render(into: &buffer, area: area)
      buffer.put("🚀東京ab", x: 1, y: 1, clip: Box().inner(area))
    }
    assertBuffer(
      buffer,
      [
        "┌─ 東京… ┐",
        "│🚀東京ab│",
        "└────────┘",
      ])
    XCTAssertEqual(buffer.roleLines(["border.focused": "f"])[2], "ffffffffff")
  }

  func testTooSmallDrawsNothing() {
    let buffer = render(width: 3, height: 1) { buffer, area in
      Box(title: "x").render(into: &buffer, area: area)
    }
    assertBuffer(buffer, ["   "])
  }
}
