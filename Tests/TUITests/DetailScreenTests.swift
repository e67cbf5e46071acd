import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The deal detail and the pipelines screen, compared with frozen literals (DetailScreens).
final class DetailScreenTests: TUITestCase {
  func assertScreen(
    _ expected: [String], file: StaticString = #filePath, line: UInt = #line
  ) {
    let buffer = render(state)
    if let diff = buffer.diff(against: expected) { XCTFail(diff, file: file, line: line) }
    for (y, row) in buffer.lines.enumerated() {
      XCTAssertEqual(
        displayWidth(row), state.size.width, "row \(y): \(row)", file: file, line: line)
    }
  }

  /// The Acme detail as of the fixture's clock (the runner's load uses the wall clock, which
  /// would change the durations), with two notes.
  func openDetail() throws {
    start()
    let acme = id("Acme renewal")
    try store.createNote(
      Note(
        body: "Called Ann: wants the renewal before the audit.", dealId: acme,
        createdAt: Self.now.addingTimeInterval(-3_600)))
    try store.createNote(
      Note(body: "Sent the quote\nto procurement", dealId: acme, createdAt: Self.now))
    state.overlay = .detail(DetailState(try store.dealDetail(acme, now: Self.now)))
  }

  func testDetail() throws {
    try openDetail()
    resize(80, 24)
    assertScreen(DetailScreens.detail80x24)
    resize(40, 12)
    assertScreen(DetailScreens.detail40x12)
    press(.char("G"))
    assertScreen(DetailScreens.detailEnd40x12)
  }

  func testDetailWithANoteOpen() throws {
    try openDetail()
    resize(80, 24)
    press(.char("a"))
    type("Ann says yes")
    press(.enter)
    type("Sign on")
    assertScreen(DetailScreens.noteOpen80x24)
    resize(40, 12)
    assertScreen(DetailScreens.noteOpen40x12)
  }

  func testPipelines() {
    start()
    press(.char("P"), .char("j"))
    resize(80, 24)
    assertScreen(DetailScreens.pipelines80x24)
    resize(40, 12)
    assertScreen(DetailScreens.pipelines40x12)
    press(.tab)
    assertScreen(DetailScreens.pipelinesListFocused40x12)
  }

  func testStageForm() {
    start()
    press(.char("P"), .char("n"))
    resize(80, 24)
    assertScreen(DetailScreens.stageForm80x24)
  }

  func testGermanPipelines() {
    state = makeState(size: Size(width: 80, height: 24), language: "de")
    start()
    press(.char("P"))
    assertScreen(DetailScreens.germanPipelines80x24)
  }
}
