import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The contacts and companies views against the real store: loading, sorting, search as
/// you type, paging, the detail with its timeline and notes, and the forms with undo.
final class ListUpdateTests: ListTestCase {
  func testContactsLoadSortedByName() {
    openView("2")
    XCTAssertEqual(state.view, .contacts)
    XCTAssertEqual(contactNames, ["Ann Archer", "Bob Baker", "Chloé Dubois", "Zed Young"])
    XCTAssertEqual(state.contacts.total, 4)
    XCTAssertEqual(state.contacts.contacts[0].companyName, "Acme Corp")
    XCTAssertEqual(state.contacts.contacts[0].ownerName, "Alex Admin")
    // The call half a day ago is later than the note two days ago.
    XCTAssertEqual(
      state.contacts.contacts[0].lastInteraction, Self.now.addingTimeInterval(-86_400 / 2))
    XCTAssertNil(state.contacts.contacts[1].lastInteraction)
    XCTAssertEqual(failures, [])
  }

  func testSortCyclesColumnsAndFlipsOrder() {
    openView("2")
    press(.char("S"))
    XCTAssertEqual(contactNames, ["Zed Young", "Chloé Dubois", "Bob Baker", "Ann Archer"])
    press(.char("s"))  // company, ascending; no company last
    XCTAssertEqual(state.contacts.sort, 1)
    XCTAssertEqual(contactNames, ["Ann Archer", "Bob Baker", "Zed Young", "Chloé Dubois"])
    press(.char("s"))  // email; no email last
    XCTAssertEqual(contactNames, ["Ann Archer", "Bob Baker", "Chloé Dubois", "Zed Young"])
    press(.char("S"))
    XCTAssertEqual(contactNames, ["Chloé Dubois", "Bob Baker", "Ann Archer", "Zed Young"])
    press(.char("s"), .char("s"), .char("s"))  // phone, owner, last interaction
    XCTAssertEqual(state.contacts.sort, 5)
    XCTAssertEqual(contactNames.first, "Ann Archer")
    press(.char("s"))
    XCTAssertEqual(state.contacts.sort, 0)
    XCTAssertEqual(failures, [])
  }

  func testSearchAsYouTypeByNameEmailCompanyAndTag() {
    openView("2")
    press(.char("/"))
    type("bo")
    XCTAssertEqual(contactNames, ["Bob Baker"], "name")
    press(.escape)
    XCTAssertEqual(contactNames.count, 4, "Esc clears the search")
    press(.char("/"))
    type("chloe@")
    XCTAssertEqual(contactNames, ["Chloé Dubois"], "email")
    press(.escape, .char("/"))
    type("initech")
    XCTAssertEqual(contactNames, ["Zed Young"], "company")
    press(.escape, .char("/"))
    type("vip")
    XCTAssertEqual(contactNames, ["Ann Archer"], "tag")
    XCTAssertEqual(state.contacts.total, 1)
    // Enter keeps the search and gives the keys back to the list.
    press(.enter)
    XCTAssertNil(state.contacts.searchInput)
    XCTAssertEqual(state.contacts.search, "vip")
    press(.enter)
    guard case .recordDetail(let detail) = state.overlay else {
      return XCTFail("Enter did not open the contact")
    }
    XCTAssertEqual(detail.detail.title, "Ann Archer")
    XCTAssertEqual(failures, [])
  }

  func testAStaleSearchAnswerIsDropped() {
    openView("2")
    press(.char("/"))
    let first = update(&state, .key(.char("a")))
    let second = update(&state, .key(.char("x")))
    guard case .loadList(let q1)? = first.first, case .loadList(let q2)? = second.first else {
      return XCTFail("typing did not query")
    }
    let catalog = state.catalog
    let answer2 = EffectRunner.perform(
      .loadList(q2), store: store, query: BoardQuery(filter: "", cardsPerStage: 1, pipelineId: nil),
      catalog: catalog)
    let answer1 = EffectRunner.perform(
      .loadList(q1), store: store, query: BoardQuery(filter: "", cardsPerStage: 1, pipelineId: nil),
      catalog: catalog)
    send(answer2)
    XCTAssertEqual(contactNames, [])
    send(answer1)  // the answer to "a" (Ann) arrives late: it must not win
    XCTAssertEqual(contactNames, [])
    XCTAssertEqual(state.contacts.search, "ax")
  }

