/// The frame: a plain grid of cells that widgets draw into and backends display.
///
///     var buffer = ScreenBuffer(width: 20, height: 3)
///     buffer.put("東京 Tokyo", x: 1, y: 1, style: "title")
///     buffer.lines  // ["                    ", " 東京 Tokyo         ", ...]
///
/// Writes keep the grid consistent: a wide grapheme always owns its continuation cell, and
/// overwriting either half of one blanks the other half, so a frame never holds half a
/// character (which ncurses would draw as garbage).
public struct ScreenBuffer: Hashable, Sendable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: fill, count: self.width * self.height)
  }

  public init(size: Size) {
    self.init(width: size.width, height: size.height)
  }

  /// A buffer showing `lines` in the normal style, as wide as the widest line (or `width`).
  public init(lines: [String], width: Int? = nil, style: Style = .normal) {
    let w = width ?? lines.map { displayWidth($0) }.max() ?? 0
    self.init(width: w, height: lines.count)
    for (y, line) in lines.enumerated() {
      put(line, x: 0, y: y, style: style)
    }
  }

  public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }
  public var size: Size { Size(width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
  }

  /// The text of each row, continuation cells left out, so a row reads as it looks.
  public var lines: [String] {
    (0..<height).map { line($0) }
  }

  public func line(_ y: Int) -> String {
    var s = ""
    for x in 0..<width {
      let c = cells[y * width + x]
      if !c.isContinuation { s += c.grapheme }
    }
    return s
  }

  // MARK: Writing

  /// Writes one grapheme cell at (x, y), repairing any wide grapheme it overlaps.
  /// Out-of-bounds writes are ignored; a wide cell that would cross the right edge becomes
  /// a blank.
  public mutating func set(x: Int, y: Int, _ cell: Cell) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    var cell = cell
    if cell.width == 2 && x + 1 >= width { cell = .blank(cell.style) }
    let i = y * width + x
    breakWide(at: i, row: y)
    if cell.width == 2 {
      breakWide(at: i + 1, row: y)
      cells[i] = cell
      cells[i + 1] = .continuation(cell.style)
    } else {
      cells[i] = Cell(cell.grapheme, width: 1, style: cell.style)
    }
  }

  /// Before overwriting cell `i`, blanks the other half of a wide grapheme it belongs to.
  private mutating func breakWide(at i: Int, row y: Int) {
    let rowStart = y * width
    let c = cells[i]
    if c.isContinuation, i > rowStart {
      cells[i - 1] = .blank(cells[i - 1].style)
    } else if c.width == 2, i + 1 < rowStart + width {
      cells[i + 1] = .blank(cells[i + 1].style)
    }
  }

  /// Writes `text` from (x, y) on one row, clipped to `clip` (the whole buffer by default),
  /// and returns the column after the last cell written. A wide grapheme that does not fit
  /// at the clip's edge leaves a blank, never half a character.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil
  ) -> Int {
    let bounds = (clip ?? area).intersection(area)
    guard y >= bounds.y, y < bounds.maxY else { return x }
    var cx = x
    for ch in text {
      if cx >= bounds.maxX { break }
      let parts: [(text: String, width: Int)]
      if let a = ch.asciiValue {
        guard a >= 0x20 && a < 0x7F else { continue }
        parts = [(String(ch), 1)]
      } else {
        parts = graphemeCells(ch)
      }
      for part in parts {
        if cx >= bounds.maxX { break }
        if cx + part.width <= bounds.x {
          cx += part.width
          continue
        }
        if cx < bounds.x || cx + part.width > bounds.maxX {
          // Half of a wide grapheme would show: show a blank there instead.
          for col in max(cx, bounds.x)..<min(cx + part.width, bounds.maxX) {
            set(x: col, y: y, .blank(style))
          }
        } else {
          set(x: cx, y: y, Cell(part.text, width: part.width, style: style))
        }
        cx += part.width
      }
    }
    return min(cx, max(bounds.maxX, x))
  }

  /// Fills `rect` (clipped to the buffer) with one narrow grapheme.
  public mutating func fill(_ rect: Rect, with grapheme: String = " ", style: Style = .normal) {
    let r = rect.intersection(area)
    guard !r.isEmpty else { return }
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX {
        set(x: x, y: y, Cell(grapheme, width: 1, style: style))
      }
    }
  }

  /// Changes the style of every cell in `rect` and keeps the text (a selection highlight).
  public mutating func setStyle(_ style: Style, in rect: Rect) {
    let r = rect.intersection(area)
    guard !r.isEmpty else { return }
    for y in r.y..<r.maxY {
      for x in r.x..<r.maxX {
        cells[y * width + x].style = style
      }
    }
  }

  /// Copies `other` with its top-left corner at (x, y), clipped to this buffer.
  public mutating func blit(_ other: ScreenBuffer, x ox: Int, y oy: Int) {
    for y in 0..<other.height {
      for x in 0..<other.width {
        let c = other[x, y]
        if !c.isContinuation { set(x: ox + x, y: oy + y, c) }
      }
    }
  }
}
