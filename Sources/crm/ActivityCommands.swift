import ArgumentParser
import Foundation
import Model
import Store

struct ActivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activity",
    abstract: "List, show, add, edit, complete and delete tasks, calls and meetings.",
    subcommands: [List.self, Show.self, Add.self, Edit.self, Done.self, Delete.self])

  static func json(_ a: Activity) -> [String: Any] {
    [
      "id": a.id, "kind": a.kind.rawValue, "title": a.title, "notes": Output.orNull(a.notes),
      "dueAt": Output.iso(a.dueAt), "startAt": Output.iso(a.startAt), "endAt": Output.iso(a.endAt),
      "allDay": a.allDay, "done": a.isDone, "doneAt": Output.iso(a.doneAt),
      "assigneeId": Output.orNull(a.assigneeId), "reminders": a.reminders,
      "dealId": Output.orNull(a.dealId), "contactId": Output.orNull(a.contactId),
      "companyId": Output.orNull(a.companyId),
      "callDurationSeconds": Output.orNull(a.callDurationSeconds),
      "callDirection": Output.orNull(a.callDirection?.rawValue),
      "callOutcome": Output.orNull(a.callOutcome?.rawValue), "createdAt": Output.iso(a.createdAt),
      "updatedAt": Output.iso(a.updatedAt),
    ]
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List open activities in time order (--all adds done ones).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var page: PageOptions
    @Flag(help: "Include done activities.") var all = false
    @Flag(help: "Only those assigned to me.") var mine = false
    @Option(help: "From this date or time (YYYY-MM-DD [HH:MM], today, +3d).") var from: String?
    @Option(help: "Up to (not including) this date or time.") var to: String?
    @Option(help: "Only those of this deal.") var deal: String?

    func run() throws {
      let store = try global.openStore()
      let activities = try store.activities(
        from: try from.map { try InputParsing.date($0, field: "from") },
        to: try to.map { try InputParsing.date($0, field: "to") },
        assignee: mine ? try store.localUser()?.id : nil, openOnly: !all, deal: deal,
        limit: page.limit, offset: page.offset)
      if output.json { return try Output.json(activities.map(json)) }
      Output.table(
        ["ID", "WHEN", "KIND", "TITLE", "DONE"],
        activities.map {
          [$0.id, Output.local($0.when), $0.kind.rawValue, $0.title, $0.isDone ? "yes" : ""]
        })
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show an activity.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Activity id or unique prefix.") var id: String

    func run() throws {
      let a = try global.openStore().activity(id)
      if output.json { return try Output.json(json(a)) }
      Output.fields([
        ("Activity", a.title), ("ID", a.id), ("Kind", a.kind.rawValue),
        ("Due", Output.local(a.dueAt)),
        ("Start", Output.local(a.startAt)), ("End", Output.local(a.endAt)),
        ("Done", Output.local(a.doneAt)), ("Notes", a.notes),
        ("Reminders", a.reminders.map { "\($0)m" }.joined(separator: ", ")),
      ])
    }
  }

  struct Fields: ParsableArguments {
    @Option(help: "task, call or meeting.") var kind: String?
    @Option(help: "The activity's title.") var title: String?
    @Option(help: "Notes (\"\" for none).") var notes: String?
    @Option(help: "When a task is due (YYYY-MM-DD [HH:MM], today, tomorrow, +2h).") var due: String?
    @Option(help: "When a call or meeting starts.") var start: String?
    @Option(help: "When a call or meeting ends.") var end: String?
    @Flag(inversion: .prefixedNo, help: "An all-day activity.") var allDay: Bool?
    @Option(help: "Assignee name, email or id (\"\" for none).") var assignee: String?
    @Option(
      help: "A reminder before the activity, e.g. 15m, 1h, 1d; repeat for more (replaces the list)."
    )
    var remind: [String] = []
    @Option(help: "Linked deal id (\"\" for none).") var deal: String?
    @Option(help: "Linked contact id (\"\" for none).") var contact: String?
    @Option(help: "Linked company name or id (\"\" for none).") var company: String?
    @Option(help: "Call duration, e.g. 15m.") var duration: String?
    @Option(help: "Call direction: inbound or outbound.") var direction: String?
    @Option(help: "Call outcome: connected, voicemail, no-answer, busy, wrong-number.") var outcome:
      String?

    func apply(to a: inout Activity, store: Store) throws {
      if let kind { a.kind = try InputParsing.kind(kind, ActivityKind.self, field: "kind") }
      if let title { a.title = title.trimmingCharacters(in: .whitespaces) }
      if let notes = InputParsing.optional(notes) { a.notes = notes }
      if let due { a.dueAt = try InputParsing.date(due, field: "due") }
      if let start { a.startAt = try InputParsing.date(start, field: "start") }
      if let end { a.endAt = try InputParsing.date(end, field: "end") }
      if let allDay { a.allDay = allDay }
      if let assignee = InputParsing.optional(assignee) {
        a.assigneeId = try assignee.map { try store.user(named: $0).id }
      }
      if !remind.isEmpty {
        a.reminders = try remind.map { try DateInput.minutes($0, field: "remind") }
      }
      if let deal = InputParsing.optional(deal) {
        a.dealId = try deal.map { try store.resolve(.deal, $0) }
      }
      if let contact = InputParsing.optional(contact) {
        a.contactId = try contact.map { try store.resolve(.contact, $0) }
      }
      if let company = InputParsing.optional(company) {
        a.companyId = try company.map { try store.company($0).id }
      }
      if let duration {
        a.callDurationSeconds = try DateInput.minutes(duration, field: "duration") * 60
      }
      if let direction {
        a.callDirection = try InputParsing.kind(direction, CallDirection.self, field: "direction")
      }
      if let outcome {
        a.callOutcome = try InputParsing.kind(outcome, CallOutcome.self, field: "outcome")
      }
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Add an activity; prints its id.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: Fields

    func run() throws {
      guard fields.title != nil else {
        throw Model.ValidationError(field: "title", "is required (--title)")
      }
      let store = try global.openStore()
      var activity = Activity(kind: .task, title: "", assigneeId: try store.localUser()?.id)
      try fields.apply(to: &activity, store: store)
      Output.line(try store.createActivity(activity).id)
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Change an activity's fields.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Activity id or unique prefix.") var id: String
    @OptionGroup var fields: Fields

    func run() throws {
      let store = try global.openStore()
      try store.editActivity(id) { try fields.apply(to: &$0, store: store) }
    }
  }

  struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Mark an activity done (--undo: not done).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Activity id or unique prefix.") var id: String
    @Flag(help: "Mark it not done again.") var undo = false

    func run() throws {
      let now = Date()
      try global.openStore().editActivity(id) { $0.doneAt = undo ? nil : ($0.doneAt ?? now) }
    }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete an activity (undo with `crm undo`).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var confirm: ConfirmOptions
    @Argument(help: "Activity id or unique prefix.") var id: String

    func run() throws {
      let store = try global.openStore()
      let activity = try store.activity(id)
      try confirm.confirm("Delete activity \"\(activity.title)\"?")
      try store.deleteActivity(activity.id)
    }
  }
}
