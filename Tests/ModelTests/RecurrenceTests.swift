import Foundation
import Model
import XCTest

/// Times in tests read as wall clocks: "2026-03-30 09:00" in a named zone.
enum Clock {
  static let berlin = TimeZone(identifier: "Europe/Berlin")!
  static let newYork = TimeZone(identifier: "America/New_York")!
  static let utc = TimeZone(identifier: "UTC")!

  static func at(_ text: String, _ zone: TimeZone = berlin) -> Date {
    try! DateInput.parse(text, field: "t", zone: zone, now: Date(timeIntervalSince1970: 0))
  }

  /// Each date as "YYYY-MM-DD HH:MM" in the zone.
  static func local(_ dates: [Date], _ zone: TimeZone = berlin) -> [String] {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return dates.map { date in
      let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
      return String(
        format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }
  }
}

final class RecurrenceTests: XCTestCase {
  private func expand(
    _ rule: Recurrence, from start: String, _ lower: String, _ upper: String,
    zone: TimeZone = Clock.berlin, limit: Int = 1_000
  ) -> [String] {
    Clock.local(
      rule.occurrences(
        start: Clock.at(start, zone), in: Clock.at(lower, zone)..<Clock.at(upper, zone),
        timeZone: zone, limit: limit), zone)
  }

  func testDailyWithIntervalAndCount() {
    let rule = Recurrence(.daily, interval: 2, end: .count(4))
    XCTAssertEqual(
      expand(rule, from: "2026-03-01 10:00", "2026-01-01", "2027-01-01"),
      ["2026-03-01 10:00", "2026-03-03 10:00", "2026-03-05 10:00", "2026-03-07 10:00"])
  }

  func testWeeklyMeetingKeepsItsWallClockAcrossDaylightSaving() {
    // Berlin moves from CET to CEST on 2026-03-29 and back on 2026-10-25.
    let rule = Recurrence(.weekly)
    let spring = expand(rule, from: "2026-03-16 09:00", "2026-03-16", "2026-04-07")
    XCTAssertEqual(
      spring, ["2026-03-16 09:00", "2026-03-23 09:00", "2026-03-30 09:00", "2026-04-06 09:00"])
    let utcHours = rule.occurrences(
      start: Clock.at("2026-03-16 09:00"),
      in: Clock.at("2026-03-16")..<Clock.at("2026-04-07"), timeZone: Clock.berlin
    ).map { Int($0.timeIntervalSince1970) / 3_600 % 24 }
    XCTAssertEqual(utcHours, [8, 8, 7, 7], "the UTC hour moves so the local one does not")
    let autumn = expand(rule, from: "2026-10-19 09:00", "2026-10-01", "2026-11-03")
    XCTAssertEqual(autumn, ["2026-10-19 09:00", "2026-10-26 09:00", "2026-11-02 09:00"])
  }

  func testWeeklyOnDaysWithUntilInclusive() {
    let start = "2026-03-04 16:00"  // a Wednesday
    let rule = Recurrence(
      .weekly, weekdays: [.monday, .wednesday], end: .until(Clock.at("2026-03-16 16:00")))
    XCTAssertEqual(
      expand(rule, from: start, "2026-03-01", "2026-04-01"),
      ["2026-03-04 16:00", "2026-03-09 16:00", "2026-03-11 16:00", "2026-03-16 16:00"])
  }

  func testStartOnADayTheRuleDoesNotNameStillCountsFirst() {
    // Tuesday start, Mondays and Fridays: RFC 5545 counts DTSTART as the first occurrence.
    let rule = Recurrence(.weekly, weekdays: [.monday, .friday], end: .count(3))
    XCTAssertEqual(
      expand(rule, from: "2026-03-03 08:00", "2026-03-01", "2026-04-01"),
      ["2026-03-03 08:00", "2026-03-06 08:00", "2026-03-09 08:00"])
  }

