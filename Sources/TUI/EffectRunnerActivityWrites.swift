import Foundation
import Model
import Store

/// The writes of the activity features beside views 4 and 5: a logged call, one occurrence
/// of a series done or moved, and a reminder snoozed or dismissed.
extension EffectRunner {
  static func performActivityWrite(_ effect: Effect, store: Store, catalog: Catalog) throws
    -> Msg
  {
    switch effect {
    case .logCall:
      return try performCallLog(effect, store: store, catalog: catalog)
    case .writeOccurrence(.done(let id, let occurrence, let at, let zone)):
      let single = try store.setOccurrenceDone(id, occurrence: occurrence, zone: zone, now: at)
      return .activityWritten(
        StatusMessage(text: catalog.text("activities.status.done", single.title), isError: false))
    case .writeOccurrence(.reschedule(let id, let occurrence, let moment, let zone)):
      let single = try store.rescheduleOccurrence(
        id, occurrence: occurrence, to: moment, zone: zone)
      return .activityWritten(
        StatusMessage(
          text: catalog.text("activities.status.rescheduled", single.title), isError: false))
    case .markReminder(.snooze(let reminder, let until)):
      try store.snoozeReminder(
        activityId: reminder.activityId, occurrence: reminder.when ?? reminder.fireAt,
        fireAt: reminder.fireAt, until: until)
      return .reminderMarked
    case .markReminder(.dismiss(let reminder)):
      try store.dismissReminder(
        activityId: reminder.activityId, occurrence: reminder.when ?? reminder.fireAt,
        fireAt: reminder.fireAt)
      return .reminderMarked
    default:
      return .failed("internal: \(effect) is not an activity write")
    }
  }
}
