/// Rows and columns with a header, one selected row, scrolled like a list.
///
///     Table(columns: [.init("Name", width: .flex(1)), .init("Value", width: .fixed(10),
///           alignment: .right)], rows: rows, state: state).render(into: &buffer, area: pane)

/// One column: its header, how wide it is and which side its text keeps to.
public struct TableColumn: Hashable, Sendable {
  public enum Width: Hashable, Sendable {
    /// Exactly this many columns (less only when the table is too narrow).
    case fixed(Int)
    /// A share of what the fixed columns leave, by weight.
    case flex(Int)
  }

  public var title: String
  public var width: Width
  public var alignment: Alignment

  public init(_ title: String, width: Width = .flex(1), alignment: Alignment = .left) {
    self.title = title
    self.width = width
    self.alignment = alignment
  }
}

public struct Table: Widget, Sendable {
  public var columns: [TableColumn]
  public var rows: [[String]]
  public var state: ListState
  public var focused: Bool
  public var showHeader: Bool
  /// Columns between cells.
  public var spacing: Int

  public init(
    columns: [TableColumn], rows: [[String]], state: ListState = ListState(),
    focused: Bool = true, showHeader: Bool = true, spacing: Int = 1
  ) {
    self.columns = columns
    self.rows = rows
    self.state = state
    self.focused = focused
    self.showHeader = showHeader
    self.spacing = spacing
  }

  /// Rows of data that fit in `area` (for PgUp/PgDn and scrolling).
  public func visibleRows(in area: Rect) -> Int {
    max(0, area.height - (showHeader ? 1 : 0))
  }

  /// The width of each column in `total` cells: fixed columns first (shrunk from the right
  /// when they do not fit), then the rest shared by flex weight, spare cells to the left.
  public func columnWidths(total: Int) -> [Int] {
    guard !columns.isEmpty else { return [] }
    var room = max(0, total - spacing * (columns.count - 1))
    var widths = columns.map { col -> Int in
      if case .fixed(let n) = col.width { return max(0, n) }
      return 0
    }
    var fixedSum = widths.reduce(0, +)
    var i = widths.count - 1
    while fixedSum > room && i >= 0 {
      let cut = min(widths[i], fixedSum - room)
      widths[i] -= cut
      fixedSum -= cut
      i -= 1
    }
    room -= fixedSum
    let weights = columns.map { col -> Int in
      if case .flex(let w) = col.width { return max(0, w) }
      return 0
    }
    let totalWeight = weights.reduce(0, +)
    guard totalWeight > 0, room > 0 else { return widths }
    var given = 0
    for (j, w) in weights.enumerated() where w > 0 {
      widths[j] = room * w / totalWeight
      given += widths[j]
    }
    for j in weights.indices where weights[j] > 0 && given < room {
      widths[j] += 1
      given += 1
    }
    return widths
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard !area.isEmpty else { return }
    let dataRows = visibleRows(in: area)
    let scrolls = rows.count > dataRows
    let tableArea = scrolls ? area.inset(right: 1) : area
    let widths = columnWidths(total: tableArea.width)
    var y = area.y
    if showHeader {
      drawRow(
        columns.map(\.title), widths: widths, y: y, style: Style(Role.tableHeader),
        into: &buffer, area: tableArea)
      y += 1
    }
    let shown = state.visible(count: rows.count, visibleRows: dataRows)
    for r in 0..<dataRows {
      let index = shown.offset + r
      guard index < rows.count else { break }
      let selected = index == shown.selected
      let style = selected ? Style(Role.selection, focused ? [] : [.dim]) : .normal
      drawRow(rows[index], widths: widths, y: y + r, style: style, into: &buffer, area: tableArea)
    }
    let bar = Rect(x: area.maxX - 1, y: y, width: scrolls ? 1 : 0, height: dataRows)
    ScrollIndicator(count: rows.count, offset: shown.offset).render(into: &buffer, column: bar)
  }

  private func drawRow(
    _ cells: [String], widths: [Int], y: Int, style: Style, into buffer: inout ScreenBuffer,
    area: Rect
  ) {
    // The whole row takes the style, gaps included, so a selection reads as one bar.
    buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
    var x = area.x
    for (i, width) in widths.enumerated() {
      let text = i < cells.count ? cells[i] : ""
      if width > 0 {
        buffer.put(
          pad(text, toWidth: width, alignment: columns[i].alignment), x: x, y: y, style: style,
          clip: area)
      }
      x += width + spacing
    }
  }
}
