import Foundation

/// A recurring activity seen one occurrence at a time: the copies lists show, each with its
/// own date, and whether a series is overdue.
///
///     standup.occurrences(in: thisWeek, zone: berlin)      // one copy per meeting
///     standup.isOverdueOccurring(now: now, zone: berlin)   // one missed lately?
extension Activity {
  /// How far back and ahead lists expand a series: view 5's overdue and upcoming sections,
  /// and a `crm activity list --from` without `--to`.
  public static let occurrenceWindow: TimeInterval = 14 * 86_400

  /// Whether this is (a copy of) a recurring activity.
  public var isRecurring: Bool { recurrence != nil }

  /// A copy at `occurrence` (its due, start and end moved there together, the rule kept, so
  /// `isRecurring` tells it is one occurrence of a series).
  public func moved(toOccurrence occurrence: Date) -> Activity {
    guard let when else { return self }
    var copy = self
    let shift = occurrence.timeIntervalSince(when)
    copy.dueAt = copy.dueAt?.addingTimeInterval(shift)
    copy.startAt = copy.startAt?.addingTimeInterval(shift)
    copy.endAt = copy.endAt?.addingTimeInterval(shift)
    return copy
  }

  /// The occurrences that start in `range` (the rule's own zone, else `zone`), as copies;
  /// nothing for an activity that does not repeat or a done series.
  public func occurrences(in range: Range<Date>, zone: TimeZone, limit: Int = 1_000) -> [Activity] {
    guard !isDone, let when, let recurrence else { return [] }
    return recurrence.occurrences(
      start: when, in: range, timeZone: recurrence.zone(fallback: zone), limit: limit
    ).map { moved(toOccurrence: $0) }
  }

  /// Whether the series has an occurrence at `date` (to the second).
  public func hasOccurrence(at date: Date, zone: TimeZone) -> Bool {
    guard let when, let recurrence else { return false }
    let second = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    guard
      let next = recurrence.nextOccurrence(
        start: when, onOrAfter: second, timeZone: recurrence.zone(fallback: zone))
    else { return false }
    return next.timeIntervalSince1970.rounded(.down) == second.timeIntervalSince1970
  }

  /// Whether a row of a list or the calendar is marked overdue at `now`: an activity that
  /// happens once by its own time (`isOverdue`), an occurrence of a series (a copy) only when
  /// it is missed within the overdue window, as view 5 lists it; an older one is history.
  public func isOverdueAsListed(now: Date, zone: TimeZone) -> Bool {
    guard isOverdue(now: now, zone: zone) else { return false }
    guard isRecurring, let when else { return true }
    return when >= now.addingTimeInterval(-Self.occurrenceWindow)
  }

  /// Whether a series is overdue at `now`: one of its occurrences in the overdue window (the
  /// last `occurrenceWindow`) has passed without being done (done ones are taken out of the
  /// series). An activity that happens once is overdue by `isOverdue(now:zone:)`.
  public func isOverdueOccurring(now: Date, zone: TimeZone) -> Bool {
    guard isRecurring else { return isOverdue(now: now, zone: zone) }
    let from = now.addingTimeInterval(-Self.occurrenceWindow)
    return occurrences(in: from..<now, zone: zone, limit: 10_000).contains {
      $0.isOverdue(now: now, zone: zone)
    }
  }
}
