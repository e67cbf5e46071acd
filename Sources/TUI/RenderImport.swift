import Foundation
import Model
import Store
import Terminal

/// The import dialog: the path input (and why a file was refused), then the dry run's
/// counts, the first skipped lines with their reasons and the columns not imported.
func renderImport(_ dialog: ImportDialogState, _ state: AppState, into buffer: inout ScreenBuffer) {
  let screen = buffer.area
  let width = min(70, screen.width)
  let height = min(screen.height, 12)
  let modal = Modal(title: state.text("import.title"), width: width, height: height)
  let inner = modal.render(into: &buffer, screen: screen)
  guard inner.width > 2, inner.height > 1 else { return }
  var lines: [(String, Style)] = []
  let dim = Style("card.dim")
  let (body, footer) = inner.splitBottom(1)
  var hint = state.text("import.pathHint")
  switch dialog.phase {
  case .path(let error):
    let prompt = state.text("import.prompt")
    let row = Rect(x: body.x, y: body.y, width: body.width, height: 1)
    let x = buffer.put(
      truncate(prompt, toWidth: body.width / 2), x: body.x, y: body.y,
      style: Style(Role.modal, .bold), clip: row)
    TextInput(state: dialog.input, focused: true).render(
      into: &buffer, area: Rect(x: x, y: body.y, width: max(1, body.maxX - x), height: 1))
    if let error {
      lines.append(("", dim))
      lines += wrap(state.text("import.refused", error), width: body.width).map {
        ($0, Style(Role.statusError))
      }
    }
    for (index, line) in lines.enumerated() where index + 1 < body.height {
      buffer.put(line.0, x: body.x, y: body.y + 1 + index, style: line.1, clip: body)
    }
  case .checking, .importing:
    let key = dialog.phase == .checking ? "import.checking" : "import.importing"
    buffer.put(truncate(state.text(key), toWidth: body.width), x: body.x, y: body.y, clip: body)
    hint = ""
  case .preview(let preview):
    let report = preview.report
    lines.append((URL(fileURLWithPath: dialog.path).lastPathComponent, dim))
    lines.append((state.text("import.dryRun"), Style(Role.modal, .bold)))
    lines.append(
      (
        state.text(
          "import.counts", String(report.created), String(report.updated),
          String(report.unchanged), String(report.skipped.count)), Style(Role.modal)
      ))
    if report.companiesCreated > 0 {
      lines.append((state.text("import.companies", String(report.companiesCreated)), dim))
    }
    if !preview.unmapped.isEmpty {
      lines.append(
        (state.text("import.unmapped", preview.unmapped.joined(separator: ", ")), dim))
    }
    let room = max(0, body.height - lines.count)
    let shown = report.skipped.count > room ? max(0, room - 1) : report.skipped.count
    for problem in report.skipped.prefix(shown) {
      lines.append(
        (state.text("import.skippedLine", String(problem.line), problem.reason), Style("overdue")))
    }
    if shown < report.skipped.count, room > 0 {
      lines.append((state.text("import.more", String(report.skipped.count - shown)), dim))
    }
    for (index, line) in lines.enumerated() where index < body.height {
      buffer.put(
        truncate(line.0, toWidth: body.width), x: body.x, y: body.y + index, style: line.1,
        clip: body)
    }
    hint = state.text("import.confirmHint")
  }
  buffer.put(
    truncate(hint, toWidth: footer.width), x: footer.x, y: footer.y, style: dim, clip: footer)
}
