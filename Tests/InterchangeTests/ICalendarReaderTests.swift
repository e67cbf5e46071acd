import Foundation
import Model
import XCTest

@testable import Interchange

final class ICalendarReaderTests: XCTestCase {
  func testGoogleExportWithVTimezoneFoldingEscapesAndAlarms() throws {
    let items = try ICalTest.read(try ICalTest.fixture("google.ics"), zone: ICalTest.utc)
    XCTAssertEqual(items.count, 3)
    let standup = items[0]
    XCTAssertEqual(standup.sourceId, "standup-42@google.com")
    XCTAssertEqual(standup.activity.kind, .meeting)
    XCTAssertEqual(standup.activity.title, "Sales standup")
    XCTAssertEqual(ICalTest.local(standup.activity.startAt), "2026-03-16 09:00")
    XCTAssertEqual(ICalTest.local(standup.activity.endAt), "2026-03-16 09:30")
    XCTAssertEqual(
      standup.activity.notes,
      "Agenda:\n- pipeline review\n- blockers; risks, and a very long line that Google folds"
        + " because it is longer than seventy-five octets — with ümlauts")
    XCTAssertEqual(standup.location, "Room 4, 2nd floor")
    XCTAssertEqual(standup.activity.reminders, [10, 1_440])
    XCTAssertEqual(
      standup.recurrence,
      Recurrence(
        .weekly, weekdays: [.monday, .thursday], end: .count(10), timeZone: "Europe/Berlin"))
    XCTAssertEqual(standup.activity.createdAt, ICalTest.utcDate("20260201T101500Z"))
    XCTAssertEqual(standup.activity.updatedAt, ICalTest.utcDate("20260210T080000Z"))

    // All-day over three days: days start at the user's midnight (here UTC), whatever the
    // calendar's X-WR-TIMEZONE says.
    let fair = items[1]
    XCTAssertTrue(fair.activity.allDay)
    XCTAssertEqual(ICalTest.local(fair.activity.startAt, ICalTest.utc), "2026-04-10 00:00")
    XCTAssertEqual(ICalTest.local(fair.activity.endAt, ICalTest.utc), "2026-04-13 00:00")
    XCTAssertEqual(fair.categories, ["Fair", "Travel"])
    XCTAssertEqual(items[2].activity.startAt, ICalTest.utcDate("20260320T133000Z"))
    XCTAssertEqual(items[2].activity.title, "Call with Jörg")
  }

  func testOutlookZoneNameFallsBackToItsVTimezone() {
    let rows = ICalTest.rows(try! ICalTest.fixture("outlook.ics"))
    XCTAssertEqual(rows.count, 4)
    let first = try! rows[0].get()
    // 10:00 in "W. Europe Standard Time" on 03-25 is CET (+01:00); on 04-01 CEST (+02:00).
    XCTAssertEqual(first.activity.startAt, ICalTest.utcDate("20260325T090000Z"))
    XCTAssertEqual(first.activity.title, "Angebot besprechen")
    XCTAssertEqual(first.priority, 5)
    XCTAssertEqual(first.activity.reminders, [15])
    XCTAssertEqual(try! rows[1].get().activity.startAt, ICalTest.utcDate("20260401T080000Z"))
    // A yearly rule is outside the subset: that item is a problem naming the line, the rest read.
    XCTAssertEqual(
      rows[2],
      .failure(
        ImportProblem(
          line: 45,
          reason: "RRULE: FREQ=YEARLY is not supported (daily, weekly on days, monthly are)")))
    let task = try! rows[3].get()
    XCTAssertEqual(task.activity.kind, .task)
    XCTAssertEqual(task.activity.dueAt, ICalTest.utcDate("20260330T150000Z"))
    XCTAssertEqual(task.priority, 1)
    XCTAssertNil(task.activity.doneAt)
  }

  func testFloatingTimesFollowXWRTimezone() throws {
    let text = ICalTest.calendar(
      "X-WR-TIMEZONE:America/New_York\nBEGIN:VEVENT\nUID:f\nDTSTART:20260310T083000\nEND:VEVENT\n")
    let item = try ICalTest.read(text, zone: ICalTest.berlin)[0]
    XCTAssertEqual(item.activity.startAt, ICalTest.utcDate("20260310T123000Z"))
  }

