import Foundation
import Model
import Store
import Terminal

/// The runtime's reminder clock: the store is asked for the reminders of the time since the
/// last ask, those going off the first time and the snoozed ones whose snooze ended (this
/// session's or an earlier one's: snoozes are kept in the store).
func reminderTick(_ state: inout AppState, _ now: Date) -> [Effect] {
  state.now = now
  guard let from = state.reminders.checkedUntil else {
    // Those that went off before the start are `crm remind`'s to report.
    state.reminders.checkedUntil = now
    return []
  }
  guard !state.reminders.checking, now > from else { return [] }
  state.reminders.checking = true
  return [.checkReminders(from: from, to: now, zone: state.timeZone)]
}

func remindersDue(_ state: inout AppState, _ found: [ShownReminder], checkedUntil: Date)
  -> [Effect]
{
  state.reminders.checking = false
  state.reminders.checkedUntil = max(state.reminders.checkedUntil ?? checkedUntil, checkedUntil)
  let known = Set(state.reminders.due.map(\.id))
  let new = found.filter { !known.contains($0.id) }
  // A snoozed one back from the store is no longer snoozed.
  let back = Set(new.map(\.id))
  state.reminders.snoozed.removeAll { back.contains($0.id) }
  return announce(&state, new)
}

/// New reminders go to the top of the list and the status bar, with the bell.
private func announce(_ state: inout AppState, _ reminders: [ShownReminder]) -> [Effect] {
  guard let latest = reminders.max(by: { $0.fireAt < $1.fireAt }) else { return [] }
  state.reminders.due = reminders.sorted { $0.fireAt > $1.fireAt } + state.reminders.due
  state.status = StatusMessage(
    text: state.text("reminder.status", latest.title, reminderTime(latest.when, state)),
    isError: false)
  return state.reminders.bell ? [.bell] : []
}

/// Keys while the notifications list is open: move, snooze, dismiss, close. Snoozing and
/// dismissing are written to the store.
func updateNotificationsKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  var reminders = state.reminders
  let count = reminders.due.count
  var effects: [Effect] = []
  switch key {
  case .escape, .char("q"), .char("!"):
    reminders.open = false
  case .char("j"), .down:
    reminders.selected = min(reminders.selected + 1, max(0, count - 1))
  case .char("k"), .up:
    reminders.selected = max(0, reminders.selected - 1)
  case .char("z"), .char("d"), .char("x"):
    guard reminders.due.indices.contains(reminders.selected) else { return [.bell] }
    let reminder = reminders.due.remove(at: reminders.selected)
    reminders.snoozed.removeAll { $0.id == reminder.id }
    if key == .char("z") {
      reminders.snoozed.append(reminder)
      let until = state.now.addingTimeInterval(ReminderState.snooze)
      effects.append(.markReminder(.snooze(reminder, until: until)))
    } else {
      effects.append(.markReminder(.dismiss(reminder)))
    }
    reminders.selected = min(reminders.selected, max(0, reminders.due.count - 1))
  default:
    return []
  }
  state.reminders = reminders
  return effects
}

/// "14:30" in the user's zone, or nothing for an activity with no time.
func reminderTime(_ when: Date?, _ state: AppState) -> String {
  guard let when else { return "" }
  return clockTime(when, state.timeZone)
}

/// "09:05": hours and minutes in `zone`, 24-hour.
func clockTime(_ date: Date, _ zone: TimeZone) -> String {
  let seconds = Int(date.timeIntervalSince1970) + zone.secondsFromGMT(for: date)
  let minutes = ((seconds / 60) % 1440 + 1440) % 1440
  return String(format: "%02d:%02d", minutes / 60, minutes % 60)
}
