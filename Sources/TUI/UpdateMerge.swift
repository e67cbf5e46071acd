import Foundation
import Model
import Store
import Terminal

/// Keys of the merge screens: `j` / `k` move between the rows, `h` / `l` (or the arrows)
/// choose the side of the focused row, `s` swaps which record is kept, Tab / `]` and
/// Shift-Tab / `[` go to the next and previous candidate, Enter asks, and a yes merges (one
/// mutation, `u` undoes it); Esc cancels and writes nothing.
enum MergeKeyOutcome {
  case stay, close, merge, ignored
}

func mergeKey<M: MergeScreenModel>(_ screen: inout M, _ key: Key) -> MergeKeyOutcome {
  if var confirm = screen.confirm {
    switch confirm.handle(key) {
    case .yes: return .merge
    case .no, .cancelled: screen.confirm = nil
    case nil: screen.confirm = confirm
    }
    return .stay
  }
  let last = screen.rowCount - 1
  switch key {
  case .escape, .char("q"): return .close
  case .char("j"), .down: screen.row = min(last, screen.row + 1)
  case .char("k"), .up: screen.row = max(0, screen.row - 1)
  case .char("g"), .home: screen.row = 0
  case .char("G"), .end: screen.row = last
  case .char("h"), .left: screen.choose(-1)
  case .char("l"), .right: screen.choose(1)
  case .char("s"): screen.swapSides()
  case .tab, .char("]"): screen.nextCandidate(1)
  case .backTab, .char("["): screen.nextCandidate(-1)
  case .enter: screen.confirm = ConfirmState()
  default: return .ignored
  }
  return .stay
}

func updateMerge(_ state: inout AppState, _ screen: MergeState, _ key: Key) -> [Effect] {
  var screen = screen
  switch mergeKey(&screen, key) {
  case .merge:
    state.overlay = nil
    let pair = screen.pair
    return [
      .mergeContacts(
        keep: pair.a.id, remove: pair.b.id, choice: screen.choice, name: pair.a.fullName)
    ]
  case .close: state.overlay = nil
  case .stay: state.overlay = .merge(screen)
  case .ignored: break
  }
  return []
}

func updateCompanyMerge(_ state: inout AppState, _ screen: CompanyMergeState, _ key: Key)
  -> [Effect]
{
  var screen = screen
  switch mergeKey(&screen, key) {
  case .merge:
    state.overlay = nil
    let pair = screen.pair
    return [
      .mergeCompanies(keep: pair.a.id, remove: pair.b.id, choice: screen.choice, name: pair.a.name)
    ]
  case .close: state.overlay = nil
  case .stay: state.overlay = .companyMerge(screen)
  case .ignored: break
  }
  return []
}

/// The duplicates of the company `M` asked about arrived: open the screen, or say there
/// are none.
func companyMergeLoaded(
  _ state: inout AppState, name: String, _ pairs: [CompanyDuplicatePair],
  names: [String: String]
) -> [Effect] {
  guard !pairs.isEmpty else {
    state.status = StatusMessage(text: state.text("merge.none", name), isError: false)
    return [.bell]
  }
  state.overlay = .companyMerge(CompanyMergeState(pairs: pairs, names: names))
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

/// `M` in a list: the focused contact's or company's duplicates, for the merge screen.
func openMerge(_ state: inout AppState, _ kind: ListKind) -> [Effect] {
  let list = state[list: kind]
  switch list.selectedRef {
  case .contact(let id)?: return [.loadMerge(contactId: id, name: list.selectedName)]
  case .company(let id)?: return [.loadCompanyMerge(companyId: id, name: list.selectedName)]
  case nil: return [.bell]
  }
}

/// A page of contacts or companies arrived: ask which of them have possible duplicates
/// (one query).
func duplicateMarksQuery(_ rows: ListRows) -> [Effect] {
  switch rows {
  case .contacts(let contacts) where !contacts.isEmpty:
    return [.loadDuplicateMarks(contacts.map(\.contact.id))]
  case .companies(let companies) where !companies.isEmpty:
    return [.loadCompanyDuplicateMarks(companies.map(\.company.id))]
  default: return []
  }
}

/// The marks of one page: the page's ids are replaced, the others kept.
func duplicateMarksLoaded(_ state: inout AppState, ids: [String], marked: Set<String>) {
  state.duplicateMarks.subtract(ids)
  state.duplicateMarks.formUnion(marked)
}
