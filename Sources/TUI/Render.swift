import Foundation
import Model
import Store
import Synchronization
import Terminal

/// The whole screen for a state. Pure: the same state always draws the same cells.
public func render(_ state: AppState) -> ScreenBuffer {
  var buffer = ScreenBuffer(size: state.size)
  let layout = BoardLayout(state: state)
  if layout.isTooSmall {
    renderTooSmall(state, into: &buffer)
    return buffer
  }
  renderTopBar(state, layout: layout, into: &buffer)
  switch state.view {
  case .board: renderBoard(state, layout: layout, into: &buffer)
  case .contacts: renderList(.contacts, state, area: layout.body, into: &buffer)
  case .companies: renderList(.companies, state, area: layout.body, into: &buffer)
  case .calendar: renderCalendar(state, area: layout.body, into: &buffer)
  case .activities: renderActivityList(state, area: layout.body, into: &buffer)
  case .reports: renderReports(state, area: layout.body, into: &buffer)
  }
  renderStatusBar(state, into: &buffer)
  if let overlay = state.overlay { renderOverlay(overlay, state, into: &buffer) }
  if let call = state.call { renderCallLog(call, state, into: &buffer) }
  if state.reminders.open { renderNotifications(state, into: &buffer) }
  return buffer
}

private func renderTooSmall(_ state: AppState, into buffer: inout ScreenBuffer) {
  let lines = [
    state.text("small.title"),
    state.text(
      "small.body", String(BoardLayout.minimumWidth), String(BoardLayout.minimumHeight),
      String(state.size.width), String(state.size.height)),
  ]
  // Wrapped; where even that does not fit, the sizes alone ("10x4<30x8").
  var wrapped = lines.flatMap { wrap($0, width: max(1, state.size.width)) }
  if wrapped.count > state.size.height || state.size.width < 20 {
    wrapped = [
      truncate(lines[0], toWidth: state.size.width),
      state.text(
        "small.compact", String(BoardLayout.minimumWidth), String(BoardLayout.minimumHeight),
        String(state.size.width), String(state.size.height)),
    ]
  }
  for (index, line) in wrapped.enumerated() where index < state.size.height {
    buffer.put(line, x: 0, y: index, style: Style(Role.statusError))
  }
}

/// Views as tabs on the left, the pipeline and where the board is scrolled to on the right.
private func renderTopBar(_ state: AppState, layout: BoardLayout, into buffer: inout ScreenBuffer) {
  let width = state.size.width
  buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), style: Style(Role.tab))
  var right = state.board.map { $0.pipeline.name } ?? ""
  if let kind = state.listKind { right = listSummary(kind, state) }
  if state.view == .board, let board = state.board, layout.visibleColumns < board.columns.count {
    let first = state.firstColumn + 1
    let last = min(board.columns.count, state.firstColumn + layout.visibleColumns)
    let range = first == last ? "\(first)" : "\(first)-\(last)"
    right += "  " + state.text("board.column", range, String(board.columns.count))
  }
  if !state.filter.isEmpty, state.view == .board {
    right += "  " + state.text("board.filter", state.filter)
  }
  let rightWidth = min(displayWidth(right), width / 2)
  let right2 = truncate(right, toWidth: rightWidth)
  var x = 0
  let compact = width < 70
  for view in View.allCases {
    let label = compact ? " \(view.rawValue) " : " \(view.rawValue) \(state.text(view.titleKey)) "
    if x + displayWidth(label) > width - rightWidth - 1 { break }
    let style = Style(view == state.view ? Role.tabSelected : Role.tab)
    x = buffer.put(label, x: x, y: 0, style: style)
  }
  buffer.put(right2, x: width - displayWidth(right2), y: 0, style: Style(Role.tab, .bold))
}

