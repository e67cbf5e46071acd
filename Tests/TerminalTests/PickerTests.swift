/// Fuzzy matching and the picker built on it.
import Terminal
import XCTest

final class PickerTests: XCTestCase {
  override func setUp() { pinLocale() }

  private let stages = [
    "Lead", "Qualified", "Proposal", "Negotiation", "Closed won", "Closed lost",
  ]

  func testSubsequenceCaseInsensitive() {
    XCTAssertEqual(fuzzyMatch("PRP", "Proposal")?.positions, [0, 1, 3])
    XCTAssertNil(fuzzyMatch("xyz", "Proposal"))
    XCTAssertNil(fuzzyMatch("lead", "Lea"))
    XCTAssertEqual(fuzzyMatch("", "anything")?.score, 0)
    XCTAssertEqual(fuzzyMatch("東", "東京")?.positions, [0])
  }

  func testScoringPrefersWordStartsAndTightMatches() {
    let ranked = fuzzyFilter("cl", stages).map { stages[$0.index] }
    XCTAssertEqual(ranked, ["Closed won", "Closed lost"])
    // "cw" hits the start of "Closed" and of "won".
    XCTAssertEqual(fuzzyFilter("cw", stages).map { stages[$0.index] }.first, "Closed won")
    XCTAssertEqual(fuzzyFilter("lo", stages).map { stages[$0.index] }.first, "Closed lost")
  }

  func testPickerKeys() {
    var picker = PickerState()
    XCTAssertNil(picker.handle(.char("c"), items: stages))
    XCTAssertNil(picker.handle(.char("l"), items: stages))
    XCTAssertNil(picker.handle(.down, items: stages))
    XCTAssertEqual(picker.handle(.enter, items: stages), .picked(5))
    XCTAssertNil(picker.handle(.backspace, items: stages))
    XCTAssertEqual(picker.list.selected, 0)
    XCTAssertEqual(picker.handle(.escape, items: stages), .cancelled)
    var none = PickerState(query: "zzz")
    XCTAssertNil(none.handle(.enter, items: stages))
  }

  func testPickerRender() {
    var picker = PickerState()
    _ = picker.handle(.paste("cl"), items: stages)
    let buffer = render(width: 20, height: 5) { buffer, area in
      Picker(title: "Stage", items: stages, state: picker).render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "┌─ Stage ──────────┐",
        "│> cl           2/6│",
        "│Closed won        │",
        "│Closed lost       │",
        "└──────────────────┘",
      ])
    XCTAssertEqual(
      buffer.roleLines(["picker.match": "m", "selection": "s"])[2], ".mmssssssssssssssss.")
  }
}
