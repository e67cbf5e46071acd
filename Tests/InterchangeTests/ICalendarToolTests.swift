import Foundation
import Interchange
import Model
import XCTest

/// Real programs read what we write and write what we read: calcurse (Debian's 4.7) exports
/// and imports, python's icalendar parses our export.
final class ICalendarToolTests: XCTestCase {
  private let zone = ICalTest.berlin

  /// What both calcurse and we carry, across a spring daylight-saving change (2026-03-29).
  private func exports() -> [ActivityExport] {
    let created = ICalTest.utcDate("20260201T080000Z")
    func at(_ text: String) -> Date { ICalTest.at(text) }
    return [
      ActivityExport(
        Activity(
          id: "m1", kind: .meeting, title: "Kickoff; ACME, Inc.", notes: "Agenda\nscope, budget",
          startAt: at("2026-03-10 09:00"), endAt: at("2026-03-10 10:00"), reminders: [15],
          createdAt: created)),
      ActivityExport(
        Activity(
          id: "m2", kind: .meeting, title: "Weekly standup", startAt: at("2026-03-16 09:00"),
          endAt: at("2026-03-16 09:30"), createdAt: created),
        recurrence: Recurrence(
          .weekly, weekdays: [.monday, .thursday], end: .until(at("2026-04-30 09:00")),
          excludedDates: [at("2026-03-19 09:00"), at("2026-04-02 09:00")])),
      ActivityExport(
        Activity(
          id: "m3", kind: .meeting, title: "Daily check", startAt: at("2026-03-26 08:00"),
          endAt: at("2026-03-26 08:15"), createdAt: created),
        recurrence: Recurrence(.daily, interval: 2, end: .count(5))),
      ActivityExport(
        Activity(
          id: "m4", kind: .meeting, title: "Monthly review", startAt: at("2026-01-31 14:00"),
          endAt: at("2026-01-31 15:00"), createdAt: created),
        recurrence: Recurrence(.monthly, end: .count(4))),
      ActivityExport(
        Activity(
          id: "e1", kind: .meeting, title: "Trade fair Hannover", startAt: at("2026-04-10"),
          allDay: true, createdAt: created)),
      ActivityExport(
        Activity(
          id: "c1", kind: .call, title: "Call Jörg", startAt: at("2026-03-30 11:00"),
          endAt: at("2026-03-30 11:20"), reminders: [5], createdAt: created)),
      ActivityExport(
        Activity(
          id: "t1", kind: .task, title: "Send proposal", dueAt: at("2026-03-12 17:00"),
          createdAt: created), priority: 2),
      ActivityExport(
        Activity(
          id: "t2", kind: .task, title: "Signed contract", dueAt: at("2026-03-05 12:00"),
          doneAt: ICalTest.utcDate("20260304T100000Z"), createdAt: created), priority: 5),
    ]
  }

  private func calcurse() throws -> String {
    guard let calcurse = ICalTest.executable("calcurse") else {
      throw XCTSkip("calcurse is not installed (scripts/deps installs it)")
    }
    return calcurse
  }

  /// calcurse in its own data directory, in Berlin time.
  private func runCalcurse(_ directory: URL, _ arguments: [String]) throws -> String {
    try ICalTest.run(
      try calcurse(), ["-D", directory.path] + arguments,
      environment: ["TZ": "Europe/Berlin", "HOME": directory.path, "LANG": "C.UTF-8"])
  }

