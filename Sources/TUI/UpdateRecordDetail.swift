import Foundation
import Store
import Terminal

/// Keys in a contact's or company's detail, as in the deal detail: the board's movement
/// keys scroll, `a` writes a note in place (Ctrl-D saves, Esc drops it), Esc / q close, and
/// Enter opens the linked deal (or a company's contact) Tab focused, and closes when none
/// is. The record's own keys, fixed like the deal detail's: `A` a new activity, `N` a new
/// deal, `e` edit, `d` delete (asks), `L` link a deal (a contact with a role), `C` in a
/// company's detail link a contact to it, Tab / Shift-Tab focus a linked contact or deal
/// and `x` unlinks it (asks); the global undo and redo keys work here too, and the detail
/// follows what they changed.
func updateRecordDetail(_ state: inout AppState, _ detail: RecordDetailState, _ key: Key)
  -> [Effect]
{
  var detail = detail
  if detail.popup != nil { return updateDetailPopup(&state, &detail, key) }
  if detail.note != nil { return updateRecordNote(&state, &detail, key) }
  let layout = RecordDetailLayout(detail, state)
  let page = max(1, layout.bodyRows)
  switch key {
  case .enter:
    if let focus = detail.contactFocus, focus < detail.contacts.count {
      // The contact's own detail takes the screen, as Enter in view 2 opens it.
      return [.loadRecord(.contact(detail.contacts[focus].id))]
    }
    let deals = detail.deals
    guard let focus = detail.dealFocus, focus < deals.count else {
      state.overlay = nil
      return []
    }
    // The deal's own detail takes the screen, as Enter on a board card opens it.
    return [.loadDetail(deals[focus].deal.id)]
  case .escape, .char("q"):
    state.overlay = nil
    return []
  case .char("a"):
    detail.note = TextAreaState()
    detail.scroll = min(detail.scroll, RecordDetailLayout(detail, state).maxScroll)
    state.overlay = .recordDetail(detail)
    return []
  case .char("A"):
    detail.popup = .activity(ActivityFormFields.new(state))
  case .char("c"):
    return startCall(&state, record: detail)
  case .char("N"):
    detail.popup = .deal(DealFormFields.forRecord(detail.detail, state))
  case .char("e"):
    switch detail.detail {
    case .contact(let d):
      detail.popup = .edit(
        RecordFormFields.contact(d.row, state), .contact(editing: d.row.contact.id))
    case .company(let d):
      detail.popup = .edit(
        RecordFormFields.company(d.row.company, state), .company(editing: d.row.company.id))
    }
  case .char("d"):
    detail.popup = .confirmDelete(ConfirmState())
  case .char("L"):
    var pick = DealPickState()
    pick.generation = 1
    detail.popup = .linkDeal(pick)
    state.overlay = .recordDetail(detail)
    return [.searchDeals("", generation: pick.generation)]
  case .char("C"):
    guard case .company = detail.detail else { return [.bell] }
    var pick = ContactPickState()
    pick.generation = 1
    detail.popup = .linkContact(pick)
    state.overlay = .recordDetail(detail)
    return [.searchContacts("", generation: pick.generation)]
  case .char("x"):
    if let focus = detail.contactFocus, focus < detail.contacts.count {
      detail.popup = .confirmUnlinkContact(ConfirmState(), detail.contacts[focus])
      break
    }
    let deals = detail.deals
    guard !deals.isEmpty else { return [.bell] }
    let index = min(detail.dealFocus ?? 0, deals.count - 1)
    detail.dealFocus = index
    detail.popup = .confirmUnlink(ConfirmState(), deals[index])
  case .tab, .backTab:
    let count = detail.contacts.count + detail.deals.count
    guard count > 0 else { return [.bell] }
    let step = key == .tab ? 1 : count - 1
    detail.focus(detail.focusIndex.map { ($0 + step) % count } ?? (key == .tab ? 0 : count - 1))
    scrollToFocus(&detail, state)
  default:
    if let effects = undoRedoEffect(for: key, state) { return effects }
    guard let step = scrollStep(for: key, state, page: page, total: layout.lines.count) else {
      return []
    }
    detail.scroll = min(max(0, detail.scroll + step), layout.maxScroll)
  }
  state.overlay = .recordDetail(detail)
  return []
}