  func testEveryOtherWeek() {
    let rule = Recurrence(.weekly, interval: 2, weekdays: [.tuesday, .thursday], end: .count(5))
    XCTAssertEqual(
      expand(rule, from: "2026-01-06 12:00", "2026-01-01", "2026-03-01"),
      [
        "2026-01-06 12:00", "2026-01-08 12:00", "2026-01-20 12:00", "2026-01-22 12:00",
        "2026-02-03 12:00",
      ])
  }

  func testMonthlyOnThe31stSkipsShortMonths() {
    let rule = Recurrence(.monthly, end: .count(4))
    XCTAssertEqual(
      expand(rule, from: "2026-01-31 11:00", "2026-01-01", "2027-01-01"),
      ["2026-01-31 11:00", "2026-03-31 11:00", "2026-05-31 11:00", "2026-07-31 11:00"])
  }

  func testMonthlyOnFebruary29thIsEveryLeapYear() {
    let rule = Recurrence(.monthly, interval: 12)
    XCTAssertEqual(
      expand(rule, from: "2024-02-29 09:00", "2024-01-01", "2033-01-01"),
      ["2024-02-29 09:00", "2028-02-29 09:00", "2032-02-29 09:00"])
  }

  func testRangeFarFromTheStartJumpsAhead() {
    let rule = Recurrence(.daily)
    let dates = expand(rule, from: "2000-01-01 07:30", "2026-06-10", "2026-06-13")
    XCTAssertEqual(dates, ["2026-06-10 07:30", "2026-06-11 07:30", "2026-06-12 07:30"])
    let weekly = Recurrence(.weekly, interval: 3, weekdays: [.friday])
    let fridays = expand(weekly, from: "2026-01-02 07:30", "2026-06-01", "2026-07-01")
    // 2026-01-02 is a Friday; every third Friday after it: ... 05-29, 06-19, 07-10.
    XCTAssertEqual(fridays, ["2026-06-19 07:30"])
    // The jump gives what expanding from the start gives.
    for rule in [rule, weekly, Recurrence(.monthly, interval: 5)] {
      let all = expand(rule, from: "2020-01-15 07:30", "2020-01-01", "2027-01-01", limit: 5_000)
      XCTAssertEqual(
        expand(rule, from: "2020-01-15 07:30", "2026-01-01", "2027-01-01", limit: 5_000),
        all.filter { $0 >= "2026-01-01" })
    }
    let monthly = Recurrence(.monthly, interval: 5)
    XCTAssertEqual(
      expand(monthly, from: "2020-01-15 07:30", "2026-01-01", "2027-01-01"),
      ["2026-04-15 07:30", "2026-09-15 07:30"])
  }

  func testLimitAndEmptyRanges() {
    let rule = Recurrence(.daily)
    XCTAssertEqual(
      expand(rule, from: "2026-01-01 08:00", "2026-01-01", "2027-01-01", limit: 2),
      ["2026-01-01 08:00", "2026-01-02 08:00"])
    XCTAssertEqual(expand(rule, from: "2026-01-10 08:00", "2026-01-01", "2026-01-05"), [])
    XCTAssertEqual(
      expand(
        Recurrence(.daily, end: .count(3)), from: "2026-01-01 08:00", "2026-02-01",
        "2026-03-01"), [])
  }

  func testNonexistentAndRepeatedWallClockTimes() {
    // 02:30 does not exist on 2026-03-29 in Berlin: it becomes 03:30. It exists twice on
    // 2026-10-25: the first (CEST, 00:30 UTC) is taken.
    let rule = Recurrence(.daily)
    let spring = rule.occurrences(
      start: Clock.at("2026-03-28 02:30"),
      in: Clock.at("2026-03-28")..<Clock.at("2026-03-31"), timeZone: Clock.berlin)
    XCTAssertEqual(
      Clock.local(spring), ["2026-03-28 02:30", "2026-03-29 03:30", "2026-03-30 02:30"])
    let autumn = rule.occurrences(
      start: Clock.at("2026-10-24 02:30"),
      in: Clock.at("2026-10-25")..<Clock.at("2026-10-26"), timeZone: Clock.berlin)
    XCTAssertEqual(
      autumn.map { $0.timeIntervalSince1970 },
      [Clock.at("2026-10-25T00:30:00Z").timeIntervalSince1970])
  }

