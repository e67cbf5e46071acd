import Foundation
import Model
import Store
import Terminal

/// The board's keys that mean the same in the calendar and the activities list.
let calendarBoardActions: Set<Action> = [
  .left, .right, .up, .down, .top, .bottom, .halfPageUp, .halfPageDown, .pageUp, .pageDown,
  .open, .new,
]

/// The action of `key` in view 4 or 5: its own binding, a board key it shares, or a global one.
func activityViewAction(_ state: AppState, _ key: Key, _ context: KeyContext) -> Action? {
  if let own = state.keys.bindings.first(where: { $0.context == context && $0.keys.contains(key) })
  {
    return own.action
  }
  if let board = state.keys.bindings.first(where: { $0.context == .board && $0.keys.contains(key) }
  ),
    calendarBoardActions.contains(board.action)
  {
    return board.action
  }
  return state.keys.action(for: key, in: .global)
}

/// Keys in view 4 with no app popup open: the form and prompts first, then the view's keys.
func updateCalendarKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  if state.calendar.form != nil { return updateCalendarForm(&state, key) }
  if key == .escape, let back = state.calendar.returnMode {
    state.calendar.returnMode = nil
    state.calendar.mode = back
    return reloadCalendar(&state)
  }
  guard let action = activityViewAction(state, key, .calendar) else { return [] }
  state.status = nil
  return performInCalendar(action, &state) ?? perform(action, &state)
}

/// What an action does in the calendar; nil for the actions it leaves to `perform`.
func performInCalendar(_ action: Action, _ state: inout AppState) -> [Effect]? {
  let mode = state.calendarMode
  let day = state.calendarDay
  func move(days: Int) -> [Effect] {
    state.calendar.selected = day.adding(days: days)
    return reloadCalendarIfNeeded(&state)
  }
  switch action {
  case .today:
    state.calendar.selected = Day(state.now, in: state.timeZone)
    state.calendar.focus = 0
    return reloadCalendarIfNeeded(&state)
  case .cycleCalendarView:
    let all = CalendarMode.allCases
    state.calendar.mode = all[(all.firstIndex(of: state.calendar.mode)! + 1) % all.count]
    state.calendar.returnMode = nil
    return reloadCalendar(&state)
  case .previousMonth, .nextMonth:
    state.calendar.selected = CalendarDays.adding(
      months: action == .nextMonth ? 1 : -1, to: day)
    return reloadCalendarIfNeeded(&state)
  case .left: return move(days: -1)
  case .right: return move(days: 1)
  case .up, .down:
    let step = action == .down ? 1 : -1
    switch mode {
    case .month: return move(days: 7 * step)
    case .week:
      state.calendar.hour = min(23, max(0, state.calendar.hour + step))
      return []
    case .agenda:
      state.calendar.focus = min(
        max(0, state.calendar.focus + step), max(0, state.calendar.rows.count - 1))
      return []
    }
  case .pageUp, .halfPageUp: return move(days: -7)
  case .pageDown, .halfPageDown: return move(days: 7)
  case .top, .bottom:
    if mode == .agenda {
      state.calendar.focus = action == .top ? 0 : max(0, state.calendar.rows.count - 1)
    }
    return []
  case .open:
    if mode == .agenda {
      guard state.calendar.rows.indices.contains(state.calendar.focus) else { return [.bell] }
      return openLinked(state.calendar.rows[state.calendar.focus], &state)
    }
    // A day's activities: the agenda from that day, Esc goes back.
    state.calendar.returnMode = state.calendar.mode
    state.calendar.mode = .agenda
    state.calendar.focus = 0
    return reloadCalendar(&state)
  case .new:
    var form = ActivityFormFields.new(state)
    let hour = mode == .week ? state.calendar.hour : 9
    form.fields[ActivityFormFields.when].input = TextInputState(
      String(format: "%@ %02d:00", day.description, hour))
    state.calendar.form = form
    return []
  default: return nil
  }
}

private func updateCalendarForm(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard var form = state.calendar.form else { return [] }
  switch key {
  case .escape:
    state.calendar.form = nil
  case .enter:
    guard let fields = ActivityFormFields.submit(&form, state: state) else {
      state.calendar.form = form
      return [.bell]
    }
    state.calendar.form = nil
    return [.writeActivity(.create(fields))]
  default:
    form.handle(key)
    state.calendar.form = form
  }
  return []
}

