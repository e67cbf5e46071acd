import Foundation
import Model
import Store

/// The effects of the contacts and companies views, run on the store: pages of the lists,
/// details, notes written in a detail, and the forms' creates, edits and deletes.
extension EffectRunner {
  static func performOnRecords(_ effect: Effect, store: Store, catalog: Catalog) throws -> Msg {
    switch effect {
    case .loadList(let query):
      return try page(query, store: store)
    case .loadRecord(let ref):
      return .recordDetailLoaded(try detail(ref, store: store))
    case .createRecordNote(let ref, let body):
      let author = try store.localUser()?.id
      switch ref {
      case .contact(let id):
        try store.createNote(Note(body: body, authorId: author, contactId: id))
      case .company(let id):
        try store.createNote(Note(body: body, authorId: author, companyId: id))
      }
      return .recordNoteAdded(try detail(ref, store: store))
    case .saveContact(let fields, let editing):
      let contact = try saveContact(fields, editing: editing, store: store)
      let key = editing == nil ? "status.created" : "status.saved"
      return .recordChanged(
        .contacts, focusId: contact.id,
        status: StatusMessage(text: catalog.text(key, contact.fullName), isError: false))
    case .saveCompany(let fields, let editing):
      let company = try saveCompany(fields, editing: editing, store: store)
      let key = editing == nil ? "status.created" : "status.saved"
      return .recordChanged(
        .companies, focusId: company.id,
        status: StatusMessage(text: catalog.text(key, company.name), isError: false))
    case .deleteRecord(let ref, let name):
      let kind: ListKind
      switch ref {
      case .contact(let id):
        try store.deleteContact(id)
        kind = .contacts
      case .company(let id):
        try store.deleteCompany(id)
        kind = .companies
      }
      return .recordChanged(
        kind, focusId: nil,
        status: StatusMessage(text: catalog.text("status.deleted", name), isError: false))
    default:
      return .failed("internal: \(effect) is not a record effect")
    }
  }

  static func page(_ query: ListQuery, store: Store) throws -> Msg {
    let search = query.search.trimmingCharacters(in: .whitespaces).isEmpty ? nil : query.search
    switch query.kind {
    case .contacts:
      let sort = ContactSort.allCases[query.sort % ContactSort.allCases.count]
      // One read: the rows, then a count that costs no more than they did (see
      // `Store.contactPage`), so the first screen never waits on a count of every contact.
      let page = try store.contactPage(
        sort: sort, ascending: query.ascending, search: search, limit: query.limit,
        offset: query.offset)
      return .listLoaded(query, .contacts(page.rows), total: page.count)
    case .companies:
      let sort = CompanySort.allCases[query.sort % CompanySort.allCases.count]
      let rows = try store.companyRows(
        sort: sort, ascending: query.ascending, search: search, limit: query.limit,
        offset: query.offset)
      let total = try store.companyCount(search: search)
      return .listLoaded(query, .companies(rows), total: ListCount(total))
    }
  }

  static func detail(_ ref: RecordRef, store: Store) throws -> RecordDetail {
    switch ref {
    case .contact(let id): return .contact(try store.contactDetail(id))
    case .company(let id): return .company(try store.companyDetail(id))
    }
  }

  /// The company a form names: the one with that name, else a new one (its own undo step).
  private static func companyId(named name: String, store: Store) throws -> String? {
    guard !name.isEmpty else { return nil }
    do {
      return try store.company(name).id
    } catch StoreError.notFound {
      return try store.createCompany(Company(name: name)).id
    }
  }

  static func saveContact(_ f: ContactFields, editing: String?, store: Store) throws -> Contact {
    let companyId = try companyId(named: f.company, store: store)
    guard let editing else {
      let owner = try store.localUser()?.id
      return try store.createContact(
        Contact(
          firstName: f.firstName, lastName: f.lastName, title: f.title.isEmpty ? nil : f.title,
          emails: f.email.isEmpty ? [] : [EmailAddress(f.email)],
          phones: f.phone.isEmpty ? [] : [PhoneNumber(f.phone)], companyId: companyId,
          ownerId: owner))
    }
    return try store.editContact(editing) { c in
      c.firstName = f.firstName
      c.lastName = f.lastName
      c.title = f.title.isEmpty ? nil : f.title
      // The first email and phone are the form's; any others stay.
      if f.email.isEmpty {
        if !c.emails.isEmpty { c.emails.removeFirst() }
      } else if c.emails.isEmpty {
        c.emails = [EmailAddress(f.email)]
      } else {
        c.emails[0].address = f.email
      }
      if f.phone.isEmpty {
        if !c.phones.isEmpty { c.phones.removeFirst() }
      } else if c.phones.isEmpty {
        c.phones = [PhoneNumber(f.phone)]
      } else {
        c.phones[0].number = f.phone
      }
      c.companyId = companyId
    }
  }

  static func saveCompany(_ f: CompanyFields, editing: String?, store: Store) throws -> Company {
    func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
    guard let editing else {
      let owner = try store.localUser()?.id
      return try store.createCompany(
        Company(
          name: f.name, domain: optional(f.domain), phone: optional(f.phone),
          industry: optional(f.industry), ownerId: owner))
    }
    return try store.editCompany(editing) { c in
      c.name = f.name
      c.domain = optional(f.domain)
      c.phone = optional(f.phone)
      c.industry = optional(f.industry)
    }
  }
}
