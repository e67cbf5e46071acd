import Foundation
import Model
import Store
import TUI

/// The calendar's cases (view 4): the month's first read, which the first paint of
/// `crm --view calendar` waits for, its second read (recurring activities' occurrences),
/// and the whole first frame as the app makes it. Their notes name how many activities
/// the database holds (`calendar.activities`): generate it with `--activities 100000` to
/// time issue 5's month.
extension BenchSuite {
  static func calendar(_ c: BenchContext) throws -> [BenchCase] {
    let zone = TimeZone.current
    let today = Day(Date(), in: zone)
    let grid = CalendarDays42.grid(today)
    let days = (0..<42).map { grid.adding(days: $0) }
    return [
      BenchCase(
        "calendar.month", targetMs: 10,
        note: "daySummaries of this month's 42 days, titles: 4, without recurring ones "
          + "(the first read of view 4)"
      ) { _ in
        _ = try c.store.daySummaries(days, zone: zone, titles: 4, recurring: false)
      },
      BenchCase(
        "calendar.month.recurring", iterations: max(20, c.iterations / 4),
        note: "the same with recurring activities' occurrences (the second read)"
      ) { _ in
        _ = try c.store.daySummaries(days, zone: zone, titles: 4, recurring: true)
      },
      BenchCase(
        "tui.calendar.first.month", targetMs: 30,
        note: "Store(path:), key 4, its .loadCalendar via EffectRunner, calendarLoaded, "
          + "render at 120x40 (the first read only)"
      ) { _ in
        try CalendarSession.firstMonth(path: c.path)
      },
      .figure("calendar.activities", unit: "rows", note: "activities in the database") { _ in
        Double(try c.store.count(.activity))
      },
    ]
  }
}

/// The first Monday of the month grid holding `day` (as the calendar lays it out: six
/// weeks from the Monday on or before the 1st).
enum CalendarDays42 {
  static func grid(_ day: Day) -> Day {
    let first = try! Day(year: day.year, month: day.month, day: 1)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let sunday1 = calendar.component(.weekday, from: first.start(in: calendar.timeZone))
    return first.adding(days: -((sunday1 + 5) % 7))
  }
}

/// The app on one database, opened on the calendar, without a terminal.
enum CalendarSession {
  /// What `crm --view calendar` does before its first frame: open the store, ask for the
  /// month (the key 4 asks as the start does), read it, take it in, draw it.
  static func firstMonth(path: String) throws {
    let store = try Store(path: path, checkpointInBackground: true)
    var state = AppState(
      size: .init(width: 120, height: 40),
      databaseName: URL(fileURLWithPath: path).lastPathComponent)
    let effects = update(&state, .key(.char("4")))
    guard let load = effects.first(where: { if case .loadCalendar = $0 { true } else { false } })
    else { throw BenchError("the key 4 asked for \(effects), not the month") }
    let query = BoardQuery(filter: "", cardsPerStage: state.cardsPerStage, pipelineId: nil)
    let message = EffectRunner.perform(load, store: store, query: query, catalog: state.catalog)
    if case .failed(let reason) = message { throw BenchError("\(load): \(reason)") }
    _ = update(&state, message)
    guard state.calendar.loadedQuery != nil else {
      throw BenchError("the month was not taken in after \(message)")
    }
    _ = render(state)
  }
}
