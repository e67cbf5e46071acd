import Foundation
import Model
import Store

/// The effects of a contact's or company's detail, run on the store: its writes (an
/// activity, a deal, an edit, a delete, a deal linked or unlinked), each one mutation that
/// `u` undoes, answered with the detail as it is now; the detail read again; and the deals
/// the link picker offers.
extension EffectRunner {
  static func performInRecordDetail(_ effect: Effect, store: Store, catalog: Catalog) throws
    -> Msg
  {
    switch effect {
    case .writeInDetail(let ref, let write):
      return try self.write(write, ref, store: store, catalog: catalog)
    case .refreshRecord(let ref):
      do {
        return try updated(ref, store: store, status: nil, dealsChanged: false)
      } catch StoreError.notFound {
        return .recordGone(ref, status: nil)
      }
    case .searchDeals(let text, let generation):
      return .dealChoicesLoaded(
        generation: generation, try store.dealChoices(matching: text, limit: 50))
    case .searchContacts(let text, let generation):
      let words = text.trimmingCharacters(in: .whitespaces)
      return .contactChoicesLoaded(
        generation: generation,
        try store.contactRows(search: words.isEmpty ? nil : words, limit: 50))
    default:
      return .failed("internal: \(effect) is not a record detail effect")
    }
  }

  private static func write(
    _ write: DetailWrite, _ ref: RecordRef, store: Store, catalog: Catalog
  ) throws -> Msg {
    func status(_ key: String, _ args: String...) -> StatusMessage {
      var text = catalog.text(key)
      for (index, arg) in args.enumerated() {
        text = text.replacingOccurrences(of: "{\(index)}", with: arg)
      }
      return StatusMessage(text: text, isError: false)
    }
    func name() throws -> String {
      switch ref {
      case .contact(let id): return try store.contact(id).fullName
      case .company(let id): return try store.company(id).name
      }
    }
    switch write {
    case .activity(let fields):
      var activity = Activity(
        kind: fields.kind, title: fields.title, notes: fields.notes.isEmpty ? nil : fields.notes,
        assigneeId: try store.localUser()?.id)
      if fields.kind == .task {
        activity.dueAt = fields.when
      } else {
        activity.startAt = fields.when
      }
      switch ref {
      case .contact(let id): activity.contactId = id
      case .company(let id): activity.companyId = id
      }
      try store.createActivity(activity)
      return try updated(
        ref, store: store, status: status("status.activityAdded", fields.title, try name()),
        dealsChanged: false)
    case .deal(let draft):
      let deal = try store.createDeal(draft)
      return try updated(
        ref, store: store, status: status("status.created", deal.title), dealsChanged: true)
    case .contact(let fields):
      let contact = try saveContact(fields, editing: ref.id, store: store)
      return try updated(
        ref, store: store, status: status("status.saved", contact.fullName), dealsChanged: false)
    case .company(let fields):
      let company = try saveCompany(fields, editing: ref.id, store: store)
      return try updated(
        ref, store: store, status: status("status.saved", company.name), dealsChanged: true)
    case .delete(let title):
      switch ref {
      case .contact(let id): try store.deleteContact(id)
      case .company(let id): try store.deleteCompany(id)
      }
      return .recordGone(ref, status: status("status.deleted", title))
    case .link(let dealId, let title, let role):
      switch ref {
      case .contact(let id): try store.linkContact(id, toDeal: dealId, role: role)
      case .company(let id): try store.editDeal(dealId, DealChanges(company: .some(id)))
      }
      return try updated(
        ref, store: store, status: status("status.linked", try name(), title), dealsChanged: true)
    case .unlink(let dealId, let title):
      switch ref {
      case .contact(let id): try store.unlinkContact(id, fromDeal: dealId)
      case .company: try store.editDeal(dealId, DealChanges(company: .some(nil)))
      }
      return try updated(
        ref, store: store, status: status("status.unlinked", try name(), title), dealsChanged: true)
    case .linkContact(let contactId, let contactName):
      // One edit of the contact: undo puts it back in the company it had.
      try store.editContact(contactId) { $0.companyId = ref.id }
      return try updated(
        ref, store: store, status: status("status.linked", contactName, try name()),
        dealsChanged: false)
    case .unlinkContact(let contactId, let contactName):
      try store.editContact(contactId) { $0.companyId = nil }
      return try updated(
        ref, store: store, status: status("status.unlinked", contactName, try name()),
        dealsChanged: false)
    }
  }

  /// The detail as it is now, with a contact's roles on its deals.
  private static func updated(
    _ ref: RecordRef, store: Store, status: StatusMessage?, dealsChanged: Bool
  ) throws -> Msg {
    let loaded = try detail(ref, store: store)
    var roles: [String: String] = [:]
    if case .contact(let id) = ref { roles = try store.dealRoles(contact: id) }
    return .recordUpdated(loaded, roles: roles, status: status, dealsChanged: dealsChanged)
  }
}
