import Foundation
import Store
import Terminal

/// Keys in a contact's or company's detail, as in the deal detail: the board's movement
/// keys scroll, `a` writes a note in place (Ctrl-D saves, Esc drops it), Esc / q / Enter
/// close.
func updateRecordDetail(_ state: inout AppState, _ detail: RecordDetailState, _ key: Key)
  -> [Effect]
{
  var detail = detail
  if detail.note != nil { return updateRecordNote(&state, &detail, key) }
  let layout = RecordDetailLayout(detail, state)
  let page = max(1, layout.bodyRows)
  switch key {
  case .escape, .char("q"), .enter:
    state.overlay = nil
    return []
  case .char("a"):
    detail.note = TextAreaState()
    detail.scroll = min(detail.scroll, RecordDetailLayout(detail, state).maxScroll)
    state.overlay = .recordDetail(detail)
    return []
  default: break
  }
  guard let step = scrollStep(for: key, state, page: page, total: layout.lines.count) else {
    return []
  }
  detail.scroll = min(max(0, detail.scroll + step), layout.maxScroll)
  state.overlay = .recordDetail(detail)
  return []
}

private func updateRecordNote(
  _ state: inout AppState, _ detail: inout RecordDetailState, _ key: Key
) -> [Effect] {
  let outcome = noteEditorKey(&detail.note, saving: &detail.saving, key, &state)
  state.overlay = .recordDetail(detail)
  switch outcome {
  case .edited: return []
  case .refused: return [.bell]
  case .save(let body): return [.createRecordNote(detail.detail.ref, body: body)]
  }
}

/// A detail arrived: open it, or refresh the open one of the same record.
func recordDetailLoaded(_ state: inout AppState, _ loaded: RecordDetail, noteAdded: Bool)
  -> [Effect]
{
  if noteAdded {
    state.status = StatusMessage(
      text: state.text("status.noteAdded", loaded.title), isError: false)
  }
  if case .recordDetail(var detail) = state.overlay, detail.detail.ref == loaded.ref {
    detail.detail = loaded
    if noteAdded {
      detail.note = nil
      detail.saving = false
    }
    state.overlay = .recordDetail(detail)
  } else if !noteAdded {
    state.overlay = .recordDetail(RecordDetailState(loaded))
  }
  // The list's last-interaction column may have changed.
  if noteAdded, let kind = state.listKind { return [reloadList(&state, kind)] }
  return []
}
