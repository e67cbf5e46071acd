import Foundation
import GRDB
import Model

/// What names one reminder: the activity, the occurrence it is about and the moment it first
/// went off, in whole seconds (migration v11's `reminder_marks` key).
struct ReminderKey: Hashable {
  var activityId: String
  var occurrence: Int64
  var fireAt: Int64

  init(activityId: String, occurrence: Date, fireAt: Date) {
    self.init(activityId: activityId, seconds: Self.second(occurrence), Self.second(fireAt))
  }

  init(activityId: String, seconds occurrence: Int64, _ fireAt: Int64) {
    self.activityId = activityId
    self.occurrence = occurrence
    self.fireAt = fireAt
  }

  init(_ reminder: DueReminder) {
    self.init(
      activityId: reminder.activity.id, occurrence: reminder.occurrence, fireAt: reminder.fireAt)
  }

  static func second(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}

/// Snoozing and dismissing a reminder, kept in the database so that a restarted TUI and
/// `crm remind` honour them (see `dueReminders`).
extension Store {
  /// How long a mark is kept: past the longest look-back of `crm remind` (60 days).
  static let reminderMarkLife: TimeInterval = 90 * 86_400

  /// The reminder of `activityId` about `occurrence` that went off at `fireAt` goes off
  /// again at `until` (a later snooze replaces an earlier one).
  public func snoozeReminder(
    activityId: String, occurrence: Date, fireAt: Date, until: Date, now: Date = Date()
  ) throws {
    try mark(activityId, occurrence, fireAt, snoozedUntil: until, now: now)
  }

  /// The reminder goes off no more, snoozed or not.
  public func dismissReminder(
    activityId: String, occurrence: Date, fireAt: Date, now: Date = Date()
  ) throws {
    try mark(activityId, occurrence, fireAt, snoozedUntil: nil, now: now)
  }

  private func mark(
    _ activityId: String, _ occurrence: Date, _ fireAt: Date, snoozedUntil: Date?, now: Date
  ) throws {
    let key = ReminderKey(activityId: activityId, occurrence: occurrence, fireAt: fireAt)
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO reminder_marks
            (activityId, occurrence, fireAt, snoozedUntil, markedAt) VALUES (?, ?, ?, ?, ?)
          """,
        arguments: [
          key.activityId, key.occurrence, key.fireAt,
          snoozedUntil?.timeIntervalSince1970, now.timeIntervalSince1970,
        ])
      try db.execute(
        sql: "DELETE FROM reminder_marks WHERE markedAt < ?",
        arguments: [now.timeIntervalSince1970 - Self.reminderMarkLife])
    }
  }

  /// The marked reminders (snoozed or dismissed) that first went off in [from, to].
  func reminderMarks(firingFrom from: Date, to: Date) throws -> Set<ReminderKey> {
    try reader.read { db in
      var keys: Set<ReminderKey> = []
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT activityId, occurrence, fireAt FROM reminder_marks
          WHERE fireAt >= ? AND fireAt <= ?
          """, arguments: [ReminderKey.second(from), ReminderKey.second(to)])
      {
        keys.insert(ReminderKey(activityId: row[0], seconds: row[1], row[2]))
      }
      return keys
    }
  }

  /// The snoozed reminders of open activities whose snooze ends in [from, to).
  func snoozesEnding(from: Date, to: Date, zone: TimeZone) throws -> [DueReminder] {
    try reader.read { db in
      var result: [DueReminder] = []
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT m.occurrence, m.fireAt, m.snoozedUntil, a.* FROM reminder_marks m
          JOIN activities a ON a.id = m.activityId
          WHERE m.snoozedUntil >= ? AND m.snoozedUntil < ? AND a.deleted = 0
            AND a.doneAt IS NULL
          ORDER BY m.snoozedUntil
          """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970])
      {
        let activity = try Activity(row: row)
        let occurrence = Date(timeIntervalSince1970: Double(row[0] as Int64))
        // An occurrence taken out of its series since (done or moved on its own) reminds
        // no more from the series.
        if activity.isRecurring, !activity.hasOccurrence(at: occurrence, zone: zone) {
          continue
        }
        result.append(
          DueReminder(
            activity: activity, occurrence: occurrence,
            fireAt: Date(timeIntervalSince1970: Double(row[1] as Int64)),
            snoozedUntil: Date(timeIntervalSince1970: row[2])))
      }
      return result
    }
  }
}
