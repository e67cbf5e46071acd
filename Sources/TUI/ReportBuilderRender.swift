import Foundation
import Model
import Store
import Terminal

/// View 6's builder tab: the definition, a line each (the cursor's line marked), the keys
/// that change it, then the figures as bars and a table, as the Saved tab shows them. A
/// filter or a name is typed in place; the entity, group and measure lists open over it.
func renderReportBuilder(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
  let builder = state.reports.builder
  let labels = builderLines(builder, state)
  let labelWidth = labels.map { displayWidth($0.label) }.max() ?? 0
  // The definition gets up to half the room (at least three lines), scrolled to the cursor.
  let shown = min(labels.count, max(3, area.height / 2))
  let focused = min(max(0, builder.line), labels.count - 1)
  let first = min(max(0, focused - shown + 1), labels.count - shown)
  var y = area.y
  for (index, line) in labels.enumerated().dropFirst(first).prefix(shown) {
    let row = Rect(x: area.x, y: y, width: area.width, height: 1)
    let isFocused = index == focused
    let style = Style(isFocused ? Role.selection : Role.normal)
    buffer.fill(row, style: style)
    buffer.put(pad(line.label, toWidth: labelWidth), x: row.x, y: y, style: style, clip: row)
    let valueArea = row.inset(left: labelWidth + 1)
    if isFocused, case .filter(_, let input) = builder.edit {
      TextInput(state: input).render(into: &buffer, area: valueArea)
    } else {
      buffer.put(
        truncate(line.value, toWidth: valueArea.width), x: valueArea.x, y: y,
        style: line.dim && !isFocused ? Style("card.dim") : style, clip: valueArea)
    }
    y += 1
  }
  guard y < area.maxY else { return renderBuilderPicker(state, into: &buffer) }
  // Under the definition: what to type while a filter or name is entered, else the keys.
  let note = Rect(x: area.x, y: y, width: area.width, height: 1)
  if case .name(let input) = builder.edit {
    let prompt = state.text("reports.builder.saveAs")
    buffer.put(prompt, x: note.x, y: y, style: Style(Role.normal, .bold), clip: note)
    TextInput(state: input).render(into: &buffer, area: note.inset(left: displayWidth(prompt) + 1))
  } else if case .filter = builder.edit {
    let help = state.text(
      "reports.builder.filterHelp", builder.spec.entity.filterFields.joined(separator: ", "))
    buffer.put(truncate(help, toWidth: note.width), x: note.x, y: y, style: Style("card.dim"))
  } else {
    buffer.put(
      truncate(builderKeys(state), toWidth: note.width), x: note.x, y: y,
      style: Style("card.dim"), clip: note)
  }
  y += 1
  let figures = Rect(x: area.x, y: y, width: area.width, height: max(0, area.maxY - y))
  if let error = builder.error {
    buffer.put(
      truncate(error, toWidth: figures.width), x: figures.x, y: y, style: Style("overdue"),
      clip: figures)
  } else if let result = builder.result {
    var caption = state.text("reports.builder.rows", String(result.rows.count))
    if let name = builder.savedName {
      caption += " · " + state.text("reports.builder.savedAs", name)
    }
    resultSheet(result, caption: caption, state).render(state, area: figures, into: &buffer)
  }
  renderBuilderPicker(state, into: &buffer)
}

/// The definition's lines as shown: a label and the value, dim for the "add" lines.
private func builderLines(_ builder: ReportBuilderState, _ state: AppState)
  -> [(label: String, value: String, dim: Bool)]
{
  let spec = builder.spec
  return builder.lines.map { line in
    switch line {
    case .entity: return (state.text("reports.builder.entity"), spec.entity.rawValue, false)
    case .filter(let index):
      return (state.text("reports.builder.filter"), spec.filters[index].text, false)
    case .addFilter:
      let label = spec.filters.isEmpty ? state.text("reports.builder.filter") : ""
      return (label, state.text("reports.builder.addFilter"), true)
    case .group:
      return (
        state.text("reports.builder.group"),
        spec.group?.text ?? state.text("reports.saved.noGroup"), spec.group == nil
      )
    case .measure(let index):
      return (state.text("reports.builder.measure"), spec.measures[index].text, false)
    case .addMeasure: return ("", state.text("reports.builder.addMeasure"), true)
    }
  }
}

/// "Enter edit · f filter · m measure · d remove · s save", from the key table (so a
/// remapped key shows as remapped).
private func builderKeys(_ state: AppState) -> String {
  let entries: [(Action, String)] = [
    (.open, "reports.builder.edit"), (.addReportFilter, "hint.addReportFilter"),
    (.addReportMeasure, "hint.addReportMeasure"), (.delete, "reports.builder.remove"),
    (.saveReport, "hint.saveReport"),
  ]
  return entries.compactMap { action, label in
    state.keys.keys(for: action).first.map { "\($0.description) \(state.text(label))" }
  }.joined(separator: " · ")
}

/// The entity, group or measure list, over the screen as the other pickers are.
private func renderBuilderPicker(_ state: AppState, into buffer: inout ScreenBuffer) {
  let builder = state.reports.builder
  switch builder.edit {
  case .entity(let picker):
    renderPicker(
      state.text("reports.builder.entity"), ReportBuilderState.entities.map(\.rawValue), picker,
      into: &buffer)
  case .group(let picker):
    renderPicker(
      state.text("reports.builder.group"), groupLabels(builder.groupChoices(), state), picker,
      into: &buffer)
  case .measure(_, let picker):
    renderPicker(
      state.text("reports.builder.measure"), builder.measureChoices().map(\.text), picker,
      into: &buffer)
  default: break
  }
}
