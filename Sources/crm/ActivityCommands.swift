import ArgumentParser
import Foundation
import Model
import Store

struct ActivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "activity",
    abstract:
      "List, show, add, edit, complete, reschedule, assign and delete tasks, calls and meetings.",
    subcommands: [
      List.self, Show.self, Add.self, Edit.self, Done.self, Reschedule.self, Assign.self,
      Delete.self,
    ])

  /// The recurrence in JSON: frequency, interval, weekdays (mo ... su), until (ISO 8601 or
  /// null), count (or null), timeZone (or null); null for an activity that happens once.
  static func recurrenceJSON(_ rule: Recurrence?) -> Any {
    guard let rule else { return NSNull() }
    var until: Any = NSNull()
    var count: Any = NSNull()
    switch rule.end {
    case .never: break
    case .until(let date): until = Output.iso(date)
    case .count(let n): count = n
    }
    return [
      "frequency": rule.frequency.rawValue, "interval": rule.interval,
      "weekdays": rule.weekdays.sorted().map(\.rawValue), "until": until, "count": count,
      "timeZone": Output.orNull(rule.timeZone),
      // EXDATE and RDATE: cancelled or changed occurrences, and dates the rule does not make.
      "excluded": rule.excludedDates.sorted().map { Output.iso($0) },
      "extra": rule.extraDates.sorted().map { Output.iso($0) },
    ] as [String: Any]
  }

  static func json(_ a: Activity) -> [String: Any] { json(a, now: Date()) }

  /// Whether `a` is overdue at `now`: an occurrence's copy (`occurrence`) or an activity
  /// that happens once by its own time, a series by its occurrences of the last 14 days.
  static func overdue(_ a: Activity, now: Date, occurrence: Bool) -> Bool {
    occurrence
      ? a.isOverdue(now: now, zone: .current) : a.isOverdueOccurring(now: now, zone: .current)
  }

  static func json(_ a: Activity, now: Date, occurrence: Bool = false) -> [String: Any] {
    [
      "recurrence": recurrenceJSON(a.recurrence), "priority": a.priority.rawValue,
      "location": Output.orNull(a.location), "sourceId": Output.orNull(a.sourceId),
      "overdue": overdue(a, now: now, occurrence: occurrence), "occurrenceAt": Output.iso(a.when),
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
      abstract: "List open activities in time order (--all adds done ones).",
      discussion: """
        With --from or --to, a recurring activity is listed once per occurrence in the range, \
        each with its own time (without --to, the occurrences of the 14 days from --from); \
        without either, once, at its start. --json gives each row occurrenceAt: the time of \
        that row (the occurrence's, else the activity's own).
        """)
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
      let from = try from.map { try InputParsing.date($0, field: "from") }
      let to = try to.map { try InputParsing.date($0, field: "to") }
      if let from, let to, to <= from {
        throw Model.ValidationError(field: "to", "must be after --from")
      }
      let assignee = mine ? try store.localUser()?.id : nil
      let activities: [Activity]
      if from != nil || to != nil {
        // A range lists a recurring activity once per occurrence in it; without --to, up to
        // 14 days after --from.
        let start = from ?? .distantPast
        let end = to ?? start.addingTimeInterval(Activity.occurrenceWindow)
        activities = try store.activities(
          from: from, to: to, occurrences: start..<end, zone: .current, assignee: assignee,
          openOnly: !all, deal: deal, limit: page.limit, offset: page.offset)
      } else {
        activities = try store.activities(
          assignee: assignee, openOnly: !all, deal: deal, limit: page.limit,
          offset: page.offset)
      }
      let now = Date()
      let expanded = from != nil || to != nil
      if output.json {
        return try Output.json(activities.map { json($0, now: now, occurrence: expanded) })
      }
      Output.table(
        ["ID", "WHEN", "KIND", "TITLE", "PRIORITY", "REPEATS", "DONE"],
        activities.map {
          [
            $0.id, Output.local($0.when), $0.kind.rawValue, $0.title, $0.priority.rawValue,
            RepeatInput.describe($0.recurrence),
            $0.isDone ? "yes" : overdue($0, now: now, occurrence: expanded) ? "overdue" : "",
          ]
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
        ("Priority", a.priority.rawValue), ("Location", a.location),
        ("Repeats", RepeatInput.describe(a.recurrence)),
        ("Reminders", Reminders.format(a.reminders)),
        ("Overdue", overdue(a, now: Date(), occurrence: false) ? "yes" : nil),
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
      help:
        "Reminders before the activity: 15m or 15m,1d (repeatable; replaces the list; \"\" for none)."
    )
    var remind: [String] = []
    @Option(
      name: .customLong("repeat"),
      help: "Meetings and tasks: daily, weekly, weekly:mo,we, monthly, or none.")
    var repeatRule: String?
    @Option(help: "Repeat every N days, weeks or months (default 1).") var every: Int?
    @Option(help: "Repeat up to this date (inclusive) or time.") var until: String?
    @Option(help: "Repeat this many times in all, the first included.") var count: Int?
    @Option(help: "low, normal, high or urgent.") var priority: String?
    @Option(help: "Where it happens (\"\" for none).") var location: String?
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
        var minutes: [Int] = []
        for text in remind {
          for m in try Reminders.parse(text, field: "remind") where !minutes.contains(m) {
            minutes.append(m)
          }
        }
        a.reminders = minutes
      }
      if let rule = try RepeatInput.rule(
        repeat: repeatRule, every: every, until: until, count: count, current: a.recurrence)
      {
        a.recurrence = rule
      }
      if let priority { a.priority = try InputParsing.priority(priority) }
      if let location = InputParsing.optional(location) {
        a.location = location?.trimmingCharacters(in: .whitespaces)
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
      abstract:
        "Mark an activity done (--undo: not done); a recurring one whole, or one occurrence.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Activity id or unique prefix.") var id: String
    @Flag(help: "Mark it not done again.") var undo = false
    @Option(
      help:
        "A recurring activity: only its occurrence at this time (as activity list shows it); prints the id it gets."
    )
    var occurrence: String?

    func run() throws {
      let store = try global.openStore()
      guard let occurrence else {
        try store.setActivityDone(id, !undo)
        return
      }
      guard !undo else {
        throw CLIError("--undo takes the id a done occurrence got, without --occurrence")
      }
      let at = try InputParsing.date(occurrence, field: "occurrence")
      Output.line(try store.setOccurrenceDone(id, occurrence: at).id)
    }
  }

  struct Reschedule: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move an activity by a duration (--by) or to a time (--to), keeping its length.",
      discussion: """
        --by takes +1d, +30m, +1w, or --by=-2h to move earlier: whole days and weeks keep the \
        wall-clock time across daylight-saving changes. --to takes what --due takes (2030-01-02 10:00, tomorrow, +3d). \
        A recurring activity moves whole (its start, so every occurrence); with --occurrence \
        only that occurrence moves: it becomes an activity of its own and the series leaves it out.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Activity id or unique prefix.") var id: String
    @Option(help: "Move by this much: +1d, +30m, +1w; earlier: --by=-2h.") var by: String?
    @Option(help: "Move so that it happens (is due or starts) at this time.") var to: String?
    @Option(
      help:
        "A recurring activity: move only its occurrence at this time; prints the id it gets.")
    var occurrence: String?

    func run() throws {
      let store = try global.openStore()
      let current = try store.activity(id)
      let single = try occurrence.map { try InputParsing.date($0, field: "occurrence") }
      let target: Date
      switch (by, to) {
      case (let by?, nil):
        guard let when = single ?? current.when else {
          throw Model.ValidationError(field: "when", "the activity has no time to move")
        }
        target = try Self.move(when, by: by)
      case (nil, let to?):
        target = try InputParsing.date(to, field: "to")
      default:
        throw CLIError("give --by (e.g. +1d) or --to DATE, one of them")
      }
      if let single {
        let moved = try store.rescheduleOccurrence(current.id, occurrence: single, to: target)
        return Output.line(moved.id)
      }
      try store.rescheduleActivity(current.id, to: target)
    }

    /// `when` moved by "+1d": days and weeks in the calendar of the local zone, the rest as
    /// elapsed time.
    static func move(_ when: Date, by text: String) throws -> Date {
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      let sign = trimmed.hasPrefix("-") ? -1 : 1
      let magnitude =
        trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed
      let minutes = try DateInput.minutes(magnitude, field: "by")
      guard minutes % 1_440 == 0 else {
        return when.addingTimeInterval(Double(sign * minutes) * 60)
      }
      var calendar = Calendar(identifier: .gregorian)
      calendar.timeZone = .current
      return calendar.date(byAdding: .day, value: sign * minutes / 1_440, to: when)
        ?? when.addingTimeInterval(Double(sign * minutes) * 60)
    }
  }

  struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Give an activity to a user (\"\" for nobody).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Activity id or unique prefix.") var id: String
    @Argument(help: "User name, email or id.") var user: String

    func run() throws {
      let name = user.trimmingCharacters(in: .whitespaces)
      try global.openStore().assignActivity(id, to: name.isEmpty ? nil : name)
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
