import Foundation
import Model

/// How a TZID is read. An IANA name (`Europe/Berlin`, also inside a path such as
/// `/mozilla.org/20050126_1/Europe/Berlin`) is resolved through Foundation's `TimeZone`, which
/// knows every rule change; only a name that is not one (Outlook's `W. Europe Standard Time`)
/// falls back to the offsets of the file's own VTIMEZONE (STANDARD and DAYLIGHT onsets, with a
/// yearly RRULE by month and weekday, or RDATEs). A name that is neither is an error naming it.
enum ICalendarZone {
  case iana(TimeZone)
  case rules(ICalendarZoneRules)

  /// The moment of a wall-clock time in this zone.
  func date(_ local: ICalendarDateTime) -> Date? {
    let time = local.time ?? (0, 0, 0)
    switch self {
    case .iana(let zone):
      return CivilDay.date(
        year: local.year, month: local.month, day: local.day, hour: time.hour,
        minute: time.minute, second: time.second, zone: zone)
    case .rules(let rules):
      let naive = local.naiveSeconds
      return Date(timeIntervalSince1970: Double(naive - rules.offset(atLocal: naive)))
    }
  }

  var timeZone: TimeZone? {
    if case .iana(let zone) = self { return zone }
    return nil
  }
}

/// Resolves TZIDs for one file, each name once.
final class ICalendarZones {
  private var cache: [String: ICalendarZone?] = [:]

  func zone(_ tzid: String, definitions: [String: ICalendarComponent]) -> ICalendarZone? {
    if let known = cache[tzid] { return known }
    let found =
      Self.iana(tzid).map(ICalendarZone.iana)
      ?? definitions[tzid].flatMap(ICalendarZoneRules.init).map(ICalendarZone.rules)
    cache[tzid] = found
    return found
  }

  static func iana(_ tzid: String) -> TimeZone? {
    let name = tzid.trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { return nil }
    if name.contains("/") || name == "UTC" || name == "GMT" || name == "Z" {
      if name == "Z" { return TimeZone(identifier: "UTC") }
      if let zone = TimeZone(identifier: name) { return zone }
      // A path whose last two or three parts are an IANA name.
      let parts = name.split(separator: "/")
      for count in [3, 2] where parts.count > count {
        if let zone = TimeZone(identifier: parts.suffix(count).joined(separator: "/")) {
          return zone
        }
      }
      return nil
    }
    // Abbreviations ("EST") are ambiguous: only full names and UTC count.
    return nil
  }
}

/// The offsets of a VTIMEZONE: which observance (STANDARD or DAYLIGHT) is in force at a
/// wall-clock time is the one whose latest onset at or before it is the latest.
struct ICalendarZoneRules {
  struct Observance {
    var start: Int  // wall-clock seconds (naive) of DTSTART
    var offsetFrom: Int
    var offsetTo: Int
    /// A yearly rule: month, and the nth weekday (negative from the end).
    var rule: (month: Int, nth: Int, weekday: Int, until: Int?)?
    var dates: [Int]
  }

  var observances: [Observance]

  init?(_ component: ICalendarComponent) {
    var observances: [Observance] = []
    for sub in component.components where sub.name == "STANDARD" || sub.name == "DAYLIGHT" {
      guard let start = sub.property("DTSTART").flatMap({ ICalendarDateTime.parse($0.value) }),
        let from = sub.property("TZOFFSETFROM").flatMap({ Self.offset($0.value) }),
        let to = sub.property("TZOFFSETTO").flatMap({ Self.offset($0.value) })
      else { continue }
      var observance = Observance(
        start: start.naiveSeconds, offsetFrom: from, offsetTo: to, rule: nil, dates: [])
      if let rrule = sub.property("RRULE")?.value {
        observance.rule = Self.yearlyRule(rrule)
      }
      for rdate in sub.all("RDATE") {
        observance.dates += rdate.value.split(separator: ",").compactMap {
          ICalendarDateTime.parse(String($0))?.naiveSeconds
        }
      }
      observances.append(observance)
    }
    guard !observances.isEmpty else { return nil }
    self.observances = observances
  }

  /// The UTC offset in force at a wall-clock time, in seconds.
  func offset(atLocal local: Int) -> Int {
    var best: (onset: Int, offset: Int)?
    for observance in observances {
      guard let onset = latestOnset(observance, atOrBefore: local) else { continue }
      if best == nil || onset > best!.onset { best = (onset, observance.offsetTo) }
    }
    if let best { return best.offset }
    return observances.min { $0.start < $1.start }!.offsetFrom
  }

