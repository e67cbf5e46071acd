import Foundation
import Model
import Store
import Terminal

/// A popup over a contact's or company's detail: the detail stays open beneath it, and
/// comes back refreshed when the popup's write is done.
public enum DetailPopup: Sendable {
  /// A new task, call or meeting linked to the record.
  case activity(FormState)
  /// A new deal with the record's company, linked to the contact.
  case deal(FormState)
  /// The record's own edit form.
  case edit(FormState, RecordForm)
  case confirmDelete(ConfirmState)
  /// Choosing the deal to link, by searching its title.
  case linkDeal(DealPickState)
  /// The contact's role on the deal chosen.
  case linkRole(FormState, DealSummary)
  case confirmUnlink(ConfirmState, DealSummary)
  /// A company's detail: choosing the contact that joins it, by searching its name.
  case linkContact(ContactPickState)
  /// A company's detail: the contact focused leaves the company.
  case confirmUnlinkContact(ConfirmState, Contact)
}

/// What a write from a detail asks of the store (the record is named beside it).
public enum DetailWrite: Sendable, Equatable {
  case activity(ActivityFields)
  case deal(DealDraft)
  case contact(ContactFields)
  case company(CompanyFields)
  case delete(name: String)
  /// A contact joins the deal with a role; a company becomes the deal's company.
  case link(dealId: String, title: String, role: String?)
  case unlink(dealId: String, title: String)
  /// A contact joins the company of the detail (leaving the one it had), or leaves it.
  case linkContact(contactId: String, name: String)
  case unlinkContact(contactId: String, name: String)
}

/// What the activity form holds once checked.
public struct ActivityFields: Sendable, Hashable {
  public var kind: ActivityKind
  public var title: String
  /// A task's due time, a call's or meeting's start.
  public var when: Date?
  public var notes: String

  public init(kind: ActivityKind, title: String, when: Date?, notes: String) {
    self.kind = kind
    self.title = title
    self.when = when
    self.notes = notes
  }
}

/// The deal picker of `L`: the query typed, the deals it matched (asked of the store as
/// it is typed; `generation` tells the answer to the latest keystroke from older ones).
public struct DealPickState: Sendable {
  public var query = TextInputState()
  public var list = ListState()
  public var choices: [DealSummary] = []
  public var generation = 0
  public var loaded = false

  public init() {}

  var chosen: DealSummary? {
    choices.indices.contains(list.selected) ? choices[list.selected] : nil
  }
}
