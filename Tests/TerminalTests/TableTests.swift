/// Table: column widths, alignment, header, selection, CJK cells at several sizes.
import Terminal
import XCTest

final class TableTests: XCTestCase {
  override func setUp() { pinLocale() }

  private let columns = [
    TableColumn("Deal", width: .flex(1)),
    TableColumn("Stage", width: .fixed(6)),
    TableColumn("Value", width: .fixed(7), alignment: .right),
  ]
  private let rows = [
    ["Acme renewal", "Won", "1,200"],
    ["東京商事 expansion", "Lead", "35,000"],
    ["Globex 🚀", "Propos", "900"],
  ]

  func testNarrowTable() {
    let buffer = render(width: 30, height: 4) { buffer, area in
      Table(columns: columns, rows: rows, state: ListState(selected: 1)).render(
        into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "Deal            Stage    Value",
        "Acme renewal    Won      1,200",
        "東京商事 expan… Lead    35,000",
        "Globex 🚀       Propos     900",
      ])
    XCTAssertEqual(
      buffer.roleLines(["table.header": "h", "selection": "s"]),
      [
        String(repeating: "h", count: 30),
        String(repeating: ".", count: 30),
        String(repeating: "s", count: 30),
        String(repeating: ".", count: 30),
      ])
  }

  func testColumnWidthsAt120And40() {
    let table = Table(columns: columns, rows: rows)
    XCTAssertEqual(table.columnWidths(total: 120), [105, 6, 7])
    XCTAssertEqual(table.columnWidths(total: 40), [25, 6, 7])
    // Too narrow for the fixed columns: the rightmost gives way first.
    XCTAssertEqual(table.columnWidths(total: 8), [0, 6, 0])
  }

  func testScrollingTableShowsIndicator() {
    let many = (1...10).map { ["Deal \($0)", "Lead", "\($0)"] }
    let state = ListState(selected: 9).visible(count: 10, visibleRows: 3)
    let buffer = render(width: 24, height: 4) { buffer, area in
      Table(columns: columns, rows: many, state: state).render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "Deal     Stage    Value ",
        "Deal 8   Lead         8▲",
        "Deal 9   Lead         9█",
        "Deal 10  Lead        10│",
      ])
  }
}
