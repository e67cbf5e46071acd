import Foundation
import Model
import Terminal

/// The notifications list (`!`): the reminders that went off, newest first, with the keys
/// to snooze and dismiss them on its last row.
func renderNotifications(_ state: AppState, into buffer: inout ScreenBuffer) {
  let screen = buffer.area
  let reminders = state.reminders.due
  let modal = Modal(
    title: state.text("reminder.title", String(reminders.count)),
    width: min(64, screen.width), height: min(screen.height, max(6, reminders.count + 4)))
  let inner = modal.render(into: &buffer, screen: screen)
  let (body, footer) = inner.splitBottom(1)
  if reminders.isEmpty {
    buffer.put(
      truncate(state.text("reminder.none"), toWidth: body.width), x: body.x, y: body.y,
      style: Style("card.dim"), clip: body)
  }
  let offset = ListState(selected: state.reminders.selected)
    .visible(count: reminders.count, visibleRows: body.height).offset
  let shown = offset..<min(reminders.count, offset + body.height)
  for (line, index) in shown.enumerated() {
    let reminder = reminders[index]
    let row = Rect(x: body.x, y: body.y + line, width: body.width, height: 1)
    let style = Style(index == state.reminders.selected ? Role.selection : Role.normal)
    buffer.fill(row, style: style)
    let time = reminderTime(reminder.when, state)
    let x = buffer.put(
      "⏰ " + (time.isEmpty ? "" : time + " "), x: row.x, y: row.y, style: style.with(.bold),
      clip: row)
    buffer.put(
      truncate(reminder.title, toWidth: max(0, row.maxX - x)), x: x, y: row.y, style: style,
      clip: row)
  }
  buffer.put(
    truncate(state.text("reminder.hint"), toWidth: footer.width), x: footer.x, y: footer.y,
    style: Style("card.dim"), clip: footer)
}
