import Foundation
import Terminal

/// What the deal detail and the contact/company detail share on screen: a modal of lines
/// scrolled when longer than the screen, a scroll indicator, the note editor when a note is
/// being written, and the key hints on the last row.
struct ScrollingDetail {
  var modal: Modal
  var lines: [(String, Style)]
  var bodyRows: Int
  var editorRows: Int
  var maxScroll: Int
  var scroll: Int
  var note: TextAreaState?
  var saving: Bool
  /// Catalog key of the hint shown when no note is open.
  var hintKey: String
  /// A second hint row below it (the record detail has more keys than fit in one).
  var secondHintKey: String? = nil

  func render(_ state: AppState, into buffer: inout ScreenBuffer) {
    let inner = modal.render(into: &buffer, screen: buffer.area)
    guard !inner.isEmpty else { return }
    let scroll = min(self.scroll, maxScroll)
    let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: bodyRows)
    for row in 0..<bodyRows {
      let index = scroll + row
      guard index < lines.count else { break }
      let (text, style) = lines[index]
      buffer.put(text, x: body.x, y: body.y + row, style: style, clip: body)
    }
    // In the padding column right of the text, inside the border.
    ScrollIndicator(count: lines.count, offset: scroll).render(
      into: &buffer, column: Rect(x: inner.maxX, y: body.y, width: 1, height: body.height))
    if let note, editorRows > 0 {
      let labelY = body.maxY
      let label = state.text(saving ? "detail.saving" : "detail.newNote")
      buffer.put(
        truncate(label, toWidth: inner.width), x: inner.x, y: labelY,
        style: Style(Role.title, .bold), clip: inner)
      TextArea(state: note, focused: !saving).render(
        into: &buffer,
        area: Rect(x: inner.x, y: labelY + 1, width: inner.width, height: editorRows))
    }
    var hints = note == nil ? [hintKey] : ["detail.noteHint"]
    if note == nil, let secondHintKey { hints.append(secondHintKey) }
    for (index, hint) in hints.enumerated() {
      buffer.put(
        fittingHint(hint, state, width: inner.width), x: inner.x,
        y: inner.maxY - hints.count + index, style: Style("card.dim"), clip: inner)
    }
  }
}
