import Foundation

/// Parsing the moments users type: `2026-12-24`, `2026-12-24 14:30`, ISO 8601 with a zone
/// (`2026-12-24T14:30:00Z`), and the relative words `today`, `tomorrow`, `+3d`, `+2h`.
/// Times without a zone are read in `zone`, the user's own.
public enum DateInput {
  public static func parse(_ text: String, field: String, zone: TimeZone, now: Date)
    throws(ValidationError) -> Date
  {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    switch trimmed {
    case "now": return now
    case "today": return Day(now, in: zone).start(in: zone)
    case "tomorrow": return Day(now, in: zone).adding(days: 1).start(in: zone)
    default: break
    }
    if trimmed.hasPrefix("+"), let unit = trimmed.last,
      let amount = Int(trimmed.dropFirst().dropLast()),
      amount >= 0, amount < 100_000
    {
      switch unit {
      case "m": return now.addingTimeInterval(Double(amount) * 60)
      case "h": return now.addingTimeInterval(Double(amount) * 3_600)
      case "d": return calendar.date(byAdding: .day, value: amount, to: now)!
      case "w": return calendar.date(byAdding: .day, value: amount * 7, to: now)!
      default: break
      }
    }
    let iso = ISO8601DateFormatter()
    iso.formatOptions = [.withInternetDateTime]
    if let date = iso.date(from: text.trimmingCharacters(in: .whitespaces).uppercased()) {
      return date
    }
    // "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM[:SS]" in the user's zone.
    let parts = trimmed.split(whereSeparator: { $0 == " " || $0 == "t" })
    if parts.count == 1 || parts.count == 2 {
      let day: Day
      do { day = try Day.parse(String(parts[0]), field: field) } catch {
        throw invalid(text, field)
      }
      var hour = 0
      var minute = 0
      var second = 0
      if parts.count == 2 {
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false).map {
          Int($0)
        }
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }),
          let h = clock[0], let m = clock[1], (0...23).contains(h), (0...59).contains(m)
        else { throw invalid(text, field) }
        hour = h
        minute = m
        second = clock.count == 3 ? clock[2]! : 0
        guard (0...59).contains(second) else { throw invalid(text, field) }
      }
      if let date = calendar.date(
        from: DateComponents(
          year: day.year, month: day.month, day: day.day, hour: hour, minute: minute,
          second: second))
      {
        return date
      }
    }
    throw invalid(text, field)
  }

  private static func invalid(_ text: String, _ field: String) -> ValidationError {
    ValidationError(
      field: field,
      "\"\(text)\" is not a date or time (use YYYY-MM-DD, YYYY-MM-DD HH:MM, today, +3d)")
  }

  /// Durations as users type them: `90` (minutes), `15m`, `2h`, `1d`, `1h30m`. In minutes.
  public static func minutes(_ text: String, field: String) throws(ValidationError) -> Int {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    if let plain = Int(trimmed), plain >= 0 { return plain }
    var total = 0
    var number = ""
    for character in trimmed {
      if character.isASCII && character.isNumber {
        number.append(character)
        continue
      }
      guard let value = Int(number), number.count <= 6 else {
        throw ValidationError(field: field, "\"\(text)\" is not a duration (use 15m, 2h, 1d)")
      }
      switch character {
      case "m": total += value
      case "h": total += value * 60
      case "d": total += value * 1_440
      case "w": total += value * 10_080
      default:
        throw ValidationError(field: field, "\"\(text)\" is not a duration (use 15m, 2h, 1d)")
      }
      number = ""
    }
    guard number.isEmpty, !trimmed.isEmpty else {
      throw ValidationError(field: field, "\"\(text)\" is not a duration (use 15m, 2h, 1d)")
    }
    return total
  }
}
