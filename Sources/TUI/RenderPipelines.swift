import Foundation
import Model
import Store
import Terminal

/// The pipelines screen over the board: the pipelines on the left (on top when narrow), the
/// chosen pipeline's stages with kind, win probability, rot days and deals beside them, the
/// keys of the focused list on the last row, and its popup over all of it.
func renderPipelines(_ screen: PipelinesState, _ state: AppState, into buffer: inout ScreenBuffer) {
  let body = BoardLayout(state: state).body
  buffer.fill(body, style: .normal)
  guard body.height >= 3 else { return }
  let (content, footer) = body.splitBottom(1)
  let settings = screen.settings
  let listRect: Rect
  let stagesRect: Rect
  if content.width >= 60 {
    let split = content.splitLeft(min(28, content.width / 3))
    (listRect, stagesRect) = (split.left, split.rest)
  } else {
    let wanted = min(settings.pipelines.count + 2, max(4, content.height / 3))
    let split = content.splitTop(wanted)
    (listRect, stagesRect) = (split.top, split.rest)
  }
  let onPipelines = screen.pane == .pipelines
  let listBox = Box(title: state.text("settings.pipelines"), focused: onPipelines)
  listBox.render(into: &buffer, area: listRect)
  ListView(
    items: settings.pipelines.map { ListItem($0.name) }, state: screen.pipelineList,
    focused: onPipelines
  ).render(into: &buffer, area: listBox.inner(listRect))
  let stagesBox = Box(
    title: state.text("settings.stages", settings.pipeline?.name ?? ""), focused: !onPipelines)
  stagesBox.render(into: &buffer, area: stagesRect)
  renderStageTable(screen, state, area: stagesBox.inner(stagesRect), into: &buffer)
  let hintKey = onPipelines ? "settings.hintPipelines" : "settings.hintStages"
  buffer.put(
    fittingHint(hintKey, state, width: footer.width - 1), x: footer.x + 1, y: footer.y,
    style: Style("card.dim"), clip: footer)
  if let popup = screen.popup { renderSettingsPopup(popup, screen, state, into: &buffer) }
}

private func renderStageTable(
  _ screen: PipelinesState, _ state: AppState, area: Rect, into buffer: inout ScreenBuffer
) {
  let rows = screen.settings.stages.map { row in
    [
      row.stage.name, SettingsForms.kindName(row.stage.kind, state), "\(row.stage.probability)%",
      row.stage.rotDays.map { state.text("settings.days", String($0)) } ?? "–",
      String(row.deals),
    ]
  }
  let titles = ["col.stage", "col.kind", "col.probability", "col.rot", "col.deals"].map {
    state.text("settings.\($0)")
  }
  // Each fixed column as wide as its title or its widest cell.
  let widths = (1..<titles.count).map { column in
    ([titles[column]] + rows.map { $0[column] }).map(displayWidth).max() ?? 0
  }
  let columns =
    [TableColumn(titles[0], width: .flex(1))]
    + (1..<titles.count).map { column in
      TableColumn(
        titles[column], width: .fixed(widths[column - 1]),
        alignment: column == 1 ? .left : .right)
    }
  Table(
    columns: columns, rows: rows, state: screen.stageList, focused: screen.pane == .stages
  ).render(into: &buffer, area: area)
}

private func renderSettingsPopup(
  _ popup: SettingsPopup, _ screen: PipelinesState, _ state: AppState,
  into buffer: inout ScreenBuffer
) {
  let full = buffer.area
  switch popup {
  case .stageForm(let form, let editing):
    let name = screen.settings.stages.first { $0.stage.id == editing }?.stage.name ?? ""
    let title = editing == nil ? state.text("form.newStage") : state.text("form.editStage", name)
    renderFormModal(title, form, state, into: &buffer)
  case .name(let form, let target):
    let key: String
    switch target {
    case .newPipeline: key = "form.newPipeline"
    case .pipeline: key = "form.renamePipeline"
    case .stage: key = "form.renameStage"
    }
    renderFormModal(state.text(key), form, state, into: &buffer)
  case .destination(let picker, let stageId):
    renderPicker(
      state.text("picker.destination"), destinations(screen, excluding: stageId).map(\.name),
      picker, into: &buffer)
  case .confirm(let confirm, _, let message):
    Confirm(
      title: state.text("confirm.deleteTitle"), message: message, state: confirm,
      yesLabel: state.text("confirm.yes"), noLabel: state.text("confirm.no")
    ).render(into: &buffer, area: full)
  }
}

/// A form in a modal with the form keys on its last row, as the deal form is drawn.
func renderFormModal(
  _ title: String, _ form: FormState, _ state: AppState, into buffer: inout ScreenBuffer
) {
  let screen = buffer.area
  let widget = Form(state: form)
  let modal = Modal(
    title: title, width: min(56, screen.width), height: min(screen.height, widget.height + 3))
  let inner = modal.render(into: &buffer, screen: screen)
  let (body, footer) = inner.splitBottom(1)
  widget.render(into: &buffer, area: body)
  buffer.put(
    truncate(state.text("form.hint"), toWidth: footer.width), x: footer.x, y: footer.y,
    style: Style("card.dim"), clip: footer)
}

/// The hint `key`, or its shorter `key.short` form when the long one does not fit.
func fittingHint(_ key: String, _ state: AppState, width: Int) -> String {
  let long = state.text(key)
  let text = displayWidth(long) <= width ? long : state.text(key + ".short")
  return truncate(text, toWidth: width)
}