private func renderBoard(_ state: AppState, layout: BoardLayout, into buffer: inout ScreenBuffer) {
  guard let board = state.board else {
    if !state.loading {
      buffer.put(truncate(state.text("board.empty"), toWidth: state.size.width - 2), x: 1, y: 2)
    }
    return
  }
  for index in 0..<layout.visibleColumns {
    let columnIndex = state.firstColumn + index
    guard board.columns.indices.contains(columnIndex) else { break }
    var rect = layout.columnRect(index)
    // The last row of a narrow board names the neighbouring stages: keep "+N more" above it.
    if layout.isNarrow, board.columns.count > 1 { rect = rect.inset(bottom: 1) }
    if index > 0 {
      // A rule between columns.
      for y in rect.y..<rect.maxY { buffer.put("│", x: rect.x, y: y, style: Style(Role.border)) }
      rect = rect.inset(left: 1)
    }
    renderColumn(
      board.columns[columnIndex], index: columnIndex, state: state, layout: layout, area: rect,
      into: &buffer)
  }
  if layout.isNarrow, board.columns.count > 1 {
    renderNeighbours(board, state: state, layout: layout, into: &buffer)
  }
  if board.columns.allSatisfy({ $0.count == 0 }) && state.filter.isEmpty {
    renderEmptyHint(state, layout: layout, into: &buffer)
  }
}

/// A new database: how to add the first deal, in the middle of the board, over the rules.
private func renderEmptyHint(
  _ state: AppState, layout: BoardLayout, into buffer: inout ScreenBuffer
) {
  let width = max(1, min(60, layout.body.width - 4))
  let lines = wrap(state.text("board.empty"), width: width)
  let top =
    layout.body.y + max(BoardLayout.headerHeight + 1, layout.body.height / 2 - lines.count / 2)
  let x = max(0, (layout.body.width - width) / 2)
  for (index, line) in lines.enumerated() where top + index < layout.body.maxY {
    let row = Rect(
      x: max(0, x - 1), y: top + index, width: min(layout.body.width, width + 2), height: 1)
    buffer.fill(row, style: .normal)
    buffer.put(line, x: x, y: top + index, style: Style("card.dim"), clip: row)
  }
}

/// One stage: its header (name, count, totals) and the visible cards.
private func renderColumn(
  _ column: BoardColumn, index: Int, state: AppState, layout: BoardLayout, area: Rect,
  into buffer: inout ScreenBuffer
) {
  let focused = index == state.focus.column
  let headerStyle = Style(focused ? "stage.header.focused" : "stage.header", .bold)
  let inner = area.inset(left: 1, right: 1)
  buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 2), style: headerStyle)
  let count = state.text(column.count == 1 ? "board.deal" : "board.deals", String(column.count))
  let name = truncate(column.stage.name, toWidth: max(1, inner.width - displayWidth(count) - 1))
  buffer.put(name, x: inner.x, y: area.y, style: headerStyle, clip: inner)
  buffer.put(count, x: inner.maxX - displayWidth(count), y: area.y, style: headerStyle, clip: inner)
  let totals = column.totals.map { $0.formatted(locale: state.locale) }.joined(separator: " + ")
  let weighted = column.weighted.map { $0.formatted(locale: state.locale) }.joined(separator: " + ")
  let money =
    column.totals.isEmpty
    ? ""
    : totals + (column.stage.kind == .open ? " · " + state.text("board.weighted", weighted) : "")
  buffer.put(
    truncate(money, toWidth: inner.width), x: inner.x, y: area.y + 1, style: headerStyle,
    clip: inner)

  let cardsArea = Rect(
    x: area.x, y: area.y + BoardLayout.headerHeight, width: area.width,
    height: area.height - BoardLayout.headerHeight)
  let offset = state.cardOffsets[column.stage.id] ?? 0
  let rows = layout.cardsPerColumn
  if column.cards.isEmpty {
    buffer.put(
      state.text("board.emptyStage"), x: inner.x, y: cardsArea.y, style: Style("card.dim"),
      clip: inner)
  }
  for (row, cardIndex) in (offset..<min(column.cards.count, offset + rows)).enumerated() {
    let card = column.cards[cardIndex]
    let rect = Rect(
      x: area.x, y: cardsArea.y + row * BoardLayout.cardHeight, width: area.width,
      height: BoardLayout.cardHeight - 1)
    renderCard(
      card, stage: column.stage, focused: focused && cardIndex == state.focus.card,
      selected: state.selected.contains(card.deal.id), state: state, area: rect, into: &buffer)
  }
  let hiddenAbove = offset
  let hiddenBelow = max(0, column.count - offset - min(rows, column.cards.count - offset))
  let footerY = area.maxY - 1
  if hiddenBelow > 0 {
    let more = state.text("board.more", String(hiddenBelow))
    buffer.put(
      more, x: inner.maxX - displayWidth(more), y: footerY, style: Style(Role.scrollbar),
      clip: inner)
  }
  if hiddenAbove > 0 {
    buffer.put(
      "↑ \(hiddenAbove)", x: inner.x, y: footerY, style: Style(Role.scrollbar), clip: inner)
  }
}

