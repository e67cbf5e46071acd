import Foundation
import Store
import Terminal

/// Keys in the deal detail: scrolling with the board's movement keys, `a` to write a note
/// in place, `E` to write it in `$EDITOR`, Esc / q / Enter to close. While a note is open,
/// keys edit it; Ctrl-D saves and Esc drops it.
func updateDetail(_ state: inout AppState, _ detail: DetailState, _ key: Key) -> [Effect] {
  var detail = detail
  if detail.note != nil { return updateNote(&state, &detail, key) }
  let layout = DetailLayout(detail, state)
  let page = max(1, layout.bodyRows)
  switch key {
  case .escape, .char("q"), .enter:
    state.overlay = nil
    return []
  case .char("a"):
    detail.note = TextAreaState()
    // The editor takes rows from the body: keep the end of the text in view.
    detail.scroll = min(detail.scroll, DetailLayout(detail, state).maxScroll)
    state.overlay = .detail(detail)
    return []
  case .char("E"):
    return [.editNoteExternally(dealId: detail.dealId)]
  case .char("c"):
    return startCall(&state, deal: detail)
  default:
    // The global undo and redo (of a call logged here); the detail is read again after.
    if let effects = undoRedoEffect(for: key, state) { return effects }
  }
  guard let step = scrollStep(for: key, state, page: page, total: layout.lines.count) else {
    return []
  }
  detail.scroll = min(max(0, detail.scroll + step), layout.maxScroll)
  state.overlay = .detail(detail)
  return []
}

/// Ctrl-D saves rather than Ctrl-S: in cbreak mode the terminal keeps XON/XOFF, so Ctrl-S
/// would freeze the screen instead of reaching the app.
private func updateNote(_ state: inout AppState, _ detail: inout DetailState, _ key: Key)
  -> [Effect]
{
  let outcome = noteEditorKey(&detail.note, saving: &detail.saving, key, &state)
  state.overlay = .detail(detail)
  switch outcome {
  case .edited: return []
  case .refused: return [.bell]
  case .save(let body): return [.createNote(dealId: detail.dealId, body: body)]
  }
}

/// A note was saved: show the detail with it, the editor closed, scrolled to the notes.
func noteAdded(_ state: inout AppState, _ loaded: DealDetail) -> [Effect] {
  state.status = StatusMessage(
    text: state.text("status.noteAdded", loaded.summary.deal.title), isError: false)
  guard case .detail(var detail) = state.overlay, detail.dealId == loaded.summary.deal.id else {
    return []
  }
  detail.detail = loaded
  detail.note = nil
  detail.saving = false
  detail.scroll = DetailLayout(detail, state).maxScroll
  state.overlay = .detail(detail)
  return []
}

/// `$EDITOR` exited: save what it wrote, or say why nothing was saved.
func editorFinished(_ state: inout AppState, dealId: String, _ outcome: EditorOutcome)
  -> [Effect]
{
  switch outcome {
  case .text(let body):
    return [.createNote(dealId: dealId, body: body)]
  case .empty:
    state.status = StatusMessage(text: state.text("status.editorEmpty"), isError: false)
  case .failed(let status):
    state.status = StatusMessage(
      text: state.text("status.editorFailed", String(status)), isError: true)
  case .couldNotStart(let reason):
    state.status = StatusMessage(text: state.text("status.editorError", reason), isError: true)
  }
  return []
}
