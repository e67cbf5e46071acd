import Terminal

/// Where the board's parts go for the terminal's size: full columns from 80 columns up, one
/// stage at a time below that, and nothing but a notice below the minimum.
struct BoardLayout {
  static let minimumWidth = 30
  static let minimumHeight = 8
  /// Narrower than this, the board shows one stage at a time.
  static let wideWidth = 80
  static let minColumnWidth = 24
  /// Lines per card, including the blank line after it.
  static let cardHeight = 4

  let size: Size
  let columnCount: Int
  let firstColumn: Int

  init(state: AppState) {
    size = state.size
    columnCount = state.board?.columns.count ?? 0
    firstColumn = state.firstColumn
  }

  var isTooSmall: Bool { size.width < Self.minimumWidth || size.height < Self.minimumHeight }
  var isNarrow: Bool { size.width < Self.wideWidth }

  /// The board between the top bar and the status bar.
  var body: Rect { Rect(x: 0, y: 1, width: size.width, height: max(0, size.height - 2)) }

  var visibleColumns: Int {
    guard columnCount > 0 else { return 0 }
    if isNarrow { return 1 }
    return max(1, min(columnCount, size.width / Self.minColumnWidth))
  }

  /// Header lines of a column: name and count, then the totals.
  static let headerHeight = 3

  var cardsPerColumn: Int {
    max(1, (body.height - Self.headerHeight - 1) / Self.cardHeight)
  }

  /// The rectangle of the i-th visible column (0 = `firstColumn`).
  func columnRect(_ visibleIndex: Int) -> Rect {
    let count = max(1, visibleColumns)
    let width = body.width / count
    let x = visibleIndex * width
    let lastWidth = visibleIndex == count - 1 ? body.width - x : width
    return Rect(x: x, y: body.y, width: lastWidth, height: body.height)
  }

  /// The column and card under a point, for the mouse.
  func hit(x: Int, y: Int, state: AppState) -> (column: Int, card: Int?)? {
    guard !isTooSmall, visibleColumns > 0, body.contains(x: x, y: y) else { return nil }
    for index in 0..<visibleColumns {
      let rect = columnRect(index)
      guard rect.contains(x: x, y: y) else { continue }
      let column = firstColumn + index
      guard let board = state.board, board.columns.indices.contains(column) else { return nil }
      let offset = state.cardOffsets[board.columns[column].stage.id] ?? 0
      let row = y - rect.y - Self.headerHeight
      let card = row >= 0 ? offset + row / Self.cardHeight : nil
      if let card, card < board.columns[column].cards.count { return (column, card) }
      return (column, nil)
    }
    return nil
  }
}