  private func latestOnset(_ o: Observance, atOrBefore local: Int) -> Int? {
    var candidates = ([o.start] + o.dates).filter { $0 <= local }
    if let rule = o.rule {
      let timeOfDay = ((o.start % 86_400) + 86_400) % 86_400
      let year = CivilDay.civil(Int((Double(local) / 86_400).rounded(.down))).0
      for y in [year - 1, year] {
        guard
          let day = Self.nthWeekday(
            year: y, month: rule.month, nth: rule.nth, weekday: rule.weekday)
        else { continue }
        let onset = day * 86_400 + timeOfDay
        if onset >= o.start, onset <= local, rule.until.map({ onset <= $0 }) ?? true {
          candidates.append(onset)
        }
      }
    }
    return candidates.max()
  }

  /// `FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU` (with optional UNTIL); nil for other rules.
  static func yearlyRule(_ text: String) -> (month: Int, nth: Int, weekday: Int, until: Int?)? {
    var parts: [String: String] = [:]
    for part in text.uppercased().split(separator: ";") {
      let pair = part.split(separator: "=", maxSplits: 1)
      if pair.count == 2 { parts[String(pair[0])] = String(pair[1]) }
    }
    guard parts["FREQ"] == "YEARLY", let month = parts["BYMONTH"].flatMap({ Int($0) }),
      (1...12).contains(month), var byDay = parts["BYDAY"], byDay.count >= 3
    else { return nil }
    let code = String(byDay.suffix(2))
    byDay.removeLast(2)
    guard let weekday = Weekday(code: code), let nth = Int(byDay), nth != 0, abs(nth) <= 5 else {
      return nil
    }
    let until = parts["UNTIL"].flatMap { ICalendarDateTime.parse($0)?.naiveSeconds }
    return (month, nth, weekday.mondayIndex, until)
  }

  /// The day number of the nth (or, negative, nth-last) weekday (0 = Monday) of a month.
  static func nthWeekday(year: Int, month: Int, nth: Int, weekday: Int) -> Int? {
    guard (1...9999).contains(year) else { return nil }
    if nth > 0 {
      let first = CivilDay.number(year: year, month: month, day: 1)
      let shift = (weekday - CivilDay.weekdayIndex(first) + 7) % 7
      let day = first + shift + (nth - 1) * 7
      return CivilDay.civil(day).1 == month ? day : nil
    }
    let lastDay = Day.daysInMonth(month, year: year)
    let last = CivilDay.number(year: year, month: month, day: lastDay)
    let shift = (CivilDay.weekdayIndex(last) - weekday + 7) % 7
    let day = last - shift - (-nth - 1) * 7
    return CivilDay.civil(day).1 == month ? day : nil
  }

  /// `+0100`, `-0500`, `+053000` as seconds.
  static func offset(_ text: String) -> Int? {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard let sign = t.first, sign == "+" || sign == "-", t.count == 5 || t.count == 7,
      t.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    let digits = Array(t.dropFirst()).map { Int(String($0))! }
    var seconds = (digits[0] * 10 + digits[1]) * 3_600 + (digits[2] * 10 + digits[3]) * 60
    if digits.count == 6 { seconds += digits[4] * 10 + digits[5] }
    return sign == "-" ? -seconds : seconds
  }
}