  func testUTCFloatingAndTZIDTimes() throws {
    let text = ICalTest.calendar(
      """
      BEGIN:VEVENT
      UID:utc
      DTSTART:20260310T083000Z
      END:VEVENT
      BEGIN:VEVENT
      UID:floating
      DTSTART:20260310T083000
      END:VEVENT
      BEGIN:VEVENT
      UID:ny
      DTSTART;TZID=America/New_York:20260310T083000
      DTEND;TZID=America/New_York:20260310T093000
      END:VEVENT
      BEGIN:VEVENT
      UID:mozilla
      DTSTART;TZID=/mozilla.org/20050126_1/Europe/Berlin:20260310T083000
      END:VEVENT

      """)
    let items = try ICalTest.read(text, zone: ICalTest.berlin)
    XCTAssertEqual(items.map(\.sourceId), ["utc", "floating", "ny", "mozilla"])
    XCTAssertEqual(items[0].activity.startAt, ICalTest.utcDate("20260310T083000Z"))
    XCTAssertEqual(
      items[1].activity.startAt, ICalTest.utcDate("20260310T073000Z"), "the user's zone")
    XCTAssertEqual(
      items[2].activity.startAt, ICalTest.utcDate("20260310T123000Z"), "EDT since 03-08")
    XCTAssertEqual(items[2].activity.endAt, ICalTest.utcDate("20260310T133000Z"))
    XCTAssertEqual(items[3].activity.startAt, ICalTest.utcDate("20260310T073000Z"))
    XCTAssertEqual(items[0].activity.title, "(no title)")
  }

  func testUnknownTimeZoneIsAProblemNamingIt() {
    let text = ICalTest.calendar(
      "BEGIN:VEVENT\nUID:x\nDTSTART;TZID=Mars Standard Time:20260310T083000\nEND:VEVENT\n")
    XCTAssertEqual(
      ICalTest.rows(text),
      [
        .failure(
          ImportProblem(
            line: 6,
            reason:
              "DTSTART: unknown time zone \"Mars Standard Time\" (no IANA name and no VTIMEZONE)"))
      ])
  }

  func testTasksDueCompletedAndAllDay() throws {
    let text = ICalTest.calendar(
      """
      BEGIN:VTODO
      UID:t1
      SUMMARY:Send offer
      DUE:20260312T160000Z
      PRIORITY:2
      STATUS:NEEDS-ACTION
      END:VTODO
      BEGIN:VTODO
      UID:t2
      SUMMARY:Signed
      DUE;VALUE=DATE:20260305
      STATUS:COMPLETED
      COMPLETED:20260304T101010Z
      END:VTODO
      BEGIN:VTODO
      UID:t3
      SUMMARY:calcurse style
      STATUS:COMPLETED
      LAST-MODIFIED:20260201T000000Z
      END:VTODO
      BEGIN:VEVENT
      UID:e1
      DTSTART;VALUE=DATE:20260329
      DTEND;VALUE=DATE:20260330
      SUMMARY:One day
      X-CRM-KIND:call
      X-CRM-DONE:20260329T120000Z
      X-CRM-CALL-DIRECTION:outbound
      X-CRM-CALL-OUTCOME:no-answer
      X-CRM-CALL-SECONDS:95
      END:VEVENT

      """)
    let items = try ICalTest.read(text)
    XCTAssertEqual(items[0].activity.kind, .task)
    XCTAssertEqual(items[0].activity.dueAt, ICalTest.utcDate("20260312T160000Z"))
    XCTAssertEqual(items[0].priority, 2)
    XCTAssertFalse(items[0].activity.isDone)
    XCTAssertTrue(items[1].activity.allDay)
    XCTAssertEqual(ICalTest.local(items[1].activity.dueAt), "2026-03-05 00:00")
    XCTAssertEqual(items[1].activity.doneAt, ICalTest.utcDate("20260304T101010Z"))
    XCTAssertNil(items[2].activity.dueAt)
    XCTAssertEqual(items[2].activity.doneAt, ICalTest.utcDate("20260201T000000Z"))
    let call = items[3].activity
    XCTAssertEqual(call.kind, .call)
    XCTAssertTrue(call.allDay)
    XCTAssertNil(call.endAt, "a one-day event has no end of its own")
    XCTAssertEqual(call.doneAt, ICalTest.utcDate("20260329T120000Z"))
    XCTAssertEqual(call.callDirection, .outbound)
    XCTAssertEqual(call.callOutcome, .noAnswer)
    XCTAssertEqual(call.callDurationSeconds, 95)
  }

