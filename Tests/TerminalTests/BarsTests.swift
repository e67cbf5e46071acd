/// Tabs and status bar: one-row widgets that must degrade well when narrow.
import Terminal
import XCTest

final class BarsTests: XCTestCase {
  override func setUp() { pinLocale() }

  func testTabs() {
    let tabs = Tabs(titles: ["Board", "連絡先", "Reports"], selected: 1)
    let buffer = render(width: 30, height: 1) { buffer, area in
      tabs.render(into: &buffer, area: area)
    }
    assertBuffer(buffer, [" Board │ 連絡先 │ Reports     "])
    XCTAssertEqual(
      buffer.roleLines(["tab": "t", "tab.selected": "S", "border": "|"]),
      ["ttttttt|SSSSSSSS|ttttttttttttt"])
    XCTAssertEqual(tabs.tab(atX: 9, in: buffer.area), 1)
    XCTAssertEqual(tabs.tab(atX: 7, in: buffer.area), nil)
    XCTAssertEqual(tabs.tab(atX: 20, in: buffer.area), 2)
  }

  func testStatusBarAt80() {
    let bar = StatusBar(
      left: [StatusSegment("BOARD")],
      hints: [KeyHint(key: "?", label: "help"), KeyHint(key: "q", label: "quit")],
      right: [StatusSegment("Sales"), StatusSegment("42 件")])
    let buffer = render(width: 80, height: 1) { buffer, area in
      bar.render(into: &buffer, area: area)
    }
    let expected = pad(" BOARD  ? help  q quit", toWidth: 80 - 12) + "Sales 42 件 "
    assertBuffer(buffer, [expected])
    XCTAssertEqual(buffer.roleLines(["hint.key": "k"])[0].filter { $0 == "k" }.count, 2)
  }

  func testStatusBarDropsHintsThenTruncatesWhenNarrow() {
    let bar = StatusBar(
      left: [StatusSegment("Saved deal Acme")],
      hints: [KeyHint(key: "?", label: "help")],
      right: [StatusSegment("3/9")])
    let buffer = render(width: 20, height: 1) { buffer, area in
      bar.render(into: &buffer, area: area)
    }
    assertBuffer(buffer, [" Saved deal Ac… 3/9 "])
    let tiny = render(width: 12, height: 1) { buffer, area in
      bar.render(into: &buffer, area: area)
    }
    assertBuffer(tiny, [" Saved… 3/9 "])
  }
}
