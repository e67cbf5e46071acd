import ArgumentParser
import Foundation
import Model
import Store

struct CompanyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "company", abstract: "List, show, add, edit and delete companies.",
    subcommands: [
      List.self, Show.self, Add.self, Edit.self, Delete.self, CompanyDuplicates.self,
      CompanyMerge.self,
    ])

  static func json(_ c: Company) -> [String: Any] {
    [
      "id": c.id, "name": c.name, "domain": Output.orNull(c.domain),
      "phone": Output.orNull(c.phone),
      "address": c.address.map(AddressFields.json) ?? NSNull(),
      "industry": Output.orNull(c.industry),
      "ownerId": Output.orNull(c.ownerId), "createdAt": Output.iso(c.createdAt),
      "updatedAt": Output.iso(c.updatedAt),
    ]
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List companies by name, or those matching --search.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var page: PageOptions
    @Option(help: "Full-text search: name, domain and industry, by word prefix.") var search:
      String?

    func run() throws {
      let store = try global.openStore()
      let companies: [Company]
      if let search {
        let (limit, overflow) = page.offset.addingReportingOverflow(page.limit)
        let hits = try store.search(search, in: [.company], limit: overflow ? Int.max : limit)
        companies = try hits.dropFirst(page.offset).map { try store.company($0.id) }
      } else {
        companies = try store.companies(limit: page.limit, offset: page.offset)
      }
      if output.json { return try Output.json(companies.map(json)) }
      Output.table(
        ["ID", "NAME", "DOMAIN", "INDUSTRY", "PHONE"],
        companies.map { [$0.id, $0.name, $0.domain ?? "", $0.industry ?? "", $0.phone ?? ""] })
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a company.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Company id, unique prefix or exact name.") var id: String

    func run() throws {
      let c = try global.openStore().company(id)
      if output.json { return try Output.json(json(c)) }
      Output.fields([
        ("Company", c.name), ("ID", c.id), ("Domain", c.domain), ("Phone", c.phone),
        ("Industry", c.industry), ("Address", c.address?.singleLine),
      ])
    }
  }

  struct Fields: ParsableArguments {
    @Option(help: "The company's name.") var name: String?
    @Option(help: "Web domain, e.g. example.com (\"\" for none).") var domain: String?
    @Option(help: "Phone number (\"\" for none).") var phone: String?
    @Option(help: "Industry (\"\" for none).") var industry: String?
    @Option(help: "Owner name, email or id (\"\" for none).") var owner: String?
    @OptionGroup var address: AddressFields

    func apply(to c: inout Company, store: Store) throws {
      if let name { c.name = name.trimmingCharacters(in: .whitespaces) }
      if let domain = InputParsing.optional(domain) { c.domain = domain?.lowercased() }
      if let phone = InputParsing.optional(phone) { c.phone = phone }
      if let industry = InputParsing.optional(industry) { c.industry = industry }
      if let owner = InputParsing.optional(owner) {
        c.ownerId = try owner.map { try store.user(named: $0).id }
      }
      c.address = address.apply(to: c.address)
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add a company; prints its id.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: Fields

    func run() throws {
      let store = try global.openStore()
      guard fields.name != nil else {
        throw Model.ValidationError(field: "name", "is required (--name)")
      }
      var company = Company(name: "", ownerId: try store.localUser()?.id)
      try fields.apply(to: &company, store: store)
      Output.line(try store.createCompany(company).id)
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Change a company's fields.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Company id, unique prefix or exact name.") var id: String
    @OptionGroup var fields: Fields

    func run() throws {
      let store = try global.openStore()
      let company = try store.company(id)
      try store.editCompany(company.id) { try fields.apply(to: &$0, store: store) }
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete a company (undo with `crm undo`).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var confirm: ConfirmOptions
    @Argument(help: "Company id, unique prefix or exact name.") var id: String

    func run() throws {
      let store = try global.openStore()
      let company = try store.company(id)
      try confirm.confirm("Delete company \"\(company.name)\"?")
      try store.deleteCompany(company.id)
    }
  }
}
