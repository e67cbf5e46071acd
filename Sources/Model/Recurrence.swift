import Foundation

/// The repetition a meeting or task can have: every N days, every N weeks on a set of
/// weekdays, or every N months on the start's day of the month, until a moment, for a number
/// of times, or for ever. The subset of RFC 5545's RRULE the CRM carries (FREQ DAILY, WEEKLY
/// with BYDAY, MONTHLY; INTERVAL; UNTIL or COUNT).
///
///     let standup = Recurrence(.weekly, weekdays: [.monday, .wednesday], end: .count(10))
///     standup.occurrences(start: nineOClock, in: thisMonth, timeZone: berlin)
///
/// Occurrences follow the wall clock of a time zone: a 09:00 meeting stays at 09:00 across
/// daylight-saving changes. The start is always the first occurrence (as DTSTART is in RFC
/// 5545), even on a weekday the rule does not name (calcurse refuses such a rule on import,
/// so forms should offer the start's weekday among the days). A monthly rule on the 29th, 30th
/// or 31st skips the months that lack that day, as RFC 5545 does (no moving to the month's
/// last day).
/// A wall-clock time that does not exist on a day (02:30 when the clocks jump from 02:00 to
/// 03:00) moves forward by the gap (03:30); one that happens twice is the first of the two.
///
/// Exceptions (RFC 5545 EXDATE and RDATE): `excludedDates` are occurrences that do not happen
/// (a cancelled Monday, or one changed into an activity of its own), `extraDates` moments that
/// happen beside the rule's. As in RFC 5545, COUNT and UNTIL bound the rule's own occurrences
/// (an excluded one still counts, an extra one does not), extra dates join them in time order
/// (one that the rule also makes happens once), and excluded dates are taken out last, even
/// the start. Dates match to the second.
///
/// Stored as JSON (`json`): `{"frequency":"weekly","interval":1,"weekdays":["mo","we"],
/// "count":10}`, keys sorted, `until` as ISO 8601 UTC, `timeZone` an IANA name, `excluded` and
/// `extra` lists of ISO 8601 UTC times in order; absent keys are the defaults (interval 1, no
/// weekdays, no end, the user's zone, no exceptions), so a rule without exceptions is stored
/// as it was before they existed.
public struct Recurrence: Hashable, Sendable, Codable {
  public enum Frequency: String, CaseIterable, Hashable, Sendable, Codable {
    case daily, weekly, monthly
  }

  public enum End: Hashable, Sendable {
    case never
    /// The last moment an occurrence may start (inclusive).
    case until(Date)
    /// How many occurrences there are, the start included.
    case count(Int)
  }

  public var frequency: Frequency
  /// Every `interval` days, weeks or months (1 = every one).
  public var interval: Int
  /// The weekdays of a weekly rule; empty means the start's weekday.
  public var weekdays: Set<Weekday>
  public var end: End
  /// The IANA zone whose wall clock the rule follows (a meeting imported from New York);
  /// nil for the zone the caller gives, the user's own.
  public var timeZone: String?
  /// Occurrences of the rule that do not happen (EXDATE).
  public var excludedDates: Set<Date>
  /// Moments that happen beside the rule's occurrences (RDATE). Those before the start are
  /// not occurrences (the start is the first), so a series moved later simply loses them.
  public var extraDates: Set<Date>

  public static let maxInterval = 999
  public static let maxCount = 10_000
  /// The most excluded dates, and the most extra dates, one rule keeps (the stored JSON of
  /// each list stays under 25 kB).
  public static let maxDates = 1_000

  public init(
    _ frequency: Frequency, interval: Int = 1, weekdays: Set<Weekday> = [], end: End = .never,
    timeZone: String? = nil, excludedDates: Set<Date> = [], extraDates: Set<Date> = []
  ) {
    self.frequency = frequency
    self.interval = interval
    self.weekdays = weekdays
    self.end = end
    self.timeZone = timeZone
    self.excludedDates = excludedDates
    self.extraDates = extraDates
  }

  /// Refuses what the rule cannot mean: an interval outside 1...999, a count outside
  /// 1...10000, weekdays on a daily or monthly rule, an end before the start, a zone that is
  /// not an IANA name, more than 1000 excluded or extra dates.
  public func validate(start: Date? = nil) throws(ValidationError) {
    guard (1...Self.maxInterval).contains(interval) else {
      throw ValidationError(field: "recurrence", "the interval must be between 1 and 999")
    }
    if frequency != .weekly && !weekdays.isEmpty {
      throw ValidationError(field: "recurrence", "only a weekly rule has weekdays")
    }
    switch end {
    case .never: break
    case .count(let count):
      guard (1...Self.maxCount).contains(count) else {
        throw ValidationError(field: "recurrence", "the count must be between 1 and 10000")
      }
    case .until(let until):
      if let start, until < start {
        throw ValidationError(field: "recurrence", "ends before it starts")
      }
    }
    if let timeZone, TimeZone(identifier: timeZone) == nil {
      throw ValidationError(field: "recurrence", "\"\(timeZone)\" is not a time zone")
    }
    guard excludedDates.count <= Self.maxDates else {
      throw ValidationError(field: "recurrence", "more than 1000 excluded dates")
    }
    guard extraDates.count <= Self.maxDates else {
      throw ValidationError(field: "recurrence", "more than 1000 extra dates")
    }
  }

