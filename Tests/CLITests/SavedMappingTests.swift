import Foundation
import XCTest

/// `crm import csv --save-map NAME`, `--mapping NAME` and `crm import mappings` as a script
/// uses them: the mapping files live under $XDG_CONFIG_HOME/crm/mappings (the runner points
/// it into the scratch directory).
final class SavedMappingTests: CLITestCase {
  var mappingsDirectory: URL {
    cli.directory.appendingPathComponent("config/crm/mappings", isDirectory: true)
  }

  func write(_ name: String, _ text: String) throws -> String {
    let url = cli.directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func writeMapping(_ name: String, _ text: String) throws {
    try FileManager.default.createDirectory(
      at: mappingsDirectory, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: mappingsDirectory.appendingPathComponent("\(name).map"))
  }

  func contacts() throws -> [[String: Any]] { try jsonArray("contact", "list") }

  let export = """
    Vorname,Nachname,Dienstlich,Etikett,Intern
    Cy,Fox,cy@globex.io,vip,x

    """
  let later = """
    Vorname,Nachname,Dienstlich,Etikett,Intern
    Di,Lo,di@globex.io,new,y

    """

  func testSaveThenReuseAMapping() throws {
    try initDatabase()
    let first = try write("first.csv", export)
    XCTAssertEqual(
      try ok(
        "import", "csv", first, "--map", "Vorname=firstName", "--map", "Nachname=lastName", "--map",
        "Dienstlich=email", "--map", "Etikett=tags", "--map", "Intern=ignore", "--save-map", "sap"),
      """
      created 1, updated 0, unchanged 0, skipped 0; 0 companies created
      saved mapping "sap": 5 columns
      """)
    let saved = try String(
      contentsOf: mappingsDirectory.appendingPathComponent("sap.map"), encoding: .utf8)
    XCTAssertEqual(
      saved, "Vorname=firstName\nNachname=lastName\nDienstlich=email\nEtikett=tags\nIntern=ignore\n"
    )
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: mappingsDirectory.path)
    XCTAssertEqual(leftovers, ["sap.map"], "the atomic write left a temporary file")

    // Next month's file, mapped by name alone.
    let second = try write("second.csv", later)
    XCTAssertEqual(
      try ok("import", "csv", second, "--mapping", "sap"),
      "created 1, updated 0, unchanged 0, skipped 0; 0 companies created")
    let di = try XCTUnwrap(try contacts().first { $0["name"] as? String == "Di Lo" })
    XCTAssertEqual((di["emails"] as? [[String: Any]])?.first?["address"] as? String, "di@globex.io")
    XCTAssertEqual(di["tags"] as? [String], ["new"])
    // Without it the columns are not recognised, and the nameless row is refused.
    try refused("import", "csv", second, naming: "line 2")
  }

  func testMapGivenWithASavedMappingWins() throws {
    try initDatabase()
    try writeMapping(
      "sap", "Vorname=firstName\nNachname=lastName\nDienstlich=email\nEtikett=tags\n")
    let file = try write("export.csv", export)
    XCTAssertEqual(
      try ok(
        "import", "csv", file, "--mapping", "sap", "--map", "Etikett=title", "--save-map", "sap2"),
      """
      created 1, updated 0, unchanged 0, skipped 0; 0 companies created
      saved mapping "sap2": 4 columns
      """)
    let cy = try XCTUnwrap(try contacts().first)
    XCTAssertEqual(cy["title"] as? String, "vip")
    XCTAssertEqual(cy["tags"] as? [String], [])
    XCTAssertEqual(
      try String(contentsOf: mappingsDirectory.appendingPathComponent("sap2.map"), encoding: .utf8),
      "Vorname=firstName\nNachname=lastName\nDienstlich=email\nEtikett=title\n")
  }