  func testPagingFetchesMoreNearTheEnd() throws {
    for n in 0..<150 {
      try store.createContact(
        Contact(firstName: "Bulk", lastName: String(format: "P%03d", n)))
    }
    openView("2")
    resize(80, 24)
    let loaded = state.contacts.count
    XCTAssertLessThan(loaded, 154, "the list loaded everything")
    XCTAssertEqual(state.contacts.total, 154)
    for _ in 0..<(loaded + 3) { press(.char("j")) }
    XCTAssertGreaterThan(state.contacts.count, loaded)
    XCTAssertEqual(state.contacts.list.selected, loaded + 3)
    let ids = state.contacts.contacts.map(\.contact.id)
    XCTAssertEqual(Set(ids).count, ids.count, "a page repeated rows")
    XCTAssertEqual(
      ids, try store.contactRows(limit: ids.count).map(\.contact.id), "pages joined out of order")
    press(.char("G"))
    XCTAssertEqual(failures, [])
  }

  func testContactDetailShowsTheTimelineAndTakesANote() throws {
    openView("2")
    press(.enter)
    guard case .recordDetail(let detail) = state.overlay, case .contact(let d) = detail.detail
    else { return XCTFail("no detail") }
    XCTAssertEqual(d.deals.map(\.deal.title), ["Acme renewal"])
    XCTAssertEqual(d.deals.first?.stageName, "Proposal")
    let kinds = d.timeline.map(\.kind)
    XCTAssertEqual(kinds.prefix(2), [.stageChange, .activity], "newest first")
    XCTAssertTrue(
      d.timeline.contains {
        $0.kind == .stageChange && $0.text == "Acme renewal: Qualification → Proposal"
      })
    XCTAssertTrue(d.timeline.contains { $0.kind == .note && $0.text == "Met Ann at the fair." })
    XCTAssertTrue(
      d.timeline.contains { $0.kind == .edited && $0.text == "tags, title" }, "\(d.timeline)")
    XCTAssertEqual(d.timeline.last?.kind, .created)
    press(.char("a"))
    type("Wants a discount")
    press(.ctrl("d"))
    guard case .recordDetail(let after) = state.overlay, case .contact(let d2) = after.detail
    else { return XCTFail("the detail closed") }
    XCTAssertNil(after.note)
    XCTAssertEqual(d2.timeline.first?.kind, .note)
    XCTAssertEqual(d2.timeline.first?.text, "Wants a discount")
    XCTAssertEqual(try store.notes(contact: contactIds["Ann"]!).count, 2)
    XCTAssertEqual(state.status?.text, "Note added to Ann Archer")
    press(.escape)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(failures, [])
  }

  func testCreateEditDeleteContactAndUndo() throws {
    openView("2")
    press(.char("n"))
    guard case .recordForm = state.overlay else { return XCTFail("no form") }
    press(.enter)
    XCTAssertEqual(outsideEffects.last, .bell, "an empty name is refused")
    type("Dana")
    press(.tab)
    type("Cole")
    press(.tab, .tab)
    type("not-an-email")
    press(.enter)
    guard case .recordForm(let form, _) = state.overlay else { return XCTFail("form closed") }
    XCTAssertEqual(form.fields[3].error, "\"not-an-email\" is not an email address")
    for _ in 0..<12 { press(.backspace) }
    type("dana@acme.example")
    press(.tab, .tab)
    type("Acme Corp")
    press(.enter)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(
      contactNames, ["Ann Archer", "Bob Baker", "Dana Cole", "Chloé Dubois", "Zed Young"])
    XCTAssertEqual(state.contacts.selectedName, "Dana Cole", "the new contact is selected")
    XCTAssertEqual(state.contacts.contacts[2].companyName, "Acme Corp")
    XCTAssertEqual(state.status?.text, "Added Dana Cole")

    press(.char("e"))
    press(.tab)
    for _ in 0..<4 { press(.backspace) }
    type("Abbott")
    press(.enter)
    XCTAssertEqual(contactNames.first, "Dana Abbott")
    XCTAssertEqual(state.contacts.selectedName, "Dana Abbott")
    XCTAssertEqual(state.contacts.contacts[0].contact.emails.first?.address, "dana@acme.example")

    press(.char("d"))
    guard case .confirmRecordDelete = state.overlay else { return XCTFail("no confirm") }
    press(.char("y"))
    XCTAssertEqual(contactNames.count, 4)
    XCTAssertFalse(contactNames.contains("Dana Abbott"))
    press(.char("u"))
    XCTAssertTrue(contactNames.contains("Dana Abbott"), "undo brings the contact back")
    press(.char("u"))
    XCTAssertTrue(contactNames.contains("Dana Cole"), "a second undo reverts the edit")
    XCTAssertEqual(failures, [])
  }

