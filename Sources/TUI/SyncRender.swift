import Foundation
import Model
import Store
import Terminal

/// The status bar's sync facts, before the database name: online or offline, changes
/// waiting, when the last sync was, refused changes. Shorter as the terminal narrows;
/// nothing when the database does not sync.
func syncStatusSegments(_ state: AppState) -> [StatusSegment] {
  guard let sync = state.sync else { return [] }
  let width = state.size.width
  let connection: String
  switch sync.connection {
  case nil: connection = state.text("sync.syncing")
  case .online?: connection = state.text("sync.online")
  case .offline?: connection = state.text("sync.offline")
  }
  var parts = [connection]
  if width < 70 {
    if sync.pending > 0 { parts.append(state.text("sync.waitingShort", String(sync.pending))) }
    return [StatusSegment(parts.joined(separator: " "))]
  }
  if sync.pending > 0 { parts.append(state.text("sync.waiting", String(sync.pending))) }
  if let last = sync.lastSyncAt {
    let ago = agoText(last, state)
    parts.append(width >= 120 ? state.text("sync.synced", ago) : ago)
  } else if width >= 120 {
    parts.append(state.text("sync.never"))
  }
  var segments = [StatusSegment(parts.joined(separator: " · "))]
  if sync.refusals > 0 {
    segments.append(
      StatusSegment(
        state.text("sync.refused", String(sync.refusals)), style: Style(Role.statusError)))
  }
  return segments
}

/// Others' changes, for a few seconds after a sync brought them.
func syncNoticeSegment(_ state: AppState) -> StatusSegment? {
  guard let notice = state.sync?.notice else { return nil }
  return StatusSegment(notice, style: Style(Role.statusMessage, .bold))
}

/// The sync screen: refused changes (label, reason, when) and conflicts (record, field,
/// mine, what was kept and whose it is), the row under the cursor highlighted.
func renderSyncScreen(_ screen: SyncScreenState, _ state: AppState, into buffer: inout ScreenBuffer)
{
  let area = buffer.area
  var title = state.text("sync.title")
  if let segment = syncStatusSegments(state).first { title += " · " + segment.text }
  let modal = Modal(
    title: truncate(title, toWidth: max(1, min(area.width, 100) - 4)),
    width: min(area.width, 100), height: max(6, area.height - 2))
  let inner = modal.render(into: &buffer, screen: area)
  let (body, footer) = inner.splitBottom(1)
  buffer.put(
    truncate(state.text("sync.footer"), toWidth: footer.width), x: footer.x, y: footer.y,
    style: Style("card.dim"), clip: footer)
  guard let data = screen.data else {
    buffer.put(
      state.text("sync.loading"), x: body.x, y: body.y, style: Style(Role.modal), clip: body)
    return
  }
  let lines = syncScreenLines(data, state)
  // Scrolled just far enough that the whole selected row shows.
  let selectedEnd = lines.lastIndex { $0.item == screen.selected } ?? 0
  let top = max(0, selectedEnd - body.height + 1)
  for (row, line) in lines.dropFirst(top).prefix(body.height).enumerated() {
    let y = body.y + row
    let rowArea = Rect(x: body.x, y: y, width: body.width, height: 1)
    let selected = line.item == screen.selected && line.item != nil
    let style = Style(
      line.header ? Role.tableHeader : selected ? Role.selection : Role.modal,
      line.header ? .bold : [])
    if selected { buffer.fill(rowArea, style: style) }
    let rightWidth = displayWidth(line.right)
    let leftRoom = max(0, body.width - (rightWidth > 0 ? rightWidth + 1 : 0))
    buffer.put(
      truncate(line.left, toWidth: leftRoom), x: body.x, y: y,
      style: line.dim && !selected ? Style("card.dim") : style, clip: rowArea)
    if rightWidth > 0, rightWidth < body.width {
      buffer.put(line.right, x: body.maxX - rightWidth, y: y, style: style, clip: rowArea)
    }
  }
  if let drop = screen.confirmDrop {
    Confirm(
      title: state.text("sync.confirmDropTitle"),
      message: state.text("sync.confirmDrop", drop.label), state: drop.confirm,
      yesLabel: state.text("confirm.yes"), noLabel: state.text("confirm.no")
    ).render(into: &buffer, area: area)
  }
}

/// One line of the sync screen: text on the left, a time on the right, and the row (item)
/// it belongs to, nil for headers and blanks.
private struct SyncLine {
  var left: String
  var right = ""
  var item: Int?
  var header = false
  var dim = false
}

private func syncScreenLines(_ data: SyncScreenData, _ state: AppState) -> [SyncLine] {
  var lines: [SyncLine] = []
  if case .offline(let reason)? = state.sync?.connection {
    // Why the last sync did not reach the server, in the engine's words.
    lines += [SyncLine(left: reason, dim: true), SyncLine(left: "")]
  }
  lines.append(
    SyncLine(left: state.text("sync.refusals", String(data.refusals.count)), header: true))
  if data.refusals.isEmpty {
    lines.append(SyncLine(left: "  " + state.text("sync.noRefusals"), dim: true))
  }
  for (index, refusal) in data.refusals.enumerated() {
    lines.append(
      SyncLine(
        left: readableText(refusal.label, names: data.names), right: agoText(refusal.at, state),
        item: index))
    lines.append(
      SyncLine(left: "  " + readableText(refusal.reason, names: data.names), item: index, dim: true)
    )
    let tried = refusedChangesText(refusal, data, state)
    if !tried.isEmpty {
      lines.append(
        SyncLine(left: "  " + state.text("sync.tried", tried), item: index, dim: true))
    }
  }
  lines.append(SyncLine(left: ""))
  lines.append(
    SyncLine(left: state.text("sync.conflicts", String(data.conflicts.count)), header: true))
  if data.conflicts.isEmpty {
    lines.append(SyncLine(left: "  " + state.text("sync.noConflicts"), dim: true))
  }
  for (offset, conflict) in data.conflicts.enumerated() {
    let item = data.refusals.count + offset
    let record =
      conflict.recordTitle ?? data.names[conflict.recordId]
      ?? "\(conflict.entity) \(shortId(conflict.recordId))"
    let who =
      conflict.theirActor.flatMap { data.names[$0] ?? shortId($0) } ?? state.text("sync.someone")
    let field = syncFieldLabel(conflict.entity, conflict.field, state)
    func value(_ value: FieldValue) -> String {
      fieldValueText(
        value, field: conflict.field, currency: data.currencies[conflict.recordId],
        names: data.names, state)
    }
    lines.append(
      SyncLine(left: "\(record) · \(field)", right: agoText(conflict.at, state), item: item))
    lines.append(
      SyncLine(
        left: "  " + state.text("sync.mine", value(conflict.mine)) + "  "
          + state.text("sync.won", value(conflict.theirs), who),
        item: item, dim: true))
  }
  return lines
}