  func testCalcurseExportImports() throws {
    _ = try calcurse()
    let directory = try ICalTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try """
    03/10/2026 @ 09:00 -> 03/10/2026 @ 10:00 |Kickoff with ACME; budget, scope
    03/16/2026 @ 09:00 -> 03/16/2026 @ 09:30 {1W -> 04/30/2026 w1 w4 !03/19/2026 !04/02/2026} !Weekly standup
    03/26/2026 @ 08:00 -> 03/26/2026 @ 08:15 {2D -> 04/03/2026} |Every other day
    01/31/2026 @ 14:00 -> 01/31/2026 @ 15:00 {1M} |Monthly review
    04/10/2026 [1] Trade fair Hannover
    04/20/2026 [1] {1D -> 04/24/2026 !04/22/2026} Offsite

    """.write(to: directory.appendingPathComponent("apts"), atomically: true, encoding: .utf8)
    try "[2] Send proposal\n[-5] Signed contract\n".write(
      to: directory.appendingPathComponent("todo"), atomically: true, encoding: .utf8)
    let output = try runCalcurse(directory, ["--export", "--export-uid"])
    XCTAssertTrue(output.contains("PRODID:-//calcurse//"), output)
    let items = try ICalTest.read(output, zone: zone)
    let byTitle = Dictionary(uniqueKeysWithValues: items.map { ($0.activity.title, $0) })
    XCTAssertEqual(items.count, 8)
    let standup = try XCTUnwrap(byTitle["Weekly standup"])
    XCTAssertEqual(standup.activity.reminders.count, 1, "calcurse's alarm is one reminder")
    let times = try XCTUnwrap(standup.recurrence).occurrences(
      start: standup.activity.startAt!, in: ICalTest.at("2026-03-01")..<ICalTest.at("2026-05-01"),
      timeZone: zone)
    XCTAssertEqual(times.count, 12, "14 Mondays and Thursdays, 2 of them excluded")
    XCTAssertEqual(Set(times.map { ICalTest.local($0)!.suffix(5) }), ["09:00"])
    XCTAssertFalse(times.contains(ICalTest.at("2026-04-02 09:00")))
    // calcurse writes an all-day exception as EXDATE;VALUE=DATE:20260422T000000.
    let offsite = try XCTUnwrap(byTitle["Offsite"])
    XCTAssertEqual(
      try XCTUnwrap(offsite.recurrence).occurrences(
        start: offsite.activity.startAt!, in: ICalTest.at("2026-04-01")..<ICalTest.at("2026-05-01"),
        timeZone: zone
      ).map { ICalTest.local($0)! },
      ["2026-04-20 00:00", "2026-04-21 00:00", "2026-04-23 00:00", "2026-04-24 00:00"])
    XCTAssertEqual(byTitle["Every other day"]?.recurrence?.interval, 2)
    XCTAssertEqual(byTitle["Monthly review"]?.recurrence, Recurrence(.monthly))
    XCTAssertEqual(byTitle["Trade fair Hannover"]?.activity.allDay, true)
    XCTAssertEqual(
      byTitle["Kickoff with ACME; budget, scope"]?.activity.endAt, ICalTest.at("2026-03-10 10:00"))
    XCTAssertEqual(byTitle["Send proposal"]?.priority, 2)
    XCTAssertEqual(byTitle["Signed contract"]?.activity.isDone, true)
    XCTAssertEqual(byTitle["Send proposal"]?.activity.isDone, false)
  }

  func testOurExportImportsIntoCalcurse() throws {
    _ = try calcurse()
    let directory = try ICalTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let exports = exports()
    let file = directory.appendingPathComponent("crm.ics")
    try ICalendar.write(exports, zone: zone, now: ICalTest.now)
      .write(to: file, atomically: true, encoding: .utf8)
    let data = directory.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    let report = try runCalcurse(data, ["--import", file.path])
    XCTAssertTrue(report.contains("0 skipped"), report)

    // What calcurse now lists on the Monday after the clocks changed: the standup at 09:00.
    let day = try runCalcurse(
      data,
      [
        "-Q", "--from", "03/30/2026", "--days", "1", "--format-recur-apt", "%S-%E %m\\n",
        "--format-apt", "%S-%E %m\\n",
      ])
    XCTAssertTrue(day.contains("09:00-09:30 Weekly standup"), day)
    XCTAssertTrue(day.contains("11:00-11:20 Call Jörg"), day)
    XCTAssertTrue(day.contains("08:00-08:15 Daily check"), day)
    // The excluded Thursday after the change is not there.
    let excluded = try runCalcurse(
      data, ["-Q", "--from", "04/02/2026", "--days", "1", "--format-recur-apt", "%m\\n"])
    XCTAssertFalse(excluded.contains("Weekly standup"), excluded)

    // And all of it, read back from calcurse's own export.
    let back = try ICalTest.read(try runCalcurse(data, ["--export"]), zone: zone)
    let byTitle = Dictionary(uniqueKeysWithValues: back.map { ($0.activity.title, $0) })
    XCTAssertEqual(back.count, exports.count)
    let range = ICalTest.at("2026-01-01")..<ICalTest.at("2027-01-01")
    for export in exports {
      let a = export.activity
      let item = try XCTUnwrap(byTitle[a.title], a.title)
      XCTAssertEqual(item.activity.kind == .task, a.kind == .task, a.title)
      XCTAssertEqual(item.activity.allDay, a.allDay, a.title)
      XCTAssertEqual(item.activity.isDone, a.isDone, a.title)
      XCTAssertEqual(item.activity.reminders.isEmpty, a.reminders.isEmpty, a.title)
      guard a.kind != .task else {
        // calcurse's todos have a priority and a done mark, no dates.
        XCTAssertEqual(item.priority, export.priority, a.title)
        continue
      }
      XCTAssertEqual(item.activity.startAt, a.startAt, a.title)
      XCTAssertEqual(item.activity.endAt, a.endAt, a.title)
      XCTAssertEqual(item.activity.notes, a.notes, a.title)
      if let rule = export.recurrence {
        let mine = rule.occurrences(start: a.startAt!, in: range, timeZone: zone)
        let theirs = try XCTUnwrap(item.recurrence, a.title).occurrences(
          start: item.activity.startAt!, in: range, timeZone: zone)
        XCTAssertEqual(theirs, mine, a.title)
      } else {
        XCTAssertNil(item.recurrence, a.title)
      }
    }
  }

