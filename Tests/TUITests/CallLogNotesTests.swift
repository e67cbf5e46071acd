import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The call log's notes line (Tab from the title) saved as the call's notes, and `c` in a
/// company's detail logging a call linked to the company.
final class CallLogNotesTests: ListTestCase {
  var screenText: String { render(state).lines.joined(separator: "\n") }

  func stopAndWrite(title: String, notes: String) {
    press(.char("c"))
    _ = send(.tick(Self.now.addingTimeInterval(42)))
    press(.enter)
    press(.tab)
    type(title)
    press(.tab)
    type(notes)
    XCTAssertTrue(screenText.contains("Notes: \(notes)"), screenText)
    press(.enter)
    XCTAssertEqual(failures, [])
  }

  func testNotesAreSavedWithTheCall() throws {
    openView("2")
    press(.enter)
    stopAndWrite(title: "Renewal", notes: "Wants a 2-year term")
    let call = try XCTUnwrap(try store.activities(limit: 50).first { $0.title == "Renewal" })
    XCTAssertEqual(call.notes, "Wants a 2-year term")
    XCTAssertEqual(call.callDurationSeconds, 42)
  }

  func testTabCyclesOutcomeTitleNotesAndTheLettersPickOnlyOnTheList() throws {
    openView("2")
    press(.enter)
    press(.char("c"), .enter)
    press(.tab, .tab)
    type("busy")
    press(.backTab, .backTab)
    XCTAssertEqual(state.call?.field, .outcome)
    XCTAssertEqual(state.call?.outcome, 0, "letters typed in the notes picked nothing")
    XCTAssertEqual(state.call?.notes.text, "busy")
    press(.enter)
    let call = try XCTUnwrap(try store.activities(limit: 50).first { $0.notes == "busy" })
    XCTAssertEqual(call.callOutcome, .connected)
  }

  func testACallFromACompanyIsLinkedToIt() throws {
    openView("3")
    press(.enter)
    guard case .recordDetail(let detail) = state.overlay, case .company(let company) = detail.detail
    else { return XCTFail("no company detail") }
    stopAndWrite(title: "Intro", notes: "Call back in May")
    let call = try XCTUnwrap(try store.activities(limit: 50).first { $0.title == "Intro" })
    XCTAssertEqual(call.companyId, company.row.company.id)
    XCTAssertNil(call.contactId)
    XCTAssertNil(call.dealId)
    XCTAssertEqual(call.kind, .call)
    guard case .recordDetail(let after) = state.overlay, case .company(let shown) = after.detail
    else { return XCTFail("the detail closed") }
    XCTAssertTrue(shown.timeline.contains { $0.text == "Intro" })
    press(.char("u"))
    XCTAssertNil(try store.activities(limit: 50).first { $0.title == "Intro" })
  }
}
