/// A one-line text field, scrolled sideways so the cursor is always on screen.
///
///     TextInput(state: name, focused: true, placeholder: "Deal title")
///       .render(into: &buffer, area: Rect(x: 10, y: 2, width: 30, height: 1))

public struct TextInput: Widget, Sendable {
  public var state: TextInputState
  public var focused: Bool
  /// Shown dimmed when the text is empty and the field is not focused.
  public var placeholder: String
  public var style: Style

  public init(
    state: TextInputState, focused: Bool = true, placeholder: String = "",
    style: Style = Style(Role.input)
  ) {
    self.state = state
    self.focused = focused
    self.placeholder = placeholder
    self.style = style
  }

  /// The first grapheme shown: the smallest that still leaves the cursor's cell visible.
  func firstVisible(width: Int) -> Int {
    let chars = Array(state.text)
    let cursorWidth = state.cursor < chars.count ? displayWidth(chars[state.cursor]) : 1
    var start = state.cursor
    var used = cursorWidth
    while start > 0 {
      let w = displayWidth(chars[start - 1])
      if used + w > width { break }
      used += w
      start -= 1
    }
    return start
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard !area.isEmpty else { return }
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    buffer.fill(row, style: style)
    if state.text.isEmpty && !focused {
      buffer.put(placeholder, x: row.x, y: row.y, style: style.with(.dim), clip: row)
      return
    }
    let chars = Array(state.text)
    let start = focused ? firstVisible(width: row.width) : 0
    var x = row.x
    for i in start..<chars.count {
      let isCursor = focused && i == state.cursor
      x = buffer.put(
        String(chars[i]), x: x, y: row.y, style: isCursor ? Style(Role.inputCursor) : style,
        clip: row)
      if x >= row.maxX { break }
    }
    if focused && state.cursor == chars.count && x < row.maxX {
      buffer.put(" ", x: x, y: row.y, style: Style(Role.inputCursor), clip: row)
    }
  }

  /// The screen column of the cursor, for backends that show the hardware cursor.
  public func cursorColumn(in area: Rect) -> Int {
    let chars = Array(state.text)
    let start = firstVisible(width: area.width)
    return area.x + displayWidth(String(chars[start..<state.cursor]))
  }
}
