import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The merge screen: Ann has a second record (same phone, same name at Acme) with its own
/// deal link, note and tag; merging through the screen keeps them, applies the picks, and
/// one `u` brings both records back. Esc writes nothing.
final class MergeScreenTests: ListTestCase {
  var twinId = ""

  override func setUpWithError() throws {
    try super.setUpWithError()
    let at = Self.now.addingTimeInterval(-5 * 86_400)
    let twin = try store.createContact(
      Contact(
        firstName: "Ann", lastName: "Archer", title: "VP Sales",
        emails: [EmailAddress("ann.archer@acme.example")], phones: [PhoneNumber("+1 555 0100")],
        tags: ["events"], companyId: companyIds["Acme Corp"], createdAt: at), now: at)
    twinId = twin.id
    try store.linkContact(twin.id, toDeal: id("Acme expansion"))
    try store.createNote(Note(body: "Twin note.", contactId: twin.id, createdAt: at))
  }

  /// The contacts list with Ann (the first row) selected, and the merge screen open.
  func openMerge() {
    openView("2")
    XCTAssertEqual(state.contacts.list.selected, 0)
    XCTAssertEqual(contactNames.first, "Ann Archer")
    press(.char("M"))
    guard case .merge = state.overlay else { return XCTFail("no merge screen: \(failures)") }
  }

  func testTheListMarksContactsWithDuplicates() {
    openView("2")
    XCTAssertEqual(state.duplicateMarks, [contactIds["Ann"]!, twinId])
    let names = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(names.contains("≈ Ann Archer"), names)
    XCTAssertFalse(names.contains("≈ Bob"), names)
  }

  func testMergeKeepsLinksNotesAndAppliesChoices() throws {
    openMerge()
    // Title: take the twin's. Tags: the union by default.
    press(.char("j"), .char("l"))
    press(.enter)
    press(.char("y"))
    XCTAssertNil(state.overlay)
    XCTAssertEqual(failures, [])
    let ann = try store.contactDetail(contactIds["Ann"]!, now: Self.now)
    XCTAssertEqual(ann.row.contact.title, "VP Sales")
    XCTAssertEqual(ann.row.contact.tags, ["vip", "golf", "events"])
    XCTAssertEqual(
      ann.row.contact.emails.map(\.address), ["ann@acme.example", "ann.archer@acme.example"])
    XCTAssertEqual(Set(ann.deals.map(\.deal.title)), ["Acme renewal", "Acme expansion"])
    XCTAssertTrue(String(describing: ann.timeline).contains("Twin note."), "the note moved")
    XCTAssertThrowsError(try store.contactDetail(twinId, now: Self.now))
    XCTAssertEqual(contactNames.filter { $0 == "Ann Archer" }.count, 1)
    XCTAssertEqual(state.status?.text, "Merged into Ann Archer")
    XCTAssertFalse(state.duplicateMarks.contains(contactIds["Ann"]!))
  }

  func testListFieldsCanTakeOneSide() throws {
    openMerge()
    // Tags (row 6): h takes only the kept side's.
    press(.char("G"), .char("k"), .char("h"), .enter, .char("y"))
    let ann = try store.contactDetail(contactIds["Ann"]!, now: Self.now)
    XCTAssertEqual(ann.row.contact.tags, ["vip", "golf"])
    XCTAssertEqual(ann.row.contact.title, "Chief Executive")
  }

  func testEscWritesNothing() throws {
    let before = try store.contactCount(search: nil)
    openMerge()
    press(.char("l"), .enter, .escape)
    guard case .merge = state.overlay else { return XCTFail("the question did not go back") }
    press(.escape)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(try store.contactCount(search: nil), before)
    XCTAssertEqual(
      try store.contactDetail(contactIds["Ann"]!, now: Self.now).row.contact.title,
      "Chief Executive")
  }

  func testUndoRestoresBothContacts() throws {
    let before = try store.contactCount(search: nil)
    openMerge()
    press(.char("j"), .char("l"), .enter, .char("y"))
    XCTAssertEqual(try store.contactCount(search: nil), before - 1)
    press(.char("u"))
    XCTAssertEqual(failures, [])
    XCTAssertEqual(try store.contactCount(search: nil), before)
    XCTAssertEqual(
      try store.contactDetail(contactIds["Ann"]!, now: Self.now).row.contact.title,
      "Chief Executive")
    let twin = try store.contactDetail(twinId, now: Self.now)
    XCTAssertEqual(twin.deals.map(\.deal.title), ["Acme expansion"])
    XCTAssertEqual(contactNames.filter { $0 == "Ann Archer" }.count, 2)
  }