  func testListAndDelete() throws {
    XCTAssertEqual(try ok("import", "mappings"), "", "nothing saved yet")
    XCTAssertEqual(try jsonArray("import", "mappings").count, 0)
    try writeMapping("b-tool", "Work Email=email\n")
    try writeMapping("a-tool", "Badge = tags\n\nJunk=ignore\n")
    XCTAssertEqual(
      try ok("import", "mappings"),
      """
      NAME    COLUMNS
      a-tool  Badge=tags, Junk=ignore
      b-tool  Work Email=email
      """)
    let json = try jsonArray("import", "mappings")
    assertCamelCaseKeys(json)
    XCTAssertEqual(json.map { $0["name"] as? String }, ["a-tool", "b-tool"])
    let pairs = try XCTUnwrap(json.first?["pairs"] as? [[String: String]])
    XCTAssertEqual(
      pairs, [["header": "Badge", "field": "tags"], ["header": "Junk", "field": "ignore"]])
    XCTAssertEqual(try ok("import", "mappings", "--delete", "a-tool"), "deleted mapping \"a-tool\"")
    XCTAssertEqual(try jsonArray("import", "mappings").map { $0["name"] as? String }, ["b-tool"])
    try refused(
      "import", "mappings", "--delete", "a-tool", naming: "no saved mapping \"a-tool\"", "b-tool")
  }

  func testAMissingCorruptOrInvalidMappingImportsNothing() throws {
    try initDatabase()
    let file = try write("export.csv", export)
    try refused(
      "import", "csv", file, "--mapping", "nope", naming: "--mapping", "no saved mapping \"nope\"")
    try refused(
      "import", "csv", file, "--mapping", "../etc/x", naming: "\"../etc/x\" is not a mapping name")

    try writeMapping("typo", "Dienstlich=email\nEtikett=tagz\n")
    let typo = try refused(
      "import", "csv", file, "--mapping", "typo", naming: "mapping \"typo\"", "line 2", "tagz")
    XCTAssertTrue(typo.contains("typo.map"), typo)

    try writeMapping("garbled", "Dienstlich=email\nno equals sign here\n")
    try refused(
      "import", "csv", file, "--mapping", "garbled", naming: "mapping \"garbled\"", "line 2",
      "is not \"Header=field\"")

    try writeMapping("empty", "\n\n")
    try refused(
      "import", "csv", file, "--mapping", "empty", naming: "mapping \"empty\"", "no Header=field")

    try FileManager.default.createDirectory(
      at: mappingsDirectory, withIntermediateDirectories: true)
    try Data([0x41, 0x3D, 0xFF, 0xFE, 0x0A]).write(
      to: mappingsDirectory.appendingPathComponent("binary.map"))
    try refused("import", "csv", file, "--mapping", "binary", naming: "mapping \"binary\"", "UTF-8")

    // A saved column the file does not have names the mapping, not --map.
    try writeMapping("other", "Work Email=email\n")
    let message = try refused(
      "import", "csv", file, "--mapping", "other", naming: "mapping \"other\"",
      "no column \"Work Email\"")
    XCTAssertFalse(message.contains("--map:"), message)

    // Listing stops at the first corrupt file and names it.
    try refused("import", "mappings", naming: "mapping \"binary\"")
    XCTAssertEqual(try contacts().count, 0)
  }

  func testSaveMapRefusesBadNamesAndPairsAndAFailedImportSavesNothing() throws {
    try initDatabase()
    let file = try write("export.csv", export)
    try refused(
      "import", "csv", file, "--map", "Dienstlich=email", "--save-map", "a/b", naming: "--save-map",
      "\"a/b\" is not a mapping name")
    try refused("import", "csv", file, "--save-map", "x", naming: "--save-map", "nothing to save")
    try refused(
      "import", "csv", file, "--map", "Dienstlich=mail", "--save-map", "x",
      naming: "unknown field \"mail\"")
    let bad = try write("bad.csv", "Vorname,Dienstlich\nAnn,not-an-email\n")
    try refused(
      "import", "csv", bad, "--map", "Dienstlich=email", "--map", "Vorname=firstName",
      "--save-map", "x", naming: "line 2")
    XCTAssertFalse(
      FileManager.default.fileExists(
        atPath: mappingsDirectory.appendingPathComponent("x.map").path),
      "a refused import saved its mapping")

    // A dry run that succeeds saves it (to try a mapping before using it).
    let dry = try ok(
      "import", "csv", file, "--map", "Vorname=firstName", "--save-map", "x", "--dry-run")
    XCTAssertTrue(dry.hasSuffix("saved mapping \"x\": 1 column"), dry)
    let again = try ok(
      "import", "csv", file, "--mapping", "x", "--map", "Dienstlich=workEmail", "--save-map", "x",
      "--dry-run")
    XCTAssertTrue(again.hasSuffix("replaced mapping \"x\": 2 columns"), again)
    XCTAssertEqual(try contacts().count, 0)
  }
}
