import Foundation

/// A span of time a report covers, `[start, end)`, with the calendar units it is drawn in.
/// Months, quarters and years are the user's: they begin at midnight in the user's zone, so
/// a deal won at 23:30 on 31 January in Berlin counts in January even though it is already
/// February in UTC... and the other way round.
///
///     let q = ReportPeriod.quarter(containing: now, zone: zone)
///     q.months(zone: zone)   // three one-month periods
public struct ReportPeriod: Hashable, Sendable {
  public var start: Date
  public var end: Date

  public init(start: Date, end: Date) {
    self.start = start
    self.end = end
  }

  /// The days `from` to `to`, both included (what a user means by `--to 2026-03-31`).
  public init(from: Day, to: Day, zone: TimeZone) throws(ValidationError) {
    guard from <= to else {
      throw ValidationError(field: "to", "\(to) is before \(from)")
    }
    self.init(start: from.start(in: zone), end: to.adding(days: 1).start(in: zone))
  }

  public func contains(_ date: Date) -> Bool { date >= start && date < end }

  /// The first and last day of the period in `zone` (the last one included).
  public func days(zone: TimeZone) -> (first: Day, last: Day) {
    (Day(start, in: zone), Day(end.addingTimeInterval(-0.001), in: zone))
  }

  static func calendar(_ zone: TimeZone) -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    // ISO weeks: Monday first, as most of the world's sales teams count them.
    calendar.firstWeekday = 2
    calendar.minimumDaysInFirstWeek = 4
    return calendar
  }

  /// The calendar unit `unit` (month, quarter, year, week) that holds `date`.
  public static func unit(
    _ unit: Calendar.Component, containing date: Date, zone: TimeZone
  ) -> ReportPeriod {
    let calendar = calendar(zone)
    if unit == .quarter {
      let month = calendar.component(.month, from: date)
      let year = calendar.component(.year, from: date)
      let first = calendar.date(
        from: DateComponents(year: year, month: (month - 1) / 3 * 3 + 1, day: 1))!
      return ReportPeriod(start: first, end: calendar.date(byAdding: .month, value: 3, to: first)!)
    }
    let interval = calendar.dateInterval(of: unit, for: date)!
    return ReportPeriod(start: interval.start, end: interval.end)
  }

  public static func month(containing date: Date, zone: TimeZone) -> ReportPeriod {
    unit(.month, containing: date, zone: zone)
  }

  public static func quarter(containing date: Date, zone: TimeZone) -> ReportPeriod {
    unit(.quarter, containing: date, zone: zone)
  }

  public static func year(containing date: Date, zone: TimeZone) -> ReportPeriod {
    unit(.year, containing: date, zone: zone)
  }

  /// The period cut into calendar months (the first and last may be partial).
  public func months(zone: TimeZone) -> [ReportPeriod] { split(.month, zone: zone) }

  /// The period cut into ISO weeks (the first and last may be partial).
  public func weeks(zone: TimeZone) -> [ReportPeriod] { split(.weekOfYear, zone: zone) }

  /// Trend buckets for a sparkline: weeks up to about three months, months beyond.
  public func trendBuckets(zone: TimeZone) -> [ReportPeriod] {
    end.timeIntervalSince(start) <= 93 * 86_400 ? weeks(zone: zone) : months(zone: zone)
  }

  private func split(_ unit: Calendar.Component, zone: TimeZone) -> [ReportPeriod] {
    var out: [ReportPeriod] = []
    var cursor = start
    // 600 buckets is 50 years of months: a bound against a typo like --to 9999-12-31.
    while cursor < end && out.count < 600 {
      let next = min(end, ReportPeriod.unit(unit, containing: cursor, zone: zone).end)
      out.append(ReportPeriod(start: cursor, end: next))
      cursor = next
    }
    return out
  }
}
