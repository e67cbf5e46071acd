/// The one-column scroll indicator beside lists and tables: ▲ when rows are hidden above,
/// ▼ when rows are hidden below, and a thumb showing where the view is.
public struct ScrollIndicator: Sendable {
  public var count: Int
  public var offset: Int

  public init(count: Int, offset: Int) {
    self.count = count
    self.offset = offset
  }

  public func render(into buffer: inout ScreenBuffer, column: Rect) {
    let rows = column.height
    guard rows > 0, count > rows else { return }
    let style = Style(Role.scrollbar)
    for i in 0..<rows {
      buffer.put("│", x: column.x, y: column.y + i, style: style, clip: column)
    }
    if rows >= 3 {
      // The thumb moves over the rows between the arrows.
      let track = rows - 2
      let maxOffset = count - rows
      let pos = maxOffset == 0 ? 0 : (offset * (track - 1) + maxOffset / 2) / maxOffset
      buffer.put("█", x: column.x, y: column.y + 1 + pos, style: style, clip: column)
    }
    if offset > 0 {
      buffer.put("▲", x: column.x, y: column.y, style: style, clip: column)
    }
    if offset + rows < count {
      buffer.put("▼", x: column.x, y: column.maxY - 1, style: style, clip: column)
    }
  }
}
