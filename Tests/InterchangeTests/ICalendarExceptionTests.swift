import Foundation
import Model
import XCTest

@testable import Interchange

/// EXDATE, RDATE and RECURRENCE-ID read and written: a cancelled Monday, an extra Saturday, a
/// moved occurrence, in the forms Google, Outlook, calcurse and python's icalendar write.
final class ICalendarExceptionTests: XCTestCase {
  private let range = ICalTest.at("2026-03-01")..<ICalTest.at("2026-06-01")

  private func occurrences(_ item: ActivityImport) throws -> [String] {
    let rule = try XCTUnwrap(item.recurrence)
    return rule.occurrences(start: item.activity.when!, in: range, timeZone: ICalTest.berlin)
      .map { ICalTest.local($0)! }
  }

  func testExdatesInEveryFormAndRdatesJoinTheSeries() throws {
    let items = try ICalTest.read(
      ICalTest.calendar(
        """
        BEGIN:VEVENT
        UID:standup@x
        DTSTART;TZID=Europe/Berlin:20260316T090000
        DTEND;TZID=Europe/Berlin:20260316T093000
        RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=MO
        EXDATE;TZID=Europe/Berlin:20260323T090000
        EXDATE:20260330T070000Z,20260406T070000Z
        EXDATE;VALUE=DATE:20260420
        RDATE;TZID=Europe/Berlin:20260328T110000
        RDATE;VALUE=PERIOD:20260502T080000Z/PT1H
        RDATE:20260301T080000Z
        SUMMARY:Standup
        END:VEVENT

        """))
    let standup = try XCTUnwrap(items.first)
    // Eight Mondays from 03-16 (the spring change is 03-29), four of them excluded: COUNT
    // counts them all. The DATE excludes that day's 09:00.
    XCTAssertEqual(
      try occurrences(standup),
      [
        "2026-03-16 09:00", "2026-03-28 11:00", "2026-04-13 09:00", "2026-04-27 09:00",
        "2026-05-02 10:00", "2026-05-04 09:00",
      ])
    XCTAssertEqual(standup.recurrence?.timeZone, "Europe/Berlin")
    XCTAssertEqual(
      standup.dropped,
      [
        "line 13: an RDATE period is kept as its start, lasting as the series does",
        "line 14: an RDATE before DTSTART is not kept",
      ])
  }

  func testCalcursesAllDayExdateWithATimeReadsAsItsDay() throws {
    // What calcurse 4.7 writes for `{1D -> 04/15/2026 !04/12/2026}` on an all-day item.
    let items = try ICalTest.read(
      ICalTest.calendar(
        """
        BEGIN:VEVENT
        UID:fair
        DTSTART;VALUE=DATE:20260410
        RRULE:FREQ=DAILY;UNTIL=20260415
        EXDATE;VALUE=DATE:20260412T000000
        SUMMARY:Fair
        END:VEVENT

        """))
    XCTAssertEqual(
      try occurrences(items[0]),
      [
        "2026-04-10 00:00", "2026-04-11 00:00", "2026-04-13 00:00", "2026-04-14 00:00",
        "2026-04-15 00:00",
      ])
  }

  func testRdatesWithoutARuleAndExdatesWithoutEither() throws {
    let items = try ICalTest.read(
      ICalTest.calendar(
        """
        BEGIN:VEVENT
        UID:visits
        DTSTART:20260316T080000Z
        RDATE:20260402T120000Z,20260320T080000Z
        SUMMARY:Site visits
        END:VEVENT
        BEGIN:VEVENT
        UID:once
        DTSTART:20260316T080000Z
        EXDATE:20260316T080000Z
        SUMMARY:Once
        END:VEVENT

        """))
    XCTAssertEqual(
      try occurrences(items[0]), ["2026-03-16 09:00", "2026-03-20 09:00", "2026-04-02 14:00"])
    XCTAssertEqual(items[0].recurrence?.frequency, .daily)
    XCTAssertEqual(items[0].recurrence?.end, .count(1))
    XCTAssertNil(items[1].recurrence)
    XCTAssertEqual(items[1].dropped, ["line 13: EXDATE without RRULE or RDATE is not kept"])
  }

  func testChangedOccurrencesNameTheirSeriesAndOriginalMoment() throws {
    let items = try ICalTest.read(
      ICalTest.calendar(
        """
        BEGIN:VEVENT
        UID:standup@x
        RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000
        DTSTART;TZID=Europe/Berlin:20260323T110000
        DTEND;TZID=Europe/Berlin:20260323T113000
        SUMMARY:Standup (moved)
        END:VEVENT
        BEGIN:VEVENT
        UID:fair
        RECURRENCE-ID;VALUE=DATE:20260412
        DTSTART;VALUE=DATE:20260412
        SUMMARY:Fair, short day
        END:VEVENT

        """))
    XCTAssertEqual(items[0].sourceId, "standup@x")
    XCTAssertEqual(
      items[0].changedOccurrence,
      ChangedOccurrence(seriesId: "standup@x", occurrence: ICalTest.at("2026-03-23 09:00")))
    XCTAssertEqual(items[0].activity.startAt, ICalTest.at("2026-03-23 11:00"))
    XCTAssertNil(items[0].recurrence)
    XCTAssertEqual(
      items[1].changedOccurrence,
      ChangedOccurrence(seriesId: "fair", occurrence: ICalTest.at("2026-04-12"), allDay: true))
  }

