import Foundation
import XCTest

/// `crm import csv|vcard` and `crm export csv|vcard` as a script runs them.
final class ImportExportTests: CLITestCase {
  func write(_ name: String, _ text: String) throws -> String {
    let url = cli.directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func contacts() throws -> [[String: Any]] { try jsonArray("contact", "list") }

  let google = """
    Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,\
    Organization 1 - Name,Organization 1 - Title,Notes
    Ann Lee,Ann,Lee,* Work,ann@acme.com,Mobile,+1 555 0100,Acme,CTO,Met at the fair
    Bob Ray,Bob,Ray,* Home,bob@home.example,,,ACME,,

    """

  func testGoogleCSVImportsAndReImportsAsUnchanged() throws {
    try initDatabase()
    let file = try write("google.csv", google)
    XCTAssertEqual(
      try ok("import", "csv", file),
      "created 2, updated 0, unchanged 0, skipped 0; 1 company created")
    let people = try contacts()
    XCTAssertEqual(people.map { $0["name"] as? String }, ["Ann Lee", "Bob Ray"])
    XCTAssertEqual(people[0]["title"] as? String, "CTO")
    let log = try logSnapshot()
    XCTAssertEqual(
      try ok("import", "csv", file),
      "created 0, updated 0, unchanged 2, skipped 0; 0 companies created")
    XCTAssertEqual(try logSnapshot(), log, "a re-import wrote something")
    XCTAssertEqual(try jsonArray("company", "list").count, 1)
  }

  func testOutlookCSVWithSemicolonsAndMap() throws {
    let file = try write(
      "outlook.csv",
      """
      First Name;Last Name;E-mail Address;Business Phone;Company;Job Title;Badge
      Cy;Fox;cy@globex.io;555-0100;Globex;Buyer;vip

      """)
    XCTAssertEqual(
      try ok("import", "csv", file, "--map", "Badge=tags", "--delimiter", ";"),
      "created 1, updated 0, unchanged 0, skipped 0; 1 company created")
    let cy = try XCTUnwrap(try contacts().first)
    XCTAssertEqual(cy["tags"] as? [String], ["vip"])
    XCTAssertEqual((cy["phones"] as? [[String: String]])?.first?["number"], "555-0100")
    try refused("import", "csv", file, "--map", "Nope=tags", naming: "Nope")
  }

  func testBadRowRefusesTheFileAndSkipInvalidImportsTheRest() throws {
    try initDatabase()
    let file = try write(
      "bad.csv", "First Name,E-mail Address\nAnn,ann@x.com\nBob,x\nCy,cy@x.com\n")
    let message = try refused("import", "csv", file, naming: "line 3")
    XCTAssertEqual(message, "crm: \(file) line 3: email: \"x\" is not an email address")
    let result = try crm("import", "csv", file, "--skip-invalid")
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(result.out, "created 2, updated 0, unchanged 0, skipped 1; 0 companies created")
    XCTAssertEqual(result.errLines, ["crm: \(file) line 3: email: \"x\" is not an email address"])
    XCTAssertEqual(try ok("undo"), "Undid: import contacts")
    XCTAssertEqual(try contacts().count, 0)
  }

  func testUnterminatedQuoteIsRefusedEvenWithSkipInvalid() throws {
    try initDatabase()
    let file = try write("broken.csv", "First Name,E-mail Address\nAnn,ann@x.com\nBob,\"bob\n")
    try refused("import", "csv", file, "--skip-invalid", naming: "line 3", "never closed")
  }

  func testDryRunWritesNothing() throws {
    try initDatabase()
    let file = try write("google.csv", google)
    let log = try logSnapshot()
    let output = try ok("import", "csv", file, "--dry-run")
    XCTAssertEqual(
      output.split(separator: "\n").first,
      "dry run, nothing written: created 2, updated 0, unchanged 0, skipped 0; 1 company created")
    XCTAssertEqual(try logSnapshot(), log)
  }

  func testVCardImport() throws {
    let file = try write(
      "cards.vcf",
      """
      BEGIN:VCARD\r
      VERSION:3.0\r
      UID:card-1\r
      FN:Dee Moss\r
      N:Moss;Dee;;;\r
      ORG:Initech\r
      EMAIL;TYPE=INTERNET,HOME:dee@home.example\r
      END:VCARD\r

      """)
    XCTAssertEqual(
      try ok("import", "vcard", file),
      "created 1, updated 0, unchanged 0, skipped 0; 1 company created")
    XCTAssertEqual(
      try ok("import", "vcard", file),
      "created 0, updated 0, unchanged 1, skipped 0; 0 companies created")
    XCTAssertEqual(try contacts().map { $0["name"] as? String }, ["Dee Moss"])
  }

  func testExportCSVNeutralisesFormulasAndRoundTrips() throws {
    try initDatabase()
    let company = try add("company", "add", "--name", "=Evil()")
    try add(
      "contact", "add", "--first", "Ann", "--title", "+cmd", "--email", "ann@x.com",
      "--company", company)
    try add("contact", "add", "--first", "Nomail", "--last", "@home")
    let csv = try ok("export", "csv")
    XCTAssertTrue(csv.contains("'+cmd"), csv)
    XCTAssertTrue(csv.contains("'@home"), csv)
    XCTAssertTrue(csv.contains("'=Evil()"), csv)
    XCTAssertFalse(csv.contains(",+cmd"), csv)
    XCTAssertEqual(try ok("export", "csv", "contacts"), csv)
    let companies = try ok("export", "csv", "companies")
    XCTAssertTrue(companies.hasPrefix("Name,Domain"), companies)
    XCTAssertTrue(companies.contains("'=Evil()"), companies)

    // Back in: the same contacts, formulas restored, nothing new.
    let file = try write("export.csv", csv + "\n")
    XCTAssertEqual(
      try ok("import", "csv", file),
      "created 0, updated 0, unchanged 2, skipped 0; 0 companies created")
    XCTAssertEqual(try contacts().count, 2)
  }

  func testExportDealsCSV() throws {
    try initDatabase()
    try add("deal", "add", "--title=-Fleet", "--value", "1200.50")
    let csv = try ok("export", "csv", "deals").split(separator: "\r\n").map(String.init)
    XCTAssertEqual(csv.count, 2)
    guard csv.count == 2 else { return }
    XCTAssertTrue(csv[0].hasPrefix("Title,Value,Currency,Pipeline,Stage"), csv[0])
    XCTAssertTrue(csv[1].hasPrefix("'-Fleet,1200.50,"), csv[1])
    XCTAssertTrue(csv[1].contains(",Sales,Qualification,open,"), csv[1])
  }

  func testOutputWritesAFileAndVCardRoundTrips() throws {
    try initDatabase()
    try add("contact", "add", "--first", "Ann", "--last", "Lee", "--email", "ann@x.com")
    let path = cli.directory.appendingPathComponent("out.vcf").path
    XCTAssertEqual(try ok("export", "vcard", "--output", path, "--version", "3"), "")
    let text = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("BEGIN:VCARD\r\nVERSION:3.0\r\n"), text)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: cli.directory.path)
      .filter { $0.hasSuffix(".tmp") }
    XCTAssertEqual(leftovers, [])
    XCTAssertEqual(
      try ok("import", "vcard", path),
      "created 0, updated 0, unchanged 1, skipped 0; 0 companies created")
    try refused("export", "vcard", "--version", "5", naming: "--version")
  }
  func testVCardBrokenLateInTheFileIsRefusedWholeEvenWithSkipInvalid() throws {
    try initDatabase()
    var text = ""
    // 1000 cards of five lines (about 80 KB: more than one 64 KiB chunk), then a broken one.
    for index in 0..<1000 {
      text +=
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person \(index)\r\nEMAIL:p\(index)@x.example\r\nEND:VCARD\r\n"
    }
    text += "BEGIN:VCARD\r\nFN:Last\r\nno colon here\r\nEND:VCARD\r\n"
    let file = try write("late.vcf", text)
    let message = try refused("import", "vcard", file, "--skip-invalid", naming: "line 5003")
    XCTAssertEqual(message, "crm: \(file) line 5003: no colon in \"no colon here\"")
    XCTAssertEqual(try contacts().count, 0)
    // A file that is not vCards at all is refused before the database is opened.
    let csv = try write("people.vcf", "Name: Ann Lee\nEmail: ann@x.example\n")
    let other = cli.directory.appendingPathComponent("never.sqlite").path
    let result = try cli.run(["import", "vcard", csv], db: .some(other))
    XCTAssertNotEqual(result.status, 0)
    XCTAssertEqual(
      result.errLines, ["crm: \(csv) line 1: \"Name: Ann Lee\" outside BEGIN:VCARD..END:VCARD"])
    XCTAssertFalse(FileManager.default.fileExists(atPath: other))
  }

  func testVCardExportCarriesNotesAndReImportAddsNone() throws {
    try initDatabase()
    let ann = try add("contact", "add", "--first", "Ann", "--last", "Lee", "--email", "ann@x.com")
    let bo = try add("contact", "add", "--first", "Bo", "--email", "bo@x.com")
    try add("note", "add", "--contact", ann, "--body", "Met at the fair; likes tea, coffee")
    try add("note", "add", "--contact", bo, "--body", "first call")
    try add("note", "add", "--contact", bo, "--body", "line one\nline two")
    let other = try add("contact", "add", "--first", "Cy")
    let text = try ok("export", "vcard")
    let cards = text.components(separatedBy: "BEGIN:VCARD").dropFirst()
    XCTAssertEqual(cards.count, 3)
    let annCard = try XCTUnwrap(cards.first { $0.contains("UID:\(ann)") })
    XCTAssertTrue(annCard.contains("\r\nNOTE:Met at the fair\\; likes tea\\, coffee\r\n"), annCard)
    let boCard = try XCTUnwrap(cards.first { $0.contains("UID:\(bo)") })
    XCTAssertTrue(
      boCard.contains("\r\nNOTE:first call\r\nNOTE:line one\\nline two\r\n"),
      "one NOTE per note, oldest first: \(boCard)")
    let cyCard = try XCTUnwrap(cards.first { $0.contains("UID:\(other)") })
    XCTAssertFalse(cyCard.contains("NOTE"), cyCard)

    // Back in: a contact's single note is found, not added again.
    let annOnly = try write("ann.vcf", "BEGIN:VCARD" + annCard)
    let log = try logSnapshot()
    XCTAssertEqual(
      try ok("import", "vcard", annOnly),
      "created 0, updated 0, unchanged 1, skipped 0; 0 companies created")
    XCTAssertEqual(try logSnapshot(), log, "a re-import wrote something")
    XCTAssertEqual(try jsonArray("note", "list", "--contact", ann).count, 1)
  }

  func testReImportOfOurVCardExportAddsNoNote() throws {
    try initDatabase()
    let bo = try add("contact", "add", "--first", "Bo", "--email", "bo@x.com")
    try add("note", "add", "--contact", bo, "--body", "first call")
    try add("note", "add", "--contact", bo, "--body", "line one\nline two")
    let file = try write("bo.vcf", try ok("export", "vcard") + "\n")
    let log = try logSnapshot()
    XCTAssertEqual(
      try ok("import", "vcard", file),
      "created 0, updated 0, unchanged 1, skipped 0; 0 companies created")
    XCTAssertEqual(try logSnapshot(), log, "a re-import wrote something")
    // Into a new database: both notes, each its own.
    let other = cli.directory.appendingPathComponent("other.sqlite").path
    XCTAssertEqual(try cli.run(["import", "vcard", file], db: .some(other)).status, 0)
    XCTAssertEqual(
      try cli.run(["import", "vcard", file], db: .some(other)).out,
      "created 0, updated 0, unchanged 1, skipped 0; 0 companies created")
    let notes = try cli.run(["note", "list", "--json"], db: .some(other)).out
    let bodies = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(notes.utf8)) as? [[String: Any]]
    ).compactMap { $0["body"] as? String }
    XCTAssertEqual(Set(bodies), ["first call", "line one\nline two"])
  }
}