  func testPythonIcalendarReadsWhatWeWrite() throws {
    guard let python = ICalTest.executable("python3") else {
      throw XCTSkip("python3 is not installed")
    }
    let hasModule = (try? ICalTest.run(python, ["-c", "import icalendar"])) != nil
    try XCTSkipUnless(hasModule, "python's icalendar is not installed (scripts/deps installs it)")
    let directory = try ICalTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let exports = exports()
    let file = directory.appendingPathComponent("crm.ics")
    try ICalendar.write(exports, zone: zone, now: ICalTest.now)
      .write(to: file, atomically: true, encoding: .utf8)
    let script = """
      import json, sys, datetime, icalendar
      def iso(v):
          if v is None: return None
          d = v.dt
          if isinstance(d, datetime.datetime):
              return d.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
          return d.strftime("%Y%m%d")
      with open(sys.argv[1], "rb") as f:
          cal = icalendar.Calendar.from_ical(f.read())
      items = []
      for c in cal.walk():
          if c.name not in ("VEVENT", "VTODO"): continue
          items.append({
              "uid": str(c["UID"]), "summary": str(c["SUMMARY"]),
              "description": str(c["DESCRIPTION"]) if "DESCRIPTION" in c else None,
              "start": iso(c.get("DTSTART")), "end": iso(c.get("DTEND")), "due": iso(c.get("DUE")),
              "tzid": c["DTSTART"].params.get("TZID") if "DTSTART" in c else None,
              "rrule": c["RRULE"].to_ical().decode() if "RRULE" in c else None,
              "alarms": [int(a["TRIGGER"].dt.total_seconds()) for a in c.subcomponents
                         if a.name == "VALARM"],
              "status": str(c["STATUS"]) if "STATUS" in c else None,
              "completed": iso(c.get("COMPLETED")),
              "priority": int(c["PRIORITY"]) if "PRIORITY" in c else None,
          })
      with open(sys.argv[2], "wb") as f:
          f.write(cal.to_ical())
      print(json.dumps(items))
      """
    let rewritten = directory.appendingPathComponent("python.ics")
    let output = try ICalTest.run(python, ["-c", script, file.path, rewritten.path])
    let items = try JSONDecoder().decode([PythonItem].self, from: Data(output.utf8))
    XCTAssertEqual(items.count, exports.count)
    func utc(_ date: Date?) -> String? {
      date.map { ICalendarTestFormat.utc($0) }
    }
    for (item, export) in zip(items, exports) {
      let a = export.activity
      XCTAssertEqual(item.uid, a.id)
      XCTAssertEqual(item.summary, a.title)
      XCTAssertEqual(item.description, a.notes)
      XCTAssertEqual(item.alarms, a.reminders.map { -$0 * 60 }, a.title)
      XCTAssertEqual(item.priority, export.priority, a.title)
      if a.kind == .task {
        XCTAssertEqual(item.due, utc(a.dueAt), a.title)
        XCTAssertEqual(item.status, a.isDone ? "COMPLETED" : "NEEDS-ACTION", a.title)
        XCTAssertEqual(item.completed, utc(a.doneAt), a.title)
      } else if a.allDay {
        XCTAssertEqual(item.start, "20260410")
        XCTAssertEqual(item.end, "20260411")
      } else {
        XCTAssertEqual(item.start, utc(a.startAt), a.title)
        XCTAssertEqual(item.end, utc(a.endAt), a.title)
      }
      XCTAssertEqual(item.tzid, export.recurrence == nil ? nil : "Europe/Berlin", a.title)
    }
    // python orders the parts its own way.
    XCTAssertEqual(
      items.compactMap(\.rrule).map { Set($0.split(separator: ";")) },
      [
        ["FREQ=WEEKLY", "UNTIL=20260430T070000Z", "BYDAY=MO,TH"],
        ["FREQ=DAILY", "INTERVAL=2", "COUNT=5"], ["FREQ=MONTHLY", "COUNT=4"],
      ])
    // What python writes back reads as what we wrote.
    let original = try ICalTest.read(try String(contentsOf: file, encoding: .utf8))
    let again = try ICalTest.read(try String(contentsOf: rewritten, encoding: .utf8))
    XCTAssertEqual(again.map(\.activity.title), original.map(\.activity.title))
    XCTAssertEqual(again.map(\.recurrence), original.map(\.recurrence))
    XCTAssertEqual(again.map(\.activity.startAt), original.map(\.activity.startAt))
    XCTAssertEqual(again.map(\.activity.reminders), original.map(\.activity.reminders))
  }
}

