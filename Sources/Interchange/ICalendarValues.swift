import Foundation
import Model

/// iCalendar value types (RFC 5545 §3.3): TEXT escapes, DATE, DATE-TIME and DURATION.
enum ICalendarText {
  /// Without spaces and tabs at either end (ASCII only: what iCalendar writers pad with).
  static func trimmed(_ text: String) -> String {
    let utf8 = text.utf8
    guard let first = utf8.first, let last = utf8.last,
      first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
    else { return text }
    let bytes = Array(utf8)
    var start = 0
    var end = bytes.count
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// Resolves `\\`, `\;`, `\,` and `\n`/`\N`; any other escaped character stands for itself
  /// (calcurse and Outlook write `\:`), a trailing lone backslash is kept.
  static func unescape(_ raw: String) -> String {
    guard raw.utf8.contains(0x5C) else { return raw }
    var out: [UInt8] = []
    out.reserveCapacity(raw.utf8.count)
    var escaped = false
    for b in raw.utf8 {
      if escaped {
        escaped = false
        out.append(b == UInt8(ascii: "n") || b == UInt8(ascii: "N") ? 0x0A : b)
      } else if b == 0x5C {
        escaped = true
      } else {
        out.append(b)
      }
    }
    if escaped { out.append(0x5C) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Splits a list value (CATEGORIES) at commas not escaped, then unescapes each part.
  static func list(_ raw: String) -> [String] {
    var parts: [String] = []
    var current = String.UnicodeScalarView()
    var escaped = false
    for scalar in raw.unicodeScalars {
      if escaped {
        escaped = false
        current.append("\\")
        current.append(scalar)
      } else if scalar == "\\" {
        escaped = true
      } else if scalar == "," {
        parts.append(unescape(String(current)))
        current = String.UnicodeScalarView()
      } else {
        current.append(scalar)
      }
    }
    parts.append(unescape(String(current)))
    return parts.map(trimmed).filter { !$0.isEmpty }
  }

  /// Escapes a TEXT value for writing (shared with vCard).
  static func escape(_ text: String) -> String { ContentLineText.escape(text) }
}

/// A DATE or DATE-TIME as written: the digits, and whether it is UTC (`Z`).
struct ICalendarDateTime: Hashable {
  var year: Int
  var month: Int
  var day: Int
  /// Nil for a DATE.
  var time: (hour: Int, minute: Int, second: Int)?
  var utc: Bool

  var isDate: Bool { time == nil }

  static func == (a: ICalendarDateTime, b: ICalendarDateTime) -> Bool {
    a.year == b.year && a.month == b.month && a.day == b.day && a.utc == b.utc
      && a.time?.hour == b.time?.hour && a.time?.minute == b.time?.minute
      && a.time?.second == b.time?.second
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(year)
    hasher.combine(month)
    hasher.combine(day)
  }

  /// `YYYYMMDD` or `YYYYMMDDTHHMMSS[Z]`; nil for anything else, or an impossible date.
  static func parse(_ text: String) -> ICalendarDateTime? {
    let u = Array(text.utf8)
    func digits(_ range: Range<Int>) -> Int? {
      var n = 0
      for i in range {
        guard i < u.count, u[i] >= 0x30, u[i] <= 0x39 else { return nil }
        n = n * 10 + Int(u[i] - 0x30)
      }
      return n
    }
    guard u.count == 8 || u.count == 15 || u.count == 16,
      let y = digits(0..<4), let m = digits(4..<6), let d = digits(6..<8),
      (1...9999).contains(y), (1...12).contains(m), d >= 1,
      (try? Day(year: y, month: m, day: d)) != nil
    else { return nil }
    if u.count == 8 { return ICalendarDateTime(year: y, month: m, day: d, time: nil, utc: false) }
    guard u[8] == UInt8(ascii: "T") || u[8] == UInt8(ascii: "t"),
      let h = digits(9..<11), let mi = digits(11..<13), let s = digits(13..<15),
      h <= 23, mi <= 59, s <= 60
    else { return nil }
    if u.count == 16 && u[15] != UInt8(ascii: "Z") && u[15] != UInt8(ascii: "z") { return nil }
    return ICalendarDateTime(
      year: y, month: m, day: d, time: (h, mi, min(s, 59)), utc: u.count == 16)
  }

  /// The moment in UTC, when it is one.
  var utcDate: Date? {
    guard utc, let time else { return nil }
    let days = CivilDay.number(year: year, month: month, day: day)
    return Date(
      timeIntervalSince1970: Double(days) * 86_400
        + Double(time.hour * 3_600 + time.minute * 60 + time.second))
  }

  /// Seconds since 1970 as if the digits were UTC: local wall-clock arithmetic.
  var naiveSeconds: Int {
    CivilDay.number(year: year, month: month, day: day) * 86_400
      + (time.map { $0.hour * 3_600 + $0.minute * 60 + $0.second } ?? 0)
  }

  static func utcString(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = Int((Double(seconds) / 86_400).rounded(.down))
    let rest = seconds - days * 86_400
    let (y, m, d) = CivilDay.civil(days)
    return digits(y, m, d) + "T" + pad(rest / 3_600) + pad(rest / 60 % 60) + pad(rest % 60) + "Z"
  }

  /// The wall-clock digits of a moment in a zone, without a `Z`.
  static func localString(_ date: Date, zone: TimeZone) -> String {
    let shifted = date.addingTimeInterval(Double(zone.secondsFromGMT(for: date)))
    return String(utcString(shifted).dropLast())
  }

  static func dateString(_ day: Day) -> String { digits(day.year, day.month, day.day) }

  private static func digits(_ y: Int, _ m: Int, _ d: Int) -> String {
    pad(y, 4) + pad(m) + pad(d)
  }

  static func pad(_ n: Int, _ width: Int = 2) -> String {
    let s = String(n)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }
}

/// DURATION values (`-P1D`, `PT15M`, `P1W`, `P0DT1H0M0S`): days and weeks are nominal
/// (calendar days), hours, minutes and seconds elapsed time.
struct ICalendarDuration: Hashable {
  var negative: Bool
  var days: Int
  var seconds: Int

  static func parse(_ text: String) -> ICalendarDuration? {
    var scalars = Substring(ICalendarText.trimmed(text).uppercased())
    var negative = false
    if scalars.first == "-" || scalars.first == "+" {
      negative = scalars.first == "-"
      scalars = scalars.dropFirst()
    }
    guard scalars.first == "P" else { return nil }
    scalars = scalars.dropFirst()
    var days = 0
    var seconds = 0
    var number = ""
    var inTime = false
    var any = false
    for character in scalars {
      if character.isASCII && character.isNumber {
        number.append(character)
        guard number.count <= 9 else { return nil }
        continue
      }
      if character == "T" {
        guard number.isEmpty, !inTime else { return nil }
        inTime = true
        continue
      }
      guard let value = Int(number) else { return nil }
      number = ""
      any = true
      switch (character, inTime) {
      case ("W", false): days += value * 7
      case ("D", false): days += value
      // Hours, minutes and seconds belong after T; calcurse writes -P300S, so allow it.
      case ("H", _): seconds += value * 3_600
      case ("M", _): seconds += value * 60
      case ("S", _): seconds += value
      default: return nil
      }
    }
    // Nothing lasts or reminds a century ahead; far larger values could not be written back.
    guard number.isEmpty, any, days <= 36_600, seconds <= 36_600 * 86_400 else { return nil }
    return ICalendarDuration(negative: negative, days: days, seconds: seconds)
  }

  /// Total minutes, signed (a part second rounds away from zero: 30 s is a minute).
  var minutes: Int {
    let total = days * 1_440 + (seconds + 59) / 60
    return negative ? -total : total
  }

  /// `moment` moved by the duration: days on the zone's calendar, the rest elapsed.
  func added(to moment: Date, zone: TimeZone) -> Date {
    let sign = negative ? -1 : 1
    var date = moment
    if days != 0 {
      let shifted = moment.addingTimeInterval(Double(zone.secondsFromGMT(for: moment)))
      let digits = ICalendarDateTime.parse(
        String(ICalendarDateTime.utcString(shifted).dropLast()))!
      let (y, m, d) = CivilDay.civil(
        CivilDay.number(year: digits.year, month: digits.month, day: digits.day) + sign * days)
      date =
        CivilDay.date(
          year: y, month: m, day: d, hour: digits.time!.hour, minute: digits.time!.minute,
          second: digits.time!.second, zone: zone)
        ?? moment.addingTimeInterval(Double(sign * days * 86_400))
    }
    return date.addingTimeInterval(Double(sign * seconds))
  }

  /// A reminder offset as a trigger before the start: `-P1D` for whole days, `-PT15M`, `PT0S`.
  static func trigger(minutesBefore minutes: Int) -> String {
    if minutes == 0 { return "PT0S" }
    if minutes % 1_440 == 0 { return "-P\(minutes / 1_440)D" }
    let hours = minutes / 60
    let rest = minutes % 60
    return "-PT" + (hours > 0 ? "\(hours)H" : "") + (rest > 0 ? "\(rest)M" : "")
  }
}
