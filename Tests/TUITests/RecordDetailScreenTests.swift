import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The popups of a contact's detail at 80x24, 120x40 and 40x12, compared with frozen
/// literals (RecordDetailScreens): the activity form, the deal form, the deal picker, the
/// role form, the unlink question, and the detail with a linked deal focused.
final class RecordDetailScreenTests: ListTestCase {
  static let sizes = [(80, 24), (120, 40), (40, 12)]

  func assertScreens(
    _ expected: [[String]], _ name: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    for ((width, height), lines) in zip(Self.sizes, expected) {
      resize(width, height)
      let buffer = render(state)
      if let diff = buffer.diff(against: lines) {
        save(buffer.lines, "\(name)\(width)x\(height)")
        XCTFail(diff, file: file, line: line)
      }
      for (y, row) in buffer.lines.enumerated() {
        XCTAssertEqual(displayWidth(row), width, "row \(y): \(row)", file: file, line: line)
      }
    }
  }

  /// Prints a screen as a literal, and with CRM_SCREENS=DIR also writes it there (a
  /// print can be lost among XCTest's own output).
  func save(_ lines: [String], _ name: String) {
    dump(lines, name)
    guard let dir = ProcessInfo.processInfo.environment["CRM_SCREENS"] else { return }
    let text =
      "// \(name)\n[\n"
      + lines.map { "  \"\($0.replacingOccurrences(of: "\"", with: "\\\""))\",\n" }.joined() + "]\n"
    try? text.write(toFile: "\(dir)/\(name).txt", atomically: true, encoding: .utf8)
  }

  /// Ann's detail as of the fixture's clock, at 80x24.
  func openAnn() throws {
    openView("2")
    resize(80, 24)
    var detail = RecordDetailState(
      .contact(try store.contactDetail(contactIds["Ann"]!, now: Self.now)))
    detail.roles = try store.dealRoles(contact: contactIds["Ann"]!)
    state.overlay = .recordDetail(detail)
  }

  func testActivityForm() throws {
    try openAnn()
    press(.char("A"))
    type("Send the quote")
    press(.tab)
    type("tomorrow 9:30")
    assertScreens(
      [
        RecordDetailScreens.activity80x24, RecordDetailScreens.activity120x40,
        RecordDetailScreens.activity40x12,
      ], "activity")
  }

  func testDealFormWithAnError() throws {
    try openAnn()
    press(.char("N"))
    press(.tab)
    type("lots")
    press(.enter)
    assertScreens(
      [
        RecordDetailScreens.deal80x24, RecordDetailScreens.deal120x40,
        RecordDetailScreens.deal40x12,
      ], "deal")
  }

  func testDealPickerAndRole() throws {
    try openAnn()
    press(.char("L"))
    type("acme")
    assertScreens(
      [
        RecordDetailScreens.pick80x24, RecordDetailScreens.pick120x40,
        RecordDetailScreens.pick40x12,
      ], "pick")
    press(.down, .enter)
    type("buyer")
    assertScreens(
      [
        RecordDetailScreens.role80x24, RecordDetailScreens.role120x40,
        RecordDetailScreens.role40x12,
      ], "role")
  }

  func testFocusedDealAndUnlinkQuestion() throws {
    try store.linkContact(contactIds["Ann"]!, toDeal: id("Globex pilot"), role: "champion")
    try openAnn()
    press(.tab, .tab)
    assertScreens(
      [
        RecordDetailScreens.focus80x24, RecordDetailScreens.focus120x40,
        RecordDetailScreens.focus40x12,
      ], "focus")
    press(.char("x"))
    assertScreens(
      [
        RecordDetailScreens.unlink80x24, RecordDetailScreens.unlink120x40,
        RecordDetailScreens.unlink40x12,
      ], "unlink")
  }

  func testGermanDetailAndActivityForm() throws {
    state = makeState(size: Size(width: 80, height: 24), language: "de")
    try openAnn()
    let buffer = render(state)
    if let diff = buffer.diff(against: RecordDetailScreens.german80x24) {
      save(buffer.lines, "german80x24")
      XCTFail(diff)
    }
    press(.char("A"))
    let form = render(state)
    if let diff = form.diff(against: RecordDetailScreens.germanActivity80x24) {
      save(form.lines, "germanActivity80x24")
      XCTFail(diff)
    }
  }
}
