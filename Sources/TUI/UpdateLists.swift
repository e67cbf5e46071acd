import Foundation
import Model
import Store
import Terminal

/// Keys and answers of the contacts and companies lists: moving with the board's movement
/// keys, `s` / `S` for the sort, `/` for search as you type (each keystroke re-queries,
/// Enter keeps the search, Esc clears it), Enter to open, `n` / `e` / `d` to write, and
/// the next page fetched when the selection nears the last loaded row.
extension AppState {
  subscript(list kind: ListKind) -> RecordListState {
    get { kind == .contacts ? contacts : companies }
    set {
      if kind == .contacts { contacts = newValue } else { companies = newValue }
    }
  }
}

/// The action of `key` in a list: the list's own keys, then the board's movement and
/// record keys (so a remap of j/k applies here too), then the global ones.
func listAction(_ state: AppState, _ key: Key) -> Action? {
  let bindings = state.keys.bindings
  if let binding = bindings.first(where: { $0.context == .list && $0.keys.contains(key) }) {
    return binding.action
  }
  if let binding = bindings.first(where: {
    $0.context == .board && listBoardActions.contains($0.action) && $0.keys.contains(key)
  }) {
    return binding.action
  }
  return state.keys.action(for: key, in: .global)
}

/// The bindings of the view on screen, in table order: the global ones and the board's on
/// the board; in a list the global ones, the list's own and the board's that mean the same
/// there. The help and the palette show these.
func contextBindings(_ state: AppState) -> [Binding] {
  state.keys.bindings.filter { binding in
    switch binding.context {
    case .global: return binding.action != .syncScreen || state.sync != nil
    case .board:
      if state.view == .calendar || state.view == .activities {
        return calendarBoardActions.contains(binding.action)
      }
      if state.view == .reports { return reportsBoardActions.contains(binding.action) }
      return state.listKind == nil || listBoardActions.contains(binding.action)
    case .list: return state.listKind != nil
    case .calendar, .activities: return activityViewBinding(binding, state)
    case .reports: return state.view == .reports
    }
  }
}

/// What an action is called in the help and palette: a list's record keys say "Open",
/// "New" rather than the board's "Open deal".
func actionLabel(_ action: Action, _ state: AppState) -> String {
  if let label = reportsActionLabel(action, state) { return label }
  if state.listKind != nil, [Action.open, .new, .edit, .delete].contains(action) {
    return state.text("list.action.\(action.rawValue)")
  }
  return state.text("action.\(action.rawValue)")
}

/// The board's actions that mean the same in a list.
let listBoardActions: Set<Action> = [
  .up, .down, .top, .bottom, .halfPageUp, .halfPageDown, .pageUp, .pageDown, .open, .new, .edit,
  .delete, .filter,
]

/// Shown the first time a list's view comes up: its first page.
func enterList(_ state: inout AppState) -> [Effect] {
  guard let kind = state.listKind, !state[list: kind].loaded else { return [] }
  return [reloadList(&state, kind)]
}

/// A fresh first page of `kind`, big enough to keep what is loaded; stale answers to
/// earlier queries are dropped.
func reloadList(_ state: inout AppState, _ kind: ListKind, focusId: String? = nil) -> Effect {
  state[list: kind].generation += 1
  let limit = max(state.listPage, state[list: kind].count)
  return .loadList(state[list: kind].query(offset: 0, limit: limit, focusId: focusId))
}

/// Keys in a list view with no popup open.
func updateListKey(_ state: inout AppState, _ kind: ListKind, _ key: Key) -> [Effect] {
  if state[list: kind].searchInput != nil { return updateSearch(&state, kind, key) }
  guard let action = listAction(state, key) else { return [] }
  state.status = nil
  return performInList(&state, kind, action)
}

/// What an action does in a list; shared by keys and the command palette.
func performInList(_ state: inout AppState, _ kind: ListKind, _ action: Action) -> [Effect] {
  var list = state[list: kind]
  let page = state.listRows
  switch action {
  case .up: list.list.move(by: -1, count: list.count)
  case .down: list.list.move(by: 1, count: list.count)
  case .top: list.list.select(0, count: list.count)
  case .bottom: list.list.select(list.count - 1, count: list.count)
  case .halfPageUp: list.list.move(by: -max(1, page / 2), count: list.count)
  case .halfPageDown: list.list.move(by: max(1, page / 2), count: list.count)
  case .pageUp: list.list.move(by: -page, count: list.count)
  case .pageDown: list.list.move(by: page, count: list.count)
  case .sortNext, .sortReverse:
    if action == .sortNext {
      list.sort = (list.sort + 1) % list.sortCount
      list.ascending = true
    } else {
      list.ascending.toggle()
    }
    list.list = ListState()
    state[list: kind] = list
    return [reloadList(&state, kind)]
  case .filter:
    list.searchInput = TextInputState(list.search)
    state[list: kind] = list
    return []
  case .cancel where !list.search.isEmpty:
    return clearSearch(&state, kind)
  case .open:
    guard let ref = list.selectedRef else { return [.bell] }
    return [.loadRecord(ref)]
  case .new:
    state.overlay =
      kind == .contacts
      ? .recordForm(RecordFormFields.contact(nil, state), .contact(editing: nil))
      : .recordForm(RecordFormFields.company(nil, state), .company(editing: nil))
    return []
  case .edit:
    guard let ref = list.selectedRef else { return [.bell] }
    switch ref {
    case .contact(let id):
      state.overlay = .recordForm(
        RecordFormFields.contact(list.contacts[list.list.selected], state), .contact(editing: id))
    case .company(let id):
      state.overlay = .recordForm(
        RecordFormFields.company(list.companies[list.list.selected].company, state),
        .company(editing: id))
    }
    return []
  case .delete:
    guard let ref = list.selectedRef else { return [.bell] }
    state.overlay = .confirmRecordDelete(ConfirmState(), ref, title: list.selectedName)
    return []
  case .mergeDuplicates:
    return openMerge(&state, kind)
  case .importContacts:
    guard kind == .contacts else { return [.bell] }
    state.overlay = .importContacts(ImportDialogState())
    return []
  default:
    return perform(action, &state)
  }
  list.list.scrollToSelection(count: list.count, visibleRows: page)
  state[list: kind] = list
  return loadMoreRows(&state, kind)
}