/// A card: title with its priority mark, company and owner, value and closing date with the
/// overdue, rotting and next-activity marks.
private func renderCard(
  _ card: DealCard, stage: Stage, focused: Bool, selected: Bool, state: AppState, area: Rect,
  into buffer: inout ScreenBuffer
) {
  let style = Style(focused ? "card.selected" : "card")
  buffer.fill(area, style: style)
  let inner = area.inset(left: 1, right: 1)
  let deal = card.deal
  var x = inner.x
  if selected { x = buffer.put("✓ ", x: x, y: area.y, style: style.with(.bold), clip: inner) }
  switch deal.priority {
  case .urgent:
    x = buffer.put("!! ", x: x, y: area.y, style: Style("priority.urgent", .bold), clip: inner)
  case .high:
    x = buffer.put("! ", x: x, y: area.y, style: Style("priority.high", .bold), clip: inner)
  default: break
  }
  buffer.put(
    truncate(deal.title, toWidth: max(0, inner.maxX - x)), x: x, y: area.y,
    style: style.with(.bold), clip: inner)
  let who = [card.companyName, card.ownerName].compactMap { $0 }.joined(separator: " · ")
  buffer.put(
    truncate(who, toWidth: inner.width), x: inner.x, y: area.y + 1, style: style, clip: inner)
  // The marks are kept whole: the value and date give way to them, never the reverse.
  let today = Day(state.now)
  let spelled = inner.width >= 40
  var marks: [(String, Style)] = []
  if deal.isOverdue(today: today, stageKind: stage.kind) {
    marks.append((spelled ? " ⚑ " + state.text("mark.overdue") : " ⚑", Style("overdue", .bold)))
  }
  if deal.isRotting(now: state.now, stage: stage) {
    marks.append((spelled ? " ◷ " + state.text("mark.rotting") : " ◷", Style("rotting")))
  }
  let marksWidth = marks.reduce(0) { $0 + displayWidth($1.0) }
  var line = deal.value.formatted(locale: state.locale)
  if let close = deal.closeDate { line += " · " + shortDate(close, state.locale) }
  x = buffer.put(
    truncate(line, toWidth: max(0, inner.width - marksWidth)), x: inner.x, y: area.y + 2,
    style: style, clip: inner)
  for (text, markStyle) in marks {
    x = buffer.put(text, x: x, y: area.y + 2, style: markStyle, clip: inner)
  }
  if let next = card.nextActivityAt, x < inner.maxX - 8 {
    let overdue = card.isNextActivityOverdue(now: state.now)
    buffer.put(
      " → " + shortDate(Day(next), state.locale), x: x, y: area.y + 2,
      style: overdue ? Style("overdue") : style, clip: inner)
  }
}

/// On a narrow terminal, the stages either side of the one shown.
private func renderNeighbours(
  _ board: Board, state: AppState, layout: BoardLayout, into buffer: inout ScreenBuffer
) {
  let y = layout.body.maxY - 1
  let column = state.focus.column
  if column > 0 {
    let text =
      "‹ " + truncate(board.columns[column - 1].stage.name, toWidth: layout.size.width / 2 - 3)
    buffer.put(text, x: 0, y: y, style: Style(Role.hintKey))
  }
  if column + 1 < board.columns.count {
    let text =
      truncate(board.columns[column + 1].stage.name, toWidth: layout.size.width / 2 - 3) + " ›"
    buffer.put(text, x: layout.size.width - displayWidth(text), y: y, style: Style(Role.hintKey))
  }
}