  func testTheRulesOwnZoneWins() {
    // A 09:00 New York meeting seen from Berlin: the US changes clocks on 2026-03-08, Europe
    // on 2026-03-29, so for three weeks it is 14:00 in Berlin instead of 15:00.
    let rule = Recurrence(.weekly, timeZone: "America/New_York")
    let dates = rule.occurrences(
      start: Clock.at("2026-03-02 09:00", Clock.newYork),
      in: Clock.at("2026-03-01")..<Clock.at("2026-04-07"), timeZone: Clock.berlin)
    XCTAssertEqual(
      Clock.local(dates, Clock.newYork),
      [
        "2026-03-02 09:00", "2026-03-09 09:00", "2026-03-16 09:00", "2026-03-23 09:00",
        "2026-03-30 09:00", "2026-04-06 09:00",
      ])
    XCTAssertEqual(
      Clock.local(dates).map { String($0.suffix(5)) },
      ["15:00", "14:00", "14:00", "14:00", "15:00", "15:00"])
  }

  func testNextAndLastOccurrence() {
    let rule = Recurrence(.weekly, weekdays: [.monday, .thursday], end: .count(5))
    let start = Clock.at("2026-03-02 10:00")
    XCTAssertEqual(
      rule.nextOccurrence(start: start, onOrAfter: Clock.at("2026-03-06"), timeZone: Clock.berlin)
        .map { Clock.local([$0]) }, ["2026-03-09 10:00"])
    XCTAssertEqual(
      rule.lastOccurrence(start: start, timeZone: Clock.berlin).map { Clock.local([$0]) },
      ["2026-03-16 10:00"])
    XCTAssertNil(
      rule.nextOccurrence(start: start, onOrAfter: Clock.at("2026-03-17"), timeZone: Clock.berlin))
    XCTAssertNil(Recurrence(.daily).lastOccurrence(start: start, timeZone: Clock.berlin))
  }

  func testJSONShapeIsStableAndRoundTrips() throws {
    let until = Clock.at("2026-06-01T07:00:00Z")
    let rule = Recurrence(
      .weekly, interval: 2, weekdays: [.wednesday, .monday], end: .until(until),
      timeZone: "Europe/Berlin")
    XCTAssertEqual(
      rule.json,
      #"{"frequency":"weekly","interval":2,"timeZone":"Europe/Berlin","until":"2026-06-01T07:00:00Z","weekdays":["mo","we"]}"#
    )
    XCTAssertEqual(try Recurrence(json: rule.json), rule)
    XCTAssertEqual(
      Recurrence(.daily, end: .count(3)).json, #"{"count":3,"frequency":"daily","interval":1}"#)
    XCTAssertEqual(try Recurrence(json: #"{"frequency":"monthly"}"#), Recurrence(.monthly))
    XCTAssertThrowsError(try Recurrence(json: #"{"frequency":"yearly"}"#)) { error in
      XCTAssertEqual((error as? ValidationError)?.field, "recurrence")
    }
  }

  func testValidationNamesTheField() {
    let start = Clock.at("2026-03-02 10:00")
    let bad: [(Recurrence, String)] = [
      (Recurrence(.daily, interval: 0), "the interval must be between 1 and 999"),
      (Recurrence(.daily, weekdays: [.monday]), "only a weekly rule has weekdays"),
      (Recurrence(.daily, end: .count(0)), "the count must be between 1 and 10000"),
      (Recurrence(.daily, end: .until(Clock.at("2026-03-01"))), "ends before it starts"),
      (Recurrence(.daily, timeZone: "Mars/Olympus"), "\"Mars/Olympus\" is not a time zone"),
    ]
    for (rule, message) in bad {
      XCTAssertThrowsError(try rule.validate(start: start)) { error in
        XCTAssertEqual(error as? ValidationError, ValidationError(field: "recurrence", message))
      }
    }
    XCTAssertNoThrow(
      try Recurrence(.weekly, weekdays: [.friday], end: .count(3)).validate(start: start))
  }
}
