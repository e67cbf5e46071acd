import Foundation
import Terminal

/// What a key does to a note being written in a detail (the deal's or a contact's or a
/// company's): edit it, drop it (Esc), or save it (Ctrl-D, not Ctrl-S, which is XOFF in
/// cbreak mode). A blank note is not saved; the rep is told why.
enum NoteEditorOutcome: Equatable {
  case edited
  case save(body: String)
  case refused
}

func noteEditorKey(
  _ note: inout TextAreaState?, saving: inout Bool, _ key: Key, _ state: inout AppState
) -> NoteEditorOutcome {
  guard var text = note else { return .edited }
  switch key {
  case .escape:
    note = nil
    saving = false
    return .edited
  case .ctrl("d"):
    guard !saving else { return .edited }
    if text.isBlank {
      state.status = StatusMessage(text: state.text("status.noteEmpty"), isError: true)
      return .refused
    }
    saving = true
    return .save(body: text.text.trimmingCharacters(in: .whitespacesAndNewlines))
  default:
    guard !saving else { return .edited }
    text.handle(key)
    note = text
    return .edited
  }
}
