import ArgumentParser
import Foundation
import Interchange
import Model
import Store

/// `crm export ics`: activities as iCalendar, read from the Store a page at a time.
struct ExportICS: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ics",
    abstract: "Export meetings, calls and tasks as iCalendar (.ics).",
    discussion: """
      Meetings and calls are VEVENTs, tasks VTODOs, reminders VALARMs, recurrences RRULEs \
      with EXDATE and RDATE, a changed occurrence an item with its series' UID and \
      RECURRENCE-ID. \
      With --from or --to, only what happens in that span: activities whose time is in it and \
      recurring ones with an occurrence in it (without them, everything, tasks with no date \
      included). The UID is the activity's id (or the UID it was imported with), so importing \
      the file again updates the same activities.
      """)
  @OptionGroup var global: GlobalOptions
  @OptionGroup var destination: Export.Destination
  @Option(help: "From this date or time (YYYY-MM-DD [HH:MM], today, +3d).") var from: String?
  @Option(help: "Up to (not including) this date or time.") var to: String?

  func run() throws {
    let from = try from.map { try InputParsing.date($0, field: "from") }
    let to = try to.map { try InputParsing.date($0, field: "to") }
    if let from, let to, to < from {
      throw Model.ValidationError(field: "to", "must not be before --from")
    }
    let store = try global.openStore()
    let items = ExportPages(store: store, from: from, to: to)
    try ExportSink.write(to: destination.output) { sink in
      ICalendar.write(items, zone: .current) { sink.write($0) }
      if let error = items.error { throw error }
    }
  }
}

/// The activities to export as a sequence the writer pulls, a Store page at a time. A read
/// error ends the sequence and is kept in `error`, for the command to throw.
final class ExportPages: Sequence, IteratorProtocol {
  private let store: Store
  private let from: Date?
  private let to: Date?
  private var page = ActivityExportPage(activities: [], next: nil)
  private var index = 0
  private var cursor: Int64? = nil
  private var finished = false
  private(set) var error: (any Error)?

  init(store: Store, from: Date?, to: Date?) {
    self.store = store
    self.from = from
    self.to = to
  }

  func next() -> ActivityExport? {
    while index >= page.activities.count {
      guard !finished else { return nil }
      do {
        page = try store.activitiesForExport(from: from, to: to, after: cursor)
        index = 0
        cursor = page.next
        finished = page.next == nil
      } catch {
        self.error = error
        finished = true
        page = ActivityExportPage(activities: [], next: nil)
        return nil
      }
    }
    let a = page.activities[index]
    index += 1
    return ActivityExport(
      a, recurrence: page.recurrence(of: a), priority: a.priority.iCalendar, location: a.location,
      uid: a.sourceId, changedOccurrence: page.changedOccurrences[a.id])
  }
}
