import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The call panel over Ann's detail at 80x24, 120x40 and 40x12, compared with frozen
/// literals (CallLogScreens): running with its clock, the outcome question with a title
/// typed, and both in German.
final class CallLogScreenTests: ListTestCase {
  static let sizes = [(80, 24), (120, 40), (40, 12)]

  func assertScreens(
    _ expected: [[String]], _ name: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    for (index, (width, height)) in Self.sizes.enumerated() {
      resize(width, height)
      let buffer = render(state)
      let lines = index < expected.count ? expected[index] : []
      if let diff = buffer.diff(against: lines) {
        save(buffer.lines, "\(name)\(width)x\(height)")
        XCTFail(diff, file: file, line: line)
      }
      for (y, row) in buffer.lines.enumerated() {
        XCTAssertEqual(displayWidth(row), width, "row \(y): \(row)", file: file, line: line)
      }
    }
  }

  /// With CRM_SCREENS=DIR a changed screen is also written there, to check by eye.
  func save(_ lines: [String], _ name: String) {
    dump(lines, name)
    guard let dir = ProcessInfo.processInfo.environment["CRM_SCREENS"] else { return }
    let text =
      "// \(name)\n[\n"
      + lines.map { "  \"\($0.replacingOccurrences(of: "\"", with: "\\\""))\",\n" }.joined() + "]\n"
    try? text.write(toFile: "\(dir)/\(name).txt", atomically: true, encoding: .utf8)
  }

  func runningCall() {
    openView("2")
    press(.enter)
    press(.char("c"))
    _ = send(.tick(Self.now.addingTimeInterval(3_725)))
    press(.char("i"))
  }

  func stoppedCall() {
    runningCall()
    press(.enter)
    press(.char("n"), .tab)
    type("Left a note")
  }

  func testTheRunningCall() {
    runningCall()
    assertScreens(CallLogScreens.running, "running")
  }

  func testTheOutcomeQuestion() {
    stoppedCall()
    assertScreens(CallLogScreens.outcome, "outcome")
  }

  func testTheCallInGerman() {
    state.catalog = Catalog(language: "de")
    runningCall()
    assertScreens(CallLogScreens.runningGerman, "runningGerman")
    press(.enter)
    assertScreens(CallLogScreens.outcomeGerman, "outcomeGerman")
  }
}
