import Foundation

/// When an activity is overdue: not done, and the moment it should have happened is past.
///
/// - A task is overdue once its due time (else its start) has passed.
/// - A meeting or call is overdue once its end (else its start) has passed and it is not done:
///   a meeting in progress is not overdue yet.
/// - An all-day activity is overdue once its last day has ended in the user's zone: a task
///   due today is not overdue until midnight. An all-day activity's `endAt`, when given, is the
///   start of the day after its last day (as iCalendar's DTEND); without one it lasts one day.
/// - Done activities and activities with no time are never overdue.
///
/// `Activity.isOverdue(now:)` (start or due time, no zone) stays for what already uses it;
/// screens that know the user's zone use `isOverdue(now:zone:)`.
public enum Overdue {
  /// The moment after which the activity is overdue, nil when it cannot be.
  public static func deadline(
    kind: ActivityKind, dueAt: Date?, startAt: Date?, endAt: Date?, allDay: Bool,
    zone: TimeZone
  ) -> Date? {
    let moment: Date?
    switch kind {
    case .task: moment = dueAt ?? startAt
    case .call, .meeting:
      if allDay {
        moment = startAt ?? dueAt
      } else {
        moment = [startAt, endAt].compactMap { $0 }.max() ?? dueAt
      }
    }
    guard let moment else { return nil }
    guard allDay else { return moment }
    let lastDayEnd = Day(moment, in: zone).adding(days: 1).start(in: zone)
    if kind != .task, let endAt, endAt > lastDayEnd {
      // The exclusive end of a multi-day event: the start of the day after its last day.
      return Day(endAt.addingTimeInterval(-1), in: zone).adding(days: 1).start(in: zone)
    }
    return lastDayEnd
  }

  /// Whether an activity with these times, done or not, is overdue at `now`.
  public static func isOverdue(
    kind: ActivityKind, dueAt: Date?, startAt: Date?, endAt: Date?, allDay: Bool, done: Bool,
    now: Date, zone: TimeZone
  ) -> Bool {
    guard !done,
      let deadline = deadline(
        kind: kind, dueAt: dueAt, startAt: startAt, endAt: endAt, allDay: allDay, zone: zone)
    else { return false }
    // A timed deadline passes at its moment; an all-day one at the start of the next day.
    return allDay ? now >= deadline : now > deadline
  }
}

extension Activity {
  /// Whether the activity is overdue at `now` for a user in `zone` (see `Overdue`).
  public func isOverdue(now: Date, zone: TimeZone) -> Bool {
    Overdue.isOverdue(
      kind: kind, dueAt: dueAt, startAt: startAt, endAt: endAt, allDay: allDay, done: isDone,
      now: now, zone: zone)
  }

  /// The moment after which it is overdue (nil when it cannot be), for sorting and marks.
  public func overdueDeadline(zone: TimeZone) -> Date? {
    Overdue.deadline(
      kind: kind, dueAt: dueAt, startAt: startAt, endAt: endAt, allDay: allDay, zone: zone)
  }
}