  /// The zone occurrences follow: the rule's own, else `fallback`.
  public func zone(fallback: TimeZone) -> TimeZone {
    timeZone.flatMap(TimeZone.init(identifier:)) ?? fallback
  }

  /// The moments occurrences start within `range` (half-open), in order, at most `limit`.
  /// `start` is the first occurrence's moment; the wall clock is the rule's zone, else
  /// `timeZone`. For occurrences that overlap the range rather than start in it, widen the
  /// range's lower bound by the activity's duration.
  public func occurrences(
    start: Date, in range: Range<Date>, timeZone: TimeZone, limit: Int = 1_000
  ) -> [Date] {
    var result: [Date] = []
    guard limit > 0, range.lowerBound < range.upperBound else { return result }
    forEachOccurrence(start: start, from: range.lowerBound, timeZone: timeZone) { date in
      if date >= range.upperBound { return false }
      if date >= range.lowerBound { result.append(date) }
      return result.count < limit
    }
    return result
  }

  /// The first occurrence at or after `date`, or nil when the rule has ended.
  public func nextOccurrence(start: Date, onOrAfter date: Date, timeZone: TimeZone) -> Date? {
    var found: Date?
    forEachOccurrence(start: start, from: date, timeZone: timeZone) { occurrence in
      if occurrence >= date {
        found = occurrence
        return false
      }
      return true
    }
    return found
  }

  /// The last occurrence, or nil when the rule never ends (or every occurrence is excluded).
  public func lastOccurrence(start: Date, timeZone: TimeZone) -> Date? {
    if case .never = end { return nil }
    var last: Date?
    forEachOccurrence(start: start, from: start, timeZone: timeZone) { date in
      last = date
      return true
    }
    return last
  }

  /// A moment to the second, as dates match (stored times have no fractions).
  static func second(_ date: Date) -> Int64 {
    Int64(date.timeIntervalSince1970.rounded(.down))
  }

  /// Calls `body` with each occurrence in order, from the first that may be at or after
  /// `from` (earlier ones are skipped when the rule has no count), until it returns false or
  /// the rule and its extra dates end: the rule's own occurrences merged with the extra dates,
  /// without the excluded ones.
  func forEachOccurrence(
    start: Date, from: Date, timeZone fallback: TimeZone, _ body: (Date) -> Bool
  ) {
    guard !excludedDates.isEmpty || !extraDates.isEmpty else {
      forEachRuleDate(start: start, from: from, timeZone: fallback, body)
      return
    }
    let excluded = Set(excludedDates.map(Self.second))
    let first = Self.second(start)
    let extra = extraDates.filter { Self.second($0) >= first }.sorted()
    // Extra dates before `from` are of no interest to a caller that starts there.
    var next = from > start ? (extra.firstIndex { $0 >= from } ?? extra.count) : 0
    var stopped = false
    func deliver(_ date: Date) -> Bool {
      if excluded.contains(Self.second(date)) { return true }
      if body(date) { return true }
      stopped = true
      return false
    }
    forEachRuleDate(start: start, from: from, timeZone: fallback) { date in
      let second = Self.second(date)
      while next < extra.count, Self.second(extra[next]) <= second {
        // One that the rule also makes happens once, at the rule's moment.
        let same = Self.second(extra[next]) == second
        next += 1
        if !same, !deliver(extra[next - 1]) { return false }
      }
      return deliver(date)
    }
    while !stopped, next < extra.count {
      next += 1
      _ = deliver(extra[next - 1])
    }
  }

