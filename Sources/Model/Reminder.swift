import Foundation

/// Reminders are offsets before an activity's time, kept in `Activity.reminders` as minutes
/// (15, 60, 1440 ...). This is how they are typed, shown and turned into the moments they fire.
///
///     try Reminders.parse("15m, 1d")                  // [15, 1440]
///     Reminders.format(1440)                           // "1d"
///     Reminders.fireTimes(for: activity, zone: zone)   // when each goes off
///
/// Rules:
/// - A timed activity's reminders count back from its time (`Activity.when`: a task's due
///   time, a meeting's or call's start).
/// - An all-day activity has no time of its own: its reminders count back from 09:00 local
///   time on its day (`allDayAnchorHour`), so "15m" goes off at 08:45 and "1d" at 09:00 the day
///   before, not at midnight.
/// - An offset in whole days (or weeks) is counted in calendar days of the zone and keeps the
///   wall-clock time: "1d" before a 09:00 meeting the morning after the clocks change is 09:00
///   the day before, not 08:00 or 10:00. Any other offset is elapsed time ("90m" is 90 real
///   minutes). This is how RFC 5545 reads `-P1D` against `-PT24H`.
public enum Reminders {
  /// The local hour an all-day activity's reminders count back from.
  public static let allDayAnchorHour = 9
  /// The largest offset an activity takes (60 days), as `Activity.validate` checks.
  public static let maxMinutes = 60 * 24 * 60

  /// Reads a list of offsets separated by commas or spaces: `15m`, `1h`, `1d`, `2w`, `1h30m`,
  /// or plain minutes (`90`). Duplicates are dropped; the order is kept.
  public static func parse(_ text: String, field: String = "reminders") throws(ValidationError)
    -> [Int]
  {
    var result: [Int] = []
    let parts = text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
    for part in parts {
      let minutes = try DateInput.minutes(String(part), field: field)
      guard minutes <= maxMinutes else {
        throw ValidationError(field: field, "\"\(part)\" is longer than 60 days")
      }
      if !result.contains(minutes) { result.append(minutes) }
    }
    return result
  }

  /// One offset in the largest unit that divides it (`2w`, `1d`, `1h`, `15m`), or hours and
  /// minutes (`1h30m`); `0m` for at the time itself.
  public static func format(_ minutes: Int) -> String {
    if minutes == 0 { return "0m" }
    if minutes % 10_080 == 0 { return "\(minutes / 10_080)w" }
    if minutes % 1_440 == 0 { return "\(minutes / 1_440)d" }
    if minutes % 60 == 0 { return "\(minutes / 60)h" }
    if minutes > 60 && minutes < 1_440 { return "\(minutes / 60)h\(minutes % 60)m" }
    return "\(minutes)m"
  }

  /// A list as `parse` reads it back: "15m, 1d".
  public static func format(_ list: [Int]) -> String {
    list.map { format($0) }.joined(separator: ", ")
  }

  /// The moment reminders count back from: the activity's time, or 09:00 local on an all-day
  /// activity's day. Nil when the activity has no time.
  public static func anchor(of activity: Activity, zone: TimeZone) -> Date? {
    guard let when = activity.when else { return nil }
    return anchor(when, allDay: activity.allDay, zone: zone)
  }

  /// The anchor of one occurrence (of a recurring activity) at `when`.
  public static func anchor(_ when: Date, allDay: Bool, zone: TimeZone) -> Date {
    guard allDay else { return when }
    let day = Day(when, in: zone)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return CivilDay.date(
      year: day.year, month: day.month, day: day.day, hour: allDayAnchorHour, minute: 0,
      second: 0, calendar: calendar) ?? when
  }

  /// When a reminder `minutes` before `anchor` goes off.
  public static func fireTime(minutesBefore minutes: Int, anchor: Date, zone: TimeZone) -> Date {
    guard minutes > 0, minutes % 1_440 == 0 else {
      return anchor.addingTimeInterval(-Double(minutes) * 60)
    }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: anchor)
    let day = CivilDay.number(year: c.year!, month: c.month!, day: c.day!) - minutes / 1_440
    let (y, m, d) = CivilDay.civil(day)
    return CivilDay.date(
      year: y, month: m, day: d, hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0,
      calendar: calendar) ?? anchor.addingTimeInterval(-Double(minutes) * 60)
  }

  /// Every reminder of the activity, earliest first; empty when it has no time.
  public static func fireTimes(for activity: Activity, zone: TimeZone) -> [Date] {
    guard let anchor = anchor(of: activity, zone: zone) else { return [] }
    return activity.reminders.map { fireTime(minutesBefore: $0, anchor: anchor, zone: zone) }
      .sorted()
  }

  /// The reminders of one occurrence at `when` (a recurring activity's), earliest first.
  public static func fireTimes(
    _ reminders: [Int], at when: Date, allDay: Bool, zone: TimeZone
  ) -> [Date] {
    let anchor = anchor(when, allDay: allDay, zone: zone)
    return reminders.map { fireTime(minutesBefore: $0, anchor: anchor, zone: zone) }.sorted()
  }

  /// The reminders of the activity that go off in `range` (for `crm remind`: since the last
  /// run up to now). A done activity reminds of nothing.
  public static func due(_ activity: Activity, in range: Range<Date>, zone: TimeZone) -> [Date] {
    guard !activity.isDone else { return [] }
    return fireTimes(for: activity, zone: zone).filter(range.contains)
  }
}
