import ArgumentParser
import Foundation
import Model
import Store

struct ContactCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "contact", abstract: "List, show, add, edit and delete contacts.",
    subcommands: [
      List.self, Show.self, Add.self, Edit.self, Delete.self, ContactDuplicates.self,
      ContactMerge.self,
    ])

  static func json(_ c: Contact) -> [String: Any] {
    [
      "id": c.id, "firstName": c.firstName, "lastName": c.lastName, "name": c.fullName,
      "title": Output.orNull(c.title),
      "emails": c.emails.map { ["address": $0.address, "type": $0.type.rawValue] },
      "phones": c.phones.map { ["number": $0.number, "type": $0.type.rawValue] },
      "address": c.address.map(AddressFields.json) ?? NSNull(), "tags": c.tags,
      "companyId": Output.orNull(c.companyId), "ownerId": Output.orNull(c.ownerId),
      "emailOptOut": c.emailOptOut, "createdAt": Output.iso(c.createdAt),
      "updatedAt": Output.iso(c.updatedAt),
    ]
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List contacts by name, or those matching --search.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var page: PageOptions
    @Option(help: "Only the contacts of this company (name or id).") var company: String?
    @Option(help: "Full-text search: names, emails, phones, title and tags, by word prefix.")
    var search: String?

    func run() throws {
      let store = try global.openStore()
      let contacts: [Contact]
      if let search {
        // Paging applies after the --company filter, so a filtered search reads every hit.
        let companyId = try company.map { try store.company($0).id }
        let (end, overflow) = page.offset.addingReportingOverflow(page.limit)
        let hits = try store.search(
          search, in: [.contact], limit: companyId != nil || overflow ? Int.max : end)
        contacts = Array(
          try hits.map { try store.contact($0.id) }
            .filter { companyId == nil || $0.companyId == companyId }
            .dropFirst(page.offset).prefix(page.limit))
      } else {
        contacts = try store.contacts(company: company, limit: page.limit, offset: page.offset)
      }
      if output.json { return try Output.json(contacts.map(json)) }
      Output.table(
        ["ID", "NAME", "TITLE", "EMAIL", "PHONE"],
        contacts.map {
          [
            $0.id, $0.fullName, $0.title ?? "", $0.emails.first?.address ?? "",
            $0.phones.first?.number ?? "",
          ]
        })
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a contact.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Contact id or unique prefix.") var id: String

    func run() throws {
      let store = try global.openStore()
      let c = try store.contact(id)
      if output.json { return try Output.json(json(c)) }
      let company = try c.companyId.map { try store.company($0).name }
      Output.fields([
        ("Contact", c.fullName), ("ID", c.id), ("Title", c.title), ("Company", company),
        ("Emails", c.emails.map { "\($0.address) (\($0.type.rawValue))" }.joined(separator: ", ")),
        ("Phones", c.phones.map { "\($0.number) (\($0.type.rawValue))" }.joined(separator: ", ")),
        ("Address", c.address?.singleLine), ("Tags", c.tags.joined(separator: ", ")),
        ("Opt-out", c.emailOptOut ? "yes" : nil),
      ])
    }
  }

  struct Fields: ParsableArguments {
    @Option(help: "First name.") var first: String?
    @Option(help: "Last name.") var last: String?
    @Option(help: "Job title (\"\" for none).") var title: String?
    @Option(
      help: "An email, optionally typed: work:ann@example.com; repeat for more (replaces the list)."
    )
    var email: [String] = []
    @Option(
      help:
        "A phone, optionally typed: mobile:+44 7700 900123; repeat for more (replaces the list).")
    var phone: [String] = []
    @Option(help: "A tag; repeat for more (replaces the list).") var tag: [String] = []
    @Option(help: "Company name or id (\"\" for none).") var company: String?
    @Option(help: "Owner name, email or id (\"\" for none).") var owner: String?
    @Flag(inversion: .prefixedNo, help: "The contact asked not to be emailed.") var optOut: Bool?
    @OptionGroup var address: AddressFields

    func apply(to c: inout Contact, store: Store) throws {
      if let first { c.firstName = first.trimmingCharacters(in: .whitespaces) }
      if let last { c.lastName = last.trimmingCharacters(in: .whitespaces) }
      if let title = InputParsing.optional(title) { c.title = title }
      if !email.isEmpty {
        c.emails = try email.map {
          let (type, text) = try InputParsing.typed($0)
          return EmailAddress(text, type: type)
        }
      }
      if !phone.isEmpty {
        c.phones = try phone.map {
          let (type, text) = try InputParsing.typed($0)
          return PhoneNumber(text, type: type)
        }
      }
      if !tag.isEmpty { c.tags = tag.map { $0.trimmingCharacters(in: .whitespaces) } }
      if let company = InputParsing.optional(company) {
        c.companyId = try company.map { try store.company($0).id }
      }
      if let owner = InputParsing.optional(owner) {
        c.ownerId = try owner.map { try store.user(named: $0).id }
      }
      if let optOut { c.emailOptOut = optOut }
      c.address = address.apply(to: c.address)
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add a contact; prints its id.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: Fields

    func run() throws {
      let store = try global.openStore()
      var contact = Contact(firstName: "", ownerId: try store.localUser()?.id)
      try fields.apply(to: &contact, store: store)
      Output.line(try store.createContact(contact).id)
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Change a contact's fields.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Contact id or unique prefix.") var id: String
    @OptionGroup var fields: Fields

    func run() throws {
      let store = try global.openStore()
      try store.editContact(id) { try fields.apply(to: &$0, store: store) }
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete a contact (undo with `crm undo`).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var confirm: ConfirmOptions
    @Argument(help: "Contact id or unique prefix.") var id: String

    func run() throws {
      let store = try global.openStore()
      let contact = try store.contact(id)
      try confirm.confirm("Delete contact \"\(contact.fullName)\"?")
      try store.deleteContact(contact.id)
    }
  }
}

/// Postal address flags, shared by contacts and companies.
struct AddressFields: ParsableArguments {
  @Option(help: "Street address.") var street: String?
  @Option(help: "City.") var city: String?
  @Option(help: "Region or state.") var region: String?
  @Option(help: "Postal code.") var postalCode: String?
  @Option(help: "Country.") var country: String?

  func apply(to address: PostalAddress?) -> PostalAddress? {
    guard street != nil || city != nil || region != nil || postalCode != nil || country != nil
    else { return address }
    var new = address ?? PostalAddress()
    if let street { new.street = street }
    if let city { new.city = city }
    if let region { new.region = region }
    if let postalCode { new.postalCode = postalCode }
    if let country { new.country = country }
    return new.isEmpty ? nil : new
  }

  static func json(_ a: PostalAddress) -> [String: Any] {
    [
      "street": a.street, "city": a.city, "region": a.region, "postalCode": a.postalCode,
      "country": a.country,
    ]
  }
}