  func testSwapKeepsTheOtherRecord() throws {
    openMerge()
    // Title: take the twin's (VP Sales), then swap: the twin is kept, and the title
    // picked stays the one taken.
    press(.char("j"), .char("l"), .char("s"))
    guard case .merge(let screen) = state.overlay else { return XCTFail("no merge screen") }
    XCTAssertEqual(screen.pair.a.id, twinId)
    XCTAssertEqual(screen.picks[.title], .kept)
    let lines = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(lines.contains("s swap"), lines)
    XCTAssertTrue(lines.contains("Result: VP Sales"), lines)
    press(.enter)
    XCTAssertTrue(
      render(state).lines.joined().contains("Merge Ann Archer into Ann Archer?"), "asks first")
    press(.char("y"))
    XCTAssertEqual(failures, [])
    XCTAssertThrowsError(try store.contactDetail(contactIds["Ann"]!, now: Self.now))
    let twin = try store.contactDetail(twinId, now: Self.now)
    XCTAssertEqual(twin.row.contact.title, "VP Sales")
    XCTAssertEqual(Set(twin.deals.map(\.deal.title)), ["Acme renewal", "Acme expansion"])
    XCTAssertEqual(state.contacts.selectedRef, .contact(twinId), "the kept one is selected")
    press(.char("s"))
    XCTAssertNil(state.overlay, "s is the list's sort again once the screen is closed")
  }

  func testGermanScreen() {
    state = makeState(size: Size(width: 80, height: 24), language: "de")
    openMerge()
    press(.char("j"), .char("l"))
    let buffer = render(state)
    if let diff = buffer.diff(against: MergeScreens.german80x24) {
      dump(buffer.lines, "german80x24")
      XCTFail(diff)
    }
    press(.enter)
    let question = render(state)
    if let diff = question.diff(against: MergeScreens.germanConfirm80x24) {
      dump(question.lines, "germanConfirm80x24")
      XCTFail(diff)
    }
  }

  func testNoDuplicatesRings() {
    openView("2")
    press(.char("j"), .char("j"))
    XCTAssertEqual(press(.char("M")), [.bell])
    XCTAssertNil(state.overlay)
    XCTAssertEqual(state.status?.text, "No possible duplicates of Bob Baker")
  }

  func testScreens() {
    openMerge()
    press(.char("j"), .char("l"), .char("j"), .char("j"), .char("j"))
    for (width, height) in [(80, 24), (120, 40), (40, 12)] {
      let buffer = screenBuffer(width, height)
      let expected =
        width == 80
        ? MergeScreens.merge80x24
        : width == 120 ? MergeScreens.merge120x40 : MergeScreens.merge40x12
      if let diff = buffer.diff(against: expected) {
        dump(buffer.lines, "merge\(width)x\(height)")
        XCTFail(diff)
      }
      for (y, row) in buffer.lines.enumerated() {
        XCTAssertEqual(displayWidth(row), width, "row \(y): \(row)")
      }
    }
  }

  func screenBuffer(_ width: Int, _ height: Int) -> ScreenBuffer {
    resize(width, height)
    return render(state)
  }
}

