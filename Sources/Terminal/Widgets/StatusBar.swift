/// The bottom line: a message or mode on the left, key hints after it, facts on the right.
///
///     StatusBar(left: [.init("BOARD")], hints: [.init(key: "?", label: "help")],
///               right: [.init("Sales · 42 deals")]).render(into: &buffer, area: bottom)
///
/// When the line is too short, hints go first (from the end), then the left text is
/// truncated; the right segments are kept whole as long as they fit at all.

public struct StatusSegment: Hashable, Sendable {
  public var text: String
  public var style: Style

  public init(_ text: String, style: Style = Style(Role.statusBar)) {
    self.text = text
    self.style = style
  }
}

/// A key and what it does, as shown in the status bar: "?" "help".
public struct KeyHint: Hashable, Sendable {
  public var key: String
  public var label: String

  public init(key: String, label: String) {
    self.key = key
    self.label = label
  }
}

public struct StatusBar: Widget, Sendable {
  public var left: [StatusSegment]
  public var hints: [KeyHint]
  public var right: [StatusSegment]

  public init(
    left: [StatusSegment] = [], hints: [KeyHint] = [], right: [StatusSegment] = []
  ) {
    self.left = left
    self.hints = hints
    self.right = right
  }

  private static func width(_ segments: [StatusSegment]) -> Int {
    segments.reduce(0) { $0 + displayWidth($1.text) + 1 }
  }

  private static func width(_ hints: [KeyHint]) -> Int {
    hints.reduce(0) { $0 + displayWidth($1.key) + displayWidth($1.label) + 3 }
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard !area.isEmpty else { return }
    let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
    buffer.fill(row, style: Style(Role.statusBar))
    let rightWidth = StatusBar.width(right)
    let rightFits = rightWidth + 1 <= row.width
    // One blank cell always separates the hints from the right-hand facts.
    let leftRoom = row.width - (rightFits ? rightWidth + 1 : 0)
    var shownHints = hints
    while !shownHints.isEmpty && StatusBar.width(left) + StatusBar.width(shownHints) > leftRoom {
      shownHints.removeLast()
    }
    let leftArea = Rect(x: row.x, y: row.y, width: leftRoom, height: 1)
    var x = row.x + 1
    for segment in left {
      let room = leftArea.maxX - x
      guard room > 0 else { break }
      x =
        buffer.put(
          truncate(segment.text, toWidth: room), x: x, y: row.y, style: segment.style,
          clip: leftArea) + 1
    }
    for hint in shownHints {
      x = buffer.put(hint.key, x: x + 1, y: row.y, style: Style(Role.hintKey), clip: leftArea)
      x =
        buffer.put(" " + hint.label, x: x, y: row.y, style: Style(Role.statusBar), clip: leftArea)
        + 1
    }
    guard rightFits else { return }
    var rx = row.maxX - rightWidth
    for segment in right {
      rx = buffer.put(segment.text, x: rx, y: row.y, style: segment.style, clip: row) + 1
    }
  }
}
