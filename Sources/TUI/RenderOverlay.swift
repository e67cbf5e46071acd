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
  }
}

private func renderPicker(
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

private func renderDetail(_ detail: DealDetail, _ state: AppState, into buffer: inout ScreenBuffer)
{
  let screen = buffer.area
  let s = detail.summary
  var lines: [(String, Style)] = []
  func field(_ key: String, _ value: String?) {
    guard let value, !value.isEmpty else { return }
    lines.append(("\(state.text(key)): \(value)", Style(Role.modal)))
  }
  field("detail.value", s.deal.value.formatted(locale: state.locale))
  field("detail.stage", "\(s.pipelineName) › \(s.stageName)")
  field("detail.priority", s.deal.priority.rawValue)
  field("detail.close", s.deal.closeDate.map { shortDate($0, state.locale) })
  field("detail.owner", s.ownerName)
  field("detail.company", s.companyName)
  field("detail.lostReason", s.deal.lostReason)
  field(
    "detail.contacts",
    detail.contacts.map { $0.contact.fullName + ($0.role.map { " (\($0))" } ?? "") }.joined(
      separator: ", "))
  lines.append(("", .normal))
  lines.append((state.text("detail.history"), Style(Role.title, .bold)))
  for entry in detail.stageHistory.reversed() {
    let from = entry.fromStageName.map { "\($0) → " } ?? ""
    lines.append(
      (
        "  \(shortDate(Day(entry.change.at), state.locale))  \(from)\(entry.toStageName)  \(durationText(entry.duration))",
        Style(Role.modal)
      ))
  }
  if !detail.activities.isEmpty {
    lines.append(("", .normal))
    lines.append((state.text("detail.activities"), Style(Role.title, .bold)))
    for activity in detail.activities {
      let when = activity.when.map { shortDate(Day($0), state.locale) } ?? ""
      let style = activity.isOverdue(now: state.now) ? Style("overdue") : Style(Role.modal)
      lines.append(("  \(activity.isDone ? "✓" : "·") \(when)  \(activity.title)", style))
    }
  }
  if !detail.notes.isEmpty {
    lines.append(("", .normal))
    lines.append((state.text("detail.notes"), Style(Role.title, .bold)))
    for note in detail.notes {
      for line in wrap(note.body, width: max(10, min(screen.width, 72) - 6)) {
        lines.append(("  " + line, Style(Role.modal)))
      }
    }
  }
  let modal = Modal(
    title: s.deal.title, width: min(screen.width, 72), height: min(screen.height, lines.count + 2))
  let inner = modal.render(into: &buffer, screen: screen)
  for (index, line) in lines.enumerated() where index < inner.height {
    buffer.put(line.0, x: inner.x, y: inner.y + index, style: line.1, clip: inner)
  }
}

/// "3d", "5h", "12m": how long a deal sat in a stage.
func durationText(_ seconds: TimeInterval) -> String {
  let minutes = Int(seconds / 60)
  if minutes < 60 { return "\(minutes)m" }
  if minutes < 48 * 60 { return "\(minutes / 60)h" }
  return "\(minutes / 1440)d"
}
