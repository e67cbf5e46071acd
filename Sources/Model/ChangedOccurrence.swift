import Foundation

/// One occurrence of a recurring activity that another calendar changed (RFC 5545: an item
/// with the series' UID and a RECURRENCE-ID): moved, retitled, given other notes. The CRM keeps
/// it as an activity of its own, not recurring, whose source id is derived from the series'
/// UID and the occurrence's original moment (`sourceId`), so importing the file again updates
/// it; the series excludes that original moment, so the occurrence shows once, where the
/// change put it.
///
///     let moved = ChangedOccurrence(seriesId: "standup@google.com", occurrence: mondayNine)
///     moved.sourceId        // "standup@google.com#2026-03-23T08:00:00Z"
///     ChangedOccurrence(sourceId: moved.sourceId)?.occurrence == mondayNine
public struct ChangedOccurrence: Hashable, Sendable {
  /// The series' UID (its `sourceId`, or its id when it was made here and exported).
  public var seriesId: String
  /// The moment the series had the occurrence at (before the change), to the second.
  public var occurrence: Date
  /// Whether the series is all-day (RECURRENCE-ID is then a DATE).
  public var allDay: Bool

  public init(seriesId: String, occurrence: Date, allDay: Bool = false) {
    self.seriesId = seriesId
    self.occurrence = Date(timeIntervalSince1970: Double(Recurrence.second(occurrence)))
    self.allDay = allDay
  }

  /// The changed occurrence's own source id: the series' UID, `#`, the moment in ISO 8601 UTC.
  public var sourceId: String {
    seriesId + Self.separator + Recurrence.ISOTime.string(from: occurrence)
  }

  /// What the series' changed occurrences' source ids start with.
  public static func sourceIdPrefix(seriesId: String) -> String { seriesId + separator }

  /// Reads a source id made by `sourceId` (`allDay` is not in it); nil for any other text.
  public init?(sourceId: String, allDay: Bool = false) {
    guard let hash = sourceId.lastIndex(of: "#") else { return nil }
    let series = String(sourceId[..<hash])
    let moment = String(sourceId[sourceId.index(after: hash)...])
    guard !series.isEmpty, moment.utf8.count == 20,
      let date = Recurrence.ISOTime.date(from: moment)
    else { return nil }
    self.init(seriesId: series, occurrence: date, allDay: allDay)
  }

  static let separator = "#"
}
