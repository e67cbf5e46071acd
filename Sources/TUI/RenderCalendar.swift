import Foundation
import Model
import Store
import Terminal

/// View 4: a title line (the month or week and the layout), then the month grid, the week's
/// time grid or the agenda; a narrow or short terminal always gets the agenda.
func renderCalendar(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
  guard area.height >= 2 else { return }
  let mode = state.calendarMode
  let day = state.calendarDay
  let title: String
  switch mode {
  case .month: title = monthTitle(day, state)
  case .week:
    let monday = CalendarDays.monday(of: day)
    title =
      shortDate(monday, state.locale) + " – " + shortDate(monday.adding(days: 6), state.locale)
      + " \(monday.adding(days: 6).year)"
  case .agenda: title = state.text("calendar.from", shortDate(day, state.locale), String(day.year))
  }
  let header = Rect(x: area.x, y: area.y, width: area.width, height: 1)
  buffer.fill(header, style: Style("stage.header"))
  buffer.put(" " + title, x: area.x, y: area.y, style: Style("stage.header", .bold), clip: header)
  let modes = CalendarMode.allCases.map { state.text("calendar.mode.\($0.rawValue)") }
  let current = state.text("calendar.mode.\(mode.rawValue)")
  let right = area.width >= 60 ? modes.joined(separator: " · ") + " " : current + " "
  var x = area.maxX - displayWidth(right)
  if x > displayWidth(title) + 2 {
    for label in area.width >= 60 ? modes : [current] {
      let style = Style("stage.header", label == current ? [.bold, .reverse] : [])
      x = buffer.put(label, x: x, y: area.y, style: style, clip: header)
      if label != (area.width >= 60 ? modes.last! : current) {
        x = buffer.put(" · ", x: x, y: area.y, style: Style("stage.header"), clip: header)
      }
    }
  }
  // The grid waits for its first read: an empty month would look like a month with nothing.
  guard state.calendar.loadedQuery != nil else { return }
  let body = area.inset(top: 1)
  switch mode {
  case .month: renderMonth(state, area: body, into: &buffer)
  case .week: renderWeek(state, area: body, into: &buffer)
  case .agenda: renderAgenda(state, area: body, into: &buffer)
  }
  if let form = state.calendar.form {
    renderFormModal(state.text("calendar.newActivity"), form, state, into: &buffer)
  }
}

/// "June 2025" / "Juni 2025".
private func monthTitle(_ day: Day, _ state: AppState) -> String {
  var calendar = Calendar(identifier: .gregorian)
  calendar.locale = state.locale
  let names = state.catalog.language == "de" ? germanMonths : calendar.standaloneMonthSymbols
  return "\(names[day.month - 1]) \(day.year)"
}

private let germanMonths = [
  "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
  "Oktober", "November", "Dezember",
]

/// "Mon" ... "Sun" from the catalog, Monday first.
private func weekdayNames(_ state: AppState) -> [String] {
  (0..<7).map { state.text("calendar.weekday.\($0)") }
}

