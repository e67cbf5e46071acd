import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The company merge screen (`M` in view 3): "ACME Corp." is Acme Corp under another
/// spelling, with its own phone, domain, contact, deal and note. The list marks both ≈;
/// merging through the screen takes the fields picked, moves the rest to the kept company
/// in one mutation, and one `u` brings both back.
final class CompanyMergeTests: ListTestCase {
  var twinId = ""

  override func setUpWithError() throws {
    try super.setUpWithError()
    let at = Self.now.addingTimeInterval(-5 * 86_400)
    let twin = try store.createCompany(
      Company(
        name: "ACME Corp.", domain: "acme-corp.example", phone: "+1 555 0199", createdAt: at),
      now: at)
    twinId = twin.id
    try store.createContact(
      Contact(firstName: "Dana", lastName: "Cole", companyId: twin.id, createdAt: at), now: at)
    try store.editDeal(id("Acme expansion"), DealChanges(company: .some(twin.id)), now: at)
    try store.createNote(Note(body: "Twin company note.", companyId: twin.id, createdAt: at))
  }

  /// The companies list with Acme Corp (the first row) selected, and the merge screen open.
  func openMerge() {
    openView("3")
    XCTAssertEqual(companyNames.prefix(2), ["Acme Corp", "ACME Corp."])
    press(.char("M"))
    guard case .companyMerge = state.overlay else { return XCTFail("no merge screen: \(failures)") }
  }

  func testTheListMarksCompaniesWithDuplicates() {
    openView("3")
    XCTAssertEqual(state.duplicateMarks, [companyIds["Acme Corp"]!, twinId])
    let lines = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(lines.contains("≈ Acme Corp"), lines)
    XCTAssertTrue(lines.contains("≈ ACME Corp."), lines)
    XCTAssertFalse(lines.contains("≈ Globex"), lines)
  }

  func testMergeTakesThePicksAndMovesEverything() throws {
    openMerge()
    // Domain: the twin's. Phone: empty on Acme, so the twin's by default.
    press(.char("j"), .char("l"), .enter, .char("y"))
    XCTAssertNil(state.overlay)
    XCTAssertEqual(failures, [])
    let acme = try store.companyDetail(companyIds["Acme Corp"]!, now: Self.now)
    XCTAssertEqual(acme.row.company.name, "Acme Corp")
    XCTAssertEqual(acme.row.company.domain, "acme-corp.example")
    XCTAssertEqual(acme.row.company.phone, "+1 555 0199")
    XCTAssertEqual(acme.row.company.industry, "Logistics")
    XCTAssertEqual(acme.contacts.map(\.fullName), ["Ann Archer", "Dana Cole"])
    XCTAssertEqual(acme.deals.map(\.deal.title), ["Acme expansion"])
    XCTAssertTrue(acme.timeline.contains { $0.text == "Twin company note." })
    XCTAssertThrowsError(try store.companyDetail(twinId, now: Self.now))
    XCTAssertEqual(companyNames, ["Acme Corp", "Globex", "Initech"])
    XCTAssertEqual(state.status?.text, "Merged into Acme Corp")
    XCTAssertFalse(state.duplicateMarks.contains(companyIds["Acme Corp"]!), "none left to mark")
    // One mutation: one u brings both back, with what was theirs.
    press(.char("u"))
    XCTAssertEqual(failures, [])
    XCTAssertEqual(companyNames.prefix(2), ["Acme Corp", "ACME Corp."])
    XCTAssertNil(try store.company(companyIds["Acme Corp"]!).phone)
    let twin = try store.companyDetail(twinId, now: Self.now)
    XCTAssertEqual(twin.contacts.map(\.fullName), ["Dana Cole"])
    XCTAssertEqual(twin.deals.map(\.deal.title), ["Acme expansion"])
  }

  func testSwapKeepsTheOtherCompany() throws {
    openMerge()
    press(.char("s"), .enter, .char("y"))
    XCTAssertEqual(failures, [])
    XCTAssertThrowsError(try store.company(companyIds["Acme Corp"]!))
    let kept = try store.companyDetail(twinId, now: Self.now)
    XCTAssertEqual(kept.row.company.name, "ACME Corp.")
    XCTAssertEqual(kept.row.company.domain, "acme-corp.example")
    XCTAssertEqual(kept.row.company.industry, "Logistics", "empty on the kept one: filled")
    XCTAssertEqual(kept.contacts.map(\.fullName), ["Ann Archer", "Dana Cole"])
    XCTAssertEqual(state.companies.selectedRef, .company(twinId))
  }