  func testTextEscapesParametersAndFolding() throws {
    // Folded inside a UTF-8 sequence (the writer counted octets), quoted parameter values
    // with ; and :, RFC 6868 carets, every TEXT escape.
    let summary = "SUMMARY;X-NOTE=\"a;b:c\";X-CARET=say ^'hi^':Caf\u{00E9} \\\\ \\, \\; \\N end"
    var bytes = Array("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:u\r\n".utf8)
    bytes += Array("DTSTART:20260310T083000Z\r\n".utf8)
    let summaryBytes = Array(summary.utf8)
    let cut = summaryBytes.firstIndex(of: 0xC3)! + 1  // inside the é
    bytes += summaryBytes[..<cut] + Array("\r\n ".utf8) + summaryBytes[cut...] + Array("\r\n".utf8)
    bytes += Array("DESCRIPTION:one\\ntwo\\, three\\;\\\\\r\n\tfour\r\n".utf8)
    bytes += Array("END:VEVENT\r\nEND:VCALENDAR\r\n".utf8)
    let items = try Array(ICalendar.rows(data: Data(bytes), zone: ICalTest.utc)).map {
      try $0.get()
    }
    XCTAssertEqual(items[0].activity.title, "Café \\ , ;   end", "a newline in a title is a space")
    XCTAssertEqual(items[0].activity.notes, "one\ntwo, three;\\four")
  }

  func testReminderTriggers() throws {
    let text = ICalTest.calendar(
      """
      BEGIN:VEVENT
      UID:a
      DTSTART:20260310T100000Z
      DTEND:20260310T110000Z
      BEGIN:VALARM
      TRIGGER:-P300S
      END:VALARM
      BEGIN:VALARM
      TRIGGER;RELATED=END:-PT90M
      END:VALARM
      BEGIN:VALARM
      TRIGGER;VALUE=DATE-TIME:20260309T100000Z
      END:VALARM
      BEGIN:VALARM
      TRIGGER:-P1W
      END:VALARM
      BEGIN:VALARM
      TRIGGER:PT5M
      END:VALARM
      END:VEVENT

      """)
    let item = try ICalTest.read(text)[0]
    XCTAssertEqual(item.activity.reminders, [5, 30, 1_440, 10_080])
    XCTAssertEqual(
      item.dropped,
      [
        "line 21: a reminder at TRIGGER:PT5M (after the start, or more than 60 days before it)"
          + " is not kept"
      ])
  }

