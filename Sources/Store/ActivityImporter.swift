import Foundation
import GRDB
import Model

/// What an iCalendar import did (or, for a dry run, would do).
public struct ActivityImportReport: Sendable, Equatable {
  public var created = 0
  public var updated = 0
  public var unchanged = 0
  /// Items not imported (with `skipInvalid`), by line.
  public var skipped: [ImportProblem] = []
  /// What imported items had that could not be kept, one sentence each naming its line.
  public var dropped: [String] = []

  public init() {}

  /// "created 120, updated 3, unchanged 0, skipped 0".
  public var summary: String {
    "created \(created), updated \(updated), unchanged \(unchanged), skipped \(skipped.count)"
  }
}

/// Importing activities (iCalendar items Interchange has read) through the one write path, as
/// one mutation: a refused file writes nothing, and one undo takes back the whole import.
///
/// An item is matched by its UID: to the activity imported with that UID before (`sourceId`),
/// else to the activity whose id it is (our own export writes the id as UID), else it is new.
/// A match takes the file's times, title, notes, reminders, recurrence, priority and location
/// and keeps its assignee, links and creation time; one that would change nothing writes
/// nothing, so importing the same file again leaves no trace. New activities are the local
/// user's, linked to nothing. `zone` is the user's, whose rules are stored without a zone.
extension Store {
  public func importActivities(
    _ rows: some Sequence<Result<ActivityImport, ImportProblem>>, dryRun: Bool = false,
    skipInvalid: Bool = false, refuses: (ImportProblem) -> Bool = { _ in false },
    zone: TimeZone = .current, now: Date = Date(), progress: ((Int) -> Void)? = nil
  ) throws -> ActivityImportReport {
    do {
      return try importMutation("import activities", now: now) { w in
        var importer = ActivityImporter(w: w, zone: zone, pending: PendingInserts(writer: w))
        var count = 0
        for row in rows {
          count += 1
          do {
            try importer.importItem(try row.get())
          } catch let problem as ImportProblem {
            guard skipInvalid, !refuses(problem) else { throw problem }
            importer.report.skipped.append(problem)
          }
          progress?(count)
        }
        try importer.pending.flush()
        if dryRun { throw ActivityDryRun(report: importer.report) }
        return importer.report
      }
    } catch let dry as ActivityDryRun {
      return dry.report
    }
  }
}

/// Thrown out of a dry run's transaction so that it rolls back.
private struct ActivityDryRun: Error {
  let report: ActivityImportReport
}

private struct ActivityImporter {
  let w: MutationWriter
  let zone: TimeZone
  /// New activities not yet written, many to a statement (see PendingInserts).
  let pending: PendingInserts<Activity>
  var report = ActivityImportReport()

  /// Whether the zone `name` is `zone` (UTC under any of its names).
  static func same(_ name: String, _ zone: TimeZone) -> Bool {
    guard let named = TimeZone(identifier: name) else { return false }
    if named.identifier == zone.identifier { return true }
    let utc: Set<String> = [
      "UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Zulu",
    ]
    return utc.contains(named.identifier) && utc.contains(zone.identifier)
  }

  mutating func importItem(_ item: ActivityImport) throws {
    var incoming = item.activity
    incoming.recurrence = item.recurrence
    incoming.priority = Priority(iCalendar: item.priority)
    incoming.location = item.location.flatMap { $0.isEmpty ? nil : $0 }
    var uid = item.sourceId.flatMap { $0.isEmpty ? nil : $0 }
    // A changed occurrence is its own activity under a source id derived from the series'.
    if let changed = item.changedOccurrence { uid = changed.sourceId }
    incoming.sourceId = uid
    if let uid, item.changedOccurrence == nil, var rule = incoming.recurrence {
      // A series keeps excluding the occurrences changed into activities of their own.
      try pending.flushBeforeReadingChangedOccurrences()
      rule.excludedDates.formUnion(try ChangedOccurrences.moments(w.db, seriesId: uid))
      incoming.recurrence = rule
    }
    do {
      try incoming.validate()
    } catch {
      throw ImportProblem(line: item.line, reason: error.description)
    }
    if let changed = item.changedOccurrence {
      try pending.flush(beforeFinding: changed.seriesId)
      try ChangedOccurrences.exclude(changed, w)
    }
    report.dropped += item.dropped
    if let uid { try pending.flush(beforeFinding: uid) }
    if let uid, let stored = try match(uid) {
      var new = stored
      new.kind = incoming.kind
      new.title = incoming.title
      new.notes = incoming.notes
      new.dueAt = incoming.dueAt
      new.startAt = incoming.startAt
      new.endAt = incoming.endAt
      new.allDay = incoming.allDay
      // Done stays done at its first time: a file that marks an item completed without saying
      // when (calcurse's STATUS:COMPLETED) would otherwise move it at every import.
      new.doneAt = incoming.doneAt.map { stored.doneAt ?? $0 }
      new.reminders = incoming.reminders
      new.callDurationSeconds = incoming.callDurationSeconds
      new.callDirection = incoming.callDirection
      new.callOutcome = incoming.callOutcome
      new.recurrence = incoming.recurrence
      // A rule made here follows the user's zone (nil); our export writes it in that zone,
      // which comes back named. Naming the zone the rule already follows changes nothing.
      if stored.recurrence?.timeZone == nil, let name = new.recurrence?.timeZone,
        Self.same(name, zone), var rule = new.recurrence
      {
        rule.timeZone = nil
        if rule == stored.recurrence { new.recurrence = rule }
      }
      new.priority = incoming.priority
      new.location = incoming.location
      // Our own export's UID is the id: such an activity keeps having no source id.
      if stored.id != uid { new.sourceId = uid }
      do {
        try new.validate()
      } catch {
        throw ImportProblem(line: item.line, reason: error.description)
      }
      if try w.update(new, from: stored) {
        var stamped = new
        stamped.updatedAt = w.now
        try w.update(stamped, from: new)
        report.updated += 1
      } else {
        report.unchanged += 1
      }
      return
    }
    var activity = incoming
    activity.id = UUIDv7.generate()
    activity.assigneeId = w.actor
    activity.dealId = nil
    activity.contactId = nil
    activity.companyId = nil
    try pending.add(activity, changedOccurrence: item.changedOccurrence != nil)
    report.created += 1
  }

  /// The live activity imported with this UID, else the one whose id it is.
  private func match(_ uid: String) throws -> Activity? {
    let bySource = try w.db.cachedStatement(
      sql: "SELECT * FROM activities WHERE sourceId = ? AND deleted = 0 LIMIT 1")
    if let found = try Activity.fetchOne(bySource, arguments: [uid]) { return found }
    guard uid.count == 36, uid.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
    let byId = try w.db.cachedStatement(
      sql: "SELECT * FROM activities WHERE id = ? AND deleted = 0")
    return try Activity.fetchOne(byId, arguments: [uid.lowercased()])
  }
}
