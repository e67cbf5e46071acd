import Foundation
import Model

/// `--repeat`, `--every`, `--until` and `--count` as a recurrence:
/// `daily`, `weekly` (the start's weekday), `weekly:mo,we` (mon, monday ... also read),
/// `monthly` (the start's day of the month), `none` (stop repeating).
enum RepeatInput {
  /// The rule these options make, or `.none` (`--repeat none`) to stop repeating, or nil when
  /// none of them was given. `current` is the activity's rule, which `--every`, `--until` and
  /// `--count` alone change.
  static func rule(
    repeat text: String?, every: Int?, until: String?, count: Int?, current: Recurrence?
  ) throws -> Recurrence?? {
    if until != nil && count != nil {
      throw ValidationError(field: "until", "give --until or --count, not both")
    }
    var rule: Recurrence
    if let text {
      guard let parsed = try parse(text) else {
        guard every == nil, until == nil, count == nil else {
          throw ValidationError(field: "repeat", "none takes no --every, --until or --count")
        }
        return .some(nil)
      }
      rule = parsed
    } else {
      guard every != nil || until != nil || count != nil else { return nil }
      guard let current else {
        throw ValidationError(
          field: "repeat", "the activity does not repeat: give --repeat daily|weekly|monthly")
      }
      rule = current
    }
    if let every { rule.interval = every }
    if let count { rule.end = .count(count) }
    if let until { rule.end = .until(try untilDate(until)) }
    return .some(rule)
  }

  /// `daily`, `weekly[:DAYS]`, `monthly`; nil for `none`.
  static func parse(_ text: String) throws -> Recurrence? {
    let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
    let parts = lowered.split(separator: ":", maxSplits: 1).map(String.init)
    let usage = "\"\(text)\" is not none, daily, weekly, weekly:mo,we or monthly"
    switch parts.first {
    case "none" where parts.count == 1: return nil
    case "daily" where parts.count == 1: return Recurrence(.daily)
    case "monthly" where parts.count == 1: return Recurrence(.monthly)
    case "weekly":
      var days: Set<Weekday> = []
      if parts.count == 2 {
        for name in parts[1].split(separator: ",") {
          guard let day = weekday(String(name).trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError(field: "repeat", "\"\(name)\" is not a weekday (mo, tu ... su)")
          }
          days.insert(day)
        }
        if days.isEmpty { throw ValidationError(field: "repeat", usage) }
      }
      return Recurrence(.weekly, weekdays: days)
    default:
      throw ValidationError(field: "repeat", usage)
    }
  }

  static func weekday(_ name: String) -> Weekday? {
    let names: [(Weekday, String)] = [
      (.monday, "monday"), (.tuesday, "tuesday"), (.wednesday, "wednesday"),
      (.thursday, "thursday"), (.friday, "friday"), (.saturday, "saturday"), (.sunday, "sunday"),
    ]
    for (day, full) in names where name.count >= 2 && full.hasPrefix(name) { return day }
    return nil
  }

  /// A date alone means up to the end of that day, so an occurrence on it still happens.
  static func untilDate(_ text: String) throws -> Date {
    let date = try InputParsing.date(text, field: "until")
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.count == 10, trimmed.filter({ $0 == "-" }).count == 2 {
      return date.addingTimeInterval(86_399)
    }
    return date
  }

  /// The rule as a user reads it: "weekly:mo,we every 2, 10 times".
  static func describe(_ rule: Recurrence?) -> String {
    guard let rule else { return "" }
    var text = rule.frequency.rawValue
    if !rule.weekdays.isEmpty {
      text += ":" + rule.weekdays.sorted().map(\.rawValue).joined(separator: ",")
    }
    if rule.interval > 1 { text += " every \(rule.interval)" }
    switch rule.end {
    case .never: break
    case .count(let n): text += ", \(n) times"
    case .until(let date): text += " until \(Output.local(date))"
    }
    return text
  }
}
