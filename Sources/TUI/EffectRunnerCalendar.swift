import Foundation
import Model
import Store

/// The effects of the calendar (view 4), the activities list (view 5) and the reminders,
/// run on the store.
extension EffectRunner {
  static func performOnActivities(_ effect: Effect, store: Store, catalog: Catalog) throws -> Msg {
    switch effect {
    case .loadCalendar(let query):
      let days = (0..<query.days).map { query.first.adding(days: $0) }
      let from = query.first.start(in: query.zone)
      let to = query.first.adding(days: query.days).start(in: query.zone)
      if query.mode == .month {
        return .calendarLoaded(
          query,
          try store.daySummaries(
            days, zone: query.zone, titles: 4, now: query.now, recurring: query.recurring), [])
      }
      return .calendarLoaded(
        query, [:],
        try store.calendarRows(from: from, to: to, zone: query.zone, recurring: query.recurring))
    case .loadActivities(let query):
      let mine = query.mine ? try store.localUser()?.id : nil
      let page = try store.activityPage(
        query.section, assigneeId: query.mine ? (mine ?? "") : nil, now: query.now,
        zone: query.zone, limit: query.limit, offset: query.offset)
      return .activitiesLoaded(query, page)
    case .writeActivity(let write):
      return .activityWritten(
        StatusMessage(text: try self.write(write, store: store, catalog: catalog), isError: false))
    case .loadAssignees(let id):
      return .assigneesLoaded(activityId: id, try store.users())
    case .checkReminders(let from, let to, let zone):
      // Store's `dueReminders`: each occurrence of a recurring activity reminds too.
      let found = try store.dueReminders(from: from, to: to, zone: zone).map {
        ShownReminder(
          activityId: $0.activity.id, title: $0.activity.title, when: $0.occurrence,
          fireAt: $0.fireAt)
      }
      return .remindersDue(found, checkedUntil: to)
    default:
      return .failed("internal: \(effect) is not an activity effect")
    }
  }

  /// One undoable write; the status line that reports it.
  private static func write(_ write: ActivityWrite, store: Store, catalog: Catalog) throws
    -> String
  {
    switch write {
    case .toggleDone(let id, let at):
      let current = try store.activity(id)
      let activity = try store.setActivityDone(id, !current.isDone, now: at)
      return catalog.text(
        activity.isDone ? "activities.status.done" : "activities.status.undone", activity.title)
    case .reschedule(let id, let moment):
      // Store keeps a meeting's length: start and end move together.
      let activity = try store.rescheduleActivity(id, to: moment)
      return catalog.text("activities.status.rescheduled", activity.title)
    case .reassign(let id, let userId):
      let activity = try store.assignActivity(id, to: userId)
      let name = try store.users().first(where: { $0.id == userId })?.name ?? userId
      return catalog.text("activities.status.reassigned", activity.title, name)
    case .create(let fields):
      let assignee = try store.localUser()?.id
      let activity = try store.createActivity(
        Activity(
          kind: fields.kind, title: fields.title,
          notes: fields.notes.isEmpty ? nil : fields.notes,
          dueAt: fields.kind == .task ? fields.when : nil,
          startAt: fields.kind == .task ? nil : fields.when,
          endAt: fields.kind == .meeting ? fields.when?.addingTimeInterval(3_600) : nil,
          assigneeId: assignee))
      return catalog.text("status.created", activity.title)
    }
  }
}