private func renderMonth(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
  let grid = CalendarDays.monthGrid(state.calendarDay)
  let cellWidth = area.width / 7
  let names = weekdayNames(state)
  for column in 0..<7 {
    let x = area.x + column * cellWidth
    buffer.put(
      truncate(" " + names[column], toWidth: cellWidth), x: x, y: area.y,
      style: Style(Role.tableHeader, .bold))
  }
  let rows = area.inset(top: 1)
  let cellHeight = max(1, rows.height / 6)
  let today = Day(state.now, in: state.timeZone)
  let selected = state.calendarDay
  for index in 0..<grid.days {
    let day = grid.first.adding(days: index)
    let column = index % 7
    let width = column == 6 ? area.width - 6 * cellWidth : cellWidth
    let cell = Rect(
      x: area.x + column * cellWidth, y: rows.y + (index / 7) * cellHeight, width: width,
      height: cellHeight)
    let summary = state.calendar.summaries[day]
    let inMonth = day.month == selected.month
    let style: Style
    if day == selected {
      style = Style("card.selected")
    } else {
      style = inMonth ? Style("card") : Style("card.dim")
    }
    buffer.fill(cell.inset(right: 1), style: style)
    let inner = cell.inset(left: 1, right: 1)
    var number = String(day.day)
    if day == today { number = "[\(number)]" }
    var x = buffer.put(
      number, x: inner.x, y: cell.y, style: style.with(day == today ? .bold : []), clip: inner)
    if let summary {
      if summary.overdue > 0 {
        x = buffer.put(" ⚑", x: x, y: cell.y, style: Style("overdue", .bold), clip: inner)
      }
      let count = String(summary.count)
      buffer.put(
        count, x: inner.maxX - displayWidth(count), y: cell.y, style: style.with(.bold),
        clip: inner)
      let lines = cellHeight - 1
      for (line, title) in summary.titles.prefix(max(0, lines)).enumerated() {
        let more = line == lines - 1 && summary.count > line + 1
        let text = more && summary.titles.count > line + 1 ? "+\(summary.count - line)" : title
        buffer.put(
          truncate(text, toWidth: inner.width), x: inner.x, y: cell.y + 1 + line, style: style,
          clip: inner)
      }
    }
  }
}

private func renderWeek(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
  let gutter = 6
  let monday = CalendarDays.monday(of: state.calendarDay)
  let cellWidth = (area.width - gutter) / 7
  let names = weekdayNames(state)
  let today = Day(state.now, in: state.timeZone)
  for column in 0..<7 {
    let day = monday.adding(days: column)
    let x = area.x + gutter + column * cellWidth
    let style = Style(
      day == state.calendarDay ? "stage.header.focused" : Role.tableHeader,
      day == today ? [.bold, .underline] : [.bold])
    buffer.put(
      truncate(" \(names[column]) \(day.day)", toWidth: cellWidth), x: x, y: area.y,
      style: style)
  }
  let hours = max(1, area.height - 1)
  let first = min(max(0, state.calendar.hour - hours / 2), max(0, 24 - hours))
  // The activities of each (day, hour) cell, in time order.
  var cells: [Int: [ActivityRow]] = [:]
  for row in state.calendar.rows {
    guard let when = row.activity.when else { continue }
    let day = Day(when, in: state.timeZone)
    let column = (0..<7).first { monday.adding(days: $0) == day }
    guard let column else { continue }
    let hour = Int(clockTime(when, state.timeZone).prefix(2)) ?? 0
    cells[column * 24 + hour, default: []].append(row)
  }
  for line in 0..<min(hours, 24) {
    let hour = first + line
    guard hour < 24 else { break }
    let y = area.y + 1 + line
    buffer.put(String(format: "%02d:00 ", hour), x: area.x, y: y, style: Style("card.dim"))
    for column in 0..<7 {
      let day = monday.adding(days: column)
      let width = column == 6 ? area.width - gutter - 6 * cellWidth : cellWidth
      let cell = Rect(x: area.x + gutter + column * cellWidth, y: y, width: width, height: 1)
      let focused = day == state.calendarDay && hour == state.calendar.hour
      let style = Style(focused ? "card.selected" : "card")
      buffer.fill(cell.inset(right: 1), style: style)
      guard let rows = cells[column * 24 + hour], let top = rows.first else {
        if !focused { buffer.put("·", x: cell.x, y: y, style: Style("card.dim"), clip: cell) }
        continue
      }
      let overdue = top.activity.isOverdueAsListed(now: state.now, zone: state.timeZone)
      var text = top.activity.title
      if rows.count > 1 { text = "+\(rows.count - 1) " + text }
      let inner = cell.inset(right: 1)
      var x = cell.x
      if overdue { x = buffer.put("⚑", x: x, y: y, style: Style("overdue", .bold), clip: inner) }
      buffer.put(
        truncate(text, toWidth: max(0, inner.maxX - x)), x: x, y: y,
        style: top.activity.isDone ? style.with(.dim) : style, clip: inner)
    }
  }
}