extension ICalendarToolTests {
  /// Excluded and extra dates and a changed occurrence, as python's icalendar reads them and
  /// writes them back.
  func testPythonIcalendarReadsExceptionsAndChangedOccurrences() throws {
    guard let python = ICalTest.executable("python3"),
      (try? ICalTest.run(python, ["-c", "import icalendar"])) != nil
    else { throw XCTSkip("python's icalendar is not installed (scripts/deps installs it)") }
    let created = ICalTest.utcDate("20260201T080000Z")
    func at(_ text: String) -> Date { ICalTest.at(text) }
    let rule = Recurrence(
      .weekly, end: .count(8), excludedDates: [at("2026-03-23 09:00"), at("2026-03-30 09:00")],
      extraDates: [at("2026-03-28 11:00")])
    let days = Recurrence(
      .daily, end: .count(5), excludedDates: [at("2026-04-12")], extraDates: [at("2026-04-20")])
    let change = ChangedOccurrence(seriesId: "s1", occurrence: at("2026-04-06 09:00"))
    let exports = [
      ActivityExport(
        Activity(
          id: "s1", kind: .meeting, title: "Standup", startAt: at("2026-03-16 09:00"),
          endAt: at("2026-03-16 09:30"), createdAt: created), recurrence: rule),
      ActivityExport(
        Activity(
          id: "f1", kind: .meeting, title: "Fair", startAt: at("2026-04-10"), allDay: true,
          createdAt: created), recurrence: days),
      ActivityExport(
        Activity(
          id: "o1", kind: .meeting, title: "Standup (moved)", startAt: at("2026-04-07 11:00"),
          endAt: at("2026-04-07 11:30"), createdAt: created),
        uid: change.sourceId, changedOccurrence: change),
    ]
    let directory = try ICalTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("crm.ics")
    let rewritten = directory.appendingPathComponent("python.ics")
    try ICalendar.write(exports, zone: zone, now: ICalTest.now)
      .write(to: file, atomically: true, encoding: .utf8)
    let script = """
      import json, sys, datetime, icalendar
      def iso(d):
          if isinstance(d, datetime.datetime):
              return d.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
          return d.strftime("%Y%m%d")
      def dates(c, name):
          v = c.get(name)
          if v is None: return []
          lists = v if isinstance(v, list) else [v]
          return sorted(iso(d.dt) for l in lists for d in l.dts)
      with open(sys.argv[1], "rb") as f:
          cal = icalendar.Calendar.from_ical(f.read())
      items = [{"uid": str(c["UID"]), "exdates": dates(c, "EXDATE"), "rdates": dates(c, "RDATE"),
                "recurrenceId": iso(c["RECURRENCE-ID"].dt) if "RECURRENCE-ID" in c else None}
               for c in cal.walk("VEVENT")]
      with open(sys.argv[2], "wb") as f:
          f.write(cal.to_ical())
      print(json.dumps(items))
      """
    let output = try ICalTest.run(python, ["-c", script, file.path, rewritten.path])
    let items = try JSONDecoder().decode([PythonException].self, from: Data(output.utf8))
    XCTAssertEqual(
      items,
      [
        PythonException(
          uid: "s1", exdates: ["20260323T080000Z", "20260330T070000Z"],
          rdates: ["20260328T100000Z"], recurrenceId: nil),
        PythonException(uid: "f1", exdates: ["20260412"], rdates: ["20260420"], recurrenceId: nil),
        PythonException(uid: "s1", exdates: [], rdates: [], recurrenceId: "20260406T070000Z"),
      ])
    // What python writes back reads as what we wrote.
    let again = try ICalTest.read(try String(contentsOf: rewritten, encoding: .utf8))
    XCTAssertEqual(again.map(\.recurrence), [rule.zoned("Europe/Berlin"), days, nil])
    XCTAssertEqual(again[2].changedOccurrence, change)
    XCTAssertEqual(again[2].activity.startAt, at("2026-04-07 11:00"))
  }
}

