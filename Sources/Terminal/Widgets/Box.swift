/// A border with an optional title, the frame around panes and dialogs.
///
///     let box = Box(title: "Contacts", focused: true)
///     box.render(into: &buffer, area: pane)
///     list.render(into: &buffer, area: box.inner(pane))

public struct Box: Widget, Sendable {
  public var title: String?
  public var focused: Bool
  /// Role of the border; by default "border", or "border.focused" when focused.
  public var borderRole: String?

  public init(title: String? = nil, focused: Bool = false, borderRole: String? = nil) {
    self.title = title
    self.focused = focused
    self.borderRole = borderRole
  }

  /// The area inside the border.
  public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    // Below 2x2 there is no room for corners; drawing nothing beats drawing half a box.
    guard area.width >= 2, area.height >= 2 else { return }
    let style = Style(borderRole ?? (focused ? Role.borderFocused : Role.border))
    let right = area.maxX - 1
    let bottom = area.maxY - 1
    let horizontal = String(repeating: "─", count: area.width - 2)
    buffer.put("┌" + horizontal + "┐", x: area.x, y: area.y, style: style, clip: area)
    buffer.put("└" + horizontal + "┘", x: area.x, y: bottom, style: style, clip: area)
    for y in (area.y + 1)..<bottom {
      buffer.put("│", x: area.x, y: y, style: style, clip: area)
      buffer.put("│", x: right, y: y, style: style, clip: area)
    }
    if let title, !title.isEmpty, area.width >= 6 {
      // "┌─ Title ": after the corner and one line cell, never over the far corner.
      let text = " " + truncate(title, toWidth: area.width - 5) + " "
      let titleStyle = Style(Role.title, focused ? [.bold] : [])
      buffer.put(
        text, x: area.x + 2, y: area.y, style: titleStyle,
        clip: Rect(x: area.x + 2, y: area.y, width: area.width - 3, height: 1))
    }
  }
}
