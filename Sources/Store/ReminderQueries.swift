import Foundation
import GRDB
import Model

/// One reminder going off: the activity, the occurrence it is about (the activity's own time,
/// or one occurrence of a recurring one) and when it fires.
public struct DueReminder: Sendable, Hashable {
  public var activity: Activity
  public var occurrence: Date
  /// When it first went off (with the activity and occurrence, what names the reminder).
  public var fireAt: Date
  /// When a snoozed reminder goes off again; nil for one going off the first time.
  public var snoozedUntil: Date?

  public init(activity: Activity, occurrence: Date, fireAt: Date, snoozedUntil: Date? = nil) {
    self.activity = activity
    self.occurrence = occurrence
    self.fireAt = fireAt
    self.snoozedUntil = snoozedUntil
  }

  /// When it goes off in the span asked for: the snooze's end, else its own time.
  public var goesOffAt: Date { snoozedUntil ?? fireAt }
}

/// Reminders that go off in a span of time (for `crm remind` and the TUI's notifications), and
/// when `crm remind` last ran.
extension Store {
  /// How far before its time a reminder may fire (`Reminders.maxMinutes`), plus a day for an
  /// all-day activity, whose reminders count from 09:00 on its day rather than midnight.
  static let reminderReach: TimeInterval = Double(Reminders.maxMinutes) * 60 + 86_400 * 2

  /// The reminders of open activities that go off in [from, to), earliest first; a
  /// recurring activity's for each of its occurrences. Times follow `zone` (all-day anchors,
  /// whole days). A reminder snoozed (`snoozeReminder`) goes off at the snooze's end instead
  /// of its own time, and a dismissed one (`dismissReminder`) not at all.
  public func dueReminders(from: Date, to: Date, zone: TimeZone = .current) throws
    -> [DueReminder]
  {
    guard from < to else { return [] }
    let marked = try reminderMarks(firingFrom: from, to: to)
    let first = try firstReminders(from: from, to: to, zone: zone).filter {
      !marked.contains(ReminderKey($0))
    }
    return (first + (try snoozesEnding(from: from, to: to, zone: zone))).sorted {
      ($0.goesOffAt, $0.occurrence, $0.activity.id) < ($1.goesOffAt, $1.occurrence, $1.activity.id)
    }
  }

  /// The reminders that go off for the first time in [from, to), marked or not.
  private func firstReminders(from: Date, to: Date, zone: TimeZone) throws -> [DueReminder] {
    let range = from..<to
    // An activity whose reminders can fire in the range happens in this wider span.
    let earliest = from.addingTimeInterval(-86_400 * 2)
    let latest = to.addingTimeInterval(Self.reminderReach)
    return try reader.read { db in
      var result: [DueReminder] = []
      let once = try Activity.fetchCursor(
        db,
        sql: """
          SELECT * FROM activities
          WHERE deleted = 0 AND doneAt IS NULL AND reminders <> '[]' AND recurrence IS NULL
            AND coalesce(startAt, dueAt) >= ? AND coalesce(startAt, dueAt) < ?
          """, arguments: [earliest, latest])
      while let activity = try once.next() {
        guard let when = activity.when else { continue }
        for fire in Reminders.due(activity, in: range, zone: zone) {
          result.append(DueReminder(activity: activity, occurrence: when, fireAt: fire))
        }
      }
      let recurring = try Activity.fetchCursor(
        db,
        sql: """
          SELECT * FROM activities
          WHERE deleted = 0 AND doneAt IS NULL AND reminders <> '[]'
            AND recurrence IS NOT NULL AND coalesce(startAt, dueAt) < ?
          """, arguments: [latest])
      while let activity = try recurring.next() {
        guard let start = activity.when, let rule = activity.recurrence else { continue }
        let occurrences = rule.occurrences(
          start: start, in: earliest..<latest, timeZone: zone, limit: 100_000)
        for occurrence in occurrences {
          let fires = Reminders.fireTimes(
            activity.reminders, at: occurrence, allDay: activity.allDay,
            zone: rule.zone(fallback: zone))
          for fire in fires where range.contains(fire) {
            result.append(DueReminder(activity: activity, occurrence: occurrence, fireAt: fire))
          }
        }
      }
      return result.sorted {
        ($0.fireAt, $0.occurrence, $0.activity.id) < ($1.fireAt, $1.occurrence, $1.activity.id)
      }
    }
  }

  /// When `crm remind` last ran, nil before its first run.
  public func lastRemindRun() throws -> Date? {
    try reader.read { db in
      try Meta.get(db, .remindLastRun).flatMap { Double.fromDatabaseValue($0) }
        .map { Date(timeIntervalSince1970: $0) }
    }
  }

  /// Keeps the time of this run of `crm remind`. A fact about this replica, like the clock:
  /// not a change of any record, so not in the change log and not undone.
  public func recordRemindRun(_ date: Date) throws {
    try pool.write { db in try Meta.set(db, .remindLastRun, date.timeIntervalSince1970) }
  }
}
