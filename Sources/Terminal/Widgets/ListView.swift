/// A vertical list with one selected row, scrolled to keep the selection in view.
///
///     ListView(items: names.map { ListItem($0) }, state: state, focused: true)
///       .render(into: &buffer, area: box.inner(pane))

/// One row of a list: text and the role it is drawn in when not selected.
public struct ListItem: Hashable, Sendable {
  public var text: String
  public var style: Style

  public init(_ text: String, style: Style = .normal) {
    self.text = text
    self.style = style
  }
}

public struct ListView: Widget, Sendable {
  public var items: [ListItem]
  public var state: ListState
  public var focused: Bool
  /// Drawn on the first row when there are no items.
  public var emptyText: String

  public init(items: [ListItem], state: ListState, focused: Bool = true, emptyText: String = "") {
    self.items = items
    self.state = state
    self.focused = focused
    self.emptyText = emptyText
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard !area.isEmpty else { return }
    if items.isEmpty {
      buffer.put(
        truncate(emptyText, toWidth: area.width), x: area.x, y: area.y,
        style: Style(Role.normal, [.dim]), clip: area)
      return
    }
    let shown = state.visible(count: items.count, visibleRows: area.height)
    let scrolls = items.count > area.height
    let (textArea, bar) =
      scrolls
      ? (area.inset(right: 1), Rect(x: area.maxX - 1, y: area.y, width: 1, height: area.height))
      : (area, Rect(x: area.maxX, y: area.y, width: 0, height: 0))
    for row in 0..<area.height {
      let index = shown.offset + row
      guard index < items.count else { break }
      let item = items[index]
      let selected = index == shown.selected
      let style =
        selected ? (focused ? Style(Role.selection) : item.style.with(.reverse)) : item.style
      buffer.put(
        pad(item.text, toWidth: textArea.width), x: textArea.x, y: area.y + row, style: style,
        clip: textArea)
    }
    ScrollIndicator(count: items.count, offset: shown.offset).render(into: &buffer, column: bar)
  }
}
