/// Selection and scrolling of a list or table, kept by the app between frames.
///
///     state.handle(.down, count: deals.count, pageSize: visibleRows)
///     state.scrollToSelection(count: deals.count, visibleRows: visibleRows)

public struct ListState: Hashable, Sendable {
  /// The selected row; meaningless (0) when the list is empty.
  public var selected: Int
  /// The first visible row.
  public var offset: Int

  public init(selected: Int = 0, offset: Int = 0) {
    self.selected = selected
    self.offset = offset
  }

  /// Selects row `index`, clamped to the rows that exist.
  public mutating func select(_ index: Int, count: Int) {
    selected = count == 0 ? 0 : min(max(0, index), count - 1)
  }

  public mutating func move(by delta: Int, count: Int) {
    select(selected + delta, count: count)
  }

  /// Moves the selection for arrow, Home/End and PgUp/PgDn keys; false for other keys, so
  /// the caller can try them elsewhere. (Letter bindings such as j/k belong to the app's
  /// key table, not here.)
  @discardableResult
  public mutating func handle(_ key: Key, count: Int, pageSize: Int) -> Bool {
    let page = max(1, pageSize)
    switch key {
    case .up: move(by: -1, count: count)
    case .down: move(by: 1, count: count)
    case .home: select(0, count: count)
    case .end: select(count - 1, count: count)
    case .pageUp: move(by: -page, count: count)
    case .pageDown: move(by: page, count: count)
    default: return false
    }
    scrollToSelection(count: count, visibleRows: page)
    return true
  }

  /// Adjusts `offset` as little as possible so the selected row is visible and no empty
  /// rows show below the last item.
  public mutating func scrollToSelection(count: Int, visibleRows: Int) {
    select(selected, count: count)
    let rows = max(1, visibleRows)
    if selected < offset { offset = selected }
    if selected >= offset + rows { offset = selected - rows + 1 }
    offset = min(max(0, offset), max(0, count - rows))
  }

  /// This state as it will be drawn in `visibleRows` rows.
  public func visible(count: Int, visibleRows: Int) -> ListState {
    var copy = self
    copy.scrollToSelection(count: count, visibleRows: visibleRows)
    return copy
  }
}
