import Foundation
import Model
import Store
import Terminal

/// Keys of the merge screen: `j` / `k` move between the rows, `h` / `l` (or the arrows)
/// choose the side of the focused row, Tab / `]` and Shift-Tab / `[` go to the next and
/// previous candidate, Enter asks, and a yes merges (one mutation, `u` undoes it); Esc
/// cancels and writes nothing.
func updateMerge(_ state: inout AppState, _ screen: MergeState, _ key: Key) -> [Effect] {
  var screen = screen
  if var confirm = screen.confirm {
    switch confirm.handle(key) {
    case .yes:
      state.overlay = nil
      let pair = screen.pair
      return [
        .mergeContacts(
          keep: pair.a.id, remove: pair.b.id, choice: screen.choice, name: pair.a.fullName)
      ]
    case .no, .cancelled: screen.confirm = nil
    case nil: screen.confirm = confirm
    }
    state.overlay = .merge(screen)
    return []
  }
  switch key {
  case .escape, .char("q"):
    state.overlay = nil
    return []
  case .char("j"), .down: screen.row = min(MergeRow.allCases.count - 1, screen.row + 1)
  case .char("k"), .up: screen.row = max(0, screen.row - 1)
  case .char("g"), .home: screen.row = 0
  case .char("G"), .end: screen.row = MergeRow.allCases.count - 1
  case .char("h"), .left: screen.choose(-1)
  case .char("l"), .right: screen.choose(1)
  case .tab, .char("]"): screen.nextCandidate(1)
  case .backTab, .char("["): screen.nextCandidate(-1)
  case .enter: screen.confirm = ConfirmState()
  default: return []
  }
  state.overlay = .merge(screen)
  return []
}

/// The duplicates of the contact `M` asked about arrived: open the screen, or say there
/// are none.
func mergeLoaded(
  _ state: inout AppState, name: String, _ pairs: [DuplicatePair], names: [String: String]
)
  -> [Effect]
{
  guard !pairs.isEmpty else {
    state.status = StatusMessage(text: state.text("merge.none", name), isError: false)
    return [.bell]
  }
  state.overlay = .merge(MergeState(pairs: pairs, names: names))
  return []
}

/// `M` in the contacts list: the focused contact's duplicates, for the merge screen.
func openMerge(_ state: inout AppState, _ kind: ListKind) -> [Effect] {
  let list = state[list: kind]
  guard kind == .contacts, case .contact(let id)? = list.selectedRef else { return [.bell] }
  return [.loadMerge(contactId: id, name: list.selectedName)]
}

/// A page of contacts arrived: ask which of them have possible duplicates (one query).
func duplicateMarksQuery(_ rows: ListRows) -> [Effect] {
  guard case .contacts(let contacts) = rows, !contacts.isEmpty else { return [] }
  return [.loadDuplicateMarks(contacts.map(\.contact.id))]
}

/// The marks of one page: the page's ids are replaced, the others kept.
func duplicateMarksLoaded(_ state: inout AppState, ids: [String], marked: Set<String>) {
  state.duplicateMarks.subtract(ids)
  state.duplicateMarks.formUnion(marked)
}
