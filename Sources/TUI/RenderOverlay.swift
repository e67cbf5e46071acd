import Foundation
import Model
import Store
import Terminal

/// Popups drawn over the view: help, palette, pickers, confirm, the deal form and detail.
func renderOverlay(_ overlay: Overlay, _ state: AppState, into buffer: inout ScreenBuffer) {
  let screen = buffer.area
  switch overlay {
  case .help: renderHelp(state, into: &buffer)
  case .palette(let picker):
    renderPicker(
      state.text("palette.title"), paletteActions(state).map { paletteLabel($0, state) }, picker,
      into: &buffer)
  case .stagePicker(let picker, _):
    renderPicker(
      state.text("picker.stage"), state.board?.columns.map(\.stage.name) ?? [], picker,
      into: &buffer)
  case .pipelinePicker(let picker):
    renderPicker(state.text("picker.pipeline"), state.pipelines.map(\.name), picker, into: &buffer)
  case .lostReason(let picker, _, _):
    renderPicker(state.text("picker.lostReason"), lostReasons(state), picker, into: &buffer)
  case .confirmDelete(let confirm, _, let title):
    Confirm(
      title: state.text("confirm.delete", "").trimmingCharacters(
        in: .punctuationCharacters.union(.whitespaces)),
      message: state.text("confirm.delete", title), state: confirm,
      yesLabel: state.text("confirm.yes"),
      noLabel: state.text("confirm.no")
    ).render(into: &buffer, area: screen)
  case .dealForm(let form, let editing):
    let title = state.text(editing == nil ? "form.newDeal" : "form.editDeal")
    let formWidget = Form(state: form)
    let modal = Modal(
      title: title, width: min(64, screen.width), height: min(screen.height, formWidget.height + 3))
    let inner = modal.render(into: &buffer, screen: screen)
    let (body, footer) = inner.splitBottom(1)
    formWidget.render(into: &buffer, area: body)
    buffer.put(
      truncate(state.text("form.hint"), toWidth: footer.width), x: footer.x, y: footer.y,
      style: Style("card.dim"), clip: footer)
  case .filter: break  // drawn in the status bar
  case .detail(let detail): renderDetail(detail, state, into: &buffer)
  case .pipelines(let screen): renderPipelines(screen, state, into: &buffer)
  }
}

func renderPicker(
  _ title: String, _ items: [String], _ picker: PickerState, into buffer: inout ScreenBuffer
) {
  let screen = buffer.area
  let width = min(screen.width, max(30, (items.map(displayWidth).max() ?? 0) + 6))
  let height = min(screen.height, max(6, min(items.count, 12) + 4))
  let area = screen.centered(width: width, height: height)
  // The picker draws only the rows it has matches for: clear the rest of the board under it.
  buffer.fill(area, style: Style(Role.normal))
  Picker(title: title, items: items, state: picker).render(into: &buffer, area: area)
}

/// Every binding, grouped by context, with its keys and what it does: made from the table.
private func renderHelp(_ state: AppState, into buffer: inout ScreenBuffer) {
  let screen = buffer.area
  let rows = state.keys.bindings.map { binding in
    (
      binding.keys.map(\.description).joined(separator: " "),
      state.text("action.\(binding.action.rawValue)")
    )
  }
  let keyWidth = min(18, rows.map { displayWidth($0.0) }.max() ?? 0)
  let width = min(screen.width, 64)
  let modal = Modal(title: state.text("help.title"), width: width, height: screen.height)
  let inner = modal.render(into: &buffer, screen: screen)
  let columns = inner.width >= 60 ? 2 : 1
  let perColumn = (rows.count + columns - 1) / columns
  let columnWidth = inner.width / columns
  for (index, row) in rows.enumerated() {
    let column = index / perColumn
    let y = inner.y + index % perColumn
    guard y < inner.maxY - 1 else { continue }
    let x = inner.x + column * columnWidth
    let clip = Rect(x: x, y: y, width: columnWidth - 1, height: 1)
    buffer.put(
      truncate(row.0, toWidth: keyWidth), x: x, y: y, style: Style(Role.hintKey, .bold), clip: clip)
    buffer.put(row.1, x: x + keyWidth + 1, y: y, style: Style(Role.modal), clip: clip)
  }
  buffer.put(
    state.text("help.footer"), x: inner.x, y: inner.maxY - 1, style: Style("card.dim"), clip: inner)
}

/// "3d", "5h", "12m": how long a deal sat in a stage.
func durationText(_ seconds: TimeInterval) -> String {
  let minutes = Int(seconds / 60)
  if minutes < 60 { return "\(minutes)m" }
  if minutes < 48 * 60 { return "\(minutes / 60)h" }
  return "\(minutes / 1440)d"
}
