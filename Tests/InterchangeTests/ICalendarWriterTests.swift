import Foundation
import Model
import XCTest

@testable import Interchange

final class ICalendarWriterTests: XCTestCase {
  private let created = ICalTest.utcDate("20260201T080000Z")

  private func meeting() -> Activity {
    Activity(
      id: "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", kind: .meeting, title: "Kickoff; ACME, Inc.",
      notes: "Agenda:\n1. scope\\budget", startAt: ICalTest.at("2026-03-10 09:00"),
      endAt: ICalTest.at("2026-03-10 10:00"), reminders: [15, 1_440], createdAt: created)
  }

  func testEventLinesAlarmsAndEscapes() {
    let text = ICalendar.write(
      [ActivityExport(meeting(), priority: 3, location: "Room 4", categories: ["Sales", "Q1"])],
      zone: ICalTest.berlin, now: ICalTest.now)
    XCTAssertEqual(
      text.components(separatedBy: "\r\n"),
      [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//crm//crm iCalendar export//EN",
        "CALSCALE:GREGORIAN", "BEGIN:VEVENT", "UID:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
        "DTSTAMP:20260301T120000Z", "CREATED:20260201T080000Z", "LAST-MODIFIED:20260201T080000Z",
        "SUMMARY:Kickoff\\; ACME\\, Inc.", "DTSTART:20260310T080000Z", "DTEND:20260310T090000Z",
        "DESCRIPTION:Agenda:\\n1. scope\\\\budget", "LOCATION:Room 4", "CATEGORIES:Sales,Q1",
        "PRIORITY:3", "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Kickoff\\; ACME\\, Inc.",
        "TRIGGER:-PT15M", "END:VALARM", "BEGIN:VALARM", "ACTION:DISPLAY",
        "DESCRIPTION:Kickoff\\; ACME\\, Inc.", "TRIGGER:-P1D", "END:VALARM", "END:VEVENT",
        "END:VCALENDAR", "",
      ])
  }

  func testTasksAllDayAndCalls() {
    let task = Activity(
      id: "t1", kind: .task, title: "Send offer", dueAt: ICalTest.at("2026-03-12 17:00"),
      doneAt: ICalTest.utcDate("20260311T101500Z"), createdAt: created)
    let open = Activity(
      id: "t2", kind: .task, title: "Renewal", dueAt: ICalTest.at("2026-03-31"), allDay: true,
      reminders: [90], createdAt: created)
    let fair = Activity(
      id: "m1", kind: .meeting, title: "Fair", startAt: ICalTest.at("2026-04-10"),
      endAt: ICalTest.at("2026-04-13"), allDay: true, createdAt: created)
    let call = Activity(
      id: "c1", kind: .call, title: "Call Bob", startAt: ICalTest.at("2026-03-20 08:00"),
      doneAt: ICalTest.at("2026-03-20 08:10"), callDurationSeconds: 600, callDirection: .inbound,
      callOutcome: .connected, createdAt: created)
    let lines = ICalendar.write(
      [task, open, fair, call].map { ActivityExport($0) }, zone: ICalTest.berlin, now: ICalTest.now
    ).components(separatedBy: "\r\n")
    func block(_ uid: String) -> [String] {
      let start = lines.firstIndex(of: "UID:\(uid)")!
      let end = lines[start...].firstIndex { $0.hasPrefix("END:V") && !$0.hasPrefix("END:VALARM") }!
      return Array(lines[(start + 4)..<end])
    }
    XCTAssertEqual(
      block("t1"),
      [
        "SUMMARY:Send offer", "DUE:20260312T160000Z", "STATUS:COMPLETED",
        "COMPLETED:20260311T101500Z", "PERCENT-COMPLETE:100",
      ])
    XCTAssertEqual(
      block("t2"),
      [
        "SUMMARY:Renewal", "DUE;VALUE=DATE:20260331", "STATUS:NEEDS-ACTION", "BEGIN:VALARM",
        "ACTION:DISPLAY", "DESCRIPTION:Renewal", "TRIGGER:-PT1H30M", "END:VALARM",
      ])
    XCTAssertEqual(
      block("m1"),
      ["SUMMARY:Fair", "DTSTART;VALUE=DATE:20260410", "DTEND;VALUE=DATE:20260413"])
    XCTAssertEqual(
      block("c1"),
      [
        "SUMMARY:Call Bob", "DTSTART:20260320T070000Z", "X-CRM-DONE:20260320T071000Z",
        "X-CRM-KIND:CALL", "X-CRM-CALL-DIRECTION:inbound", "X-CRM-CALL-OUTCOME:connected",
        "X-CRM-CALL-SECONDS:600",
      ])
  }

