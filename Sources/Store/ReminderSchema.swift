import GRDB

extension Schema {
  /// Migration "v11: reminder snoozes and dismissals": what the user did with a reminder that
  /// went off, so a restarted TUI and `crm remind` honour it. One row per reminder (the
  /// activity, the occurrence it is about and the moment it first went off, in whole seconds
  /// since 1970): snoozed until a moment, or dismissed (`snoozedUntil` NULL). A fact about
  /// this replica and its user, like `crm remind`'s last run: not in the change log, not
  /// synced, not undone.
  static func createReminderMarks(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE reminder_marks (
          activityId TEXT NOT NULL,
          occurrence INTEGER NOT NULL,
          fireAt INTEGER NOT NULL,
          snoozedUntil DOUBLE,
          markedAt DOUBLE NOT NULL,
          PRIMARY KEY (activityId, occurrence, fireAt)
        ) WITHOUT ROWID;
        -- Snoozes that end in a span of time (the TUI's clock, `crm remind`).
        CREATE INDEX reminder_marks_by_snooze ON reminder_marks(snoozedUntil)
          WHERE snoozedUntil IS NOT NULL;
        """)
  }
}
