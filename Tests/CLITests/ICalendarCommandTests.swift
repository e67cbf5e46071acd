import Foundation
import XCTest

/// `crm import ics`, `crm export ics` and `crm remind` with the real binary, and the round
/// trips through calcurse.
final class ICalendarCommandTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("InterchangeTests/Fixtures/ics")

  func fixture(_ name: String) -> String { Self.fixtures.appendingPathComponent(name).path }

  func activities() throws -> [[String: Any]] {
    try jsonArray("activity", "list", "--all", "--limit", "1000")
  }

  func testCalcurseFileImportsAndReimportWritesNothing() throws {
    let file = fixture("calcurse.ics")
    XCTAssertEqual(try ok("import", "ics", file), "created 10, updated 0, unchanged 0, skipped 0")
    let all = try activities()
    XCTAssertEqual(all.count, 10)
    let standup = try XCTUnwrap(all.first { $0["title"] as? String == "Weekly standup" })
    XCTAssertEqual((standup["recurrence"] as? [String: Any])?["frequency"] as? String, "weekly")
    XCTAssertEqual(standup["kind"] as? String, "meeting")
    XCTAssertTrue((standup["sourceId"] as? String)?.isEmpty == false)
    let log = try logSnapshot()
    XCTAssertEqual(try ok("import", "ics", file), "created 0, updated 0, unchanged 10, skipped 0")
    XCTAssertEqual(try logSnapshot(), log, "a re-import of the same file writes no mutation")
    // One undo takes back the whole import.
    try ok("undo")
    XCTAssertEqual(try activities().count, 0)
  }

  func testABrokenFileIsRefusedNamingItsLine() throws {
    try refused("import", "ics", fixture("broken-date.ics"), naming: "line 10", "DTSTART")
    try refused("import", "ics", fixture("broken-unterminated.ics"), naming: "line")
    try refused("import", "ics", "no-such-file.ics", naming: "no-such-file.ics")
  }

  func testDryRunWritesNothing() throws {
    let log = try logSnapshot()
    XCTAssertEqual(
      try ok("import", "ics", "--dry-run", fixture("calcurse.ics")),
      "dry run, nothing written: created 10, updated 0, unchanged 0, skipped 0")
    XCTAssertEqual(try logSnapshot(), log)
  }

  func testExportThenImportUpdatesTheSameActivities() throws {
    let id = try add(
      "activity", "add", "--kind", "meeting", "--title", "Standup", "--start", "2030-01-07 09:00",
      "--end", "2030-01-07 09:15", "--repeat", "weekly:mo,we", "--count", "6", "--priority",
      "high", "--location", "Room 1", "--remind", "15m,1d")
    let task = try add("activity", "add", "--title", "Send offer", "--due", "2030-01-09 12:00")
    let out = cli.directory.appendingPathComponent("out.ics").path
    try ok("export", "ics", "--output", out)
    let text = try String(contentsOfFile: out, encoding: .utf8)
    XCTAssertTrue(text.contains("UID:\(id)"), text)
    XCTAssertTrue(text.contains("RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=MO,WE"), text)
    XCTAssertTrue(text.contains("LOCATION:Room 1"), text)
    XCTAssertTrue(text.contains("BEGIN:VTODO"), text)
    let log = try logSnapshot()
    XCTAssertEqual(try ok("import", "ics", out), "created 0, updated 0, unchanged 2, skipped 0")
    XCTAssertEqual(try logSnapshot(), log)
    XCTAssertEqual(try activities().map { $0["id"] as? String }, [id, task])

    // A range keeps what happens in it: the standup still repeats in its second week.
    try ok("export", "ics", "--from", "2030-01-13", "--to", "2030-01-20", "--output", out)
    let ranged = try String(contentsOfFile: out, encoding: .utf8)
    XCTAssertTrue(ranged.contains("SUMMARY:Standup"), ranged)
    XCTAssertFalse(ranged.contains("SUMMARY:Send offer"), ranged)
    try refused("export", "ics", "--from", "2030-02-01", "--to", "2030-01-01", naming: "to")
  }

  func testOurExportImportsIntoCalcurse() throws {
    guard
      let calcurse = ["/usr/bin/calcurse", "/usr/local/bin/calcurse"].first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else { throw XCTSkip("calcurse is not installed (scripts/deps installs it)") }
    try add(
      "activity", "add", "--kind", "meeting", "--title", "Standup", "--start", "2030-01-07 09:00",
      "--end", "2030-01-07 09:15", "--repeat", "weekly:mo,we", "--count", "4")
    try add(
      "activity", "add", "--kind", "meeting", "--title", "Kickoff", "--start", "2030-01-08 14:00",
      "--end", "2030-01-08 15:30")
    let out = cli.directory.appendingPathComponent("crm.ics").path
    try ok("export", "ics", "--output", out)
    let data = cli.directory.appendingPathComponent("calcurse")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    func run(_ args: [String]) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: calcurse)
      process.arguments = ["-D", data.path] + args
      process.environment = ["TZ": "UTC", "HOME": data.path, "LANG": "C.UTF-8"]
      let pipe = Pipe()
      process.standardOutput = pipe
      process.standardError = FileHandle.nullDevice
      try process.run()
      let output = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return String(decoding: output, as: UTF8.self)
    }
    let report = try run(["-i", out])
    XCTAssertTrue(report.contains("0 skipped"), report)
    let listed = try run([
      "-Q", "--from", "01/07/2030", "--days", "14", "--format-recur-apt", "%(start:%F %H:%M) %m\\n",
      "--format-apt", "%(start:%F %H:%M) %m\\n",
    ])
    let lines = listed.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { $0.hasPrefix("20") }
    XCTAssertEqual(
      lines,
      [
        "2030-01-07 09:00 Standup", "2030-01-08 14:00 Kickoff", "2030-01-09 09:00 Standup",
        "2030-01-14 09:00 Standup", "2030-01-16 09:00 Standup",
      ], listed)
  }

  /// Google's form of a weekly standup with a cancelled Monday (EXDATE), an extra Saturday
  /// (RDATE) and one Monday moved to Tuesday (an item with RECURRENCE-ID).
  func testExceptionsAndAMovedOccurrenceImportOnceAndExportBack() throws {
    let file = fixture("exceptions.ics")
    XCTAssertEqual(try ok("import", "ics", file), "created 2, updated 0, unchanged 0, skipped 0")
    let all = try activities()
    let moved = try XCTUnwrap(
      all.first { $0["title"] as? String == "Sales standup (moved to Tuesday)" })
    XCTAssertEqual(moved["sourceId"] as? String, "standup-7@google.com#2030-04-01T07:00:00Z")
    XCTAssertEqual(moved["recurrence"] as? NSNull, NSNull())
    let log = try logSnapshot()
    XCTAssertEqual(try ok("import", "ics", file), "created 0, updated 0, unchanged 2, skipped 0")
    XCTAssertEqual(try logSnapshot(), log, "a re-import of the same file writes nothing")

    // Our export: the cancelled Monday is an EXDATE, the moved one its own item linked to
    // the series, the Saturday an RDATE; importing it back changes nothing.
    let out = cli.directory.appendingPathComponent("out.ics").path
    try ok("export", "ics", "--output", out)
    let text = try String(contentsOfFile: out, encoding: .utf8)
    let lines = text.components(separatedBy: "\r\n")
    XCTAssertEqual(
      lines.filter { $0.hasPrefix("UID:") }, Array(repeating: "UID:standup-7@google.com", count: 2),
      text)
    XCTAssertTrue(lines.contains("EXDATE;TZID=Europe/Berlin:20300408T090000"), text)
    XCTAssertTrue(lines.contains("RDATE;TZID=Europe/Berlin:20300406T100000"), text)
    XCTAssertTrue(lines.contains("RECURRENCE-ID:20300401T070000Z"), text)
    XCTAssertEqual(
      lines.filter { $0.hasPrefix("EXDATE") }.count, 1, "the moved Monday is not also an EXDATE")
    XCTAssertEqual(try ok("import", "ics", out), "created 0, updated 0, unchanged 2, skipped 0")
    XCTAssertEqual(try logSnapshot(), log)
  }

  func testABrokenExceptionRefusesTheFileNamingItsLine() throws {
    let broken = cli.directory.appendingPathComponent("broken.ics")
    let text = try String(contentsOfFile: fixture("exceptions.ics"), encoding: .utf8)
      .replacingOccurrences(
        of: "EXDATE;TZID=Europe/Berlin:20300408T090000", with: "EXDATE:20300408"
      )
      .replacingOccurrences(
        of: "RECURRENCE-ID;TZID", with: "RECURRENCE-ID;RANGE=THISANDFUTURE;TZID")
    try text.write(to: broken, atomically: true, encoding: .utf8)
    try refused("import", "ics", broken.path, naming: "line 20", "RANGE=THISANDFUTURE")
    XCTAssertEqual(try activities().count, 0)
  }

  func testRemindPrintsWhatIsDueSinceTheLastRunOnce() throws {
    let soon = try add(
      "activity", "add", "--kind", "meeting", "--title", "Demo call", "--start", "+10m",
      "--remind", "15m", "--location", "Zoom")
    try add("activity", "add", "--title", "Later", "--due", "+3d", "--remind", "15m")
    let done = try add("activity", "add", "--title", "Done one", "--due", "+5m", "--remind", "1h")
    try ok("activity", "done", done)
    // The first run looks back a day: the demo's reminder went off five minutes ago.
    let first = try jsonArray("remind")
    XCTAssertEqual(first.map { $0["activityId"] as? String }, [soon])
    XCTAssertEqual(first.first?["location"] as? String, "Zoom")
    XCTAssertTrue(isISO8601(first.first?["remindAt"]))
    XCTAssertEqual(
      Set(first.first?.keys.map { $0 } ?? []),
      [
        "activityId", "title", "kind", "remindAt", "at", "allDay", "location", "dealId",
        "contactId", "companyId",
      ])
    // The next run starts where this one ended: nothing new.
    XCTAssertEqual(try ok("remind"), "")
    XCTAssertEqual(try jsonArray("remind").count, 0)
  }

  func testRemindTextNamesTheActivity() throws {
    let soon = try add(
      "activity", "add", "--kind", "meeting", "--title", "Demo call", "--start", "+10m",
      "--remind", "15m")
    let text = try ok("remind")
    XCTAssertTrue(text.contains("\"Demo call\""), text)
    XCTAssertTrue(text.hasSuffix(soon), text)
  }
}
