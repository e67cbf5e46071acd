import ArgumentParser
import Foundation
import Model
import Store

/// `crm remind`: the reminders that went off since the last run, for cron or a systemd timer.
struct Remind: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the reminders due since the last run (for cron); remember this run.",
    discussion: """
      Lists each reminder of an open activity that went off after the previous `crm remind` \
      and up to now (a recurring activity's for each occurrence), earliest first, then keeps \
      this run's time in the database. The first run looks back 24 hours; however long ago \
      the last run was, it looks back at most 60 days. Prints nothing when nothing is due, \
      and exits 0 either way, so `*/5 * * * * crm remind` mails only when there is \
      something. A reminder snoozed in the TUI is listed when its snooze ends (with \
      "(snoozed)"; remindAt is then the snooze's end), and one dismissed there is not listed. --json prints an array (empty when \
      nothing is due) of objects with the keys activityId, title, kind, remindAt, at, allDay, \
      location, dealId, contactId, companyId.
      """)
  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions

  static let firstLookBack: TimeInterval = 24 * 3_600
  static let longestLookBack: TimeInterval = 60 * 86_400

  func run() throws {
    let store = try global.openStore()
    let now = Date()
    var from = try store.lastRemindRun() ?? now.addingTimeInterval(-Self.firstLookBack)
    from = max(from, now.addingTimeInterval(-Self.longestLookBack))
    // A clock set back since the last run: look back the first run's span instead.
    if from > now { from = now.addingTimeInterval(-Self.firstLookBack) }
    let due = try store.dueReminders(from: from, to: now, zone: .current)
    try store.recordRemindRun(now)
    if output.json {
      return try Output.json(
        due.map { r in
          [
            "activityId": r.activity.id, "title": r.activity.title,
            "kind": r.activity.kind.rawValue, "remindAt": Output.iso(r.goesOffAt),
            "at": Output.iso(r.occurrence), "allDay": r.activity.allDay,
            "location": Output.orNull(r.activity.location),
            "dealId": Output.orNull(r.activity.dealId),
            "contactId": Output.orNull(r.activity.contactId),
            "companyId": Output.orNull(r.activity.companyId),
          ] as [String: Any]
        })
    }
    for r in due {
      let when =
        r.activity.allDay
        ? String(Output.local(r.occurrence).prefix(10)) + " all day"
        : Output.local(r.occurrence)
      var line = "\(Output.local(r.goesOffAt))  \(r.activity.kind.rawValue) \"\(r.activity.title)\""
      line += " at \(when)"
      if let location = r.activity.location { line += " (\(location))" }
      if r.snoozedUntil != nil { line += " (snoozed)" }
      Output.line(line + "  \(r.activity.id)")
    }
  }
}