  func testEscWritesNothingAndNoDuplicatesRings() throws {
    openMerge()
    press(.char("l"), .enter, .escape)
    guard case .companyMerge = state.overlay else { return XCTFail("the question did not go back") }
    press(.escape)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(try store.companyCount(search: nil), 4)
    press(.char("j"), .char("j"))
    XCTAssertEqual(state.companies.selectedName, "Globex")
    XCTAssertEqual(press(.char("M")), [.bell])
    XCTAssertEqual(state.status?.text, "No possible duplicates of Globex")
  }

  func testScreens() {
    openMerge()
    press(.char("j"), .char("l"), .char("j"))
    for (width, height, expected) in [
      (80, 24, CompanyMergeScreens.merge80x24), (120, 40, CompanyMergeScreens.merge120x40),
      (40, 12, CompanyMergeScreens.merge40x12),
    ] {
      resize(width, height)
      let buffer = render(state)
      if let diff = buffer.diff(against: expected) {
        dump(buffer.lines, "merge\(width)x\(height)")
        XCTFail(diff)
      }
      for (y, row) in buffer.lines.enumerated() {
        XCTAssertEqual(displayWidth(row), width, "row \(y): \(row)")
      }
    }
  }

  func testGermanScreen() {
    state = makeState(size: Size(width: 80, height: 24), language: "de")
    openMerge()
    press(.char("j"), .char("l"))
    let buffer = render(state)
    if let diff = buffer.diff(against: CompanyMergeScreens.german80x24) {
      dump(buffer.lines, "german80x24")
      XCTFail(diff)
    }
  }
}

/// The company merge screen with the domain taken from the twin and the phone row focused.
enum CompanyMergeScreens {
  static let merge80x24: [String] = [
    "┌─ Merge duplicate companies ──────────────────────────────────────────────────┐",
    "│            Keep                             Merge in and remove              │",
    "│  Name      ✓ Acme Corp                        ACME Corp.                     │",
    "│  Domain      acme.example                   ✓ acme-corp.example              │",
    "│ ›Phone                                      ✓ +1 555 0199                    │",
    "│  Industry  ✓ Logistics                                                       │",
    "│  Address   ✓                                                                 │",
    "│  Owner     ✓ Alex Admin                                                      │",
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
    "│                                                                              │",
    "│                                                                              │",
    "│ Result: +1 555 0199                                                          │",
    "│ h/l side · j/k row · s swap · Tab next · Enter merge · Esc cancel            │",
    "└──────────────────────────────────────────────────────────────────────────────┘",
  ]
  static let merge120x40: [String] = [
    "┌─ Merge duplicate companies ──────────────────────────────────────────────────────────────────────────────────────────┐",
    "│            Keep                                                 Merge in and remove                                  │",
    "│  Name      ✓ Acme Corp                                            ACME Corp.                                         │",
    "│  Domain      acme.example                                       ✓ acme-corp.example                                  │",
    "│ ›Phone                                                          ✓ +1 555 0199                                        │",
    "│  Industry  ✓ Logistics                                                                                               │",
    "│  Address   ✓                                                                                                         │",
    "│  Owner     ✓ Alex Admin                                                                                              │",
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
    "│                                                                                                                      │",
    "│                                                                                                                      │",
    "│ Result: +1 555 0199                                                                                                  │",
    "│ h/l side · j/k row · s swap · Tab next · Enter merge · Esc cancel                                                    │",
    "└──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────┘",
  ]
  static let merge40x12: [String] = [
    "┌─ Merge duplicate companies ──────────┐",
    "│         Keep          Merge in and…  │",
    "│  Name   ✓ Acme Corp     ACME Corp.   │",
    "│  Domain   acme.examp… ✓ acme-corp.…  │",
    "│ ›Phone                ✓ +1 555 0199  │",
    "│  Indus… ✓ Logistics                  │",
    "│  Addre… ✓                            │",
    "│  Owner  ✓ Alex Admin                 │",
    "│                                      │",
    "│ Result: +1 555 0199                  │",
    "│ h/l · j/k · s · Tab · Enter · Esc    │",
    "└──────────────────────────────────────┘",
  ]
  static let german80x24: [String] = [
    "┌─ Firmen-Dubletten zusammenführen ────────────────────────────────────────────┐",
    "│            Behalten                         Übernehmen und entfernen         │",
    "│  Name      ✓ Acme Corp                        ACME Corp.                     │",
    "│ ›Domain      acme.example                   ✓ acme-corp.example              │",
    "│  Telefon                                    ✓ +1 555 0199                    │",
    "│  Branche   ✓ Logistics                                                       │",
    "│  Adresse   ✓                                                                 │",
    "│  Zuständig ✓ Alex Admin                                                      │",
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
    "│                                                                              │",
    "│                                                                              │",
    "│ Ergebnis: acme-corp.example                                                  │",
    "│ h/l Seite · j/k Zeile · s tauschen · Tab nächste · Enter ausführen · Esc     │",
    "└──────────────────────────────────────────────────────────────────────────────┘",
  ]
}
