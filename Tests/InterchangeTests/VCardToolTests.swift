import Foundation
import Interchange
import Model
import XCTest

/// Files written by real programs run here: abook's vCard export imports, and python's
/// vobject reads back every card we write.
final class VCardToolTests: XCTestCase {
  func testAbookExportImports() throws {
    guard let abook = VCardTest.executable("abook") else {
      throw XCTSkip("abook is not installed (scripts/deps installs it)")
    }
    let directory = try VCardTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let book = directory.appendingPathComponent("addressbook")
    try """
    # abook addressbook file

    [format]
    program=abook
    version=0.6.1

    [0]
    name=Jane Q. Doe
    email=jane@example.com,jane.doe@work.example.org
    address=12 Main St
    address2=Apt 4
    city=Springfield
    state=IL
    zip=62701
    country=USA
    phone=+1 555 0100
    workphone=+1 555 0101
    fax=+1 555 0102
    mobile=+1 555 0103
    nick=jd
    url=http://example.com
    notes=Met at conf; likes tea, coffee

    [1]
    name=Jörg Müller
    email=joerg@example.de

    """.write(to: book, atomically: true, encoding: .utf8)
    let output = try VCardTest.run(
      abook,
      [
        "--convert", "--informat", "abook", "--infile", book.path, "--outformat", "vcard",
        "--outfile", "-",
      ], home: directory)
    XCTAssertTrue(output.contains("BEGIN:VCARD"), output)
    let imports = try VCardTest.imports(output)
    XCTAssertEqual(imports.count, 2)
    let jane = imports[0].contact
    XCTAssertEqual(jane.firstName, "Jane Q.")
    XCTAssertEqual(jane.lastName, "Doe")
    XCTAssertEqual(jane.emails.map(\.address), ["jane@example.com", "jane.doe@work.example.org"])
    XCTAssertEqual(
      jane.phones,
      [
        PhoneNumber("+1 555 0100", type: .home), PhoneNumber("+1 555 0101", type: .work),
        PhoneNumber("+1 555 0102", type: .fax), PhoneNumber("+1 555 0103", type: .mobile),
      ])
    XCTAssertEqual(
      jane.address,
      PostalAddress(
        street: "12 Main St\nApt 4", city: "Springfield", region: "IL", postalCode: "62701",
        country: "USA"))
    XCTAssertEqual(imports[0].note, "Met at conf; likes tea, coffee")
    XCTAssertEqual(imports[1].contact.fullName, "Jörg Müller")
    XCTAssertEqual(imports[1].contact.emails.map(\.address), ["joerg@example.de"])
  }

  func testVobjectReadsWhatWeWrite() throws {
    guard let python = VCardTest.executable("python3") else {
      throw XCTSkip("python3 is not installed")
    }
    let hasVobject = (try? VCardTest.run(python, ["-c", "import vobject"])) != nil
    try XCTSkipUnless(hasVobject, "python's vobject is not installed (scripts/deps installs it)")
    var random = VCardRandom(seed: 42)
    let entries = (0..<25).map { _ in VCardWriterTests.randomEntry(&random) }
    let directory = try VCardTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = """
      import json, sys, vobject
      cards = []
      with open(sys.argv[1], encoding="utf-8", newline="") as f:
          for c in vobject.readComponents(f.read()):
              n = c.n.value
              cards.append({
                  "fn": c.fn.value, "family": n.family, "given": n.given,
                  "emails": [e.value for e in c.contents.get("email", [])],
                  "tels": [t.value for t in c.contents.get("tel", [])],
                  "uid": c.uid.value,
              })
      print(json.dumps(cards))
      """
    for version in [VCardVersion.v3, .v4] {
      let file = directory.appendingPathComponent("out-\(version.rawValue).vcf")
      try VCard.write(entries, version: version).write(to: file, atomically: true, encoding: .utf8)
      let output = try VCardTest.run(python, ["-c", script, file.path])
      let cards = try JSONDecoder().decode([VobjectCard].self, from: Data(output.utf8))
      XCTAssertEqual(cards.count, entries.count)
      for (card, entry) in zip(cards, entries) {
        XCTAssertEqual(card.fn, entry.contact.fullName)
        XCTAssertEqual(card.family, entry.contact.lastName)
        XCTAssertEqual(card.given, entry.contact.firstName)
        XCTAssertEqual(card.emails, entry.contact.emails.map(\.address))
        XCTAssertEqual(card.tels, entry.contact.phones.map(\.number))
        XCTAssertEqual(card.uid, entry.contact.id)
      }
    }
  }
}

extension VCardToolTests {
  /// Several notes go out as several NOTE lines, which vobject reads back one by one.
  func testVobjectReadsEachNote() throws {
    guard let python = VCardTest.executable("python3") else {
      throw XCTSkip("python3 is not installed")
    }
    let hasVobject = (try? VCardTest.run(python, ["-c", "import vobject"])) != nil
    try XCTSkipUnless(hasVobject, "python's vobject is not installed (scripts/deps installs it)")
    let notes = [
      "Met at the fair; likes tea, coffee", "line one\nline two \\ backslash",
      String(repeating: "long note, folded € 😀 ", count: 12),
    ]
    let entries: [(contact: Contact, companyName: String?, notes: [String])] = [
      (Contact(firstName: "Ann", lastName: "Lee"), nil, notes),
      (Contact(firstName: "Bo"), "Acme", []),
    ]
    let directory = try VCardTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let script = """
      import json, sys, vobject
      with open(sys.argv[1], encoding="utf-8", newline="") as f:
          print(json.dumps([[n.value for n in c.contents.get("note", [])]
                            for c in vobject.readComponents(f.read())]))
      """
    for version in [VCardVersion.v3, .v4] {
      let file = directory.appendingPathComponent("notes-\(version.rawValue).vcf")
      try VCard.write(entries, version: version).write(to: file, atomically: true, encoding: .utf8)
      let output = try VCardTest.run(python, ["-c", script, file.path])
      let read = try JSONDecoder().decode([[String]].self, from: Data(output.utf8))
      XCTAssertEqual(read, [notes, []], "\(version)")
    }
  }
}

private struct VobjectCard: Decodable {
  var fn: String
  var family: String
  var given: String
  var emails: [String]
  var tels: [String]
  var uid: String
}