/// VTIMEZONE text for a zone, so that files with TZID are complete (RFC 5545 requires the
/// definition). When the zone's current changes follow a yearly rule (the last Sunday of March
/// ...), the observances carry that RRULE from 1970; otherwise each change of the years around
/// `year` is written out. Readers that know the IANA name (calcurse, python's icalendar, this
/// reader) use their own rules anyway.
enum ICalendarTimeZoneWriter {
  static func lines(_ zone: TimeZone, year: Int) -> [String] {
    var lines = ["BEGIN:VTIMEZONE", "TZID:" + zone.identifier]
    let transitions = self.transitions(zone, from: year, to: year + 1)
    if transitions.isEmpty {
      let offset = ICalendarTimeZoneWriter.offsetText(zone.secondsFromGMT())
      lines += [
        "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:" + offset,
        "TZOFFSETTO:" + offset, "END:STANDARD",
      ]
      return lines + ["END:VTIMEZONE"]
    }
    let rules = transitions.map { rule(for: $0, zone: zone) }
    let predictsLaterYears = (year + 1...year + 4).allSatisfy { y in
      let actual = self.transitions(zone, from: y, to: y + 1)
      return actual.count == rules.count
        && zip(actual, rules).allSatisfy { t, r in
          guard let r,
            let day = ICalendarZoneRules.nthWeekday(
              year: y, month: r.month, nth: r.nth, weekday: r.weekday)
          else { return false }
          return CivilDay.number(
            Day(
              t.addingTimeInterval(Double(offsetBefore(t, zone))), in: TimeZone(identifier: "UTC")!)
          ) == day
        }
    }
    if predictsLaterYears, rules.allSatisfy({ $0 != nil }) {
      for (transition, rule) in zip(transitions, rules) {
        let r = rule!
        let kind = zone.isDaylightSavingTime(for: transition) ? "DAYLIGHT" : "STANDARD"
        let local = transition.addingTimeInterval(Double(offsetBefore(transition, zone)))
        let clock = String(ICalendarDateTime.utcString(local).dropLast()).suffix(6)
        guard
          let day1970 = ICalendarZoneRules.nthWeekday(
            year: 1970, month: r.month, nth: r.nth, weekday: r.weekday)
        else { continue }
        let (y, m, d) = CivilDay.civil(day1970)
        let start =
          ICalendarDateTime.pad(y, 4) + ICalendarDateTime.pad(m)
          + ICalendarDateTime.pad(d) + "T" + clock
        let weekday = Weekday.allCases[r.weekday].code
        lines += [
          "BEGIN:\(kind)", "DTSTART:" + start,
          "TZOFFSETFROM:" + offsetText(offsetBefore(transition, zone)),
          "TZOFFSETTO:" + offsetText(zone.secondsFromGMT(for: transition)),
          "RRULE:FREQ=YEARLY;BYMONTH=\(r.month);BYDAY=\(r.nth)\(weekday)", "END:\(kind)",
        ]
      }
      return lines + ["END:VTIMEZONE"]
    }
    for transition in self.transitions(zone, from: year - 10, to: year + 11) {
      let kind = zone.isDaylightSavingTime(for: transition) ? "DAYLIGHT" : "STANDARD"
      let local = transition.addingTimeInterval(Double(offsetBefore(transition, zone)))
      lines += [
        "BEGIN:\(kind)", "DTSTART:" + String(ICalendarDateTime.utcString(local).dropLast()),
        "TZOFFSETFROM:" + offsetText(offsetBefore(transition, zone)),
        "TZOFFSETTO:" + offsetText(zone.secondsFromGMT(for: transition)), "END:\(kind)",
      ]
    }
    return lines + ["END:VTIMEZONE"]
  }

  private static func offsetBefore(_ transition: Date, _ zone: TimeZone) -> Int {
    zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
  }

  /// The nth weekday of its month the transition's local day is (-1 for the last).
  private static func rule(for transition: Date, zone: TimeZone) -> (
    month: Int, nth: Int, weekday: Int
  )? {
    let local = transition.addingTimeInterval(Double(offsetBefore(transition, zone)))
    let day = Day(local, in: TimeZone(identifier: "UTC")!)
    let number = CivilDay.number(day)
    let weekday = CivilDay.weekdayIndex(number)
    let isLast = day.day + 7 > Day.daysInMonth(day.month, year: day.year)
    return (day.month, isLast ? -1 : (day.day - 1) / 7 + 1, weekday)
  }

  static func transitions(_ zone: TimeZone, from: Int, to: Int) -> [Date] {
    let utc = TimeZone(identifier: "UTC")!
    guard let lower = try? Day(year: max(1, from), month: 1, day: 1).start(in: utc),
      let upper = try? Day(year: min(9999, to), month: 1, day: 1).start(in: utc)
    else { return [] }
    var result: [Date] = []
    var cursor = lower
    while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < upper,
      result.count < 100
    {
      result.append(next)
      cursor = next
    }
    return result
  }

  static func offsetText(_ seconds: Int) -> String {
    let sign = seconds < 0 ? "-" : "+"
    let a = abs(seconds)
    let text = sign + ICalendarDateTime.pad(a / 3_600) + ICalendarDateTime.pad(a / 60 % 60)
    return a % 60 == 0 ? text : text + ICalendarDateTime.pad(a % 60)
  }
}