/// The merge screen with the title taken from the twin and the company row focused.
enum MergeScreens {
  static let merge80x24 = [
    "┌─ Merge duplicates ───────────────────────────────────────────────────────────┐",
    "│            Keep                             Merge in and remove              │",
    "│  Name      ✓ Ann Archer                       Ann Archer                     │",
    "│  Title       Chief Executive                ✓ VP Sales                       │",
    "│  Email     ✓ ann@acme.example               ✓ ann.archer@acme.example        │",
    "│  Phone     ✓ +1 555 0100                    ✓ +1 555 0100                    │",
    "│ ›Company   ✓ Acme Corp                        Acme Corp                      │",
    "│  Owner     ✓ Alex Admin                                                      │",
    "│  Tags      ✓ vip, golf                      ✓ events                         │",
    "│  No email  ✓                                                                 │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│ Result: Acme Corp                                                            │",
    "│ h/l side · j/k row · s swap · Tab next · Enter merge · Esc cancel            │",
    "└──────────────────────────────────────────────────────────────────────────────┘",
  ]
  static let merge120x40: [String] = [
    "┌─ Merge duplicates ───────────────────────────────────────────────────────────────────────────────────────────────────┐",
    "│            Keep                                                 Merge in and remove                                  │",
    "│  Name      ✓ Ann Archer                                           Ann Archer                                         │",
    "│  Title       Chief Executive                                    ✓ VP Sales                                           │",
    "│  Email     ✓ ann@acme.example                                   ✓ ann.archer@acme.example                            │",
    "│  Phone     ✓ +1 555 0100                                        ✓ +1 555 0100                                        │",
    "│ ›Company   ✓ Acme Corp                                            Acme Corp                                          │",
    "│  Owner     ✓ Alex Admin                                                                                              │",
    "│  Tags      ✓ vip, golf                                          ✓ events                                             │",
    "│  No email  ✓                                                                                                         │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│ Result: Acme Corp                                                                                                    │",
    "│ h/l side · j/k row · s swap · Tab next · Enter merge · Esc cancel                                                    │",
    "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
  ]
  static let german80x24: [String] = [
    "┌─ Dubletten zusammenführen ───────────────────────────────────────────────────┐",
    "│            Behalten                         Übernehmen und entfernen         │",
    "│  Name      ✓ Ann Archer                       Ann Archer                     │",
    "│ ›Titel       Chief Executive                ✓ VP Sales                       │",
    "│  E-Mail    ✓ ann@acme.example               ✓ ann.archer@acme.example        │",
    "│  Telefon   ✓ +1 555 0100                    ✓ +1 555 0100                    │",
    "│  Firma     ✓ Acme Corp                        Acme Corp                      │",
    "│  Zuständig ✓ Alex Admin                                                      │",
    "│  Tags      ✓ vip, golf                      ✓ events                         │",
    "│  Keine E-… ✓                                                                 │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│ Ergebnis: VP Sales                                                           │",
    "│ h/l Seite · j/k Zeile · s tauschen · Tab nächste · Enter ausführen · Esc     │",
    "└──────────────────────────────────────────────────────────────────────────────┘",
  ]
  static let germanConfirm80x24: [String] = [
    "┌─ Dubletten zusammenführen ───────────────────────────────────────────────────┐",
    "│            Behalten                         Übernehmen und entfernen         │",
    "│  Name      ✓ Ann Archer                       Ann Archer                     │",
    "│ ›Titel       Chief Executive                ✓ VP Sales                       │",
    "│  E-Mail    ✓ ann@acme.example               ✓ ann.archer@acme.example        │",
    "│  Telefon   ✓ +1 555 0100                    ✓ +1 555 0100                    │",
    "│  Firma     ✓ Acme Corp                        Acme Corp                      │",
    "│  Zuständig ✓ Alex Admin                                                      │",
    "│  Tags   ┌─ Zusammenführen ─────────────────────────────────────────┐         │",
    "│  Keine E│ Ann Archer in Ann Archer zusammenführen? Verknüpfungen,  │         │",
    "│         │ Notizen und Aktivitäten ziehen um; u macht es            │         │",
    "│         │ rückgängig.                                              │         │",
    "│         │                                                          │         │",
    "│         │                     [ Ja ]  [ Nein ]                     │         │",
    "│         └──────────────────────────────────────────────────────────┘         │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│                                                                              │",
    "│ Ergebnis: VP Sales                                                           │",
    "│ h/l Seite · j/k Zeile · s tauschen · Tab nächste · Enter ausführen · Esc     │",
    "└──────────────────────────────────────────────────────────────────────────────┘",
  ]
  static let merge40x12 = [
    "┌─ Merge duplicates ───────────────────┐",
    "│         Keep          Merge in and…  │",
    "│  Name   ✓ Ann Archer    Ann Archer   │",
    "│  Title    Chief Exec… ✓ VP Sales     │",
    "│  Email  ✓ ann@acme.e… ✓ ann.archer…  │",
    "│  Phone  ✓ +1 555 0100 ✓ +1 555 0100  │",
    "│ ›Compa… ✓ Acme Corp     Acme Corp    │",
    "│  Owner  ✓ Alex Admin                 │",
    "│  Tags   ✓ vip, golf   ✓ events       │",
    "│ Result: Acme Corp                    │",
    "│ h/l · j/k · s · Tab · Enter · Esc    │",
    "└──────────────────────────────────────┘",
  ]
}
