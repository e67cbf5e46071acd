/// Bar charts and sparklines, in blocks and in their ASCII fallback, at several widths.
import Terminal
import XCTest

final class ChartTests: XCTestCase {
  override func setUp() { pinLocale() }

  private let rows = [
    BarRow("Won", [8], "8"), BarRow("Lost", [4], "4"), BarRow("Open", [3, 1], "4"),
  ]

  func testBarsInBlocksWithEighthsAndAShadedSecondSegment() {
    let buffer = render(width: 20, height: 3) { buffer, area in
      BarChart(rows: rows, glyphs: .blocks).render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "Won  █████████████ 8",
        "Lost ██████▌       4",
        "Open ████▉░░       4",
      ])
    XCTAssertEqual(
      buffer.roleLines(["chart.1": "1", "chart.2": "2"])[2], ".....1111122........")
  }

  func testBarsInASCII() {
    let buffer = render(width: 20, height: 3) { buffer, area in
      BarChart(rows: rows, glyphs: .ascii).render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "Won  ############# 8",
        "Lost #######       4",
        "Open #####==       4",
      ])
  }

  func testBarsFitAWideAndANarrowArea() {
    let wide = render(width: 40, height: 1) { buffer, area in
      BarChart(rows: [BarRow("Won", [8], "8"), BarRow("Lost", [4], "4")], glyphs: .blocks)
        .render(into: &buffer, area: area)
    }
    assertBuffer(wide, ["Won  " + String(repeating: "█", count: 33) + " 8"])
    // Too narrow for the label and the figure in full: they are cut, the bar stays.
    let narrow = render(width: 9, height: 2) { buffer, area in
      BarChart(
        rows: [BarRow("Qualification", [2], "20"), BarRow("Won", [1], "10")], glyphs: .blocks
      ).render(into: &buffer, area: area)
    }
    assertBuffer(narrow, ["Qu… ██ 20", "Won █  10"])
    // A tiny value still shows.
    let sliver = render(width: 12, height: 2) { buffer, area in
      BarChart(rows: [BarRow("a", [1000]), BarRow("b", [1])], glyphs: .blocks)
        .render(into: &buffer, area: area)
    }
    assertBuffer(sliver, ["a ██████████", "b ▏         "])
  }

  func testSparklines() {
    XCTAssertEqual(Sparkline(values: [0, 1, 3, 2, 8], glyphs: .blocks).text(width: 10), "▁▂▄▃█")
    XCTAssertEqual(Sparkline(values: [0, 1, 3, 2, 8], glyphs: .ascii).text(width: 10), "_.-:#")
    XCTAssertEqual(Sparkline(values: [0, 0], glyphs: .blocks).text(width: 10), "▁▁")
    // Only the latest values when the row is short.
    XCTAssertEqual(Sparkline(values: [8, 0, 1, 3, 2, 8], glyphs: .blocks).text(width: 3), "▄▃█")
  }

  func testGlyphsFollowTheLocaleAndTerminal() {
    XCTAssertEqual(ChartGlyphs.detect(environment: ["LANG": "en_US.UTF-8"]), .blocks)
    XCTAssertEqual(ChartGlyphs.detect(environment: ["LANG": "C.utf8"]), .blocks)
    XCTAssertEqual(ChartGlyphs.detect(environment: ["LANG": "C"]), .ascii)
    XCTAssertEqual(ChartGlyphs.detect(environment: [:]), .ascii)
    XCTAssertEqual(
      ChartGlyphs.detect(environment: ["LC_ALL": "POSIX", "LANG": "en_US.UTF-8"]), .ascii)
    XCTAssertEqual(
      ChartGlyphs.detect(environment: ["LANG": "de_DE.UTF-8", "TERM": "linux"]), .ascii)
  }
}
