import ArgumentParser
import Foundation
import Model
import Store

/// `crm contact duplicates|merge` and `crm company duplicates|merge`: possible duplicates
/// with their reasons, and merging one record into another (one undoable change).
extension MergeChoice.Field: ExpressibleByArgument {}

/// Asking before a merge: `--yes` skips the question; without a terminal it is required.
struct MergeConfirm: ParsableArguments {
  @Flag(name: [.short, .long], help: "Merge without asking.") var yes = false

  func confirm(_ question: String) throws {
    if yes { return }
    guard isatty(STDIN_FILENO) == 1 else {
      throw CLIError("merging needs --yes when not run from a terminal")
    }
    FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    guard answer == "y" || answer == "yes" else { throw CLIError("nothing merged") }
  }
}

struct ContactDuplicates: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "duplicates",
    abstract: "List possible duplicate contacts: same email, phone, or name at one company.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions
  @Option(help: "At most this many pairs.") var limit = 1000

  func run() throws {
    let store = try global.openStore()
    let pairs = try store.contactDuplicates(limit: limit)
    if output.json {
      return try Output.json(
        pairs.map { pair in
          [
            "a": ContactCommand.json(pair.a), "b": ContactCommand.json(pair.b),
            "reasons": pair.reasons.map(Self.json),
          ] as [String: Any]
        })
    }
    var names: [String: String] = [:]
    func company(_ id: String) -> String {
      if let name = names[id] { return name }
      let name = (try? store.company(id).name) ?? id
      names[id] = name
      return name
    }
    Output.table(
      ["KEEP", "NAME", "REMOVE", "NAME", "REASONS"],
      pairs.map { pair in
        [
          pair.a.id, pair.a.fullName, pair.b.id, pair.b.fullName,
          pair.reasons.map { reason in
            switch reason {
            case .email(let email): return "email \(email)"
            case .phone(let number): return "phone \(number)"
            case .nameAtCompany(let id): return "name at \(company(id))"
            }
          }.joined(separator: "; "),
        ]
      })
  }

  static func json(_ reason: DuplicateReason) -> [String: Any] {
    switch reason {
    case .email(let email): return ["kind": "email", "value": email]
    case .phone(let number): return ["kind": "phone", "value": number]
    case .nameAtCompany(let id): return ["kind": "nameAtCompany", "value": id]
    }
  }
}

struct ContactMerge: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract:
      "Merge contact REMOVE into KEEP: links, notes and activities move (undo with `crm undo`).",
    discussion: """
      Each field keeps KEEP's value unless it is empty; emails, phones and tags are joined. \
      --take-from-removed FIELD takes REMOVE's value instead (\
      \(MergeChoice.Field.allCases.map(\.rawValue).joined(separator: ", "))). Prints KEEP's id.
      """)
  @OptionGroup var global: GlobalOptions
  @OptionGroup var confirm: MergeConfirm
  @Argument(help: "The contact to keep (id or unique prefix).") var keep: String
  @Argument(help: "The contact to merge into it and remove.") var remove: String
  @Option(
    name: .customLong("take-from-removed"), help: "A field to take from REMOVE; repeat for more.")
  var takeFromRemoved: [MergeChoice.Field] = []

  func run() throws {
    let store = try global.openStore()
    let kept = try store.contact(keep)
    let removed = try store.contact(remove)
    if kept.id == removed.id {
      throw CLIError("remove: \"\(remove)\" is the contact to keep")
    }
    try confirm.confirm("Merge contact \"\(removed.fullName)\" into \"\(kept.fullName)\"?")
    let merged = try store.mergeContacts(
      keep: kept.id, remove: removed.id, choice: .takingFromRemoved(takeFromRemoved))
    Output.line(merged.id)
  }
}

struct CompanyDuplicates: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "duplicates",
    abstract:
      "List possible duplicate companies: same domain, or same name without case, dots, commas and legal suffix (Inc, Ltd, LLC, GmbH ...)."
  )
  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions
  @Option(help: "At most this many pairs.") var limit = 1000

  func run() throws {
    let pairs = try global.openStore().companyDuplicates(limit: limit)
    if output.json {
      return try Output.json(
        pairs.map { pair in
          [
            "a": CompanyCommand.json(pair.a), "b": CompanyCommand.json(pair.b),
            "reasons": pair.reasons.map(Self.json),
          ] as [String: Any]
        })
    }
    Output.table(
      ["KEEP", "NAME", "REMOVE", "NAME", "REASONS"],
      pairs.map { pair in
        [
          pair.a.id, pair.a.name, pair.b.id, pair.b.name,
          pair.reasons.map { reason in
            switch reason {
            case .domain(let domain): return "domain \(domain)"
            case .name(let key): return "name \(key)"
            }
          }.joined(separator: "; "),
        ]
      })
  }

  static func json(_ reason: CompanyDuplicateReason) -> [String: Any] {
    switch reason {
    case .domain(let domain): return ["kind": "domain", "value": domain]
    case .name(let key): return ["kind": "name", "value": key]
    }
  }
}

struct CompanyMerge: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract:
      "Merge company REMOVE into KEEP: contacts, deals, activities and notes move (undo with `crm undo`).",
    discussion: "Each field keeps KEEP's value unless it is empty. Prints KEEP's id.")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var confirm: MergeConfirm
  @Argument(help: "The company to keep (id, unique prefix or exact name).") var keep: String
  @Argument(help: "The company to merge into it and remove.") var remove: String

  func run() throws {
    let store = try global.openStore()
    let kept = try store.company(keep)
    let removed = try store.company(remove)
    if kept.id == removed.id {
      throw CLIError("remove: \"\(remove)\" is the company to keep")
    }
    try confirm.confirm("Merge company \"\(removed.name)\" into \"\(kept.name)\"?")
    Output.line(try store.mergeCompanies(keep: kept.id, remove: removed.id).id)
  }
}