  /// The rule's own occurrences (DTSTART and RRULE), as `forEachOccurrence` describes.
  private func forEachRuleDate(
    start: Date, from: Date, timeZone fallback: TimeZone, _ body: (Date) -> Bool
  ) {
    let zone = zone(fallback: fallback)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: start)
    guard let year = c.year, let month = c.month, let day = c.day else { return }
    let clock = (c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    let startDay = CivilDay.number(year: year, month: month, day: day)
    let step = max(1, interval)
    var remaining: Int? = nil
    var until: Date? = nil
    switch end {
    case .never: break
    case .count(let count): remaining = count
    case .until(let date): until = date
    }
    func emit(_ date: Date) -> Bool {
      if let until, date > until { return false }
      if let left = remaining {
        guard left > 0 else { return false }
        remaining = left - 1
      }
      return body(date)
    }

    // Jump to the period before `from` when nothing has to be counted.
    var period = 0
    if remaining == nil, from > start {
      let fromDay = CivilDay.number(Day(from, in: zone)) - 1
      switch frequency {
      case .daily: period = max(0, (fromDay - startDay) / step)
      case .weekly:
        period = max(0, (fromDay - (startDay - CivilDay.weekdayIndex(startDay))) / 7 / step)
      case .monthly:
        let d = Day(from, in: zone)
        period = max(0, ((d.year - year) * 12 + (d.month - month) - 1) / step)
      }
    }
    if period == 0 {
      guard emit(start) else { return }
    }
    let weekOffsets =
      (weekdays.isEmpty ? [Weekday.of(dayNumber: startDay)] : Array(weekdays))
      .map(\.mondayIndex).sorted()
    let lastDay = CivilDay.number(year: 9999, month: 12, day: 31)
    while true {
      var days: [Int] = []
      switch frequency {
      case .daily:
        days = [startDay + period * step]
      case .weekly:
        let weekStart = startDay - CivilDay.weekdayIndex(startDay) + period * step * 7
        days = weekOffsets.map { weekStart + $0 }
      case .monthly:
        let months = (month - 1) + period * step
        let y = year + months / 12
        let m = months % 12 + 1
        if y > 9999 { return }
        if day <= Day.daysIn(month: m, year: y) {
          days = [CivilDay.number(year: y, month: m, day: day)]
        }
      }
      for number in days where number > startDay {
        if number > lastDay { return }
        let (y, m, d) = CivilDay.civil(number)
        guard
          let date = CivilDay.date(
            year: y, month: m, day: d, hour: clock.0, minute: clock.1, second: clock.2,
            calendar: calendar)
        else { continue }
        guard emit(date) else { return }
      }
      if let first = days.first, first > lastDay { return }
      period += 1
    }
  }
}

extension Recurrence {
  private enum CodingKeys: String, CodingKey {
    case frequency, interval, weekdays, until, count, timeZone, excluded, extra
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    frequency = try c.decode(Frequency.self, forKey: .frequency)
    interval = try c.decodeIfPresent(Int.self, forKey: .interval) ?? 1
    weekdays = Set(try c.decodeIfPresent([Weekday].self, forKey: .weekdays) ?? [])
    timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
    if let count = try c.decodeIfPresent(Int.self, forKey: .count) {
      end = .count(count)
    } else if let text = try c.decodeIfPresent(String.self, forKey: .until) {
      guard let date = ISOTime.date(from: text) else {
        throw DecodingError.dataCorruptedError(
          forKey: .until, in: c, debugDescription: "\(text) is not an ISO 8601 time")
      }
      end = .until(date)
    } else {
      end = .never
    }
    excludedDates = try Self.decodeDates(c, .excluded)
    extraDates = try Self.decodeDates(c, .extra)
  }

  private static func decodeDates(
    _ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
  ) throws -> Set<Date> {
    var dates = Set<Date>()
    for text in try c.decodeIfPresent([String].self, forKey: key) ?? [] {
      guard let date = ISOTime.date(from: text) else {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: c, debugDescription: "\(text) is not an ISO 8601 time")
      }
      dates.insert(date)
    }
    return dates
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(frequency, forKey: .frequency)
    try c.encode(interval, forKey: .interval)
    if !weekdays.isEmpty {
      try c.encode(Weekday.allCases.filter(weekdays.contains), forKey: .weekdays)
    }
    switch end {
    case .never: break
    case .count(let count): try c.encode(count, forKey: .count)
    case .until(let date): try c.encode(ISOTime.string(from: date), forKey: .until)
    }
    try c.encodeIfPresent(timeZone, forKey: .timeZone)
    if !excludedDates.isEmpty {
      try c.encode(excludedDates.sorted().map(ISOTime.string(from:)), forKey: .excluded)
    }
    if !extraDates.isEmpty {
      try c.encode(extraDates.sorted().map(ISOTime.string(from:)), forKey: .extra)
    }
  }

  /// ISO 8601 in UTC to the second, as the rest of the JSON writes dates.
  enum ISOTime {
    static func string(from date: Date) -> String {
      let seconds = Int(date.timeIntervalSince1970.rounded(.down))
      let days = Int((Double(seconds) / 86_400).rounded(.down))
      let (y, m, d) = CivilDay.civil(days)
      let rest = seconds - days * 86_400
      func pad(_ n: Int, _ w: Int = 2) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, w - s.count)) + s
      }
      return
        "\(pad(y, 4))-\(pad(m))-\(pad(d))T\(pad(rest / 3_600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }

    static func date(from text: String) -> Date? {
      // What `string(from:)` writes, read without a formatter (a row's rule may hold a
      // thousand dates, read every time the row is).
      let u = Array(text.utf8)
      if u.count == 20, u[4] == 0x2D, u[7] == 0x2D, u[10] == 0x54, u[13] == 0x3A, u[16] == 0x3A,
        u[19] == 0x5A
      {
        func n(_ at: Int, _ width: Int) -> Int? {
          var value = 0
          for b in u[at..<at + width] {
            guard b >= 0x30, b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
          }
          return value
        }
        if let y = n(0, 4), let m = n(5, 2), let d = n(8, 2), let h = n(11, 2), let mi = n(14, 2),
          let s = n(17, 2), (1...12).contains(m), (1...Day.daysIn(month: m, year: y)).contains(d),
          h < 24, mi < 60, s < 60
        {
          let days = CivilDay.number(year: y, month: m, day: d)
          return Date(timeIntervalSince1970: Double(days * 86_400 + h * 3_600 + mi * 60 + s))
        }
      }
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime]
      return formatter.date(from: text)
    }
  }

  /// The stored form: compact JSON with sorted keys, the same text for the same rule.
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try! encoder.encode(self), as: UTF8.self)
  }

  /// Reads the stored form.
  public init(json: String) throws(ValidationError) {
    do {
      self = try JSONDecoder().decode(Recurrence.self, from: Data(json.utf8))
    } catch {
      throw ValidationError(field: "recurrence", "is not a stored recurrence")
    }
  }
}

