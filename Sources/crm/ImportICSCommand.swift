import ArgumentParser
import Foundation
import Interchange
import Model
import Store

/// `crm import ics FILE`: meetings, calls and tasks from an iCalendar file, as one change.
struct ImportICS: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ics",
    abstract: "Import meetings, calls and tasks from an iCalendar (.ics) file.",
    discussion: """
      VEVENTs become meetings (calls when our export marked them), VTODOs tasks, VALARMs \
      reminders, RRULEs recurrences (daily, weekly on days, monthly; until or count), EXDATE \
      and RDATE their excluded and extra dates. An item with RECURRENCE-ID (one occurrence \
      changed elsewhere) becomes an activity of its own that its series skips; \
      RANGE=THISANDFUTURE is refused. An item \
      whose UID was imported before, or is the id of an activity here (our export), updates \
      that activity: the file's times, title, notes, reminders, recurrence, priority and \
      location win, its assignee and links stay. So importing the same file twice changes \
      nothing. New activities are yours and linked to nothing. The whole file is one change \
      (`crm undo` takes it back); a broken file is refused whole, naming its line. What an \
      item had that cannot be kept (an RDATE before DTSTART, a reminder after the start) is listed on \
      standard error.
      """)
  @OptionGroup var global: GlobalOptions
  @Flag(help: "Show what would be created, updated and skipped; write nothing.")
  var dryRun = false
  @Flag(help: "Import the good items and report the others, instead of refusing the file.")
  var skipInvalid = false
  @Argument(help: "The .ics file.") var file: String

  func run() throws {
    let rows: ICalendarRows
    do {
      rows = try ICalendar.rows(url: URL(fileURLWithPath: file), zone: .current)
    } catch {
      throw CLIError("\(file): \(error.reason)")
    }
    let store = try global.openStore()
    let report = try ImportRun.withProgress(file: file) { progress in
      try store.importActivities(
        rows, dryRun: dryRun, skipInvalid: skipInvalid, refuses: rows.refuses,
        progress: progress)
    }
    ImportRun.reportSkipped(report.skipped, file: file, extra: report.dropped)
    Output.line((dryRun ? "dry run, nothing written: " : "") + report.summary)
  }
}
