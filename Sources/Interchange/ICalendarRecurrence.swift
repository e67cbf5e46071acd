import Foundation
import Model

/// RRULE text to and from `Recurrence`. The subset read is what `Recurrence` carries: FREQ
/// DAILY, WEEKLY (with BYDAY weekdays) or MONTHLY (BYMONTHDAY only when it is the start's day);
/// INTERVAL; COUNT or UNTIL; WKST=MO (another week start matters only for a multi-week rule
/// with several days, which is refused). Anything else (YEARLY, BYSETPOS, BYDAY=1MO, BYHOUR
/// ...) is an error that names it, for the item's problem.
enum ICalendarRecurrence {
  struct Unsupported: Error {
    let reason: String
  }

  /// `until` reads UNTIL's DATE or DATE-TIME: floating ones in the start's zone.
  static func parse(
    _ text: String, startDay: Int, until readUntil: (ICalendarDateTime) -> Date?
  ) throws(Unsupported) -> Recurrence {
    var parts: [(String, String)] = []
    for part in text.split(separator: ";") where !part.isEmpty {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2 else { throw Unsupported(reason: "\"\(part)\" is not NAME=VALUE") }
      parts.append((pair[0].uppercased(), String(pair[1])))
    }
    func value(_ name: String) -> String? { parts.first { $0.0 == name }?.1 }
    guard let freq = value("FREQ")?.uppercased() else {
      throw Unsupported(reason: "FREQ is missing")
    }
    var rule: Recurrence
    switch freq {
    case "DAILY": rule = Recurrence(.daily)
    case "WEEKLY": rule = Recurrence(.weekly)
    case "MONTHLY": rule = Recurrence(.monthly)
    default:
      throw Unsupported(
        reason: "FREQ=\(freq) is not supported (daily, weekly on days, monthly are)")
    }
    for (name, raw) in parts {
      let v = raw.uppercased()
      switch name {
      case "FREQ": break
      case "INTERVAL":
        guard let n = Int(v), (1...Recurrence.maxInterval).contains(n) else {
          throw Unsupported(reason: "INTERVAL=\(raw) is not between 1 and 999")
        }
        rule.interval = n
      case "COUNT":
        guard let n = Int(v), (1...Recurrence.maxCount).contains(n) else {
          throw Unsupported(reason: "COUNT=\(raw) is not between 1 and 10000")
        }
        rule.end = .count(n)
      case "UNTIL":
        guard let parsed = ICalendarDateTime.parse(v), let date = readUntil(parsed) else {
          throw Unsupported(reason: "UNTIL=\(raw) is not a date or time")
        }
        // An end after the year 8999 is no end (and could not be written back).
        rule.end = parsed.year > 8999 ? .never : .until(date)
      case "BYDAY" where freq == "WEEKLY":
        var days = Set<Weekday>()
        for code in v.split(separator: ",") {
          guard let day = Weekday(code: String(code)) else {
            throw Unsupported(reason: "BYDAY=\(raw) is not supported (plain weekdays are)")
          }
          days.insert(day)
        }
        rule.weekdays = days
      case "BYMONTHDAY" where freq == "MONTHLY":
        guard let n = Int(v), n == CivilDay.civil(startDay).2 else {
          throw Unsupported(
            reason: "BYMONTHDAY=\(raw) is not supported (only the start's day of the month)")
        }
      case "WKST":
        guard Weekday(code: v) != nil else { throw Unsupported(reason: "WKST=\(raw) is not a day") }
        if v != "MO" { parts.append(("_WKST", v)) }
      default:
        throw Unsupported(reason: "\(name)=\(raw) is not supported")
      }
    }
    if value("_WKST") != nil, rule.frequency == .weekly, rule.interval > 1,
      rule.weekdays.count > 1
    {
      throw Unsupported(reason: "WKST=\(value("_WKST")!) with several days every few weeks")
    }
    return rule
  }

  /// RRULE text: UNTIL as a DATE for all-day items, else UTC.
  static func format(_ rule: Recurrence, allDay: Bool, zone: TimeZone) -> String {
    var parts = ["FREQ=" + rule.frequency.rawValue.uppercased()]
    if rule.interval != 1 { parts.append("INTERVAL=\(rule.interval)") }
    switch rule.end {
    case .never: break
    case .count(let n): parts.append("COUNT=\(n)")
    case .until(let date):
      parts.append(
        "UNTIL="
          + (allDay
            ? ICalendarDateTime.dateString(Day(date, in: zone))
            : ICalendarDateTime.utcString(date)))
    }
    if rule.frequency == .weekly, !rule.weekdays.isEmpty {
      parts.append("BYDAY=" + rule.weekdays.sorted().map(\.code).joined(separator: ","))
    }
    return parts.joined(separator: ";")
  }
}
