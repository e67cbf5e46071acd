import Foundation
import Model
import Store
import Terminal

/// The contact picker of `C` in a company's detail: the query typed, the contacts it
/// matched (the contacts list's own search, asked of the store as it is typed;
/// `generation` tells the answer to the latest keystroke from older ones).
public struct ContactPickState: Sendable {
  public var query = TextInputState()
  public var list = ListState()
  public var choices: [ContactRow] = []
  public var generation = 0
  public var loaded = false

  public init() {}

  var chosen: Contact? {
    choices.indices.contains(list.selected) ? choices[list.selected].contact : nil
  }
}

/// What a key in the contact picker asks for: the contact taken, or effects to run.
enum ContactPickOutcome {
  case chosen(Contact)
  case effects([Effect])
}

/// Typing searches, Up / Down choose, Enter takes the contact (a bell when none is there).
func updateContactPick(_ pick: inout ContactPickState, _ key: Key) -> ContactPickOutcome {
  switch key {
  case .enter:
    guard let contact = pick.chosen else { return .effects([.bell]) }
    return .chosen(contact)
  case .up, .down, .pageUp, .pageDown, .home, .end:
    pick.list.handle(key, count: pick.choices.count, pageSize: 8)
    return .effects([])
  default:
    let before = pick.query.text
    pick.query.handle(key)
    guard pick.query.text != before else { return .effects([]) }
    pick.generation += 1
    return .effects([.searchContacts(pick.query.text, generation: pick.generation)])
  }
}

/// Contacts for the picker arrived: shown if they answer the query on screen.
func contactChoicesLoaded(_ state: inout AppState, generation: Int, _ rows: [ContactRow])
  -> [Effect]
{
  guard case .recordDetail(var detail) = state.overlay,
    case .linkContact(var pick)? = detail.popup, pick.generation == generation
  else { return [] }
  pick.choices = rows
  pick.loaded = true
  pick.list = ListState()
  detail.popup = .linkContact(pick)
  state.overlay = .recordDetail(detail)
  return []
}

/// "Link a contact to Acme": the contacts below the query as name · company · email.
func renderContactPick(
  _ pick: ContactPickState, _ name: String, _ state: AppState, into buffer: inout ScreenBuffer
) {
  let lines = pick.choices.map { row in
    [row.contact.fullName, row.companyName, row.contact.emails.first?.address].compactMap { $0 }
      .joined(separator: " · ")
  }
  renderPicker(
    title: state.text("picker.linkContact", name), query: pick.query, lines: lines,
    list: pick.list,
    emptyText: pick.loaded ? state.text("picker.noContacts") : state.text("status.loading"),
    state, into: &buffer)
}
