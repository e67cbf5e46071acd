import Foundation
import Store
import Terminal

/// Keys in a popup over a record's detail. Forms: Tab moves, Enter checks and saves, Esc
/// goes back to the detail. Questions: `y` / Enter on Yes do it. The deal picker: typing
/// searches, Up / Down choose, Enter takes the deal (then a contact's role, Enter links).
/// While a write is on its way the popup waits for its answer; a failure leaves it open
/// with what was typed.
func updateDetailPopup(_ state: inout AppState, _ detail: inout RecordDetailState, _ key: Key)
  -> [Effect]
{
  guard let popup = detail.popup, !detail.saving else { return [] }
  let ref = detail.detail.ref
  var effects: [Effect] = []
  func write(_ write: DetailWrite) {
    detail.saving = true
    effects = [.writeInDetail(ref, write)]
  }
  if key == .escape {
    detail.popup = nil
    state.overlay = .recordDetail(detail)
    return []
  }
  switch popup {
  case .activity(var form):
    if key == .enter {
      if let fields = ActivityFormFields.submit(&form, state: state) {
        write(.activity(fields))
      } else {
        effects = [.bell]
      }
    } else {
      form.handle(key)
    }
    detail.popup = .activity(form)
  case .deal(var form):
    if key == .enter {
      if let deal = DealFormFields.submitForRecord(&form, detail.detail, state: state) {
        write(deal)
      } else {
        effects = [.bell]
      }
    } else {
      form.handle(key)
    }
    detail.popup = .deal(form)
  case .edit(var form, let kind):
    if key == .enter {
      switch RecordFormFields.submit(&form, kind, state: state) {
      case .saveContact(let fields, _)?: write(.contact(fields))
      case .saveCompany(let fields, _)?: write(.company(fields))
      default: effects = [.bell]
      }
    } else {
      form.handle(key)
    }
    detail.popup = .edit(form, kind)
  case .confirmDelete(var confirm):
    switch confirm.handle(key) {
    case .yes: write(.delete(name: detail.detail.title))
    case .no, .cancelled: detail.popup = nil
    case nil: detail.popup = .confirmDelete(confirm)
    }
  case .confirmUnlink(var confirm, let deal):
    switch confirm.handle(key) {
    case .yes: write(.unlink(dealId: deal.deal.id, title: deal.deal.title))
    case .no, .cancelled: detail.popup = nil
    case nil: detail.popup = .confirmUnlink(confirm, deal)
    }
  case .linkDeal(var pick):
    switch key {
    case .enter:
      guard let deal = pick.chosen else {
        effects = [.bell]
        break
      }
      if case .contact = ref {
        let role = detail.roles[deal.deal.id] ?? ""
        detail.popup = .linkRole(
          FormState(fields: [FormField(state.text("form.role"), text: role)]), deal)
        state.overlay = .recordDetail(detail)
        return []
      }
      write(.link(dealId: deal.deal.id, title: deal.deal.title, role: nil))
    case .up, .down, .pageUp, .pageDown, .home, .end:
      pick.list.handle(key, count: pick.choices.count, pageSize: 8)
    default:
      let before = pick.query.text
      pick.query.handle(key)
      if pick.query.text != before {
        pick.generation += 1
        effects = [.searchDeals(pick.query.text, generation: pick.generation)]
      }
    }
    if case .linkDeal = detail.popup { detail.popup = .linkDeal(pick) }
  case .linkContact(var pick):
    switch updateContactPick(&pick, key) {
    case .chosen(let contact): write(.linkContact(contactId: contact.id, name: contact.fullName))
    case .effects(let more): effects = more
    }
    if case .linkContact = detail.popup { detail.popup = .linkContact(pick) }
  case .confirmUnlinkContact(var confirm, let contact):
    switch confirm.handle(key) {
    case .yes: write(.unlinkContact(contactId: contact.id, name: contact.fullName))
    case .no, .cancelled: detail.popup = nil
    case nil: detail.popup = .confirmUnlinkContact(confirm, contact)
    }
  case .linkRole(var form, let deal):
    if key == .enter {
      let role = form.fields[0].text.trimmingCharacters(in: .whitespaces)
      if role.count > 100 {
        form.fields[0].error = state.text("form.error.long")
        effects = [.bell]
      } else {
        write(.link(dealId: deal.deal.id, title: deal.deal.title, role: role.isEmpty ? nil : role))
      }
    } else {
      form.handle(key)
    }
    detail.popup = .linkRole(form, deal)
  }
  state.overlay = .recordDetail(detail)
  return effects
}

/// Deals for the picker arrived: shown if they answer the query on screen.
func dealChoicesLoaded(_ state: inout AppState, generation: Int, _ deals: [DealSummary])
  -> [Effect]
{
  guard case .recordDetail(var detail) = state.overlay, case .linkDeal(var pick)? = detail.popup,
    pick.generation == generation
  else { return [] }
  pick.choices = deals
  pick.loaded = true
  pick.list = ListState()
  detail.popup = .linkDeal(pick)
  state.overlay = .recordDetail(detail)
  return []
}
