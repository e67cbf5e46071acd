import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The import dialog from the contacts list: `I`, a path, the dry run's summary (nothing
/// written), Enter to import; a broken file is refused in the dialog with its line.
final class ImportDialogTests: ListTestCase {
  func write(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func openDialog(_ path: String) {
    openView("2")
    press(.char("I"))
    guard case .importContacts = state.overlay else { return XCTFail("no import dialog") }
    type(path)
  }

  var goodCSV: String {
    get throws {
      try write(
        "people.csv",
        "First Name,Last Name,E-mail Address,Shoe size\nDana,Doe,dana@example.com,42\n"
          + "Ann,Archer,ann@acme.example,38\n,,,\n")
    }
  }

  func testDryRunShowsCountsAndWritesNothing() throws {
    let path = try goodCSV
    let changes = try store.changes().count
    openDialog(path)
    press(.enter)
    guard case .importContacts(let dialog) = state.overlay,
      case .preview(let preview) = dialog.phase
    else { return XCTFail("no preview: \(String(describing: state.overlay))") }
    XCTAssertEqual(preview.report.created, 1)
    XCTAssertEqual(preview.report.updated + preview.report.unchanged, 1)
    XCTAssertEqual(preview.unmapped, ["Shoe size"])
    XCTAssertEqual(try store.changes().count, changes)
    let text = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(text.contains("Not imported: Shoe size"), text)
    press(.escape)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(try store.changes().count, changes)
  }

  func testEnterImports() throws {
    let path = try goodCSV
    let before = try store.contactCount(search: nil)
    openDialog(path)
    press(.enter, .enter)
    XCTAssertNil(state.overlay)
    XCTAssertEqual(failures, [])
    XCTAssertEqual(try store.contactCount(search: nil), before + 1)
    XCTAssertTrue(contactNames.contains("Dana Doe"), "\(contactNames)")
    XCTAssertTrue(state.status?.text.hasPrefix("Imported: created 1") ?? false)
  }

  func testBrokenCSVShowsItsLineAndWritesNothing() throws {
    let path = try write("broken.csv", "First Name,Email\nDana,dana@example.com\n\"Eve,eve@x.com\n")
    let changes = try store.changes().count
    openDialog(path)
    press(.enter)
    guard case .importContacts(let dialog) = state.overlay, case .path(let error?) = dialog.phase
    else { return XCTFail("not refused: \(String(describing: state.overlay))") }
    XCTAssertTrue(error.contains("line 3"), error)
    XCTAssertEqual(try store.changes().count, changes)
    XCTAssertTrue(render(state).lines.joined().contains("Refused"))
  }

  func testTildeIsExpanded() {
    XCTAssertEqual(expandedPath("~/x.csv"), NSString(string: "~/x.csv").expandingTildeInPath)
    XCTAssertFalse(expandedPath("~/x.csv").hasPrefix("~"))
  }

  func check(_ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    let buffer = render(state)
    if let diff = buffer.diff(against: expected) {
      dump(buffer.lines, "actual")
      XCTFail(diff, file: file, line: line)
    }
  }

  func testGermanScreens() throws {
    state = makeState(size: Size(width: 80, height: 24), language: "de")
    let path = try write(
      "p.csv", "First Name,Last Name,E-mail Address,Shoe size\nDana,Doe,,42\nEve,,not-an-email,\n")
    openDialog("~/p.csv")
    check(ImportScreens.germanPath80x24)
    state.overlay = nil
    openDialog(path)
    press(.enter)
    check(ImportScreens.germanPreview80x24)
    state.overlay = nil
    openDialog(
      try write("broken.csv", "First Name,Email\nDana,dana@example.com\n\"Eve,eve@x.com\n"))
    press(.enter)
    // The temporary directory's name changes per run: show a fixed path in its place.
    if case .importContacts(var dialog) = state.overlay {
      dialog.input = TextInputState("~/broken.csv")
      state.overlay = .importContacts(dialog)
    }
    check(ImportScreens.germanRefused80x24)
  }

  func testScreens() throws {
    let path = try write(
      "p.csv", "First Name,Last Name,E-mail Address,Shoe size\nDana,Doe,,42\nEve,,not-an-email,\n")
    openDialog("~/p.csv")
    for (width, height) in [(80, 24), (40, 12)] {
      resize(width, height)
      check(width == 80 ? ImportScreens.path80x24 : ImportScreens.path40x12)
    }
    state.overlay = nil
    openDialog(path)
    press(.enter)
    for (width, height) in [(80, 24), (40, 12)] {
      resize(width, height)
      let buffer = render(state)
      check(width == 80 ? ImportScreens.preview80x24 : ImportScreens.preview40x12)
      for (y, row) in buffer.lines.enumerated() {
        XCTAssertEqual(displayWidth(row), width, "row \(y): \(row)")
      }
    }
  }
}

/// The import dialog: a path typed, and the dry run of a file with an unmapped column and
/// one invalid row.
enum ImportScreens {
  static let germanPath80x24: [String] = [
    " 1 Board  2 Kontakte  3 Firmen  4 Kalender  5 Aktivitäten             4 Kontakte",
    " Name ▲         Firma      E-Mail        Telefon          Zuständig Letzter Kon…",
    " Ann Archer     Acme Corp  ann@acme.exa… +1 555 0100      Alex Adm… Jun 15      ",
    " Bob Baker      Globex     bob@globex.e… +1 555 0101      Alex Adm…             ",
    " Chloé Dubois              chloe@partne…                  Alex Adm…             ",
    " Zed Young      Initech                  +44 20 7946 0000 Alex Adm…             ",
    "     ┌─ Kontakte importieren ─────────────────────────────────────────────┐     ",
    "     │ Datei (.csv, .vcf): ~/p.csv                                        │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │ Enter prüfen · Esc abbrechen                                       │     ",
    "     └────────────────────────────────────────────────────────────────────┘     ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "  ? Hilfe  q Ende  / Filter  n neu  u rückgängig  s sortieren        crm.sqlite ",
  ]
  static let germanPreview80x24: [String] = [
    " 1 Board  2 Kontakte  3 Firmen  4 Kalender  5 Aktivitäten             4 Kontakte",
    " Name ▲         Firma      E-Mail        Telefon          Zuständig Letzter Kon…",
    " Ann Archer     Acme Corp  ann@acme.exa… +1 555 0100      Alex Adm… Jun 15      ",
    " Bob Baker      Globex     bob@globex.e… +1 555 0101      Alex Adm…             ",
    " Chloé Dubois              chloe@partne…                  Alex Adm…             ",
    " Zed Young      Initech                  +44 20 7946 0000 Alex Adm…             ",
    "     ┌─ Kontakte importieren ─────────────────────────────────────────────┐     ",
    "     │ p.csv                                                              │     ",
    "     │ Probelauf, noch nichts geschrieben:                                │     ",
    "     │ neu 1 · geändert 0 · unverändert 0 · übersprungen 1                │     ",
    "     │ Nicht importiert: Shoe size                                        │     ",
    "     │ Zeile 3: email: \"not-an-email\" is not an email address             │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │ Enter importieren · Esc abbrechen                                  │     ",
    "     └────────────────────────────────────────────────────────────────────┘     ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "  ? Hilfe  q Ende  / Filter  n neu  u rückgängig  s sortieren        crm.sqlite ",
  ]
  static let germanRefused80x24: [String] = [
    " 1 Board  2 Kontakte  3 Firmen  4 Kalender  5 Aktivitäten             4 Kontakte",
    " Name ▲         Firma      E-Mail        Telefon          Zuständig Letzter Kon…",
    " Ann Archer     Acme Corp  ann@acme.exa… +1 555 0100      Alex Adm… Jun 15      ",
    " Bob Baker      Globex     bob@globex.e… +1 555 0101      Alex Adm…             ",
    " Chloé Dubois              chloe@partne…                  Alex Adm…             ",
    " Zed Young      Initech                  +44 20 7946 0000 Alex Adm…             ",
    "     ┌─ Kontakte importieren ─────────────────────────────────────────────┐     ",
    "     │ Datei (.csv, .vcf): ~/broken.csv                                   │     ",
    "     │                                                                    │     ",
    "     │ Abgelehnt, nichts geschrieben: line 3: a quoted field is never     │     ",
    "     │ closed                                                             │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │ Enter prüfen · Esc abbrechen                                       │     ",
    "     └────────────────────────────────────────────────────────────────────┘     ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "  ? Hilfe  q Ende  / Filter  n neu  u rückgängig  s sortieren        crm.sqlite ",
  ]
  static let path80x24 = [
    " 1 Board  2 Contacts  3 Companies  4 Calendar  5 Activities           4 contacts",
    " Name ▲         Company    Email         Phone            Owner     Last contact",
    " Ann Archer     Acme Corp  ann@acme.exa… +1 555 0100      Alex Adm… Jun 15      ",
    " Bob Baker      Globex     bob@globex.e… +1 555 0101      Alex Adm…             ",
    " Chloé Dubois              chloe@partne…                  Alex Adm…             ",
    " Zed Young      Initech                  +44 20 7946 0000 Alex Adm…             ",
    "     ┌─ Import contacts ──────────────────────────────────────────────────┐     ",
    "     │ File (.csv, .vcf): ~/p.csv                                         │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │ Enter check · Esc cancel                                           │     ",
    "     └────────────────────────────────────────────────────────────────────┘     ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "  ? help  q quit  / filter  n new  u undo  s sort                    crm.sqlite ",
  ]
  static let path40x12 = [
    "┌─ Import contacts ────────────────────┐",
    "│ File (.csv, .vcf)…~/p.csv            │",
    "│                                      │",
    "│                                      │",
    "│                                      │",
    "│                                      │",
    "│                                      │",
    "│                                      │",
    "│                                      │",
    "│                                      │",
    "│ Enter check · Esc cancel             │",
    "└──────────────────────────────────────┘",
  ]
  static let preview80x24 = [
    " 1 Board  2 Contacts  3 Companies  4 Calendar  5 Activities           4 contacts",
    " Name ▲         Company    Email         Phone            Owner     Last contact",
    " Ann Archer     Acme Corp  ann@acme.exa… +1 555 0100      Alex Adm… Jun 15      ",
    " Bob Baker      Globex     bob@globex.e… +1 555 0101      Alex Adm…             ",
    " Chloé Dubois              chloe@partne…                  Alex Adm…             ",
    " Zed Young      Initech                  +44 20 7946 0000 Alex Adm…             ",
    "     ┌─ Import contacts ──────────────────────────────────────────────────┐     ",
    "     │ p.csv                                                              │     ",
    "     │ Dry run, nothing written yet:                                      │     ",
    "     │ create 1 · update 0 · unchanged 0 · skip 1                         │     ",
    "     │ Not imported: Shoe size                                            │     ",
    "     │ line 3: email: \"not-an-email\" is not an email address              │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │                                                                    │     ",
    "     │ Enter import · Esc cancel                                          │     ",
    "     └────────────────────────────────────────────────────────────────────┘     ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "                                                                                ",
    "  ? help  q quit  / filter  n new  u undo  s sort                    crm.sqlite ",
  ]
  static let preview40x12 = [
    "┌─ Import contacts ────────────────────┐",
    "│ p.csv                                │",
    "│ Dry run, nothing written yet:        │",
    "│ create 1 · update 0 · unchanged 0 ·… │",
    "│ Not imported: Shoe size              │",
    "│ line 3: email: \"not-an-email\" is no… │",
    "│                                      │",
    "│                                      │",
    "│                                      │",
    "│                                      │",
    "│ Enter import · Esc cancel            │",
    "└──────────────────────────────────────┘",
  ]
}
