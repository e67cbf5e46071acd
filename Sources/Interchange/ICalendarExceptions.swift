import Foundation
import Model

/// EXDATE, RDATE and RECURRENCE-ID (RFC 5545 §3.8.5.1, §3.8.5.2, §3.8.4.4) on one item.
///
/// EXDATE and RDATE take DATE and DATE-TIME values (UTC, TZID or floating, comma lists, any
/// number of properties) and become the rule's excluded and extra dates. A value of the other
/// type than DTSTART is read as the series means it: a DATE on a timed series is that day's
/// occurrence at the start's wall-clock time, a time on an all-day series its day. calcurse
/// writes `EXDATE;VALUE=DATE:20260412T000000`, which reads as the DATE it means. An RDATE
/// PERIOD is kept as its start (the occurrence lasts as the others do; noted in `dropped`), an
/// RDATE before DTSTART is not kept (noted), and RDATE without RRULE makes a rule that happens
/// once (`FREQ=DAILY;COUNT=1`) plus its dates, which is what it means. A value that is not a
/// date is the item's problem, naming the line.
///
/// RECURRENCE-ID makes the item a changed occurrence of the series with its UID (see
/// `ChangedOccurrence`); RANGE=THISANDFUTURE, and a changed occurrence that itself repeats,
/// are refused.
extension ICalendarItemMapper {
  /// The RECURRENCE-ID of the item, or nil when it has none.
  func changedOccurrence() throws(ImportProblem) -> ChangedOccurrence? {
    guard let p = component.property("RECURRENCE-ID") else { return nil }
    if let range = p.parameter("RANGE") {
      guard range.uppercased() == "THISANDFUTURE" else {
        throw problem(p, "RANGE=\(range) is not THISANDFUTURE")
      }
      throw problem(
        p,
        "RANGE=THISANDFUTURE (a change to this and every later occurrence) is not supported")
    }
    for name in ["RRULE", "RDATE"] {
      if let rule = component.property(name) {
        throw problem(rule, "a changed occurrence (RECURRENCE-ID) that repeats is not supported")
      }
    }
    guard let uid = text("UID") else {
      throw problem(p, "a changed occurrence needs the UID of its series")
    }
    let original = try moment(p)
    return ChangedOccurrence(seriesId: uid, occurrence: original.date, allDay: original.isDate)
  }

  /// The rule with the item's EXDATEs and RDATEs; nil when there is neither a rule nor an
  /// RDATE. `start` is the series' start as written (DTSTART, else DUE).
  mutating func addingExceptions(to rule: Recurrence?, start: Moment?) throws(ImportProblem)
    -> Recurrence?
  {
    let exdates = component.all("EXDATE")
    let rdates = component.all("RDATE")
    guard let first = exdates.first ?? rdates.first else { return rule }
    guard let start else { throw problem(first, "needs DTSTART") }
    var extra = Set<Date>()
    for p in rdates {
      for date in try dates(p, series: start) {
        if date < start.date {
          dropped.append("line \(p.line): an RDATE before DTSTART is not kept")
        } else {
          extra.insert(date)
        }
      }
    }
    var excluded = Set<Date>()
    for p in exdates { excluded.formUnion(try dates(p, series: start)) }
    guard var result = rule ?? (extra.isEmpty ? nil : Self.once(start)) else {
      dropped.append("line \(first.line): EXDATE without RRULE or RDATE is not kept")
      return nil
    }
    result.excludedDates = excluded
    result.extraDates = extra
    do { try result.validate(start: start.date) } catch { throw problem(first, error.message) }
    return result
  }

  /// A rule that happens only at the start, for RDATEs without an RRULE.
  private static func once(_ start: Moment) -> Recurrence {
    var rule = Recurrence(.daily, end: .count(1))
    rule.timeZone = zoneName(start)
    return rule
  }

  /// The zone a rule from this start follows: UTC, its TZID, or nil (the user's).
  static func zoneName(_ start: Moment) -> String? {
    start.utc ? "UTC" : start.zone?.identifier
  }

  /// The moments of one EXDATE or RDATE property, as occurrences of the series.
  private mutating func dates(_ p: ICalendarProperty, series start: Moment) throws(ImportProblem)
    -> [Date]
  {
    let valueType = p.parameter("VALUE")?.uppercased()
    var result: [Date] = []
    var notedPeriod = false
    for raw in p.value.split(separator: ",", omittingEmptySubsequences: false) {
      var value = ICalendarText.trimmed(String(raw))
      if p.name == "RDATE", valueType == "PERIOD" || value.contains("/") {
        // A PERIOD: start/end or start/duration. Kept as its start.
        value = String(value.prefix { $0 != "/" })
        if !notedPeriod {
          notedPeriod = true
          dropped.append(
            "line \(p.line): an RDATE period is kept as its start, lasting as the series does")
        }
      } else if valueType == "DATE", value.utf8.count == 15, value.uppercased().hasSuffix("T000000")
      {
        value = String(value.prefix(8))  // calcurse's DATE with a time
      }
      var parameters = p.parameters
      if valueType == "PERIOD" {
        parameters.removeAll { $0.name == "VALUE" }
      }
      let one = ICalendarProperty(name: p.name, parameters: parameters, value: value, line: p.line)
      result.append(occurrence(try moment(one), series: start))
      guard result.count <= Recurrence.maxDates else {
        throw problem(p, "more than \(Recurrence.maxDates) dates")
      }
    }
    return result
  }

  /// A date read as the series' occurrence: of the start's type (DATE or DATE-TIME).
  private func occurrence(_ m: Moment, series start: Moment) -> Date {
    if start.isDate {
      if m.isDate { return m.date }
      // A time on an all-day series: its day, as written (UTC ones in the user's zone).
      let day = m.utc ? Day(m.date, in: user) : Day(m.date, in: m.zone ?? floating)
      return day.start(in: user)
    }
    guard m.isDate, let clock = start.digits.time else { return m.date }
    // A day on a timed series: that day's occurrence, at the start's wall clock.
    let zone = start.utc ? TimeZone(identifier: "UTC")! : (start.zone ?? floating)
    return CivilDay.date(
      year: m.digits.year, month: m.digits.month, day: m.digits.day, hour: clock.hour,
      minute: clock.minute, second: clock.second, zone: zone) ?? m.date
  }
}
