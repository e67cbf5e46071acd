import Foundation
import Model
import Store
import Terminal

/// The merge screens: the kept record on the left, its duplicate on the right, one row per
/// field with ✓ on the value(s) the merged record takes, the focused row's result below
/// (the union, for a contact's emails, phones and tags), and the keys on the last line.
func renderMerge(_ screen: MergeState, _ state: AppState, into buffer: inout ScreenBuffer) {
  renderMergeScreen(screen, titleKey: "merge.title", state, into: &buffer)
}

func renderCompanyMerge(
  _ screen: CompanyMergeState, _ state: AppState, into buffer: inout ScreenBuffer
) {
  renderMergeScreen(screen, titleKey: "merge.companyTitle", state, into: &buffer)
}

private func renderMergeScreen<M: MergeScreenModel>(
  _ screen: M, titleKey: String, _ state: AppState, into buffer: inout ScreenBuffer
) {
  var title = state.text(titleKey)
  if screen.candidateCount > 1 {
    title +=
      " "
      + state.text(
        "merge.candidate", String(screen.candidate + 1), String(screen.candidateCount))
  }
  let modal = Modal(title: title, width: state.size.width, height: state.size.height)
  let inner = modal.render(into: &buffer, screen: buffer.area)
  guard inner.width > 4, inner.height > 2 else { return }
  let yes = state.text("detail.yes")
  let labelWidth = min(10, max(4, inner.width / 5))
  let sideWidth = max(1, (inner.width - labelWidth - 2) / 2)
  let leftX = inner.x + labelWidth + 1
  let rightX = leftX + sideWidth + 1
  func cell(_ text: String, x: Int, y: Int, width: Int, style: Style) {
    let clip = Rect(x: x, y: y, width: width, height: 1)
    buffer.put(truncate(text, toWidth: width), x: x, y: y, style: style, clip: clip)
  }
  let header = Style(Role.tableHeader, .bold)
  cell(state.text("merge.keep"), x: leftX, y: inner.y, width: sideWidth, style: header)
  cell(state.text("merge.remove"), x: rightX, y: inner.y, width: sideWidth, style: header)
  // The header, the result line and the hint line; the rows scroll in what is left.
  let visible = max(1, inner.height - 3)
  let first = max(0, min(screen.row - visible + 1, screen.rowCount - visible))
  for (line, row) in (0..<screen.rowCount).dropFirst(first).prefix(visible).enumerated() {
    let y = inner.y + 1 + line
    let focused = row == screen.row
    let takes = screen.taken(row)
    let values = screen.cells(row, yes: yes)
    let labelStyle = focused ? Style(Role.selection, .bold) : Style(Role.modal, .bold)
    cell(
      (focused ? "›" : " ") + state.text(screen.labelKey(row)), x: inner.x, y: y,
      width: labelWidth, style: labelStyle)
    for (value, taken, x) in [
      (values.kept, takes.kept, leftX), (values.removed, takes.removed, rightX),
    ] {
      let style = taken ? Style(focused ? Role.selection : Role.modal, .bold) : Style("card.dim")
      cell((taken ? "✓ " : "  ") + value, x: x, y: y, width: sideWidth, style: style)
    }
  }
  let result = state.text("merge.result", screen.result(screen.row, yes: yes))
  cell(result, x: inner.x, y: inner.maxY - 2, width: inner.width, style: Style(Role.hintKey))
  cell(
    fittingHint("merge.hint", state, width: inner.width), x: inner.x, y: inner.maxY - 1,
    width: inner.width, style: Style("card.dim"))
  if let confirm = screen.confirm {
    Confirm(
      title: state.text("merge.confirmTitle"),
      message: state.text("merge.confirm", screen.removedName, screen.keptName), state: confirm,
      yesLabel: state.text("confirm.yes"), noLabel: state.text("confirm.no")
    ).render(into: &buffer, area: buffer.area)
  }
}
