import Foundation
import Model
import Store
import Terminal

/// View 5: the sections as tabs with the mine / everyone's switch, then one activity a row;
/// the reschedule prompt takes the status bar, the assignee picker a popup.
func renderActivityList(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
  guard area.height >= 2 else { return }
  let view = state.activityList
  let header = Rect(x: area.x, y: area.y, width: area.width, height: 1)
  buffer.fill(header, style: Style("stage.header"))
  var x = area.x + 1
  for section in ActivitySection.allCases {
    var label = state.text("activities.section.\(section.rawValue)")
    if section == view.section, view.loaded {
      label += " " + (view.total > 10_000 ? "10000+" : String(view.total))
    }
    let style = Style("stage.header", section == view.section ? [.bold, .reverse] : [])
    x = buffer.put(" \(label) ", x: x, y: area.y, style: style, clip: header)
    x = buffer.put(" ", x: x, y: area.y, style: Style("stage.header"), clip: header)
  }
  let who = state.text(view.mine ? "activities.mine" : "activities.everyone")
  if x + displayWidth(who) + 2 <= header.maxX {
    buffer.put(
      who + " ", x: header.maxX - displayWidth(who) - 1, y: area.y,
      style: Style("stage.header", .bold), clip: header)
  }
  let body = area.inset(top: 1)
  if view.rows.isEmpty {
    if view.loaded {
      buffer.put(
        truncate(state.text("activities.empty"), toWidth: body.width - 2), x: body.x + 1,
        y: body.y + 1, style: Style("card.dim"))
    }
  } else {
    let offset = view.list.visible(count: view.rows.count, visibleRows: body.height).offset
    let shown = offset..<min(view.rows.count, offset + body.height)
    for (line, index) in shown.enumerated() {
      renderActivityLine(
        view.rows[index], focused: index == view.list.selected, showDate: true, state: state,
        area: Rect(x: body.x, y: body.y + line, width: body.width, height: 1), into: &buffer)
    }
  }
  if case .reassign(let picker, _, let users)? = view.prompt {
    renderPicker(state.text("activities.reassign"), users.map(\.name), picker, into: &buffer)
  }
}

/// The reschedule prompt, drawn over the status bar as the list search is.
func renderReschedulePrompt(_ state: AppState, into buffer: inout ScreenBuffer) -> Bool {
  guard state.view == .activities, case .reschedule(let input, _, _)? = state.activityList.prompt
  else { return false }
  let y = state.size.height - 1
  let area = Rect(x: 0, y: y, width: state.size.width, height: 1)
  buffer.fill(area, style: Style(Role.input))
  let x = buffer.put(
    state.text("activities.reschedulePrompt"), x: 0, y: y, style: Style(Role.input, .bold))
  TextInput(state: input, focused: true).render(
    into: &buffer, area: Rect(x: x, y: y, width: area.width - x, height: 1))
  return true
}
