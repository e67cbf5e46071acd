import Foundation
import Model
import Store
import Terminal

/// View 5: one section of the activities (today, overdue, upcoming, done), mine or
/// everyone's, and the prompt open over it.
public struct ActivityListState: Sendable {
  public var section: ActivitySection = .today
  public var mine = false
  public var rows: [ActivityRow] = []
  public var total = 0
  public var list = ListState()
  public var loaded = false
  public var generation = 0
  public var prompt: ActivityPrompt?

  public init() {}

  var focused: ActivityRow? { rows.indices.contains(list.selected) ? rows[list.selected] : nil }
}

/// A small question over the activities view or the calendar's agenda.
public enum ActivityPrompt: Sendable {
  /// The new moment of an activity, typed (`+1d`, `tomorrow 10:00`).
  case reschedule(TextInputState, activityId: String, when: Date?)
  /// Who the activity goes to.
  case reassign(PickerState, activityId: String, users: [User])
}

/// A page of view 5 to read.
public struct ActivityListQuery: Hashable, Sendable {
  public var section: ActivitySection
  public var mine: Bool
  public var offset: Int
  public var limit: Int
  public var now: Date
  public var zone: TimeZone
  public var generation: Int
}

/// A write from view 4 or 5, undoable as every store write.
public enum ActivityWrite: Hashable, Sendable {
  case toggleDone(id: String, at: Date)
  case reschedule(id: String, to: Date)
  case reassign(id: String, userId: String)
  case create(ActivityFields)
}
