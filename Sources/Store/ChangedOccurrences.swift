import Foundation
import GRDB
import Model

/// The link between a recurring activity and its changed occurrences (`ChangedOccurrence`):
/// activities whose source id is the series' UID, `#`, and the original moment. The series
/// excludes each such moment, whichever of the two an import meets first, so importing a file
/// again finds both as they are and writes nothing.
enum ChangedOccurrences {
  /// The original moments of the live changed occurrences of the series with this UID (one
  /// range read of `activities_by_source`).
  static func moments(_ db: Database, seriesId: String) throws -> [Date] {
    try changes(db, seriesId: seriesId).map(\.change.occurrence)
  }

  /// The live changed occurrences of a series, with their activities.
  static func changes(_ db: Database, seriesId: String) throws -> [(
    activity: Activity, change: ChangedOccurrence
  )] {
    let prefix = ChangedOccurrence.sourceIdPrefix(seriesId: seriesId)
    // Every text that starts with the prefix sorts in [prefix, prefix with its last byte + 1).
    var upper = Array(prefix.utf8)
    upper[upper.count - 1] += 1
    let statement = try db.cachedStatement(
      sql: """
        SELECT * FROM activities
        WHERE deleted = 0 AND sourceId IS NOT NULL AND sourceId >= ? AND sourceId < ?
        """)
    return try Activity.fetchAll(
      statement, arguments: [prefix, String(decoding: upper, as: UTF8.self)]
    ).compactMap { activity in
      guard let id = activity.sourceId, let change = ChangedOccurrence(sourceId: id),
        change.seriesId == seriesId
      else { return nil }
      return (activity, change)
    }
  }

  /// The live series with this UID: imported with it, else the activity whose id it is (our
  /// own export writes the id as UID).
  static func series(_ db: Database, seriesId: String) throws -> Activity? {
    let bySource = try db.cachedStatement(
      sql: "SELECT * FROM activities WHERE sourceId = ? AND deleted = 0 LIMIT 1")
    if let found = try Activity.fetchOne(bySource, arguments: [seriesId]) { return found }
    guard seriesId.count == 36, seriesId.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
      return nil
    }
    let byId = try db.cachedStatement(
      sql: "SELECT * FROM activities WHERE id = ? AND deleted = 0")
    return try Activity.fetchOne(byId, arguments: [seriesId.lowercased()])
  }

  /// Makes the series (when it is here and repeats) exclude the changed occurrence's original
  /// moment; returns whether that wrote anything.
  @discardableResult
  static func exclude(_ change: ChangedOccurrence, _ w: MutationWriter) throws -> Bool {
    guard let stored = try series(w.db, seriesId: change.seriesId), var rule = stored.recurrence,
      !rule.excludedDates.contains(change.occurrence)
    else { return false }
    rule.excludedDates.insert(change.occurrence)
    var new = stored
    new.recurrence = rule
    new.updatedAt = w.now
    guard (try? new.validate()) != nil else { return false }
    return try w.update(new, from: stored)
  }
}
