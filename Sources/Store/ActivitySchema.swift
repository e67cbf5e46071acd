import GRDB

extension Schema {
  /// Migration "v7: activity recurrence, priority and sources": what issue 5's activities
  /// carry beyond the first schema. Each is an ordinary column of `Activity`, written through
  /// the change log like every field.
  static func extendActivities(_ db: Database) throws {
    try db.execute(
      sql: """
        -- The Model's Recurrence as its JSON text; NULL for an activity that happens once.
        ALTER TABLE activities ADD COLUMN recurrence TEXT;
        ALTER TABLE activities ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
        ALTER TABLE activities ADD COLUMN location TEXT;
        -- The iCalendar UID an activity was imported with, so a re-import updates it.
        ALTER TABLE activities ADD COLUMN sourceId TEXT;
        CREATE INDEX activities_by_source ON activities(sourceId)
          WHERE deleted = 0 AND sourceId IS NOT NULL;
        -- Reminders due: open activities that have reminders, by their moment (those that
        -- happen once) and the recurring ones apart (their occurrences are computed).
        CREATE INDEX activities_reminded_by_when ON activities(coalesce(startAt, dueAt))
          WHERE deleted = 0 AND doneAt IS NULL AND reminders <> '[]' AND recurrence IS NULL;
        CREATE INDEX activities_reminded_recurring ON activities(coalesce(startAt, dueAt))
          WHERE deleted = 0 AND doneAt IS NULL AND reminders <> '[]'
            AND recurrence IS NOT NULL;
        """)
  }

  /// Migration "v8: recurring activities by time": the calendar's second read takes the
  /// recurring activities that start before the end of the range; without this index it
  /// scanned every activity (100k imported items) to find the few with a rule.
  static func indexRecurringActivities(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE INDEX activities_recurring ON activities(coalesce(startAt, dueAt))
          WHERE deleted = 0 AND recurrence IS NOT NULL;
        """)
  }
}