  func testRecurrenceSubset() throws {
    func rule(_ rrule: String, start: String = "DTSTART:20260302T090000") -> Result<
      ActivityImport, ImportProblem
    > {
      ICalTest.rows(
        ICalTest.calendar("BEGIN:VEVENT\nUID:r\n\(start)\nRRULE:\(rrule)\nEND:VEVENT\n"))[0]
    }
    XCTAssertEqual(
      try rule("FREQ=DAILY;INTERVAL=2;UNTIL=20260313T090000").get().recurrence,
      Recurrence(.daily, interval: 2, end: .until(ICalTest.at("2026-03-13 09:00"))))
    XCTAssertEqual(
      try rule("FREQ=MONTHLY;BYMONTHDAY=2;COUNT=3").get().recurrence,
      Recurrence(.monthly, end: .count(3)))
    XCTAssertEqual(
      try rule("FREQ=WEEKLY;BYDAY=FR", start: "DTSTART:20260302T090000Z").get().recurrence,
      Recurrence(.weekly, weekdays: [.friday], timeZone: "UTC"))
    XCTAssertEqual(
      try rule("FREQ=WEEKLY;UNTIL=20260330", start: "DTSTART;VALUE=DATE:20260302").get()
        .recurrence,
      Recurrence(.weekly, end: .until(ICalTest.at("2026-03-30 23:59:59"))))
    let refused = [
      ("FREQ=YEARLY", "FREQ=YEARLY is not supported (daily, weekly on days, monthly are)"),
      ("FREQ=MONTHLY;BYDAY=1MO", "BYDAY=1MO is not supported"),
      ("FREQ=WEEKLY;BYDAY=1MO", "BYDAY=1MO is not supported (plain weekdays are)"),
      ("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU", "BYSETPOS=-1 is not supported"),
      ("FREQ=DAILY;COUNT=0", "COUNT=0 is not between 1 and 10000"),
      ("FREQ=DAILY;UNTIL=2026", "UNTIL=2026 is not a date or time"),
      ("FREQ=DAILY;UNTIL=20260301T000000", "ends before it starts"),
      ("INTERVAL=2", "FREQ is missing"),
      (
        "FREQ=MONTHLY;BYMONTHDAY=15",
        "BYMONTHDAY=15 is not supported (only the start's day of the month)"
      ),
    ]
    for (text, reason) in refused {
      XCTAssertEqual(rule(text), .failure(ImportProblem(line: 7, reason: "RRULE: " + reason)), text)
    }
  }

  func testItemProblemsNameTheirLineAndTheRestReads() {
    let text = ICalTest.calendar(
      """
      BEGIN:VEVENT
      UID:ok
      DTSTART:20260301T100000Z
      END:VEVENT
      BEGIN:VEVENT
      UID:nostart
      SUMMARY:x
      END:VEVENT
      BEGIN:VEVENT
      UID:mixed
      DTSTART;VALUE=DATE:20260301
      DTEND:20260302T100000Z
      END:VEVENT
      BEGIN:VEVENT
      UID:changed
      RECURRENCE-ID:20260302T100000Z
      DTSTART:20260302T110000Z
      END:VEVENT

      """)
    let rows = ICalTest.rows(text)
    XCTAssertEqual(rows.count, 4)
    XCTAssertEqual(try rows[0].get().sourceId, "ok")
    XCTAssertEqual(rows[1], .failure(ImportProblem(line: 8, reason: "VEVENT: DTSTART is missing")))
    XCTAssertEqual(
      rows[2],
      .failure(
        ImportProblem(
          line: 15, reason: "DTEND: one of DTSTART and DTEND is a date, the other a time")))
    // A changed occurrence reads as one (ICalendarExceptionTests).
    XCTAssertEqual(
      try rows[3].get().changedOccurrence,
      ChangedOccurrence(seriesId: "changed", occurrence: ICalTest.utcDate("20260302T100000Z")))
  }

  func testBrokenFilesAreRefusedWithTheLine() throws {
    let cases = [
      ("broken-unterminated.ics", 8, "BEGIN:VEVENT is never closed (END:VEVENT is missing)"),
      ("broken-mismatch.ics", 6, "END:VEVENT does not close BEGIN:VTODO from line 3"),
      ("broken-date.ics", 10, "DTSTART: \"20261301T100000Z\" is not a date or time"),
    ]
    for (name, line, reason) in cases {
      XCTAssertThrowsError(try ICalendar.read(try ICalTest.fixture(name), zone: ICalTest.utc), name)
      {
        error in
        XCTAssertEqual(error as? ImportProblem, ImportProblem(line: line, reason: reason), name)
      }
    }
    // A structural break refuses the import even when invalid items are skipped.
    let rows = try ICalendar.rows(
      url: ICalTest.fixtureURL("broken-unterminated.ics"), zone: ICalTest.utc)
    let all = Array(rows)
    XCTAssertEqual(all.count, 2)
    guard case .failure(let problem) = all[1] else { return XCTFail("expected a problem") }
    XCTAssertTrue(rows.refuses(problem))
    // A bad date is that item's problem: the file goes on, and the Store refuses or skips it.
    let dateRows = try ICalendar.rows(
      url: ICalTest.fixtureURL("broken-date.ics"), zone: ICalTest.utc)
    let results = Array(dateRows)
    XCTAssertEqual(results.count, 2)
    guard case .failure(let dateProblem) = results[1] else { return XCTFail("expected a problem") }
    XCTAssertFalse(dateRows.refuses(dateProblem))
  }