  func testBrokenExceptionsAreTheItemsProblemWithTheLine() {
    let cases: [(String, ImportProblem)] = [
      (
        "RRULE:FREQ=DAILY\nEXDATE:20260317T080000Z,tomorrow\n",
        ImportProblem(line: 8, reason: "EXDATE: \"tomorrow\" is not a date or time")
      ),
      (
        "RRULE:FREQ=DAILY\nEXDATE:20260317T080000Z,\n",
        ImportProblem(line: 8, reason: "EXDATE: \"\" is not a date or time")
      ),
      (
        "RRULE:FREQ=DAILY\nRDATE;TZID=Mars/Olympus:20260317T080000\n",
        ImportProblem(
          line: 8,
          reason: "RDATE: unknown time zone \"Mars/Olympus\" (no IANA name and no VTIMEZONE)")
      ),
      (
        "RECURRENCE-ID;RANGE=THISANDFUTURE:20260317T080000Z\n",
        ImportProblem(
          line: 7,
          reason:
            "RECURRENCE-ID: RANGE=THISANDFUTURE (a change to this and every later occurrence) is not supported"
        )
      ),
      (
        "RECURRENCE-ID:20260317T080000Z\nRRULE:FREQ=DAILY\n",
        ImportProblem(
          line: 8,
          reason: "RRULE: a changed occurrence (RECURRENCE-ID) that repeats is not supported")
      ),
      (
        "RECURRENCE-ID:2026-03-17\n",
        ImportProblem(line: 7, reason: "RECURRENCE-ID: \"2026-03-17\" is not a date or time")
      ),
    ]
    for (lines, problem) in cases {
      let text = ICalTest.calendar(
        "BEGIN:VEVENT\nUID:u\nDTSTART:20260316T080000Z\n" + lines + "END:VEVENT\n")
      XCTAssertEqual(ICalTest.rows(text), [.failure(problem)], lines)
    }
    let noUID = ICalTest.calendar(
      "BEGIN:VEVENT\nDTSTART:20260316T080000Z\nRECURRENCE-ID:20260316T080000Z\nEND:VEVENT\n")
    XCTAssertEqual(
      ICalTest.rows(noUID),
      [
        .failure(
          ImportProblem(
            line: 6, reason: "RECURRENCE-ID: a changed occurrence needs the UID of its series"))
      ])
  }

  func testTooManyDatesAreRefused() {
    let many = (0...Recurrence.maxDates).map { day in
      ICalendarDateTime.utcString(
        ICalTest.at("2026-03-17 09:00").addingTimeInterval(Double(day) * 86_400))
    }
    let text = ICalTest.calendar(
      "BEGIN:VEVENT\nUID:u\nDTSTART:20260316T080000Z\nRRULE:FREQ=DAILY\nEXDATE:"
        + many.joined(separator: ",") + "\nEND:VEVENT\n")
    XCTAssertEqual(
      ICalTest.rows(text),
      [.failure(ImportProblem(line: 8, reason: "EXDATE: more than 1000 dates"))])
  }

  // MARK: - Writing

  private func series(allDay: Bool = false) -> Activity {
    Activity(
      id: "s1", kind: .meeting, title: "Standup",
      startAt: ICalTest.at(allDay ? "2026-04-10" : "2026-03-16 09:00"),
      endAt: allDay ? nil : ICalTest.at("2026-03-16 09:30"), allDay: allDay,
      createdAt: ICalTest.now)
  }

  private func lines(_ items: [ActivityExport], zone: TimeZone = ICalTest.berlin) -> [String] {
    ICalendar.write(items, zone: zone, now: ICalTest.now)
      .replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
      .filter { !$0.hasPrefix("DTSTART:19") }  // the VTIMEZONE's
      .filter {
        ["EXDATE", "RDATE", "RECURRENCE-ID", "UID", "DTSTART"].contains(where: $0.hasPrefix)
      }
  }

  func testExdatesAndRdatesAreWrittenAsDtstartIs() throws {
    let rule = Recurrence(
      .weekly, end: .count(8),
      excludedDates: [ICalTest.at("2026-03-30 09:00"), ICalTest.at("2026-03-23 09:00")],
      extraDates: [ICalTest.at("2026-03-28 11:00")])
    XCTAssertEqual(
      lines([ActivityExport(series(), recurrence: rule)]),
      [
        "UID:s1", "DTSTART;TZID=Europe/Berlin:20260316T090000",
        "EXDATE;TZID=Europe/Berlin:20260323T090000,20260330T090000",
        "RDATE;TZID=Europe/Berlin:20260328T110000",
      ])
    // In UTC there is no daylight saving to follow: UTC times.
    XCTAssertEqual(
      lines([ActivityExport(series(), recurrence: rule)], zone: ICalTest.utc),
      [
        "UID:s1", "DTSTART:20260316T080000Z", "EXDATE:20260323T080000Z,20260330T070000Z",
        "RDATE:20260328T100000Z",
      ])
    let days = Recurrence(.daily, end: .count(5), excludedDates: [ICalTest.at("2026-04-12")])
    XCTAssertEqual(
      lines([ActivityExport(series(allDay: true), recurrence: days)]),
      ["UID:s1", "DTSTART;VALUE=DATE:20260410", "EXDATE;VALUE=DATE:20260412"])
  }