/// Opens the deal, contact or company an activity is about, in their detail screens.
func openLinked(_ row: ActivityRow, _ state: inout AppState) -> [Effect] {
  let activity = row.activity
  if let deal = activity.dealId { return [.loadDetail(deal)] }
  if let contact = activity.contactId { return [.loadRecord(.contact(contact))] }
  if let company = activity.companyId { return [.loadRecord(.company(company))] }
  state.status = StatusMessage(text: state.text("activities.noLink"), isError: false)
  return [.bell]
}

/// A fresh read of what the calendar shows; answers to older reads are dropped.
func reloadCalendar(_ state: inout AppState) -> [Effect] {
  state.calendar.generation += 1
  return [.loadCalendar(state.calendarQuery())]
}

/// A read only when the selection left the range on screen (or the layout changed).
func reloadCalendarIfNeeded(_ state: inout AppState) -> [Effect] {
  if let loaded = state.calendar.loadedQuery, loaded.covers(state.calendarQuery()) { return [] }
  return reloadCalendar(&state)
}

func calendarLoaded(
  _ state: inout AppState, _ query: CalendarQuery, _ summaries: [Day: DaySummary],
  _ rows: [ActivityRow]
) -> [Effect] {
  if state.view == .calendar { state.loading = false }
  guard query.generation == state.calendar.generation else { return [] }
  state.calendar.loadedQuery = query
  state.calendar.summaries = summaries
  state.calendar.rows = rows
  state.calendar.focus = min(state.calendar.focus, max(0, rows.count - 1))
  guard !query.recurring else { return [] }
  var complete = query
  complete.recurring = true
  return [.loadCalendar(complete)]
}

// MARK: - View 5

/// Keys in view 5 with no app popup open: the prompt first, then the view's keys.
func updateActivityListKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  if state.activityList.prompt != nil { return updateActivityPrompt(&state, key) }
  guard let action = activityViewAction(state, key, .activities) else { return [] }
  state.status = nil
  return performInActivityList(action, &state) ?? perform(action, &state)
}

/// Rows of view 5 on screen: the body less its header and column titles.
func activityListPageRows(_ state: AppState) -> Int { max(1, state.size.height - 4) }

func performInActivityList(_ action: Action, _ state: inout AppState) -> [Effect]? {
  var view = state.activityList
  let count = view.rows.count
  let page = activityListPageRows(state)
  switch action {
  case .up: view.list.move(by: -1, count: count)
  case .down: view.list.move(by: 1, count: count)
  case .top: view.list.select(0, count: count)
  case .bottom: view.list.select(count - 1, count: count)
  case .halfPageUp: view.list.move(by: -max(1, page / 2), count: count)
  case .halfPageDown: view.list.move(by: max(1, page / 2), count: count)
  case .pageUp: view.list.move(by: -page, count: count)
  case .pageDown: view.list.move(by: page, count: count)
  case .nextSection, .toggleMine:
    if action == .nextSection {
      let all = ActivitySection.allCases
      view.section = all[(all.firstIndex(of: view.section)! + 1) % all.count]
    } else {
      view.mine.toggle()
    }
    view.list = ListState()
    view.rows = []
    state.activityList = view
    return [reloadActivityList(&state)]
  case .toggleDone:
    guard let row = view.focused else { return [.bell] }
    return [toggleDoneEffect(row, state)]
  case .reschedule:
    guard let row = view.focused else { return [.bell] }
    view.prompt = .reschedule(TextInputState(), activityId: row.id, when: row.activity.when)
  case .reassign:
    guard let row = view.focused else { return [.bell] }
    return [.loadAssignees(activityId: row.id)]
  case .open:
    guard let row = view.focused else { return [.bell] }
    return openLinked(row, &state)
  default: return nil
  }
  state.activityList = view
  return loadMoreActivitiesIfNeeded(&state)
}