  func testStructureErrors() {
    let cases: [(String, ImportProblem)] = [
      ("", ImportProblem(line: 1, reason: "not an iCalendar file (no BEGIN:VCALENDAR)")),
      ("BEGIN:VCARD\r\n", ImportProblem(line: 1, reason: "BEGIN:VCARD outside BEGIN:VCALENDAR")),
      (
        "SUMMARY:x\r\n",
        ImportProblem(line: 1, reason: "SUMMARY outside BEGIN:VCALENDAR ... END:VCALENDAR")
      ),
      (
        "BEGIN:VCALENDAR\r\nnot a line\r\n",
        ImportProblem(line: 2, reason: "NOT: no \":\" before the value")
      ),
      ("BEGIN:VCALENDAR\r\n:x\r\n", ImportProblem(line: 2, reason: "\":x\" is not a content line")),
      (" folded\r\n", ImportProblem(line: 1, reason: "a folded line with no line before it")),
      (
        "BEGIN:VCALENDAR\r\nX;A=\"open:x\r\n",
        ImportProblem(line: 2, reason: "X: the quoted value of A is never closed")
      ),
      (
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n",
        ImportProblem(line: 3, reason: "END:VCALENDAR without a BEGIN")
      ),
      (
        "BEGIN:VCALENDAR\r\n" + String(repeating: "BEGIN:X\r\n", count: 8),
        ImportProblem(line: 9, reason: "components nest deeper than 8")
      ),
    ]
    for (text, problem) in cases {
      XCTAssertThrowsError(try ICalendar.read(text, zone: ICalTest.utc), text) { error in
        XCTAssertEqual(error as? ImportProblem, problem, text)
      }
    }
    let notUTF8 = Data([0x42, 0x45, 0x47, 0x49, 0x4E, 0x3A, 0xFF, 0x0A])
    XCTAssertEqual(
      Array(ICalendar.rows(data: notUTF8, zone: ICalTest.utc)),
      [.failure(ImportProblem(line: 1, reason: "the line is not UTF-8 text"))])
  }

  func testLineEndsBOMAndSeveralCalendars() throws {
    let body = "BEGIN:VEVENT\nUID:a\nDTSTART:20260301T100000Z\nSUMMARY:A\nEND:VEVENT\n"
    let lf = ICalTest.calendar(body, crlf: false)
    let cr = lf.replacingOccurrences(of: "\n", with: "\r")
    let twice = "\u{FEFF}" + lf + lf.replacingOccurrences(of: "UID:a", with: "UID:b")
    XCTAssertEqual(try ICalTest.read(lf).map(\.sourceId), ["a"])
    XCTAssertEqual(try ICalTest.read(cr).map(\.sourceId), ["a"])
    XCTAssertEqual(try ICalTest.read(twice).map(\.sourceId), ["a", "b"])
  }

