import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// `c` in a deal's or contact's detail logs a call: a running clock moved by ticks, i/o
/// for the direction, Enter to stop and pick the outcome, one done call activity saved in
/// the real store, shown in the detail, and taken back by one `u`; Esc asks to discard.
final class CallLogTests: ListTestCase {
  var screenText: String { render(state).lines.joined(separator: "\n") }

  func tick(_ seconds: TimeInterval) {
    _ = send(.tick(Self.now.addingTimeInterval(seconds)))
  }

  var contactDetail: ContactDetail? {
    if case .recordDetail(let d) = state.overlay, case .contact(let c) = d.detail { return c }
    return nil
  }

  func openAnn() {
    openView("2")
    press(.enter)
    XCTAssertEqual(contactDetail?.row.contact.fullName, "Ann Archer")
  }

  func testACallFromADealRunsStopsAndIsSavedWithItsOutcome() throws {
    start()
    let deal = try XCTUnwrap(state.focusedCard?.deal)
    press(.enter)
    guard case .detail = state.overlay else { return XCTFail("no deal detail") }
    press(.char("c"))
    XCTAssertTrue(screenText.contains("Call with \(deal.title) · 00:00"), screenText)
    XCTAssertTrue(screenText.contains("Outbound"), screenText)
    tick(5)
    XCTAssertTrue(screenText.contains("Call with \(deal.title) · 00:05"), screenText)
    tick(125.4)
    XCTAssertTrue(screenText.contains("02:05"), screenText)
    press(.char("i"))
    XCTAssertTrue(screenText.contains("Inbound"), screenText)
    press(.enter)
    tick(500)
    XCTAssertTrue(screenText.contains("02:05"), "the clock stops at Enter")
    XCTAssertTrue(screenText.contains("Voicemail"), screenText)
    press(.char("v"))
    press(.enter)
    XCTAssertEqual(failures, [])
    XCTAssertNil(state.call)
    let calls = try store.activities(limit: 20).filter {
      $0.kind == .call && $0.dealId == deal.id
    }
    XCTAssertEqual(calls.count, 1)
    let call = try XCTUnwrap(calls.first)
    XCTAssertEqual(call.title, "Call with \(deal.title)")
    XCTAssertEqual(call.callDurationSeconds, 125)
    XCTAssertEqual(call.callDirection, .inbound)
    XCTAssertEqual(call.callOutcome, .voicemail)
    XCTAssertEqual(call.startAt, Self.now)
    XCTAssertEqual(call.endAt, Self.now.addingTimeInterval(125.4))
    XCTAssertEqual(call.doneAt, Self.now.addingTimeInterval(125.4))
    XCTAssertEqual(call.assigneeId, try store.localUser()?.id)
    XCTAssertEqual(call.companyId, deal.companyId)
    XCTAssertEqual(state.status?.text, "Logged Call with \(deal.title) (Voicemail, 02:05)")
    XCTAssertTrue(
      screenText.contains("✓ Jun 15  Call with \(deal.title)"), "in the deal's activities")
    // One mutation: u takes it back and the detail follows.
    press(.char("u"))
    XCTAssertEqual(failures, [])
    XCTAssertTrue(
      try store.activities(limit: 20).filter { $0.kind == .call && $0.dealId == deal.id }.isEmpty)
    guard case .detail(let after) = state.overlay else { return XCTFail("the detail closed") }
    XCTAssertFalse(after.activities.contains { $0.title == "Call with \(deal.title)" })
  }

  func testACallFromAContactIsLinkedToItAndItsCompany() throws {
    openAnn()
    press(.char("c"))
    tick(0.2)
    press(.char("o"))
    press(.char("o"))
    press(.char("c"))
    XCTAssertTrue(screenText.contains("Connected"), screenText)
    press(.char("j"), .char("j"), .char("k"))
    XCTAssertTrue(screenText.contains("› v Voicemail"), screenText)
    press(.tab)
    type("Quote talk")
    press(.enter)
    XCTAssertEqual(failures, [])
    let calls = try store.activities(limit: 20).filter { $0.title == "Quote talk" }
    XCTAssertEqual(calls.count, 1)
    XCTAssertEqual(calls.first?.callDurationSeconds, 1, "at least a second")
    XCTAssertEqual(calls.first?.callDirection, .outbound)
    XCTAssertEqual(calls.first?.callOutcome, .voicemail)
    XCTAssertEqual(calls.first?.contactId, contactIds["Ann"])
    XCTAssertEqual(calls.first?.companyId, companyIds["Acme Corp"])
    XCTAssertTrue(contactDetail?.timeline.contains { $0.text == "Quote talk" } ?? false)
    press(.char("u"))
    XCTAssertEqual(failures, [])
    XCTAssertTrue(try store.activities(limit: 20).filter { $0.title == "Quote talk" }.isEmpty)
    XCTAssertFalse(contactDetail?.timeline.contains { $0.text == "Quote talk" } ?? true)
  }

  func testEscapeAsksAndDiscardsWithoutWriting() throws {
    openAnn()
    let before = try store.activities(limit: 50).count
    press(.char("c"))
    tick(30)
    press(.escape)
    XCTAssertTrue(screenText.contains("Discard this call? (y/n)"), screenText)
    press(.char("n"))
    XCTAssertTrue(screenText.contains("00:30"), "n keeps the call running")
    press(.escape, .char("y"))
    XCTAssertNil(state.call)
    XCTAssertEqual(state.status?.text, "Call discarded")
    XCTAssertEqual(try store.activities(limit: 50).count, before)
    XCTAssertNotNil(contactDetail, "back in the detail")
  }

  func testClockShowsHoursPastAnHour() {
    XCTAssertEqual(callClock(0), "00:00")
    XCTAssertEqual(callClock(59), "00:59")
    XCTAssertEqual(callClock(3_599), "59:59")
    XCTAssertEqual(callClock(3_725), "1:02:05")
  }
}
