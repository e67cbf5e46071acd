/// A row of tab titles with one selected, for switching views.
///
///     Tabs(titles: ["1 Board", "2 Contacts"], selected: 0).render(into: &buffer, area: top)

public struct Tabs: Widget, Sendable {
  public var titles: [String]
  public var selected: Int

  public init(titles: [String], selected: Int) {
    self.titles = titles
    self.selected = selected
  }

  /// Each tab's columns within `area`, for mouse clicks and for drawing.
  public func tabRects(in area: Rect) -> [Rect] {
    var x = area.x
    var result: [Rect] = []
    for title in titles {
      let w = displayWidth(title) + 2
      result.append(Rect(x: x, y: area.y, width: w, height: 1).intersection(area))
      x += w + 1
    }
    return result
  }

  /// The tab under column `x`, if any.
  public func tab(atX x: Int, in area: Rect) -> Int? {
    tabRects(in: area).firstIndex { !$0.isEmpty && x >= $0.x && x < $0.maxX }
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard !area.isEmpty else { return }
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    buffer.fill(row, style: Style(Role.tab))
    for (i, rect) in tabRects(in: row).enumerated() where !rect.isEmpty {
      let style = Style(i == selected ? Role.tabSelected : Role.tab)
      let x = buffer.put(" " + titles[i] + " ", x: rect.x, y: row.y, style: style, clip: row)
      if i < titles.count - 1 {
        buffer.put("│", x: x, y: row.y, style: Style(Role.border), clip: row)
      }
    }
  }
}
