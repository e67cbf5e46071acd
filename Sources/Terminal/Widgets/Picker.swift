/// Choose one item by typing part of it: a query line over a fuzzy-filtered list.
///
///     var picker = PickerState()
///     switch picker.handle(key, items: stageNames) {
///     case .picked(let i): moveDeal(to: stages[i])
///     case .cancelled: closePopup()
///     case nil: break
///     }

public struct PickerState: Hashable, Sendable {
  public enum Outcome: Hashable, Sendable {
    /// The index of the chosen item in the full item list.
    case picked(Int)
    case cancelled
  }

  public var query: TextInputState
  /// Selection among the *filtered* items.
  public var list: ListState

  public init(query: String = "") {
    self.query = TextInputState(query)
    self.list = ListState()
  }

  public func matches(_ items: [String]) -> [(index: Int, match: FuzzyMatch)] {
    fuzzyFilter(query.text, items)
  }

  /// Up/Down/PgUp/PgDn move, Enter picks, Esc cancels, anything else edits the query (and
  /// puts the selection back on the best match).
  public mutating func handle(_ key: Key, items: [String], pageSize: Int = 10) -> Outcome? {
    let found = matches(items)
    switch key {
    case .enter:
      list.select(list.selected, count: found.count)
      return found.isEmpty ? nil : .picked(found[list.selected].index)
    case .escape, .ctrl("c"):
      return .cancelled
    case .up, .down, .pageUp, .pageDown:
      list.handle(key, count: found.count, pageSize: pageSize)
    default:
      let before = query.text
      query.handle(key)
      if query.text != before { list = ListState() }
    }
    return nil
  }
}

public struct Picker: Widget, Sendable {
  public var title: String
  public var items: [String]
  public var state: PickerState

  public init(title: String, items: [String], state: PickerState) {
    self.title = title
    self.items = items
    self.state = state
  }

  /// Draws a box with "> query  n/m" on top and the matches below, matched letters in
  /// "picker.match".
  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    let box = Box(title: title, focused: true)
    box.render(into: &buffer, area: area)
    let inner = box.inner(area)
    guard !inner.isEmpty else { return }
    let found = state.matches(items)
    let (top, rest) = inner.splitTop(1)
    let count = " \(found.count)/\(items.count)"
    let (queryArea, countArea) = (
      top.inset(right: displayWidth(count)),
      Rect(x: top.maxX - displayWidth(count), y: top.y, width: displayWidth(count), height: 1)
    )
    let x = buffer.put("> ", x: queryArea.x, y: top.y, style: Style(Role.title), clip: queryArea)
    TextInput(state: state.query, focused: true).render(
      into: &buffer, area: Rect(x: x, y: top.y, width: queryArea.maxX - x, height: 1))
    buffer.put(count, x: countArea.x, y: top.y, style: Style(Role.normal, [.dim]), clip: top)
    let shown = state.list.visible(count: found.count, visibleRows: rest.height)
    let scrolls = found.count > rest.height
    let rows = scrolls ? rest.inset(right: 1) : rest
    for r in 0..<rows.height {
      let k = shown.offset + r
      guard k < found.count else { break }
      let selected = k == shown.selected
      let base = Style(selected ? Role.selection : Role.normal)
      let y = rows.y + r
      buffer.fill(Rect(x: rows.x, y: y, width: rows.width, height: 1), style: base)
      let text = truncate(items[found[k].index], toWidth: rows.width)
      let matched = Set(found[k].match.positions)
      var cx = rows.x
      for (i, ch) in text.enumerated() {
        let style = matched.contains(i) ? Style(Role.pickerMatch, [.bold]) : base
        cx = buffer.put(String(ch), x: cx, y: y, style: style, clip: rows)
      }
    }
    let bar = Rect(x: rest.maxX - 1, y: rest.y, width: scrolls ? 1 : 0, height: rest.height)
    ScrollIndicator(count: found.count, offset: shown.offset).render(into: &buffer, column: bar)
  }
}
