import Foundation
import Model
import Store
import Terminal

/// The calendar's three layouts; `v` cycles them.
public enum CalendarMode: String, CaseIterable, Sendable {
  case month, week, agenda
}

/// View 4: the selected day (and hour, in the week), the layout, and what was read for it.
public struct CalendarState: Sendable {
  public var mode: CalendarMode = .month
  /// Nil until the view is first opened; then today.
  public var selected: Day?
  /// The week view's selected hour, where `n` puts a new activity.
  public var hour = 9
  /// The agenda's focused activity.
  public var focus = 0
  /// Where Esc goes back to after Enter listed a day in the agenda.
  public var returnMode: CalendarMode?
  public var summaries: [Day: DaySummary] = [:]
  public var rows: [ActivityRow] = []
  /// The query whose answer is on screen, to know when the selection left it.
  public var loadedQuery: CalendarQuery?
  public var generation = 0
  /// The new-activity form, open over the calendar.
  public var form: FormState?

  public init() {}
}

/// What the calendar reads: the days of the grid (month) or the activities of a range.
public struct CalendarQuery: Hashable, Sendable {
  public var mode: CalendarMode
  public var first: Day
  public var days: Int
  public var zone: TimeZone
  public var now: Date
  public var generation: Int
  /// Whether recurring activities' occurrences are read too. The first read of a range
  /// leaves them out, so the month paints from the index at once; a second read adds them
  /// (expanding thousands of rules costs far more than the month's counts).
  public var recurring = false

  /// Whether the answer to this query covers `other` (same layout and days).
  func covers(_ other: CalendarQuery) -> Bool {
    mode == other.mode && first == other.first && days == other.days && zone == other.zone
  }
}

/// The days of the calendar's layouts. Weeks start on Monday (ISO 8601), as calcurse's
/// default and the German calendar do.
enum CalendarDays {
  static let agendaDays = 14

  /// 0 for Monday ... 6 for Sunday.
  static func weekday(_ day: Day) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let sunday1 = calendar.component(.weekday, from: day.start(in: calendar.timeZone))
    return (sunday1 + 5) % 7
  }

  static func monday(of day: Day) -> Day { day.adding(days: -weekday(day)) }

  /// The 42 days (six weeks) of the month grid of the month holding `day`.
  static func monthGrid(_ day: Day) -> (first: Day, days: Int) {
    let first = try! Day(year: day.year, month: day.month, day: 1)
    return (monday(of: first), 42)
  }

  static func adding(months: Int, to day: Day) -> Day {
    var month = day.month - 1 + months
    var year = day.year + month / 12
    month %= 12
    if month < 0 {
      month += 12
      year -= 1
    }
    // The same day of the month, else the month's last (31 January + 1 month: 28 February).
    for last in stride(from: day.day, through: min(day.day, 28), by: -1) {
      if let moved = try? Day(year: year, month: month + 1, day: last) { return moved }
    }
    return try! Day(year: year, month: month + 1, day: 28)
  }
}

extension AppState {
  /// The layout the calendar shows: the month and week need room; a narrow or short
  /// terminal gets the agenda, as a narrow board gets one stage.
  var calendarMode: CalendarMode {
    if calendar.mode == .agenda || size.width < 70 || size.height < 16 { return .agenda }
    return calendar.mode
  }

  var calendarDay: Day { calendar.selected ?? Day(now, in: timeZone) }

  /// The read for what the calendar shows now.
  func calendarQuery() -> CalendarQuery {
    let day = calendarDay
    switch calendarMode {
    case .month:
      let grid = CalendarDays.monthGrid(day)
      return CalendarQuery(
        mode: .month, first: grid.first, days: grid.days, zone: timeZone, now: now,
        generation: calendar.generation)
    case .week:
      return CalendarQuery(
        mode: .week, first: CalendarDays.monday(of: day), days: 7, zone: timeZone, now: now,
        generation: calendar.generation)
    case .agenda:
      return CalendarQuery(
        mode: .agenda, first: day, days: CalendarDays.agendaDays, zone: timeZone, now: now,
        generation: calendar.generation)
    }
  }
}
