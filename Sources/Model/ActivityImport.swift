import Foundation

/// One activity as an import file gives it (an iCalendar VEVENT or VTODO): the activity
/// itself plus what it has that `Activity` does not carry. Interchange produces these from
/// bytes; Store matches (by `sourceId`) and writes them. `line` is where the item starts in
/// the file, for error messages ("line 17: DTSTART: ...").
public struct ActivityImport: Sendable, Hashable {
  public var line: Int
  public var activity: Activity
  /// The item's UID, so a re-import updates the same activity instead of adding another.
  public var sourceId: String?
  /// For an item that changes one occurrence of a series (RECURRENCE-ID): which one. Its
  /// `sourceId` is then the series' UID, and the Store keeps it under the derived
  /// `changedOccurrence.sourceId`.
  public var changedOccurrence: ChangedOccurrence?
  public var recurrence: Recurrence?
  /// RFC 5545 priority: 1 (highest) ... 9 (lowest); nil for none (PRIORITY:0 or absent).
  public var priority: Int?
  public var location: String?
  public var categories: [String]
  /// What the item had that the import could not keep, one sentence each naming its line
  /// ("line 12: a reminder after the start (TRIGGER:PT5M) is not kept"), to show the user.
  public var dropped: [String]

  public init(
    line: Int, activity: Activity, sourceId: String? = nil, recurrence: Recurrence? = nil,
    priority: Int? = nil, location: String? = nil, categories: [String] = [],
    dropped: [String] = [], changedOccurrence: ChangedOccurrence? = nil
  ) {
    self.line = line
    self.changedOccurrence = changedOccurrence
    self.activity = activity
    self.sourceId = sourceId
    self.recurrence = recurrence
    self.priority = priority
    self.location = location
    self.categories = categories
    self.dropped = dropped
  }
}