/// "Dec 24" / "24. Dez.": a day as the locale writes it short. Cached, because a new
/// DateFormatter per card was most of a frame's time.
func shortDate(_ day: Day, _ locale: Locale) -> String {
  let key = "\(locale.identifier)|\(day)"
  if let cached = shortDateCache.withLock({ $0[key] }) { return cached }
  let formatter = DateFormatter()
  formatter.locale = locale
  formatter.timeZone = TimeZone(identifier: "UTC")
  formatter.setLocalizedDateFormatFromTemplate("MMMd")
  let text = formatter.string(from: day.start(in: TimeZone(identifier: "UTC")!))
  shortDateCache.withLock { cache in
    if cache.count > 4096 { cache.removeAll() }
    cache[key] = text
  }
  return text
}

private let shortDateCache = Mutex<[String: String]>([:])

private func renderStatusBar(_ state: AppState, into buffer: inout ScreenBuffer) {
  let y = state.size.height - 1
  let area = Rect(x: 0, y: y, width: state.size.width, height: 1)
  if case .filter(let input) = state.overlay {
    buffer.fill(area, style: Style(Role.input))
    let prompt = state.text("filter.prompt")
    let x = buffer.put(prompt, x: 0, y: y, style: Style(Role.input, .bold))
    TextInput(state: input, focused: true).render(
      into: &buffer, area: Rect(x: x, y: y, width: area.width - x, height: 1))
    return
  }
  if let kind = state.listKind, let input = state[list: kind].searchInput {
    buffer.fill(area, style: Style(Role.input))
    let prompt = state.text("list.searchPrompt")
    let x = buffer.put(prompt, x: 0, y: y, style: Style(Role.input, .bold))
    TextInput(state: input, focused: true).render(
      into: &buffer, area: Rect(x: x, y: y, width: area.width - x, height: 1))
    return
  }
  if renderReschedulePrompt(state, into: &buffer) { return }
  var left: [StatusSegment] = []
  if let status = state.status {
    left.append(
      StatusSegment(
        status.text, style: Style(status.isError ? Role.statusError : Role.statusMessage)))
  } else if let notice = syncNoticeSegment(state) {
    left.append(notice)
  } else if state.loading {
    left.append(StatusSegment(state.text("status.loading")))
  } else if !state.selected.isEmpty {
    left.append(StatusSegment(state.text("board.selected", String(state.selected.count))))
  }
  if !state.reminders.due.isEmpty, !state.reminders.open {
    // Reminders wait here until dismissed from the list (`!`).
    left.insert(
      StatusSegment("⏰ \(state.reminders.due.count)", style: Style("overdue", .bold)), at: 0)
  }
  // A list shows the global hints, its own, and the board's that mean the same there.
  let inList = state.listKind != nil
  let activityContext: KeyContext? =
    state.view == .calendar
    ? .calendar
    : state.view == .activities ? .activities : state.view == .reports ? .reports : nil
  let hints = state.keys.bindings.filter { binding in
    guard binding.hint else { return false }
    if let activityContext {
      return [.global, activityContext].contains(binding.context)
        || (activityContext == .calendar && binding.action == .new)
    }
    if [.calendar, .activities, .reports].contains(binding.context) { return false }
    if inList {
      return binding.context != .board || [.filter, .new].contains(binding.action)
    }
    return binding.context != .list
  }.compactMap { binding -> KeyHint? in
    guard let key = binding.keys.first else { return nil }
    return KeyHint(key: key.description, label: state.text("hint.\(binding.action.rawValue)"))
  }
  let right = syncStatusSegments(state) + [StatusSegment(state.databaseName)]
  StatusBar(left: left, hints: hints, right: right).render(into: &buffer, area: area)
}
