import Foundation
import Model
import XCTest

/// Excluded and extra dates (EXDATE, RDATE): what a calendar shows when one Monday is
/// cancelled, one Saturday added, across daylight-saving changes and with a count.
final class RecurrenceExceptionTests: XCTestCase {
  private let nine = Clock.at("2026-03-16 09:00")
  private let spring = Clock.at("2026-03-01")..<Clock.at("2026-05-01")

  private func local(_ rule: Recurrence, from start: Date? = nil, in range: Range<Date>? = nil)
    -> [String]
  {
    Clock.local(
      rule.occurrences(start: start ?? nine, in: range ?? spring, timeZone: Clock.berlin))
  }

  func testExcludedAndExtraDatesAcrossTheSpringChange() {
    // Berlin moves to summer time on 2026-03-29: the excluded Monday after it is 07:00 UTC.
    let rule = Recurrence(
      .weekly, end: .until(Clock.at("2026-04-13 09:00")),
      excludedDates: [Clock.at("2026-03-30 09:00")], extraDates: [Clock.at("2026-04-04 11:00")])
    XCTAssertEqual(
      local(rule),
      [
        "2026-03-16 09:00", "2026-03-23 09:00", "2026-04-04 11:00", "2026-04-06 09:00",
        "2026-04-13 09:00",
      ])
  }

  func testCountCountsExcludedOccurrencesAndNotExtraOnes() {
    // RFC 5545: COUNT bounds the rule's own set; EXDATE is taken out afterwards, RDATE added.
    let rule = Recurrence(
      .daily, end: .count(4), excludedDates: [Clock.at("2026-03-17 09:00")],
      extraDates: [Clock.at("2026-03-25 09:00")])
    XCTAssertEqual(
      local(rule), ["2026-03-16 09:00", "2026-03-18 09:00", "2026-03-19 09:00", "2026-03-25 09:00"])
  }

  func testExtraDatesAfterUntilStillHappenAndOneTheRuleMakesHappensOnce() {
    let rule = Recurrence(
      .weekly, end: .until(Clock.at("2026-03-24")),
      extraDates: [Clock.at("2026-03-23 09:00"), Clock.at("2026-04-20 15:30")])
    XCTAssertEqual(local(rule), ["2026-03-16 09:00", "2026-03-23 09:00", "2026-04-20 15:30"])
    XCTAssertEqual(
      rule.lastOccurrence(start: nine, timeZone: Clock.berlin), Clock.at("2026-04-20 15:30"))
  }

  func testTheStartCanBeExcluded() {
    let rule = Recurrence(.weekly, end: .count(2), excludedDates: [nine])
    XCTAssertEqual(local(rule), ["2026-03-23 09:00"])
    XCTAssertEqual(
      rule.nextOccurrence(start: nine, onOrAfter: Clock.at("2026-03-01"), timeZone: Clock.berlin),
      Clock.at("2026-03-23 09:00"))
    let gone = Recurrence(.daily, end: .count(1), excludedDates: [nine])
    XCTAssertEqual(local(gone), [])
    XCTAssertNil(gone.lastOccurrence(start: nine, timeZone: Clock.berlin))
  }

  func testARuleThatNeverEndsSkipsExcludedDatesFarFromItsStart() {
    // The range jumps ahead (no count), past extra dates before it and excluded ones in it.
    let rule = Recurrence(
      .weekly, excludedDates: [Clock.at("2030-10-28 09:00")],
      extraDates: [Clock.at("2026-03-21 09:00"), Clock.at("2030-10-30 09:00")])
    let autumn = Clock.at("2030-10-20")..<Clock.at("2030-11-10")
    // 2030-10-27 is the autumn change; the wall clock stays at 09:00.
    XCTAssertEqual(
      local(rule, in: autumn), ["2030-10-21 09:00", "2030-10-30 09:00", "2030-11-04 09:00"])
    XCTAssertEqual(
      rule.nextOccurrence(
        start: nine, onOrAfter: Clock.at("2030-10-28 08:00"), timeZone: Clock.berlin),
      Clock.at("2030-10-30 09:00"))
  }

  func testExtraDatesAloneMakeTheirOwnSeries() {
    let rule = Recurrence(
      .daily, end: .count(1),
      extraDates: [Clock.at("2026-04-02 14:00"), Clock.at("2026-03-20 09:00")])
    XCTAssertEqual(local(rule), ["2026-03-16 09:00", "2026-03-20 09:00", "2026-04-02 14:00"])
    XCTAssertEqual(
      local(rule, in: Clock.at("2026-03-21")..<Clock.at("2026-05-01")), ["2026-04-02 14:00"])
  }

  func testDatesMatchToTheSecond() {
    let rule = Recurrence(
      .daily, end: .count(2), excludedDates: [Clock.at("2026-03-17 09:00").addingTimeInterval(0.4)])
    XCTAssertEqual(local(rule), ["2026-03-16 09:00"])
  }

  func testStoredFormKeepsOldRulesAsTheyWereAndRoundTripsExceptions() throws {
    let old = #"{"count":10,"frequency":"weekly","interval":1,"weekdays":["mo","we"]}"#
    let rule = try Recurrence(json: old)
    XCTAssertEqual(rule.excludedDates, [])
    XCTAssertEqual(rule.json, old, "a rule without exceptions is stored as before")
    var changed = rule
    changed.excludedDates = [Clock.at("2026-03-30 09:00"), Clock.at("2026-03-18 09:00")]
    changed.extraDates = [Clock.at("2026-03-21 10:00")]
    XCTAssertEqual(
      changed.json,
      #"{"count":10,"excluded":["2026-03-18T08:00:00Z","2026-03-30T07:00:00Z"],"#
        + #""extra":["2026-03-21T09:00:00Z"],"frequency":"weekly","interval":1,"#
        + #""weekdays":["mo","we"]}"#)
    XCTAssertEqual(try Recurrence(json: changed.json), changed)
    XCTAssertThrowsError(try Recurrence(json: #"{"frequency":"daily","excluded":["soon"]}"#))
  }

  func testValidationRefusesTooManyDatesAndExtraDatesBeforeTheStartAreNotOccurrences() {
    let early = Recurrence(.weekly, end: .count(2), extraDates: [Clock.at("2026-03-15 09:00")])
    XCTAssertNoThrow(try early.validate(start: nine))
    XCTAssertEqual(local(early), ["2026-03-16 09:00", "2026-03-23 09:00"])
    let many = Recurrence(
      .daily,
      excludedDates: Set(
        (0...Recurrence.maxDates).map { nine.addingTimeInterval(Double($0) * 86_400) }))
    XCTAssertThrowsError(try many.validate(start: nine)) { error in
      XCTAssertEqual(
        error as? ValidationError,
        ValidationError(field: "recurrence", "more than 1000 excluded dates"))
    }
  }

  func testChangedOccurrenceSourceIdRoundTrips() {
    let moved = ChangedOccurrence(seriesId: "standup#42@google.com", occurrence: nine)
    XCTAssertEqual(moved.sourceId, "standup#42@google.com#2026-03-16T08:00:00Z")
    XCTAssertEqual(ChangedOccurrence(sourceId: moved.sourceId), moved)
    XCTAssertNil(ChangedOccurrence(sourceId: "standup@google.com"))
    XCTAssertNil(ChangedOccurrence(sourceId: "#2026-03-16T08:00:00Z"))
    XCTAssertNil(ChangedOccurrence(sourceId: "a#2026-13-16T08:00:00Z"))
  }
}
