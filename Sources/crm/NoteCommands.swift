import ArgumentParser
import Foundation
import Model
import Store

struct NoteCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "note",
    abstract: "List, show, add, edit and delete notes on deals, contacts and companies.",
    subcommands: [List.self, Show.self, Add.self, Edit.self, Delete.self])

  static func json(_ n: Note) -> [String: Any] {
    [
      "id": n.id, "body": n.body, "authorId": Output.orNull(n.authorId),
      "dealId": Output.orNull(n.dealId), "contactId": Output.orNull(n.contactId),
      "companyId": Output.orNull(n.companyId), "createdAt": Output.iso(n.createdAt),
      "updatedAt": Output.iso(n.updatedAt),
    ]
  }

  /// `-` reads the body from standard input, for long notes and pipes.
  static func body(_ text: String) -> String {
    guard text == "-" else { return text }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
  }

  struct Links: ParsableArguments {
    @Option(help: "Deal id or unique prefix.") var deal: String?
    @Option(help: "Contact id or unique prefix.") var contact: String?
    @Option(help: "Company name or id.") var company: String?
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List notes, newest first.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var page: PageOptions
    @OptionGroup var links: Links

    func run() throws {
      let notes = try global.openStore().notes(
        deal: links.deal, contact: links.contact, company: links.company, limit: page.limit,
        offset: page.offset)
      if output.json { return try Output.json(notes.map(json)) }
      Output.table(
        ["ID", "CREATED", "NOTE"],
        notes.map {
          [
            $0.id, Output.local($0.createdAt),
            $0.body.split(separator: "\n").first.map(String.init) ?? "",
          ]
        })
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a note.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Note id or unique prefix.") var id: String

    func run() throws {
      let note = try global.openStore().note(id)
      if output.json { return try Output.json(json(note)) }
      Output.fields([("Note", note.id), ("Created", Output.local(note.createdAt))])
      Output.line("\n" + note.body)
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a note to a deal, contact or company; prints its id.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The note's text (- reads standard input).") var body: String
    @OptionGroup var links: Links

    func run() throws {
      let store = try global.openStore()
      let note = Note(
        body: NoteCommand.body(body), authorId: try store.localUser()?.id,
        dealId: try links.deal.map { try store.resolve(.deal, $0) },
        contactId: try links.contact.map { try store.resolve(.contact, $0) },
        companyId: try links.company.map { try store.company($0).id })
      Output.line(try store.createNote(note).id)
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Change a note's text.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Note id or unique prefix.") var id: String
    @Option(help: "The new text (- reads standard input).") var body: String

    func run() throws {
      let text = NoteCommand.body(body)
      try global.openStore().editNote(id) { $0.body = text }
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete a note (undo with `crm undo`).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var confirm: ConfirmOptions
    @Argument(help: "Note id or unique prefix.") var id: String

    func run() throws {
      let store = try global.openStore()
      let note = try store.note(id)
      try confirm.confirm("Delete this note?")
      try store.deleteNote(note.id)
    }
  }
}

struct UserCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: "List and add the users who own and are assigned records.",
    subcommands: [List.self, Add.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List users.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let users = try global.openStore().users()
      if output.json {
        return try Output.json(
          users.map { ["id": $0.id, "name": $0.name, "email": $0.email, "role": $0.role.rawValue] })
      }
      Output.table(
        ["ID", "NAME", "EMAIL", "ROLE"], users.map { [$0.id, $0.name, $0.email, $0.role.rawValue] })
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add a user; prints its id.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Full name.") var name: String
    @Option(help: "Email address.") var email: String
    @Option(help: "admin, manager or rep.") var role: String = "rep"

    func run() throws {
      let user = User(
        name: name.trimmingCharacters(in: .whitespaces),
        email: email.trimmingCharacters(in: .whitespaces),
        role: try InputParsing.kind(role, Role.self, field: "role"))
      Output.line(try global.openStore().createUser(user).id)
    }
  }
}
