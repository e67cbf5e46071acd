/// A small screen composed of widgets, at the narrow size (40x12) and the wide one
/// (120x40), with CJK and emoji text keeping every border in its column.
import Terminal
import XCTest

final class LayoutSizesTests: XCTestCase {
  override func setUp() { pinLocale() }

  private func screen(width: Int, height: Int) -> ScreenBuffer {
    render(width: width, height: height) { buffer, area in
      let (top, rest) = area.splitTop(1)
      let (body, bottom) = rest.splitBottom(1)
      Tabs(titles: ["Board", "連絡先"], selected: 0).render(into: &buffer, area: top)
      let panes = body.columns(2)
      let left = Box(title: "東京商事", focused: true)
      left.render(into: &buffer, area: panes[0])
      ListView(
        items: ["Acme 🚀", "東京商事 expansion deal", "Globex"].map { ListItem($0) },
        state: ListState(selected: 1)
      ).render(into: &buffer, area: left.inner(panes[0]))
      Box(title: "Notes").render(into: &buffer, area: panes[1])
      StatusBar(left: [StatusSegment("BOARD")], hints: [KeyHint(key: "?", label: "help")])
        .render(into: &buffer, area: bottom)
    }
  }

  func testNarrow40x12() {
    let buffer = screen(width: 40, height: 12)
    assertBuffer(
      buffer,
      [
        " Board │ 連絡先                         ",
        "┌─ 東京商事 ───────┐┌─ Notes ──────────┐",
        "│Acme 🚀           ││                  │",
        "│東京商事 expansio…││                  │",
        "│Globex            ││                  │",
        "│                  ││                  │",
        "│                  ││                  │",
        "│                  ││                  │",
        "│                  ││                  │",
        "│                  ││                  │",
        "└──────────────────┘└──────────────────┘",
        " BOARD  ? help                          ",
      ])
  }

  func testWide120x40KeepsBordersInTheirColumns() {
    let buffer = screen(width: 120, height: 40)
    for y in 2..<38 {
      let line = buffer.lines[y]
      XCTAssertEqual(displayWidth(line), 120)
      XCTAssertEqual(buffer[0, y].grapheme, "│")
      XCTAssertEqual(buffer[59, y].grapheme, "│", "row \(y)")
      XCTAssertEqual(buffer[60, y].grapheme, "│", "row \(y)")
      XCTAssertEqual(buffer[119, y].grapheme, "│", "row \(y)")
    }
    XCTAssertTrue(buffer.lines[3].hasPrefix("│東京商事 expansion deal "))
  }
}