  func testCompaniesListSearchAndForm() throws {
    openView("3")
    XCTAssertEqual(state.view, .companies)
    XCTAssertEqual(companyNames, ["Acme Corp", "Globex", "Initech"])
    XCTAssertEqual(state.companies.companies[0].contactCount, 1)
    press(.char("/"))
    type("ener")
    XCTAssertEqual(companyNames, ["Globex"], "industry")
    press(.escape)
    press(.char("n"))
    type("Umbrella")
    press(.tab)
    type("umbrella")
    press(.enter)
    guard case .recordForm(let form, _) = state.overlay else { return XCTFail("form closed") }
    XCTAssertEqual(form.fields[1].error, "\"umbrella\" is not a domain name")
    type(".example")
    press(.enter)
    XCTAssertEqual(companyNames, ["Acme Corp", "Globex", "Initech", "Umbrella"])
    press(.char("k"), .char("k"), .char("k"), .enter)
    guard case .recordDetail(let detail) = state.overlay, case .company(let d) = detail.detail
    else { return XCTFail("no detail") }
    XCTAssertEqual(d.contacts.map(\.fullName), ["Ann Archer"])
    XCTAssertTrue(d.timeline.contains { $0.kind == .created })
    press(.escape, .char("d"), .char("y"))
    XCTAssertEqual(companyNames, ["Globex", "Initech", "Umbrella"])
    press(.char("u"))
    XCTAssertEqual(companyNames.first, "Acme Corp")
    XCTAssertEqual(failures, [])
  }

  func testListKeysAreInTheTableWithTextInBothLanguages() {
    let table = KeyTable()
    XCTAssertEqual(table.action(for: .char("s"), in: .list), .sortNext)
    XCTAssertEqual(table.action(for: .char("S"), in: .list), .sortReverse)
    openView("2")
    let bar = render(state).lines[39]
    XCTAssertTrue(bar.contains("s sort"), bar)
    XCTAssertTrue(bar.contains("/ filter"), bar)
    XCTAssertFalse(bar.contains("H back"), bar)
    XCTAssertEqual(Catalog(language: "de").text("hint.sortNext"), "sortieren")
    // A board key moved onto `s` would shadow the sort in the lists: refused.
    var keys = KeyTable()
    XCTAssertEqual(keys.remap(["move_deal_next": ["s"]]).count, 1)
  }
}

/// A search counted only up to the store's cap: the top bar says "1000+", and paging goes
/// on past the cap until a page comes back short.
final class ListCountTests: ListTestCase {
  func testACappedCountShowsAtLeastAndPagingGoesOn() throws {
    openView("2")
    resize(120, 30)
    press(.char("/"))
    type("a")
    let query = state.contacts.query(offset: 0, limit: state.listPage)
    let rows = Array(repeating: state.contacts.contacts[0], count: state.listPage)
    send(.listLoaded(query, .contacts(rows), total: ListCount(1000, atLeast: true)))
    press(.enter)
    XCTAssertEqual(listSummary(.contacts, state), "1000+ contacts  search: a")
    // Near the end the next page is asked (the driver runs it on the store at once: the
    // store counts the few real matches exactly, and that count stands from then on).
    for _ in 0..<(state.listPage - 3) { press(.char("j")) }
    let exact = try store.contactCount(search: "a")
    XCTAssertEqual(state.contacts.total, exact)
    XCTAssertFalse(state.contacts.totalAtLeast)
    XCTAssertFalse(listSummary(.contacts, state).contains("+"))
    XCTAssertEqual(failures, [])
  }

  func testAnExactCountOfOneIsSingular() {
    openView("2")
    press(.char("/"))
    type("zed")
    press(.enter)
    XCTAssertEqual(listSummary(.contacts, state), "1 contact  search: zed")
    XCTAssertEqual(failures, [])
  }
}
