import Foundation
import Model
import Store

/// A reminder that went off while the TUI runs.
public struct ShownReminder: Hashable, Sendable, Identifiable {
  public var activityId: String
  public var title: String
  /// The activity's moment (the occurrence's, for a recurring one), shown next to the title.
  public var when: Date?
  /// When it first went off: with the activity and the moment, what names the reminder in
  /// the store's snoozes and dismissals.
  public var fireAt: Date

  public var id: String { "\(activityId)@\(fireAt.timeIntervalSince1970)" }

  public init(activityId: String, title: String, when: Date?, fireAt: Date) {
    self.activityId = activityId
    self.title = title
    self.when = when
    self.fireAt = fireAt
  }
}

/// What `z` and `d` do to a reminder, kept in the store (migration v11) so that a restarted
/// TUI and `crm remind` honour it: a snoozed one goes off again when the snooze ends, a
/// dismissed one no more.
public enum ReminderMark: Sendable, Hashable {
  case snooze(ShownReminder, until: Date)
  case dismiss(ShownReminder)
}

/// The notifications: reminders due and not yet dismissed, those snoozed in this session
/// (the store brings them back when the snooze ends), and up to when the store was last
/// asked.
public struct ReminderState: Sendable {
  public var due: [ShownReminder] = []
  public var snoozed: [ShownReminder] = []
  /// Reminders that went off before this were asked for already (or before the start: those
  /// are `crm remind`'s).
  public var checkedUntil: Date?
  public var checking = false
  /// The notifications list is open (`!`), with its selection.
  public var open = false
  public var selected = 0
  /// Ring the terminal bell when one goes off (`ui.bell = false` in the config turns it off).
  public var bell = true

  public init() {}

  /// How long `z` snoozes a reminder.
  public static let snooze: TimeInterval = 10 * 60
  /// How often the runtime asks the store.
  public static let interval: TimeInterval = 5
}