  func testRecurringItemsAreWrittenInTheirZonesWallClock() throws {
    var weekly = meeting()
    weekly.reminders = []
    let rule = Recurrence(
      .weekly, weekdays: [.monday, .wednesday], end: .until(ICalTest.at("2026-06-01 09:00")))
    var second = weekly
    second.id = "second"
    let ny = Recurrence(.daily, end: .count(3), timeZone: "America/New_York")
    let text = ICalendar.write(
      [
        ActivityExport(weekly, recurrence: rule), ActivityExport(second, recurrence: rule),
        ActivityExport(second, recurrence: ny, uid: "third"),
      ], zone: ICalTest.berlin, now: ICalTest.now)
    let lines = text.components(separatedBy: "\r\n")
    XCTAssertEqual(
      lines.filter { $0 == "BEGIN:VTIMEZONE" }.count, 2, "one per zone, before its use")
    XCTAssertTrue(lines.contains("DTSTART;TZID=Europe/Berlin:20260310T090000"))
    XCTAssertTrue(lines.contains("RRULE:FREQ=WEEKLY;UNTIL=20260601T070000Z;BYDAY=MO,WE"))
    XCTAssertTrue(lines.contains("DTSTART;TZID=America/New_York:20260310T040000"))
    XCTAssertTrue(lines.contains("RRULE:FREQ=DAILY;COUNT=3"))
    XCTAssertTrue(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
    XCTAssertTrue(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"), "New York: 2nd Sunday")
    let items = try ICalTest.read(text)
    XCTAssertEqual(
      items[0].recurrence,
      Recurrence(rule.frequency, weekdays: rule.weekdays, end: rule.end, timeZone: "Europe/Berlin"))
    XCTAssertEqual(items[0].activity.startAt, weekly.startAt)
    XCTAssertEqual(items[2].recurrence, ny)
  }

  func testWrittenVTimezonesGiveFoundationsOffsets() throws {
    // Read back under a name no IANA lookup knows, so the reader must use the VTIMEZONE.
    for name in ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata"] {
      let zone = TimeZone(identifier: name)!
      let definition = ICalendarTimeZoneWriter.lines(zone, year: 2026)
        .map { $0 == "TZID:\(name)" ? "TZID:Custom" : $0 }.joined(separator: "\n")
      var body = definition + "\n"
      var expected: [Date] = []
      var hour = 0
      for day in stride(from: 0, to: 3 * 365, by: 5) {
        hour = (hour + 7) % 24
        let date = ICalTest.at("2026-01-01", zone).addingTimeInterval(Double(day * 86_400))
        let local = Day(date, in: zone)
        let digits =
          ICalendarDateTime.dateString(local) + "T" + ICalendarDateTime.pad(hour) + "1500"
        body += "BEGIN:VEVENT\nUID:\(day)\nDTSTART;TZID=Custom:\(digits)\nEND:VEVENT\n"
        let exact = try XCTUnwrap(
          CivilDay.date(
            year: local.year, month: local.month, day: local.day, hour: hour, minute: 15,
            second: 0, zone: zone))
        expected.append(exact)
      }
      let items = try ICalTest.read(ICalTest.calendar(body))
      XCTAssertEqual(items.count, expected.count)
      var wrong = 0
      for (item, date) in zip(items, expected) where item.activity.startAt != date {
        // Only the hour that does not exist or happens twice may differ.
        if abs(item.activity.startAt!.timeIntervalSince(date)) > 3_600 { wrong += 100 }
        wrong += 1
      }
      XCTAssertLessThanOrEqual(wrong, 2, name)
    }
  }

  func testFoldingKeepsUTF8WholeAndUnfoldsBack() throws {
    var long = meeting()
    long.title = String(repeating: "Überprüfung 😀 ", count: 12)
      .trimmingCharacters(in: .whitespaces)
    long.notes = String(repeating: "x", count: 200)
    let text = ICalendar.write([ActivityExport(long)], zone: ICalTest.berlin, now: ICalTest.now)
    XCTAssertTrue(text.hasSuffix("\r\n"))
    for line in text.components(separatedBy: "\r\n") {
      XCTAssertLessThanOrEqual(line.utf8.count, 75, line)
      XCTAssertNotNil(String(validating: Array(line.utf8), as: UTF8.self))
    }
    XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    let back = try ICalTest.read(text)[0]
    XCTAssertEqual(back.activity.title, long.title)
    XCTAssertEqual(back.activity.notes, long.notes)
  }

  func testRoundTripKeepsWhatBothSidesCarry() throws {
    var random = SplitMix(seed: 7)
    var exports: [ActivityExport] = []
    for index in 0..<300 {
      let kind = ActivityKind.allCases[random.next(3)]
      let allDay = random.next(5) == 0
      let base = ICalTest.at("2026-01-01").addingTimeInterval(Double(random.next(400) * 86_400))
      let start =
        allDay
        ? Day(base, in: ICalTest.berlin).start(in: ICalTest.berlin)
        : base.addingTimeInterval(Double(random.next(96) * 900))
      var a = Activity(
        id: "id-\(index)", kind: kind, title: "Item \(index) ; , \\ é ✓", createdAt: created)
      a.allDay = allDay
      if kind == .task {
        a.dueAt = start
      } else {
        a.startAt = start
        if random.next(2) == 0 {
          a.endAt =
            allDay
            ? Day(start, in: ICalTest.berlin).adding(days: 3).start(in: ICalTest.berlin)
            : start.addingTimeInterval(Double(random.next(8) + 1) * 900)
        }
      }
      if random.next(3) == 0 { a.doneAt = ICalTest.utcDate("20260301T100000Z") }
      if random.next(2) == 0 { a.notes = "line one\nline two, three; four \\ five" }
      a.reminders = [[], [15], [0, 60], [1_440, 10_080]][random.next(4)]
      if kind == .call {
        a.callDirection = .outbound
        a.callOutcome = .voicemail
        a.callDurationSeconds = random.next(3_600)
      }
      var recurrence: Recurrence?
      switch random.next(6) {
      case 0:
        recurrence = Recurrence(
          .daily, interval: random.next(3) + 1, end: .count(random.next(20) + 1))
      case 1:
        recurrence = Recurrence(
          .weekly, weekdays: [.tuesday, .friday], end: .until(start.addingTimeInterval(90 * 86_400))
        )
      case 2: recurrence = Recurrence(.monthly, interval: 2)
      default: break
      }
      exports.append(
        ActivityExport(
          a, recurrence: recurrence, priority: random.next(2) == 0 ? random.next(9) + 1 : nil,
          location: random.next(2) == 0 ? "Room, 1" : nil,
          categories: random.next(2) == 0 ? ["a,b", "c"] : []))
    }
    let text = ICalendar.write(exports, zone: ICalTest.berlin, now: ICalTest.now)
    let items = try ICalTest.read(text)
    XCTAssertEqual(items.count, exports.count)
    for (item, export) in zip(items, exports) {
      var expected = export.activity
      expected.id = item.activity.id
      expected.updatedAt = expected.createdAt
      if expected.allDay, expected.kind != .task, let end = expected.endAt,
        let start = expected.startAt,
        end.timeIntervalSince(start) <= 86_400
      {
        expected.endAt = nil
      }
      XCTAssertEqual(item.activity, expected, export.activity.id)
      XCTAssertEqual(item.sourceId, export.activity.id)
      var rule = export.recurrence
      if rule != nil, !expected.allDay { rule?.timeZone = "Europe/Berlin" }
      if case .until(let until)? = rule?.end, expected.allDay {
        rule?.end = .until(
          Day(until, in: ICalTest.berlin).adding(days: 1).start(in: ICalTest.berlin)
            .addingTimeInterval(-1))
      }
      XCTAssertEqual(item.recurrence, rule, export.activity.id)
      XCTAssertEqual(item.priority, export.priority)
      XCTAssertEqual(item.location, export.location)
      XCTAssertEqual(item.categories, export.categories)
      XCTAssertEqual(item.dropped, [])
    }
  }

  func testExtremeDatesReadBackOrAreRefused() {
    // Whatever imports must write out as something that imports again.
    for value in [
      "DTSTART;TZID=America/New_York:00010101T000000", "DTSTART:99991231T235959Z",
      "DTSTART;TZID=Asia/Tokyo:99991231T230000", "DTSTART;VALUE=DATE:00010101",
      "DTSTART:00010101T000000",
    ] {
      let rows = ICalTest.rows(ICalTest.calendar("BEGIN:VEVENT\nUID:x\n\(value)\nEND:VEVENT\n"))
      guard case .success(let item)? = rows.first else { continue }
      let text = ICalendar.write(
        [ActivityExport(item.activity)], zone: ICalTest.berlin, now: ICalTest.now)
      let back = ICalTest.rows(text)
      XCTAssertEqual(back.count, 1, value)
      XCTAssertEqual(try? back.first?.get().activity.startAt, item.activity.startAt, value)
    }
  }

  func testTimeZoneRoundTripBetweenUsers() throws {
    // A rep in New York exports a weekly 09:00 meeting; a colleague in Berlin imports it. The
    // moments are the same, and the rule still follows New York's clock: the US changes on
    // 2026-03-08, Europe on 03-29, so in Berlin it is 15:00, then 14:00, then 15:00 again.
    let start = ICalTest.at("2026-03-02 09:00", ICalTest.newYork)
    let meeting = Activity(
      id: "ny", kind: .meeting, title: "Pipeline call", startAt: start,
      endAt: start.addingTimeInterval(1_800), reminders: [15], createdAt: created)
    let rule = Recurrence(.weekly, end: .count(6))
    let text = ICalendar.write(
      [ActivityExport(meeting, recurrence: rule)], zone: ICalTest.newYork, now: ICalTest.now)
    XCTAssertTrue(text.contains("DTSTART;TZID=America/New_York:20260302T090000\r\n"))
    let item = try ICalTest.read(text, zone: ICalTest.berlin)[0]
    XCTAssertEqual(item.activity.startAt, start)
    XCTAssertEqual(item.activity.endAt, meeting.endAt)
    XCTAssertEqual(item.recurrence?.timeZone, "America/New_York")
    let times = try XCTUnwrap(item.recurrence).occurrences(
      start: start, in: start..<start.addingTimeInterval(60 * 86_400), timeZone: ICalTest.berlin)
    XCTAssertEqual(
      times.map { ICalTest.local($0, ICalTest.berlin)!.suffix(5) },
      ["15:00", "14:00", "14:00", "14:00", "15:00", "15:00"])
    XCTAssertEqual(Set(times.map { ICalTest.local($0, ICalTest.newYork)!.suffix(5) }), ["09:00"])
    // And back from Berlin: the same text again (but for DTSTAMP).
    let again = ICalendar.write(
      [ActivityExport(item.activity, recurrence: item.recurrence, uid: item.sourceId)],
      zone: ICalTest.berlin, now: ICalTest.now)
    XCTAssertEqual(again, text)
  }

  /// Inputs the fuzzer found (Fixtures/ics/fuzz): what imports writes back and reads the same.
  func testFuzzFindingsRoundTrip() throws {
    let folder = ICalTest.fixtureURL("fuzz")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
      let data = try Data(contentsOf: folder.appendingPathComponent(name))
      let items = ICalendar.rows(data: data, zone: ICalTest.berlin, now: ICalTest.now)
        .compactMap { try? $0.get() }
      let exports = items.map(ActivityExport.init)
      let text = ICalendar.write(exports, zone: ICalTest.berlin, now: ICalTest.now)
      let back = try ICalTest.read(text)
      XCTAssertEqual(back.count, items.count, name)
      for (a, b) in zip(items, back) {
        XCTAssertEqual(a.activity.title, b.activity.title, name)
        XCTAssertEqual(a.activity.notes, b.activity.notes, name)
        XCTAssertEqual(a.activity.reminders, b.activity.reminders, name)
        XCTAssertEqual(a.activity.kind, b.activity.kind, name)
        XCTAssertEqual(a.activity.allDay, b.activity.allDay, name)
        XCTAssertEqual(a.recurrence == nil, b.recurrence == nil, name)
      }
    }
  }
}

/// A small deterministic generator for test data.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}