private func updateActivityPrompt(_ state: inout AppState, _ key: Key) -> [Effect] {
  switch state.activityList.prompt {
  case .reschedule(var input, let id, let when)?:
    switch key {
    case .escape:
      state.activityList.prompt = nil
    case .enter:
      do {
        let moment = try rescheduledMoment(input.text, from: when, state: state)
        state.activityList.prompt = nil
        return [rescheduleEffect(state, id: id, from: when, to: moment)]
      } catch {
        state.status = StatusMessage(
          text: state.text("form.error.when", input.text), isError: true)
        return [.bell]
      }
    default:
      input.handle(key)
      state.activityList.prompt = .reschedule(input, activityId: id, when: when)
    }
  case .reassign(var picker, let id, let users)?:
    switch picker.handle(key, items: users.map(\.name)) {
    case .picked(let index)?:
      state.activityList.prompt = nil
      return [.writeActivity(.reassign(id: id, userId: users[index].id))]
    case .cancelled?:
      state.activityList.prompt = nil
    case nil:
      state.activityList.prompt = .reassign(picker, activityId: id, users: users)
    }
  case nil: break
  }
  return []
}

/// `+1d`, `+2h` move the activity from its own moment; anything else (`tomorrow 10:00`,
/// `2025-06-20 9:30`) is read as the forms read a moment.
func rescheduledMoment(_ text: String, from when: Date?, state: AppState) throws -> Date {
  let trimmed = text.trimmingCharacters(in: .whitespaces)
  let base = trimmed.hasPrefix("+") ? (when ?? state.now) : state.now
  return try ActivityFormFields.moment(trimmed, zone: state.timeZone, now: base)
}

func reloadActivityList(_ state: inout AppState) -> Effect {
  state.activityList.generation += 1
  let view = state.activityList
  return .loadActivities(
    ActivityListQuery(
      section: view.section, mine: view.mine, offset: 0,
      limit: max(200, view.rows.count), now: state.now, zone: state.timeZone,
      generation: view.generation))
}

/// The next page when the selection nears the last row read.
private func loadMoreActivitiesIfNeeded(_ state: inout AppState) -> [Effect] {
  let view = state.activityList
  guard view.rows.count < view.total, view.list.selected >= view.rows.count - 20 else {
    return []
  }
  return [
    .loadActivities(
      ActivityListQuery(
        section: view.section, mine: view.mine, offset: view.rows.count, limit: 200,
        now: state.now, zone: state.timeZone, generation: view.generation))
  ]
}

func activitiesLoaded(_ state: inout AppState, _ query: ActivityListQuery, _ page: ActivityPage)
  -> [Effect]
{
  if state.view == .activities { state.loading = false }
  guard query.generation == state.activityList.generation else { return [] }
  var view = state.activityList
  if query.offset == 0 {
    let focused = view.focused
    view.rows = page.rows
    if let index = refocusedIndex(focused, in: page.rows) {
      view.list.select(index, count: page.rows.count)
    } else {
      view.list.select(min(view.list.selected, page.rows.count - 1), count: page.rows.count)
    }
  } else if query.offset == view.rows.count {
    view.rows += page.rows
  }
  view.total = page.total
  view.loaded = true
  state.activityList = view
  return []
}

func assigneesLoaded(_ state: inout AppState, activityId: String, _ users: [User]) -> [Effect] {
  guard state.view == .activities, !users.isEmpty else { return [.bell] }
  state.activityList.prompt = .reassign(PickerState(), activityId: activityId, users: users)
  return []
}

// MARK: - Both views

/// Going to view 4 or 5: the first time, read what it shows.
func enterActivityViews(_ state: inout AppState) -> [Effect] {
  switch state.view {
  case .calendar:
    if state.calendar.selected == nil {
      state.calendar.selected = Day(state.now, in: state.timeZone)
    }
    return state.calendar.loadedQuery == nil ? reloadCalendar(&state) : []
  case .activities:
    return state.activityList.loaded ? [] : [reloadActivityList(&state)]
  default: return []
  }
}

/// After a write, an undo or a redo: read again the views that were read.
func reloadActivityViews(_ state: inout AppState) -> [Effect] {
  var effects: [Effect] = []
  if state.calendar.loadedQuery != nil { effects += reloadCalendar(&state) }
  if state.activityList.loaded { effects.append(reloadActivityList(&state)) }
  return effects
}

func activityWritten(_ state: inout AppState, _ status: StatusMessage) -> [Effect] {
  state.status = status
  return reloadActivityViews(&state)
}

/// Whether the help and palette list a binding of view 4's or 5's own context now.
func activityViewBinding(_ binding: Binding, _ state: AppState) -> Bool {
  switch binding.context {
  case .calendar: return state.view == .calendar
  case .activities: return state.view == .activities
  default: return false
  }
}
