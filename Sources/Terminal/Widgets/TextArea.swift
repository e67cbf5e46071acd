/// A multi-line text field: the lines of a `TextAreaState`, scrolled down just enough to
/// show the cursor's line, which scrolls sideways like a `TextInput`; long lines are cut.
///
///     TextArea(state: note, focused: true)
///       .render(into: &buffer, area: Rect(x: 2, y: 10, width: 60, height: 6))

public struct TextArea: Widget, Sendable {
  public var state: TextAreaState
  public var focused: Bool
  public var style: Style

  public init(state: TextAreaState, focused: Bool = true, style: Style = Style(Role.input)) {
    self.state = state
    self.focused = focused
    self.style = style
  }

  /// The first line shown in `height` rows: the top, until the cursor goes below the area.
  public func firstVisibleLine(height: Int) -> Int {
    max(0, state.row - max(1, height) + 1)
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard !area.isEmpty else { return }
    buffer.fill(area, style: style)
    let first = firstVisibleLine(height: area.height)
    for offset in 0..<area.height {
      let index = first + offset
      guard index < state.lines.count else { break }
      let row = Rect(x: area.x, y: area.y + offset, width: area.width, height: 1)
      if focused && index == state.row {
        TextInput(
          state: TextInputState(state.lines[index], cursor: state.column), focused: true,
          style: style
        ).render(into: &buffer, area: row)
      } else {
        buffer.put(
          truncate(state.lines[index], toWidth: row.width), x: row.x, y: row.y, style: style,
          clip: row)
      }
    }
  }
}