  func testCalcurseExportImports() throws {
    // Written by calcurse 4.7.1 (`calcurse --export --export-uid`, TZ=Europe/Berlin): floating
    // times, LF line ends, DURATION in its long form, alarms as -P300S, todos without dates.
    let items = try ICalTest.read(try ICalTest.fixture("calcurse.ics"), zone: ICalTest.berlin)
    let byTitle = Dictionary(uniqueKeysWithValues: items.map { ($0.activity.title, $0) })
    XCTAssertEqual(items.count, 10)
    let fair = try XCTUnwrap(byTitle["Trade fair day"])
    XCTAssertTrue(fair.activity.allDay)
    XCTAssertEqual(ICalTest.local(fair.activity.startAt), "2026-03-05 00:00")
    let standup = try XCTUnwrap(byTitle["Weekly standup"])
    XCTAssertEqual(ICalTest.local(standup.activity.startAt), "2026-03-02 09:00")
    XCTAssertEqual(ICalTest.local(standup.activity.endAt), "2026-03-02 09:30")
    XCTAssertEqual(
      standup.recurrence, Recurrence(.weekly, end: .until(ICalTest.at("2026-06-01 09:00"))))
    let other = try XCTUnwrap(byTitle["Every other day"])
    XCTAssertEqual(other.activity.notes, "Bring the slides\nand the contract")
    XCTAssertEqual(other.recurrence?.interval, 2)
    let monWed = try XCTUnwrap(byTitle["Mon and Wed"])
    XCTAssertEqual(monWed.recurrence?.weekdays, [.monday, .wednesday])
    XCTAssertEqual(monWed.activity.reminders, [5])
    XCTAssertEqual(byTitle["Monthly review"]?.recurrence, Recurrence(.monthly))
    XCTAssertEqual(
      byTitle["Kickoff with ACME; budget, scope"]?.activity.endAt, ICalTest.at("2026-03-10 10:00"))
    let proposal = try XCTUnwrap(byTitle["Send proposal to ACME"])
    XCTAssertEqual(proposal.activity.kind, .task)
    XCTAssertEqual(proposal.priority, 1)
    XCTAssertFalse(proposal.activity.isDone)
    XCTAssertEqual(byTitle["Done thing"]?.activity.doneAt, ICalTest.now)
    XCTAssertTrue(items.allSatisfy { $0.sourceId?.count == 40 })
  }

  func testChunkBoundariesDoNotChangeWhatIsRead() throws {
    let text = try ICalTest.fixture("google.ics")
    let whole = try ICalendar.read(text, zone: ICalTest.utc, now: ICalTest.now)
    for chunk in [1, 2, 3, 7, 64] {
      let reader = ICalendarReader(data: Data(text.utf8), chunkSize: chunk)
      var count = 0
      while let component = try reader.next() {
        XCTAssertEqual(component.property("UID")?.value, whole[count].sourceId, "chunk \(chunk)")
        count += 1
      }
      XCTAssertEqual(count, whole.count)
    }
  }

  func testControlCharactersBecomeSpaces() throws {
    let text = ICalTest.calendar(
      "BEGIN:VEVENT\nUID:c\nDTSTART:20260301T100000Z\nSUMMARY:a\tb\u{0085}c\u{00E9}\\nd\n"
        + "DESCRIPTION:one\ttwo\u{0007}\\nthree\nEND:VEVENT\n")
    let item = try ICalTest.read(text)[0]
    XCTAssertEqual(item.activity.title, "a b c\u{00E9} d")
    XCTAssertEqual(item.activity.notes, "one\ttwo \nthree")
  }

  func testALargeFileStreamsFromDisk() throws {
    // 5000 events written with folded lines: read from the file in 64 KiB chunks, in order.
    let directory = try ICalTest.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("many.ics")
    var text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    for i in 0..<5_000 {
      text += "BEGIN:VEVENT\r\nUID:e\(i)\r\nDTSTART;TZID=Europe/Berlin:20260329T0\(i % 10)3000\r\n"
      text += ICalendar.fold("DESCRIPTION:" + String(repeating: "Überblick \(i) ", count: 9))
      text += "END:VEVENT\r\n"
    }
    text += "END:VCALENDAR\r\n"
    try text.write(to: file, atomically: true, encoding: .utf8)
    let rows = try ICalendar.rows(url: file, zone: ICalTest.utc, now: ICalTest.now)
    var count = 0
    for row in rows {
      let item = try row.get()
      XCTAssertEqual(item.sourceId, "e\(count)")
      XCTAssertEqual(item.activity.notes?.count, "Überblick \(count) ".count * 9)
      count += 1
    }
    XCTAssertEqual(count, 5_000)
    let reader = try ICalendarReader(url: file)
    while try reader.next() != nil {}
    XCTAssertGreaterThan(text.utf8.count, 1_000_000)
    XCTAssertLessThanOrEqual(reader.largestBuffer, 2 * 64 * 1024, "a chunk or two, not the file")
  }

}
