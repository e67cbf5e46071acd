import Foundation
import Store
import Terminal

/// The deal detail: a modal of fields, stage history, activities and notes, scrolled when
/// it is longer than the screen, with the note editor and the key hints at the bottom.
func renderDetail(_ detail: DetailState, _ state: AppState, into buffer: inout ScreenBuffer) {
  let layout = DetailLayout(detail, state)
  ScrollingDetail(
    modal: layout.modal, lines: layout.lines, bodyRows: layout.bodyRows,
    editorRows: layout.editorRows, maxScroll: layout.maxScroll, scroll: detail.scroll,
    note: detail.note, saving: detail.saving, hintKey: "detail.hint"
  ).render(state, into: &buffer)
}