extension ICalendarToolTests {
  /// calcurse reads a changed occurrence as an appointment of its own, at its new time, and
  /// skips the series' EXDATEs; having no RECURRENCE-ID, it also keeps the original Monday.
  func testCalcurseReadsOurChangedOccurrence() throws {
    _ = try calcurse()
    let directory = try ICalTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    func at(_ text: String) -> Date { ICalTest.at(text) }
    let created = ICalTest.utcDate("20260201T080000Z")
    let change = ChangedOccurrence(seriesId: "s1", occurrence: at("2026-03-23 09:00"))
    let exports = [
      ActivityExport(
        Activity(
          id: "s1", kind: .meeting, title: "Standup", startAt: at("2026-03-16 09:00"),
          endAt: at("2026-03-16 09:30"), createdAt: created),
        recurrence: Recurrence(.weekly, end: .count(4), excludedDates: [at("2026-03-30 09:00")])),
      ActivityExport(
        Activity(
          id: "o1", kind: .meeting, title: "Standup moved", startAt: at("2026-03-24 11:00"),
          endAt: at("2026-03-24 11:30"), createdAt: created),
        uid: change.sourceId, changedOccurrence: change),
    ]
    let file = directory.appendingPathComponent("crm.ics")
    try ICalendar.write(exports, zone: zone, now: ICalTest.now)
      .write(to: file, atomically: true, encoding: .utf8)
    let data = directory.appendingPathComponent("data")
    try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
    let report = try runCalcurse(data, ["--import", file.path])
    XCTAssertTrue(report.contains("0 skipped"), report)
    let listed = try runCalcurse(
      data,
      [
        "-Q", "--from", "03/16/2026", "--days", "28", "--format-recur-apt",
        "%(start:%F %H:%M) %m\\n", "--format-apt", "%(start:%F %H:%M) %m\\n",
      ])
    let lines = listed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { $0.hasPrefix("20") }
    XCTAssertEqual(
      lines,
      [
        "2026-03-16 09:00 Standup", "2026-03-23 09:00 Standup", "2026-03-24 11:00 Standup moved",
        "2026-04-06 09:00 Standup",
      ], listed)
  }
}

private struct PythonException: Decodable, Equatable {
  var uid: String
  var exdates: [String]
  var rdates: [String]
  var recurrenceId: String?
}

extension Recurrence {
  /// The rule as it reads back from a file that named its zone.
  fileprivate func zoned(_ name: String) -> Recurrence {
    var copy = self
    copy.timeZone = name
    return copy
  }
}

private struct PythonItem: Decodable {
  var uid: String
  var summary: String
  var description: String?
  var start: String?
  var end: String?
  var due: String?
  var tzid: String?
  var rrule: String?
  var alarms: [Int]
  var status: String?
  var completed: String?
  var priority: Int?
}

enum ICalendarTestFormat {
  static func utc(_ date: Date) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return f.string(from: date)
  }
}
