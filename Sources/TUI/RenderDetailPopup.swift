import Foundation
import Store
import Terminal

/// A popup over a record's detail: a form in a modal (its title says what it makes and for
/// whom), a question, or the deal picker with its query and the deals it matched.
func renderDetailPopup(
  _ popup: DetailPopup, _ detail: RecordDetailState, _ state: AppState,
  into buffer: inout ScreenBuffer
) {
  let name = detail.detail.title
  func confirm(_ message: String, _ title: String, _ answer: ConfirmState) {
    Confirm(
      title: title, message: message, state: answer, yesLabel: state.text("confirm.yes"),
      noLabel: state.text("confirm.no")
    ).render(into: &buffer, area: buffer.area)
  }
  switch popup {
  case .activity(let form):
    renderFormModal(state.text("form.newActivity", name), form, state, into: &buffer)
  case .deal(let form):
    renderFormModal(state.text("form.newDealFor", name), form, state, into: &buffer)
  case .edit(let form, let kind):
    renderFormModal(state.text(kind.titleKey), form, state, into: &buffer)
  case .linkRole(let form, let deal):
    renderFormModal(state.text("form.linkRole", deal.deal.title), form, state, into: &buffer)
  case .confirmDelete(let answer):
    confirm(state.text("confirm.delete", name), state.text("confirm.deleteTitle"), answer)
  case .confirmUnlink(let answer, let deal):
    confirm(
      state.text("confirm.unlink", name, deal.deal.title), state.text("confirm.unlinkTitle"),
      answer)
  case .linkDeal(let pick):
    renderDealPick(pick, name, state, into: &buffer)
  case .linkContact(let pick):
    renderContactPick(pick, name, state, into: &buffer)
  case .confirmUnlinkContact(let answer, let contact):
    confirm(
      state.text("confirm.unlink", contact.fullName, name), state.text("confirm.unlinkTitle"),
      answer)
  }
}

/// "Link Ann Archer to a deal": the query on top, the deals below (title · stage ·
/// company), the keys on the last row.
private func renderDealPick(
  _ pick: DealPickState, _ name: String, _ state: AppState, into buffer: inout ScreenBuffer
) {
  let lines = pick.choices.map { s in
    ([s.deal.title, s.stageName] + (s.companyName.map { [$0] } ?? [])).joined(separator: " · ")
  }
  renderPicker(
    title: state.text("picker.linkDeal", name), query: pick.query, lines: lines, list: pick.list,
    emptyText: pick.loaded ? state.text("picker.noDeals") : state.text("status.loading"), state,
    into: &buffer)
}

/// A picker of the record detail (deals for `L`, contacts for `C`): a modal with the query
/// on top, the choices below, the keys on the last row.
func renderPicker(
  title: String, query: TextInputState, lines: [String], list: ListState, emptyText: String,
  _ state: AppState, into buffer: inout ScreenBuffer
) {
  let screen = buffer.area
  let modal = Modal(title: title, width: min(60, screen.width), height: min(screen.height, 14))
  let inner = modal.render(into: &buffer, screen: screen)
  guard inner.height > 2 else { return }
  let (top, rest) = inner.splitTop(1)
  let (body, footer) = rest.splitBottom(1)
  let x = buffer.put("> ", x: top.x, y: top.y, style: Style(Role.title), clip: top)
  TextInput(state: query, focused: true).render(
    into: &buffer, area: Rect(x: x, y: top.y, width: max(0, top.maxX - x), height: 1))
  ListView(
    items: lines.map { ListItem($0, style: Style(Role.modal)) }, state: list, focused: true,
    emptyText: emptyText
  ).render(into: &buffer, area: body)
  buffer.put(
    fittingHint("picker.linkHint", state, width: footer.width), x: footer.x, y: footer.y,
    style: Style("card.dim"), clip: footer)
}
