import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// Writes from a contact's or company's detail against the real store: an activity and a
/// deal made there show in the detail at once and one `u` takes each back; `e` and `d`
/// edit and delete by form as in the list; `L` links a deal (a contact with a role) and
/// `x` unlinks the deal Tab focused.
final class RecordDetailWriteTests: ListTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    state.timeZone = TimeZone(identifier: "UTC")!
  }

  var detail: RecordDetailState? {
    if case .recordDetail(let detail) = state.overlay { return detail }
    return nil
  }

  var contactDetail: ContactDetail? {
    if case .contact(let d)? = detail?.detail { return d }
    return nil
  }

  var companyDetail: CompanyDetail? {
    if case .company(let d)? = detail?.detail { return d }
    return nil
  }

  var screenText: String { render(state).lines.joined(separator: "\n") }

  /// Ann's detail, over the contacts list.
  func openAnn() {
    openView("2")
    press(.enter)
    XCTAssertEqual(contactDetail?.row.contact.fullName, "Ann Archer")
  }

  func testAnActivityFromTheDetailIsSavedShownAndUndone() throws {
    openAnn()
    press(.char("A"))
    guard case .activity(let form)? = detail?.popup else { return XCTFail("no activity form") }
    XCTAssertEqual(form.fields[0].text, "task")
    XCTAssertEqual(form.focus, 1, "the title is focused")
    type("Send the quote")
    press(.tab)
    type("someday")
    XCTAssertEqual(press(.enter), [.bell])
    guard case .activity(let refused)? = detail?.popup else { return XCTFail("form closed") }
    XCTAssertEqual(
      refused.fields[2].error,
      "\"someday\" is not a date or time (2026-12-24 14:00, today 14:00, +3d)")
    for _ in 0..<7 { press(.backspace) }
    type("today 14:00")
    press(.tab)
    type("Bring the price list")
    press(.enter)
    XCTAssertEqual(failures, [])
    XCTAssertNil(detail?.popup, "the form closed")
    let ann = contactIds["Ann"]!
    let made = try store.activities(limit: 10).filter { $0.contactId == ann && $0.kind == .task }
    XCTAssertEqual(made.map(\.title), ["Send the quote"])
    XCTAssertEqual(made.first?.notes, "Bring the price list")
    XCTAssertEqual(made.first?.dueAt, Self.now.addingTimeInterval(2 * 3_600), "14:00 UTC")
    XCTAssertEqual(made.first?.assigneeId, try store.localUser()?.id)
    // In the timeline at once: due after now, so the newest entry.
    XCTAssertEqual(contactDetail?.timeline.first?.kind, .activity)
    XCTAssertEqual(contactDetail?.timeline.first?.text, "Send the quote")
    XCTAssertEqual(state.status?.text, "Added Send the quote to Ann Archer")
    XCTAssertTrue(screenText.contains("Activity: Send the quote"), screenText)
    // One mutation: u in the detail takes it back, and the detail follows.
    press(.char("u"))
    XCTAssertEqual(failures, [])
    XCTAssertTrue(
      try store.activities(limit: 10).filter { $0.title == "Send the quote" }.isEmpty)
    XCTAssertNotNil(detail, "the detail stays open")
    XCTAssertFalse(contactDetail?.timeline.contains { $0.text == "Send the quote" } ?? true)
    XCTAssertEqual(state.status?.text, "Undid: add activity Send the quote")
  }

  func testACallStartsAtARelativeTimeAndEscWritesNothing() throws {
    openAnn()
    press(.char("A"), .backTab)
    for _ in 0..<4 { press(.backspace) }
    type("call")
    press(.tab)
    type("Check in")
    press(.tab)
    type("+3d")
    press(.enter)
    let call = try XCTUnwrap(try store.activities(limit: 10).first { $0.title == "Check in" })
    XCTAssertEqual(call.kind, .call)
    XCTAssertEqual(call.startAt, Self.now.addingTimeInterval(3 * 86_400))
    XCTAssertNil(call.dueAt)
    let count = try store.activities(limit: 100).count
    press(.char("A"))
    type("Never mind")
    press(.escape)
    XCTAssertNil(detail?.popup)
    XCTAssertNotNil(detail, "Esc closes the form, not the detail")
    XCTAssertEqual(try store.activities(limit: 100).count, count)
    press(.char("A"), .backTab)
    for _ in 0..<4 { press(.backspace) }
    type("lunch")
    press(.tab)
    type("x")
    XCTAssertEqual(press(.enter), [.bell])
    guard case .activity(let form)? = detail?.popup else { return XCTFail("form closed") }
    XCTAssertEqual(form.fields[0].error, "task / call / meeting")
  }

  func testADealFromAContactIsLinkedShownAndUndone() throws {
    openAnn()
    press(.char("N"))
    guard case .deal(let form)? = detail?.popup else { return XCTFail("no deal form") }
    XCTAssertEqual(form.fields.map(\.text), ["", "", "USD", "", "normal", "Acme Corp"])
    type("Acme add-on")
    press(.tab)
    type("5,000")
    press(.enter)
    XCTAssertEqual(failures, [])
    XCTAssertNil(detail?.popup)
    let deal = try XCTUnwrap(contactDetail?.deals.first { $0.deal.title == "Acme add-on" })
    XCTAssertEqual(deal.stageName, "Qualification", "the board's pipeline, its first stage")
    XCTAssertEqual(deal.companyName, "Acme Corp")
    XCTAssertEqual(deal.deal.value, Money(minorUnits: 5_000_00, currency: .usd))
    XCTAssertEqual(
      try store.dealDetail(deal.deal.id).contacts.map(\.contact.fullName), ["Ann Archer"])
    XCTAssertTrue(screenText.contains("Acme add-on · Qualification · $5,000.00"), screenText)
    XCTAssertEqual(titles.first?.first, "Acme add-on", "the board has it too")
    XCTAssertEqual(state.status?.text, "Added Acme add-on")
    press(.char("u"))
    XCTAssertEqual(failures, [])
    XCTAssertThrowsError(try store.deal(deal.deal.id))
    XCTAssertEqual(contactDetail?.deals.map(\.deal.title), ["Acme renewal"])
    XCTAssertFalse(titles.joined().contains("Acme add-on"))
  }

  func testADealFromACompanyTakesTheCompany() throws {
    openView("3")
    press(.char("j"), .enter)
    XCTAssertEqual(companyDetail?.row.company.name, "Globex")
    press(.char("N"))
    type("Globex rollout")
    press(.tab, .tab, .tab)
    type("2025-07-01")
    press(.enter)
    XCTAssertEqual(failures, [])
    let deal = try XCTUnwrap(companyDetail?.deals.first)
    XCTAssertEqual(deal.deal.title, "Globex rollout")
    XCTAssertEqual(deal.deal.companyId, companyIds["Globex"])
    XCTAssertEqual(deal.deal.closeDate?.description, "2025-07-01")
    XCTAssertEqual(companyNames.count, 3)
    XCTAssertEqual(state.companies.companies[1].dealCount, 1, "the list's count follows")
  }

  func testAnUnknownCompanyFailsAndKeepsTheForm() throws {
    openAnn()
    press(.char("N"))
    type("Mystery deal")
    for _ in 0..<5 { press(.tab) }
    for _ in 0..<9 { press(.backspace) }
    type("Nobody Inc")
    XCTAssertEqual(press(.enter), [.bell])
    guard case .deal(let form)? = detail?.popup else { return XCTFail("the form closed") }
    XCTAssertEqual(form.fields[0].text, "Mystery deal", "what was typed is kept")
    XCTAssertEqual(state.status?.isError, true)
    XCTAssertTrue(state.status?.text.contains("Nobody Inc") ?? false, "\(state.status as Any)")
    XCTAssertTrue(try store.deals().allSatisfy { $0.deal.title != "Mystery deal" })
  }

  func testEditAndDeleteFromTheDetail() throws {
    openAnn()
    press(.char("e"))
    guard case .edit(let form, _)? = detail?.popup else { return XCTFail("no edit form") }
    XCTAssertEqual(form.fields[2].text, "Chief Executive")
    press(.tab, .tab)
    for _ in 0..<15 { press(.backspace) }
    type("Chair")
    press(.enter)
    XCTAssertEqual(failures, [])
    XCTAssertNil(detail?.popup)
    XCTAssertEqual(contactDetail?.row.contact.title, "Chair")
    XCTAssertTrue(screenText.contains("Title: Chair"), screenText)
    XCTAssertEqual(state.status?.text, "Saved Ann Archer")
    press(.char("d"))
    guard case .confirmDelete? = detail?.popup else { return XCTFail("no question") }
    press(.char("n"))
    XCTAssertNil(detail?.popup)
    XCTAssertNotNil(detail, "No keeps the record and the detail")
    press(.char("d"), .char("y"))
    XCTAssertNil(state.overlay, "the detail of a deleted record closes")
    XCTAssertEqual(state.status?.text, "Deleted Ann Archer")
    XCTAssertFalse(contactNames.contains("Ann Archer"))
    press(.char("u"))
    XCTAssertTrue(contactNames.contains("Ann Archer"), "undo brings her back")
    press(.enter)
    press(.char("u"))
    XCTAssertEqual(contactDetail?.row.contact.title, "Chief Executive", "and then the edit")
    XCTAssertEqual(failures, [])
  }

  func testLinkADealWithARoleAndUnlinkIt() throws {
    openAnn()
    press(.char("L"))
    guard case .linkDeal(let pick)? = detail?.popup else { return XCTFail("no picker") }
    XCTAssertEqual(pick.choices.count, 7, "every deal, newest first, before anything is typed")
    type("glob")
    guard case .linkDeal(let found)? = detail?.popup else { return XCTFail("no picker") }
    XCTAssertEqual(found.choices.map(\.deal.title), ["Globex pilot"])
    press(.enter)
    guard case .linkRole? = detail?.popup else { return XCTFail("no role form") }
    type("champion")
    press(.enter)
    XCTAssertEqual(failures, [])
    let globex = id("Globex pilot")
    XCTAssertEqual(
      try store.dealDetail(globex).contacts.map { "\($0.contact.fullName) \($0.role ?? "")" },
      ["Ann Archer champion"])
    XCTAssertEqual(
      Set(contactDetail?.deals.map(\.deal.title) ?? []), ["Acme renewal", "Globex pilot"])
    XCTAssertEqual(detail?.roles[globex], "champion")
    XCTAssertTrue(
      screenText.contains("Globex pilot · Qualification · €2,500.00 · champion"), screenText)
    XCTAssertEqual(state.status?.text, "Linked Ann Archer to Globex pilot")
    // Tab focuses the deals in their order; x asks about the focused one.
    let order = contactDetail?.deals.map(\.deal.title) ?? []
    press(.tab)
    XCTAssertEqual(detail?.dealFocus, 0)
    XCTAssertTrue(screenText.contains("› \(order[0])"), screenText)
    press(.tab)
    XCTAssertEqual(detail?.dealFocus, 1)
    let target = order[1]
    press(.char("x"))
    guard case .confirmUnlink(_, let deal)? = detail?.popup else { return XCTFail("no question") }
    XCTAssertEqual(deal.deal.title, target)
    XCTAssertTrue(screenText.contains("Unlink Ann Archer from \(target)?"), screenText)
    press(.char("y"))
    XCTAssertEqual(failures, [])
    XCTAssertEqual(contactDetail?.deals.map(\.deal.title), order.filter { $0 != target })
    XCTAssertEqual(detail?.dealFocus, 0, "the focus stays on a deal that is there")
    press(.char("u"))
    XCTAssertEqual(Set(contactDetail?.deals.map(\.deal.title) ?? []), Set(order))
  }

  func testEnterOpensTheFocusedDealAndClosesWithoutOne() throws {
    openAnn()
    let first = try XCTUnwrap(contactDetail?.deals.first?.deal)
    press(.tab)
    press(.enter)
    XCTAssertEqual(failures, [])
    guard case .detail(let deal) = state.overlay else { return XCTFail("no deal detail") }
    XCTAssertEqual(deal.detail.summary.deal.id, first.id)
    XCTAssertTrue(screenText.contains(first.title), screenText)
    // Without a focused deal Enter closes the detail, as before.
    press(.escape)
    press(.enter)
    XCTAssertNotNil(contactDetail)
    press(.enter)
    XCTAssertNil(state.overlay)
  }

  func testACompanyLinksAndUnlinksADeal() throws {
    openView("3")
    press(.char("j"), .enter)
    XCTAssertEqual(companyDetail?.deals.count, 0)
    XCTAssertEqual(press(.char("x")), [.bell], "nothing to unlink")
    press(.char("L"))
    type("initech")
    press(.enter)
    XCTAssertEqual(failures, [])
    XCTAssertEqual(companyDetail?.deals.map(\.deal.title), ["Initech upgrade"])
    XCTAssertEqual(try store.deal(id("Initech upgrade")).companyId, companyIds["Globex"])
    press(.char("x"), .char("y"))
    XCTAssertEqual(companyDetail?.deals.count, 0)
    XCTAssertNil(try store.deal(id("Initech upgrade")).companyId)
  }

  /// `C` in Globex's detail links Chloé (who has no company) by typing her name; Tab
  /// focuses her, `x` takes her out again, `u` undoes that, and Enter opens her detail.
  func testACompanyLinksAndUnlinksAContact() throws {
    openView("3")
    press(.char("j"), .enter)
    XCTAssertEqual(companyDetail?.row.company.name, "Globex")
    XCTAssertEqual(companyDetail?.contacts.map(\.fullName), ["Bob Baker"])
    press(.char("C"))
    XCTAssertTrue(screenText.contains("Link a contact to Globex"), screenText)
    type("chlo")
    press(.enter)
    XCTAssertEqual(failures, [])
    XCTAssertNil(detail?.popup, "the picker closes once the contact is linked")
    XCTAssertEqual(
      Set(companyDetail?.contacts.map(\.fullName) ?? []), ["Bob Baker", "Chloé Dubois"])
    let chloe = try XCTUnwrap(companyDetail?.contacts.first { $0.firstName == "Chloé" })
    XCTAssertEqual(try store.contact(chloe.id).companyId, companyIds["Globex"])
    XCTAssertTrue(screenText.contains("Linked Chloé Dubois to Globex"), screenText)

    // Tab goes through the contacts, then the deals; x on a contact asks, then unlinks.
    let index = try XCTUnwrap(companyDetail?.contacts.firstIndex { $0.id == chloe.id })
    for _ in 0...index { press(.tab) }
    XCTAssertEqual(detail?.contactFocus, index)
    XCTAssertTrue(screenText.contains("› Chloé Dubois"), screenText)
    press(.char("x"))
    XCTAssertTrue(screenText.contains("Unlink Chloé Dubois from Globex?"), screenText)
    press(.char("y"))
    XCTAssertEqual(failures, [])
    XCTAssertEqual(companyDetail?.contacts.map(\.fullName), ["Bob Baker"])
    XCTAssertNil(try store.contact(chloe.id).companyId)
    press(.char("u"))
    XCTAssertEqual(failures, [])
    XCTAssertEqual(try store.contact(chloe.id).companyId, companyIds["Globex"], "undone")

    // Enter on the focused contact opens the contact's own detail.
    press(.escape)
    press(.enter)
    let focus = try XCTUnwrap(companyDetail?.contacts.firstIndex { $0.firstName == "Bob" })
    for _ in 0...focus { press(.tab) }
    press(.enter)
    XCTAssertEqual(failures, [])
    XCTAssertEqual(contactDetail?.row.contact.fullName, "Bob Baker")
  }

  func testCInAContactsDetailBeeps() throws {
    openAnn()
    XCTAssertEqual(press(.char("C")), [.bell], "a contact has no contacts to link")
  }
}