/// Keeps the focused deal's line in view.
private func scrollToFocus(_ detail: inout RecordDetailState, _ state: AppState) {
  let layout = RecordDetailLayout(detail, state)
  guard let line = layout.focusLine else { return }
  if line < detail.scroll { detail.scroll = line }
  if line >= detail.scroll + layout.bodyRows { detail.scroll = line - layout.bodyRows + 1 }
  detail.scroll = min(max(0, detail.scroll), layout.maxScroll)
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

/// A detail arrived: open it, or refresh the open one of the same record. A contact with
/// deals is asked again for its roles on them.
func recordDetailLoaded(_ state: inout AppState, _ loaded: RecordDetail, noteAdded: Bool)
  -> [Effect]
{
  if noteAdded {
    state.status = StatusMessage(
      text: state.text("status.noteAdded", loaded.title), isError: false)
  }
  var effects: [Effect] = []
  if case .recordDetail(var detail) = state.overlay, detail.detail.ref == loaded.ref {
    detail.detail = loaded
    if noteAdded {
      detail.note = nil
      detail.saving = false
    }
    state.overlay = .recordDetail(detail)
  } else if !noteAdded {
    let detail = RecordDetailState(loaded)
    state.overlay = .recordDetail(detail)
    if case .contact(let d) = loaded, !d.deals.isEmpty {
      effects.append(.refreshRecord(loaded.ref))
    }
  }
  // The list's last-interaction column may have changed.
  if noteAdded, let kind = state.listKind { effects.append(reloadList(&state, kind)) }
  return effects
}

/// A write from the detail went through, or the detail was read again: show it, close the
/// popup of the write, reload the list (and the board when deals changed).
func recordUpdated(
  _ state: inout AppState, _ loaded: RecordDetail, roles: [String: String],
  status: StatusMessage?, dealsChanged: Bool
) -> [Effect] {
  if let status { state.status = status }
  if case .recordDetail(var detail) = state.overlay, detail.detail.ref == loaded.ref {
    detail.detail = loaded
    detail.roles = roles
    if status != nil {
      detail.popup = nil
      detail.saving = false
    }
    detail.clampFocus()
    detail.scroll = min(detail.scroll, RecordDetailLayout(detail, state).maxScroll)
    state.overlay = .recordDetail(detail)
  }
  guard status != nil else { return [] }
  // A board reload reloads the list on screen as well.
  if dealsChanged {
    return [
      .loadBoard(pipelineId: state.board?.pipeline.id, focusDealId: state.focusedCard?.deal.id)
    ]
  }
  if let kind = state.listKind { return [reloadList(&state, kind, focusId: loaded.ref.id)] }
  return []
}

/// The open detail's record is gone: close it and reload the list.
func recordGone(_ state: inout AppState, _ ref: RecordRef, status: StatusMessage?) -> [Effect] {
  if let status { state.status = status }
  if case .recordDetail(let detail) = state.overlay, detail.detail.ref == ref {
    state.overlay = nil
  }
  if let kind = state.listKind { return [reloadList(&state, kind)] }
  return []
}

/// After a board load (an undo, a redo, a reload), the open detail is read again.
func refreshOpenRecord(_ state: AppState) -> [Effect] {
  if case .detail(let deal) = state.overlay, deal.note == nil, !deal.saving {
    return [.loadDetail(deal.dealId)]
  }
  guard case .recordDetail(let detail) = state.overlay, !detail.saving else { return [] }
  return [.refreshRecord(detail.detail.ref)]
}