  func testManyDatesAreTenToAProperty() {
    let dates = (1...23).map {
      ICalTest.at("2026-03-16 09:00").addingTimeInterval(Double($0) * 86_400)
    }
    let text = lines(
      [ActivityExport(series(), recurrence: Recurrence(.daily, excludedDates: Set(dates)))],
      zone: ICalTest.utc)
    XCTAssertEqual(
      text.filter { $0.hasPrefix("EXDATE") }.map { $0.split(separator: ",").count }, [10, 10, 3])
  }

  func testChangedOccurrenceIsWrittenWithItsSeriesUIDAndRecurrenceId() {
    var moved = series()
    moved.id = "o1"
    moved.startAt = ICalTest.at("2026-03-23 11:00")
    moved.endAt = ICalTest.at("2026-03-23 11:30")
    let change = ChangedOccurrence(
      seriesId: "standup@x", occurrence: ICalTest.at("2026-03-23 09:00"))
    var day = series(allDay: true)
    day.id = "o2"
    let dayChange = ChangedOccurrence(
      seriesId: "fair", occurrence: ICalTest.at("2026-04-12"), allDay: true)
    XCTAssertEqual(
      lines([
        ActivityExport(moved, uid: "standup@x#2026-03-23T08:00:00Z", changedOccurrence: change),
        ActivityExport(day, changedOccurrence: dayChange),
      ]),
      [
        "UID:standup@x", "DTSTART:20260323T100000Z", "RECURRENCE-ID:20260323T080000Z",
        "UID:fair", "DTSTART;VALUE=DATE:20260410", "RECURRENCE-ID;VALUE=DATE:20260412",
      ])
  }

  func testWhatWeWriteReadsBackTheSame() throws {
    let rule = Recurrence(
      .weekly, weekdays: [.monday, .thursday], end: .until(ICalTest.at("2026-05-01")),
      excludedDates: [ICalTest.at("2026-03-30 09:00"), ICalTest.at("2026-03-19 09:00")],
      extraDates: [ICalTest.at("2026-03-28 11:00"), ICalTest.at("2026-06-02 09:00")])
    var task = Activity(
      id: "t1", kind: .task, title: "Report", dueAt: ICalTest.at("2026-03-16 17:00"),
      startAt: ICalTest.at("2026-03-16 09:00"), createdAt: ICalTest.now)
    task.recurrence = nil
    let taskRule = Recurrence(
      .daily, end: .count(5), excludedDates: [ICalTest.at("2026-03-18 17:00")],
      extraDates: [ICalTest.at("2026-03-28 17:00")])
    let change = ChangedOccurrence(seriesId: "s1", occurrence: ICalTest.at("2026-03-23 09:00"))
    for zone in [ICalTest.berlin, ICalTest.newYork, ICalTest.utc] {
      // All-day items start at the user's midnight, and so do their dates.
      let days = Recurrence(
        .daily, end: .count(5), excludedDates: [ICalTest.at("2026-04-12", zone)],
        extraDates: [ICalTest.at("2026-04-20", zone)])
      var fair = series(allDay: true)
      fair.startAt = ICalTest.at("2026-04-10", zone)
      let exports = [
        ActivityExport(series(), recurrence: rule),
        ActivityExport(task, recurrence: taskRule),
        ActivityExport(fair, recurrence: days, uid: "fair"),
        ActivityExport(series(), uid: change.sourceId, changedOccurrence: change),
      ]
      let back = try ICalTest.read(
        ICalendar.write(exports, zone: zone, now: ICalTest.now), zone: zone)
      XCTAssertEqual(back[0].recurrence?.excludedDates, rule.excludedDates, zone.identifier)
      XCTAssertEqual(back[0].recurrence?.extraDates, rule.extraDates, zone.identifier)
      XCTAssertEqual(back[1].recurrence?.excludedDates, taskRule.excludedDates, zone.identifier)
      XCTAssertEqual(back[1].recurrence?.extraDates, taskRule.extraDates, zone.identifier)
      XCTAssertEqual(back[2].recurrence?.excludedDates, days.excludedDates, zone.identifier)
      XCTAssertEqual(back[2].recurrence?.extraDates, days.extraDates, zone.identifier)
      XCTAssertEqual(back[3].changedOccurrence, change, zone.identifier)
      XCTAssertEqual(back[3].sourceId, "s1", zone.identifier)
    }
  }
}