private func renderAgenda(_ state: AppState, area: Rect, into buffer: inout ScreenBuffer) {
  let rows = state.calendar.rows
  if rows.isEmpty {
    if state.calendar.loadedQuery != nil {
      buffer.put(
        truncate(state.text("calendar.empty"), toWidth: area.width - 2), x: area.x + 1,
        y: area.y + 1, style: Style("card.dim"))
    }
    return
  }
  // Lines: a heading per day, then its activities; `index` maps a line to its row.
  var lines: [(text: String, index: Int?)] = []
  var lastDay: Day?
  for (index, row) in rows.enumerated() {
    guard let when = row.activity.when else { continue }
    let day = Day(when, in: state.timeZone)
    if day != lastDay {
      let weekday = weekdayNames(state)[CalendarDays.weekday(day)]
      lines.append(("\(weekday) \(shortDate(day, state.locale))", nil))
      lastDay = day
    }
    lines.append(("", index))
  }
  let focusLine = lines.firstIndex { $0.index == state.calendar.focus } ?? 0
  let offset = max(0, focusLine - area.height + 1)
  for (line, entry) in lines.dropFirst(offset).prefix(area.height).enumerated() {
    let y = area.y + line
    let rowArea = Rect(x: area.x, y: y, width: area.width, height: 1)
    guard let index = entry.index else {
      buffer.put(" " + entry.text, x: area.x, y: y, style: Style(Role.title, .bold), clip: rowArea)
      continue
    }
    renderActivityLine(
      rows[index], focused: index == state.calendar.focus, showDate: false, state: state,
      area: rowArea, into: &buffer)
  }
}

/// One activity on one row: done or overdue mark, time, kind, title, link and assignee;
/// the link and assignee give way first on a narrow row.
func renderActivityLine(
  _ row: ActivityRow, focused: Bool, showDate: Bool, state: AppState, area: Rect,
  into buffer: inout ScreenBuffer
) {
  let activity = row.activity
  let style = Style(focused ? Role.selection : Role.normal)
  buffer.fill(area, style: style)
  let overdue = activity.isOverdueAsListed(now: state.now, zone: state.timeZone)
  var x = area.x + 1
  if activity.isDone {
    x = buffer.put("✓ ", x: x, y: area.y, style: style.with(.bold), clip: area)
  } else if overdue {
    x = buffer.put("⚑ ", x: x, y: area.y, style: Style("overdue", .bold), clip: area)
  } else {
    x = buffer.put("  ", x: x, y: area.y, style: style, clip: area)
  }
  var time = ""
  if let when = activity.when {
    let day = Day(when, in: state.timeZone)
    time = activity.allDay ? state.text("calendar.allDay") : clockTime(when, state.timeZone)
    if showDate { time = shortDate(day, state.locale) + " " + time }
  }
  let timeWidth = showDate ? 13 : 6
  x = buffer.put(
    truncate(time, toWidth: timeWidth).padding(toLength: timeWidth, withPad: " ", startingAt: 0),
    x: x, y: area.y, style: overdue ? Style("overdue") : style, clip: area)
  x = buffer.put(
    " " + state.text("activity.kind.\(activity.kind.rawValue)") + " ", x: x, y: area.y,
    style: style.with(.dim), clip: area)
  let extras = [row.linkName, row.assigneeName].compactMap { $0 }.joined(separator: " · ")
  let room = area.maxX - x - 1
  let extraWidth = room >= 40 && !extras.isEmpty ? min(displayWidth(extras) + 3, room / 2) : 0
  let titleStyle = activity.isDone ? style.with(.dim) : style.with(.bold)
  buffer.put(
    truncate(activity.title, toWidth: max(0, room - extraWidth)), x: x, y: area.y,
    style: titleStyle, clip: area)
  if extraWidth > 0 {
    let text = truncate(extras, toWidth: extraWidth - 3)
    buffer.put(
      text, x: area.maxX - 1 - displayWidth(text), y: area.y, style: style.with(.dim), clip: area)
  }
}