/// A day of the week, as RFC 5545 names it (MO ... SU); the JSON form is lowercase.
public enum Weekday: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
  case monday = "mo"
  case tuesday = "tu"
  case wednesday = "we"
  case thursday = "th"
  case friday = "fr"
  case saturday = "sa"
  case sunday = "su"

  /// 0 for Monday ... 6 for Sunday.
  public var mondayIndex: Int { Weekday.allCases.firstIndex(of: self)! }

  /// RFC 5545's two letters: MO, TU ...
  public var code: String { rawValue.uppercased() }

  public init?(code: String) {
    self.init(rawValue: code.lowercased())
  }

  /// The weekday of a moment in a zone.
  public init(_ date: Date, in zone: TimeZone) {
    self = Weekday.of(dayNumber: CivilDay.number(Day(date, in: zone)))
  }

  static func of(dayNumber: Int) -> Weekday {
    Weekday.allCases[CivilDay.weekdayIndex(dayNumber)]
  }

  public static func < (a: Weekday, b: Weekday) -> Bool { a.mondayIndex < b.mondayIndex }
}

/// Days as consecutive numbers (0 = 1970-01-01), for arithmetic on dates without a clock,
/// and wall-clock times in a zone (shared with the iCalendar reader).
public enum CivilDay {
  public static func number(year: Int, month: Int, day: Int) -> Int {
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  public static func number(_ day: Day) -> Int {
    number(year: day.year, month: day.month, day: day.day)
  }

  public static func civil(_ number: Int) -> (Int, Int, Int) {
    let z = number + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  /// 0 for Monday ... 6 for Sunday (1970-01-01 was a Thursday).
  public static func weekdayIndex(_ number: Int) -> Int { ((number % 7) + 7 + 3) % 7 }

  /// A wall-clock time in the calendar's zone: a time in a gap moves forward by the gap, a
  /// time that happens twice is the earlier.
  public static func date(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, calendar: Calendar
  ) -> Date? {
    date(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      zone: calendar.timeZone)
  }

  public static func date(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, zone: TimeZone
  ) -> Date? {
    // The UTC moment with these digits, then shifted by the zone's offset around it.
    let naive =
      Double(number(year: year, month: month, day: day)) * 86_400
      + Double(hour * 3_600 + minute * 60 + second)
    let guess = Date(timeIntervalSince1970: naive)
    let before = Double(zone.secondsFromGMT(for: guess.addingTimeInterval(-86_400)))
    let after = Double(zone.secondsFromGMT(for: guess.addingTimeInterval(86_400)))
    let early = Date(timeIntervalSince1970: naive - before)
    let late = Date(timeIntervalSince1970: naive - after)
    let earlyFits = Double(zone.secondsFromGMT(for: early)) == before
    let lateFits = Double(zone.secondsFromGMT(for: late)) == after
    switch (earlyFits, lateFits) {
    case (true, true): return min(early, late)
    case (true, false): return early
    case (false, true): return late
    case (false, false):
      // In a gap: read the digits with the offset from before the gap.
      return early
    }
  }
}

extension Day {
  /// How many days a month has (February by leap year).
  public static func daysInMonth(_ month: Int, year: Int) -> Int {
    daysIn(month: month, year: year)
  }
}
