import Foundation

/// Done or a new time on one occurrence of a recurring activity: the split it makes.
///
///     let (series, single) = standup.detaching(monday, now: now)
///
/// An occurrence is changed by taking it out of the series (`Recurrence.excludedDates`) and
/// keeping it as an activity of its own, not recurring, whose source id names the series and
/// the occurrence's original moment (`ChangedOccurrence`), as RFC 5545 keeps a changed
/// instance (same UID, RECURRENCE-ID). The series keeps its start, rule and count, so the
/// other occurrences stay where they were.
extension Activity {
  /// The series without the occurrence at `occurrence`, and that occurrence as an activity
  /// of its own (new id, not recurring, created `now`), for done or a new time on one
  /// occurrence. The caller checks `hasOccurrence(at:)` first.
  public func detaching(_ occurrence: Date, now: Date) -> (series: Activity, single: Activity) {
    var series = self
    series.recurrence?.excludedDates.insert(occurrence)
    var single = moved(toOccurrence: occurrence)
    single.id = UUIDv7.generate()
    single.recurrence = nil
    single.doneAt = nil
    single.sourceId =
      ChangedOccurrence(seriesId: sourceId ?? id, occurrence: occurrence, allDay: allDay).sourceId
    single.createdAt = now
    single.updatedAt = now
    return (series, single)
  }
}
