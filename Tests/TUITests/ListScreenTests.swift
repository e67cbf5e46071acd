import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The contacts list, the companies list and a contact's detail at 80x24, 120x40 and
/// 40x12, compared with frozen literals (ListScreens).
final class ListScreenTests: ListTestCase {
  func assertScreen(
    _ expected: [String], file: StaticString = #filePath, line: UInt = #line
  ) {
    let buffer = render(state)
    if let diff = buffer.diff(against: expected) {
      dump(buffer.lines, "actual")
      XCTFail(diff, file: file, line: line)
    }
    for (y, row) in buffer.lines.enumerated() {
      XCTAssertEqual(
        displayWidth(row), state.size.width, "row \(y): \(row)", file: file, line: line)
    }
  }

  func testContactsList() {
    openView("2")
    resize(80, 24)
    assertScreen(ListScreens.contacts80x24)
    resize(120, 40)
    assertScreen(ListScreens.contacts120x40)
    resize(40, 12)
    assertScreen(ListScreens.contacts40x12)
  }

  func testContactsSearchTyping() {
    openView("2")
    resize(80, 24)
    press(.char("/"))
    type("acme")
    assertScreen(ListScreens.contactsSearch80x24)
  }

  func testCompaniesList() {
    openView("3")
    resize(80, 24)
    assertScreen(ListScreens.companies80x24)
    resize(120, 40)
    assertScreen(ListScreens.companies120x40)
    resize(40, 12)
    assertScreen(ListScreens.companies40x12)
  }

  /// Ann's detail as of the fixture's clock (the runner's load uses the wall clock).
  func openAnn() throws {
    openView("2")
    state.overlay = .recordDetail(
      RecordDetailState(.contact(try store.contactDetail(contactIds["Ann"]!, now: Self.now))))
  }

  func testContactDetail() throws {
    try openAnn()
    resize(80, 24)
    assertScreen(ListScreens.detail80x24)
    resize(120, 40)
    assertScreen(ListScreens.detail120x40)
    resize(40, 12)
    assertScreen(ListScreens.detail40x12)
    press(.char("G"))
    assertScreen(ListScreens.detailEnd40x12)
  }
}
