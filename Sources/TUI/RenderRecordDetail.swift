import Foundation
import Store
import Terminal

/// A contact's or company's detail: a modal of fields, linked records and the timeline,
/// scrolled when longer than the screen, with the note editor and key hints at the bottom.
func renderRecordDetail(
  _ detail: RecordDetailState, _ state: AppState, into buffer: inout ScreenBuffer
) {
  let layout = RecordDetailLayout(detail, state)
  let inner = layout.modal.render(into: &buffer, screen: buffer.area)
  guard !inner.isEmpty else { return }
  let scroll = min(detail.scroll, layout.maxScroll)
  let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: layout.bodyRows)
  for row in 0..<layout.bodyRows {
    let index = scroll + row
    guard index < layout.lines.count else { break }
    let (text, style) = layout.lines[index]
    buffer.put(text, x: body.x, y: body.y + row, style: style, clip: body)
  }
  ScrollIndicator(count: layout.lines.count, offset: scroll).render(
    into: &buffer, column: Rect(x: inner.maxX, y: body.y, width: 1, height: body.height))
  if let note = detail.note, layout.editorRows > 0 {
    let labelY = body.maxY
    let label = state.text(detail.saving ? "detail.saving" : "detail.newNote")
    buffer.put(
      truncate(label, toWidth: inner.width), x: inner.x, y: labelY,
      style: Style(Role.title, .bold), clip: inner)
    TextArea(state: note, focused: !detail.saving).render(
      into: &buffer,
      area: Rect(x: inner.x, y: labelY + 1, width: inner.width, height: layout.editorRows))
  }
  let hintKey = detail.note == nil ? "detail.recordHint" : "detail.noteHint"
  buffer.put(
    fittingHint(hintKey, state, width: inner.width), x: inner.x, y: inner.maxY - 1,
    style: Style("card.dim"), clip: inner)
}
