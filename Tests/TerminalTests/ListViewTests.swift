/// List: selection, scrolling that keeps the selection visible, the scroll indicator.
import Terminal
import XCTest

final class ListViewTests: XCTestCase {
  override func setUp() { pinLocale() }

  private let names = ["Acme", "東京商事", "Globex 🚀", "Initech", "Umbrella", "Hooli"]

  func testShortListHasNoIndicator() {
    let items = names.prefix(3).map { ListItem($0) }
    let buffer = render(width: 12, height: 4) { buffer, area in
      ListView(items: items, state: ListState(selected: 1)).render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "Acme        ",
        "東京商事    ",
        "Globex 🚀   ",
        "            ",
      ])
    XCTAssertEqual(buffer.roleLines(["selection": "s"])[1], "ssssssssssss")
  }

  func testScrollingKeepsSelectionVisibleAndShowsIndicator() {
    var state = ListState()
    for _ in 0..<4 { state.handle(.down, count: names.count, pageSize: 3) }
    XCTAssertEqual(state.selected, 4)
    XCTAssertEqual(state.offset, 2)
    let buffer = render(width: 10, height: 3) { buffer, area in
      ListView(items: names.map { ListItem($0) }, state: state).render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "Globex 🚀▲",
        "Initech  █",
        "Umbrella ▼",
      ])
  }

  func testKeysClampAtTheEnds() {
    var state = ListState()
    state.handle(.up, count: 6, pageSize: 3)
    XCTAssertEqual(state.selected, 0)
    state.handle(.end, count: 6, pageSize: 3)
    XCTAssertEqual(state.selected, 5)
    XCTAssertEqual(state.offset, 3)
    state.handle(.pageUp, count: 6, pageSize: 3)
    XCTAssertEqual(state.selected, 2)
    XCTAssertEqual(state.offset, 2)
    XCTAssertFalse(state.handle(.char("j"), count: 6, pageSize: 3))
  }

  func testEmptyList() {
    let buffer = render(width: 8, height: 2) { buffer, area in
      ListView(items: [], state: ListState(), emptyText: "No deals").render(
        into: &buffer, area: area)
    }
    assertBuffer(buffer, ["No deals", "        "])
  }

  func testAt80x24WithTheLastItemSelected() {
    let items = (1...50).map { ListItem("Deal \($0)") }
    var state = ListState(selected: 49)
    state.scrollToSelection(count: 50, visibleRows: 24)
    let buffer = render(width: 80, height: 24) { buffer, area in
      ListView(items: items, state: state).render(into: &buffer, area: area)
    }
    XCTAssertEqual(buffer.lines[0], pad("Deal 27", toWidth: 79) + "▲")
    XCTAssertEqual(buffer.lines[23], pad("Deal 50", toWidth: 79) + "│")
    XCTAssertEqual(buffer.lines[22].last, "█")
  }
}
