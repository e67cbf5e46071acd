import Foundation

/// A calendar day with no time or zone: what "expected closing date" means to a rep.
/// Stored and exchanged as ISO 8601 `YYYY-MM-DD`, which sorts as the days do.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// Refuses impossible days such as 2026-02-30.
  public init(year: Int, month: Int, day: Int) throws(ValidationError) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...Day.daysIn(month: month, year: year)).contains(day)
    else {
      throw ValidationError(field: "date", "\(year)-\(month)-\(day) is not a date")
    }
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`; `field` names the input in the error.
  public static func parse(_ text: String, field: String = "date") throws(ValidationError) -> Day {
    let parts = text.trimmingCharacters(in: .whitespaces).split(
      separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else {
      throw ValidationError(field: field, "\"\(text)\" is not a date (use YYYY-MM-DD)")
    }
    do {
      return try Day(year: y, month: m, day: d)
    } catch {
      throw ValidationError(field: field, "\"\(text)\" is not a date")
    }
  }

  /// The day a moment falls on in a time zone.
  public init(_ date: Date, in zone: TimeZone = .current) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day], from: date)
    self.year = c.year!
    self.month = c.month!
    self.day = c.day!
  }

  /// Midnight at the start of this day in a time zone.
  public func start(in zone: TimeZone = .current) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: year, month: month, day: day))!
  }

  /// The day `n` days later (earlier when negative).
  public func adding(days n: Int) -> Day {
    let utc = TimeZone(identifier: "UTC")!
    return Day(start(in: utc).addingTimeInterval(Double(n) * 86_400), in: utc)
  }

  public var description: String {
    func pad(_ n: Int, _ width: Int) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }

  public static func < (a: Day, b: Day) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    self = try Day.parse(text)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
