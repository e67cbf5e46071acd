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

/// A write on one occurrence of a recurring activity (a row of view 5 is one): the series
/// leaves it out and it becomes an activity of its own, done or at its new time (Store's
/// `setOccurrenceDone`, `rescheduleOccurrence`), one undoable mutation. The rest of the
/// series stays as it was.
public enum OccurrenceWrite: Hashable, Sendable {
  case done(id: String, occurrence: Date, at: Date, zone: TimeZone)
  case reschedule(id: String, occurrence: Date, to: Date, zone: TimeZone)
}

/// `x` on a row of view 5: an activity that happens once is done or not done again; an open
/// occurrence of a series is done on its own.
func toggleDoneEffect(_ row: ActivityRow, _ state: AppState) -> Effect {
  let activity = row.activity
  guard activity.isRecurring, !activity.isDone, let when = activity.when else {
    return .writeActivity(.toggleDone(id: row.id, at: state.now))
  }
  return .writeOccurrence(.done(id: row.id, occurrence: when, at: state.now, zone: state.timeZone))
}

/// The reschedule prompt's answer for the activity `id` shown at `when`: an occurrence of a
/// series (a row of view 5 at that time) moves alone, anything else whole.
func rescheduleEffect(_ state: AppState, id: String, from when: Date?, to moment: Date) -> Effect {
  let occurrence = state.activityList.rows.first {
    $0.id == id && $0.activity.when == when && $0.activity.isRecurring
  }
  guard let when, occurrence != nil else {
    return .writeActivity(.reschedule(id: id, to: moment))
  }
  return .writeOccurrence(
    .reschedule(id: id, occurrence: when, to: moment, zone: state.timeZone))
}

/// Where the focus goes when view 5 is read again: the same row if it is still there (an
/// occurrence by its series and time, as every occurrence has its series' id; an activity
/// that happens once by its id, wherever a new time put it), else nil to keep the index.
func refocusedIndex(_ focused: ActivityRow?, in rows: [ActivityRow]) -> Int? {
  guard let focused else { return nil }
  if focused.activity.isRecurring {
    return rows.firstIndex { $0.id == focused.id && $0.activity.when == focused.activity.when }
  }
  return rows.firstIndex { $0.id == focused.id }
}
