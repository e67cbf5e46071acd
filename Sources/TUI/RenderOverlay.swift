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
  case .recordDetail(let detail): renderRecordDetail(detail, state, into: &buffer)
  case .merge(let screen): renderMerge(screen, state, into: &buffer)
  case .companyMerge(let screen): renderCompanyMerge(screen, state, into: &buffer)
  case .importContacts(let dialog): renderImport(dialog, state, into: &buffer)
  case .sync(let screen): renderSyncScreen(screen, state, into: &buffer)
  case .recordForm(let form, let kind):
    renderFormModal(state.text(kind.titleKey), form, state, into: &buffer)
  case .confirmRecordDelete(let confirm, _, let title):
    Confirm(
      title: state.text("confirm.deleteTitle"), message: state.text("confirm.delete", title),
      state: confirm, yesLabel: state.text("confirm.yes"), noLabel: state.text("confirm.no")
    ).render(into: &buffer, area: screen)
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
  let layout = HelpLayout(state: state)
  let modal = Modal(title: state.text("help.title"), width: layout.width, height: state.size.height)
  let inner = modal.render(into: &buffer, screen: buffer.area)
  let columnWidth = inner.width / layout.columns
  let scroll = min(max(0, state.helpScroll), layout.maxScroll)
  for column in 0..<layout.columns {
    for line in 0..<layout.visibleLines {
      let index = column * layout.perColumn + scroll + line
      guard index < min(layout.rows.count, (column + 1) * layout.perColumn) else { break }
      let row = layout.rows[index]
      let x = inner.x + column * columnWidth
      let y = inner.y + line
      let clip = Rect(x: x, y: y, width: columnWidth - 1, height: 1)
      buffer.put(
        truncate(row.keys, toWidth: layout.keyWidth), x: x, y: y,
        style: Style(Role.hintKey, .bold), clip: clip)
      buffer.put(
        truncate(row.text, toWidth: max(0, clip.width - layout.keyWidth - 1)),
        x: x + layout.keyWidth + 1, y: y, style: Style(Role.modal), clip: clip)
    }
  }
  let footer = state.text(layout.maxScroll > 0 ? "help.footerScroll" : "help.footer")
  buffer.put(
    truncate(footer, toWidth: inner.width), x: inner.x, y: inner.maxY - 1,
    style: Style("card.dim"), clip: inner)
}

/// How the help overlay lays out the key table: one or two columns, filled top to bottom,
/// scrolling together when they are longer than the screen.
struct HelpLayout {
  let rows: [(keys: String, text: String)]
  let width: Int
  let columns: Int
  let perColumn: Int
  let visibleLines: Int
  let keyWidth: Int

  init(state: AppState) {
    rows = contextBindings(state).map { binding in
      (binding.keys.map(\.description).joined(separator: " "), actionLabel(binding.action, state))
    }
    width = min(state.size.width, 64)
    let innerWidth = max(0, width - 2)
    columns = innerWidth >= 60 ? 2 : 1
    perColumn = (rows.count + columns - 1) / columns
    // The modal's border takes two lines and the footer one.
    visibleLines = max(1, state.size.height - 3)
    keyWidth = min(18, rows.map { displayWidth($0.keys) }.max() ?? 0)
  }

  var maxScroll: Int { max(0, perColumn - visibleLines) }
}

/// "3d", "5h", "12m": how long a deal sat in a stage.
func durationText(_ seconds: TimeInterval) -> String {
  let minutes = Int(seconds / 60)
  if minutes < 60 { return "\(minutes)m" }
  if minutes < 48 * 60 { return "\(minutes / 60)h" }
  return "\(minutes / 1440)d"
}