/// When the selection nears the last loaded row of a list that has more, ask for the next
/// page (as the board does per column).
func loadMoreRows(_ state: inout AppState, _ kind: ListKind) -> [Effect] {
  let list = state[list: kind]
  guard list.loaded, !list.loadingMore, list.count < list.total || list.totalAtLeast,
    list.list.selected >= list.count - max(2, state.listRows)
  else { return [] }
  state[list: kind].loadingMore = true
  return [.loadList(list.query(offset: list.count, limit: state.listPage))]
}

/// Keys while the search input is open: each edit re-queries; Enter keeps the search and
/// goes back to the list; Esc clears it.
private func updateSearch(_ state: inout AppState, _ kind: ListKind, _ key: Key) -> [Effect] {
  guard var input = state[list: kind].searchInput else { return [] }
  switch key {
  case .escape:
    return clearSearch(&state, kind)
  case .enter:
    state[list: kind].searchInput = nil
    return []
  default:
    input.handle(key)
    state[list: kind].searchInput = input
    guard input.text != state[list: kind].search else { return [] }
    state[list: kind].search = input.text
    state[list: kind].list = ListState()
    return [reloadList(&state, kind)]
  }
}

private func clearSearch(_ state: inout AppState, _ kind: ListKind) -> [Effect] {
  let had = !state[list: kind].search.isEmpty
  state[list: kind].searchInput = nil
  state[list: kind].search = ""
  guard had else { return [] }
  state[list: kind].list = ListState()
  return [reloadList(&state, kind)]
}

/// A page arrived: the first replaces the rows, later ones append where they belong.
func listLoaded(_ state: inout AppState, _ query: ListQuery, _ rows: ListRows, total: ListCount)
  -> [Effect]
{
  var list = state[list: query.kind]
  guard query.generation == list.generation else { return [] }
  if query.offset > 0 {
    list.loadingMore = false
    guard query.offset == list.count else {
      state[list: query.kind] = list
      return []
    }
    switch rows {
    case .contacts(let rows): list.contacts += rows
    case .companies(let rows): list.companies += rows
    }
  } else {
    list.loadingMore = false
    switch rows {
    case .contacts(let rows): list.contacts = rows
    case .companies(let rows): list.companies = rows
    }
    if let focus = query.focusId {
      let index =
        list.kind == .contacts
        ? list.contacts.firstIndex { $0.contact.id == focus }
        : list.companies.firstIndex { $0.company.id == focus }
      if let index { list.list.selected = index }
    }
  }
  list.total = total.count
  list.totalAtLeast = total.atLeast
  list.loaded = true
  list.list.scrollToSelection(count: list.count, visibleRows: state.listRows)
  state[list: query.kind] = list
  return []
}

/// Keys in a contact or company form, and the delete question.
func updateRecordForm(_ state: inout AppState, _ form: FormState, _ kind: RecordForm, _ key: Key)
  -> [Effect]
{
  var form = form
  switch key {
  case .escape:
    state.overlay = nil
  case .enter:
    if let effect = RecordFormFields.submit(&form, kind, state: state) {
      state.overlay = nil
      return [effect]
    }
    state.overlay = .recordForm(form, kind)
    return [.bell]
  default:
    form.handle(key)
    state.overlay = .recordForm(form, kind)
  }
  return []
}

func updateRecordDelete(
  _ state: inout AppState, _ confirm: ConfirmState, _ ref: RecordRef, _ title: String, _ key: Key
) -> [Effect] {
  var confirm = confirm
  switch confirm.handle(key) {
  case .yes:
    state.overlay = nil
    return [.deleteRecord(ref, name: title)]
  case .no, .cancelled: state.overlay = nil
  case nil: state.overlay = .confirmRecordDelete(confirm, ref, title: title)
  }
  return []
}
