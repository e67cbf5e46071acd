/// Rectangles and sizes in terminal cells: the areas widgets render into.
///
///     let screen = Rect(x: 0, y: 0, width: 80, height: 24)
///     let body = screen.inset(by: 1)
///     let (top, rest) = body.splitTop(3)

/// A width and a height in cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
  public var width: Int
  public var height: Int

  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  public var description: String { "\(width)x\(height)" }
}

/// A rectangle of cells. Width and height are never negative: every operation clamps, so a
/// layout computed for a too-small terminal degrades to empty areas instead of crashing.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public init(size: Size) {
    self.init(x: 0, y: 0, width: size.width, height: size.height)
  }

  public var maxX: Int { x + width }
  public var maxY: Int { y + height }
  public var isEmpty: Bool { width == 0 || height == 0 }
  public var size: Size { Size(width: width, height: height) }
  public var description: String { "(\(x),\(y) \(width)x\(height))" }

  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }

  /// The overlap of two rectangles, empty (at the origin of `self`) when they do not meet.
  public func intersection(_ other: Rect) -> Rect {
    let nx = max(x, other.x)
    let ny = max(y, other.y)
    let mx = min(maxX, other.maxX)
    let my = min(maxY, other.maxY)
    if mx <= nx || my <= ny { return Rect(x: nx, y: ny, width: 0, height: 0) }
    return Rect(x: nx, y: ny, width: mx - nx, height: my - ny)
  }

  /// Shrinks every side by `n` cells.
  public func inset(by n: Int) -> Rect {
    inset(top: n, left: n, bottom: n, right: n)
  }

  public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
    let w = max(0, width - left - right)
    let h = max(0, height - top - bottom)
    return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
  }

  /// Splits off the first `n` rows (fewer when the rectangle is shorter).
  public func splitTop(_ n: Int) -> (top: Rect, rest: Rect) {
    let n = min(max(0, n), height)
    return (
      Rect(x: x, y: y, width: width, height: n),
      Rect(x: x, y: y + n, width: width, height: height - n)
    )
  }

  /// Splits off the last `n` rows (fewer when the rectangle is shorter).
  public func splitBottom(_ n: Int) -> (rest: Rect, bottom: Rect) {
    let n = min(max(0, n), height)
    return (
      Rect(x: x, y: y, width: width, height: height - n),
      Rect(x: x, y: maxY - n, width: width, height: n)
    )
  }

  /// Splits off the first `n` columns (fewer when the rectangle is narrower).
  public func splitLeft(_ n: Int) -> (left: Rect, rest: Rect) {
    let n = min(max(0, n), width)
    return (
      Rect(x: x, y: y, width: n, height: height),
      Rect(x: x + n, y: y, width: width - n, height: height)
    )
  }

  /// Divides the width into `count` columns as equal as possible; earlier columns get the
  /// spare cells, so the columns always add up to the whole width.
  public func columns(_ count: Int) -> [Rect] {
    guard count > 0 else { return [] }
    let base = width / count
    let extra = width % count
    var result: [Rect] = []
    var cx = x
    for i in 0..<count {
      let w = base + (i < extra ? 1 : 0)
      result.append(Rect(x: cx, y: y, width: w, height: height))
      cx += w
    }
    return result
  }

  /// A rectangle of the given size centred in this one and clamped to it.
  public func centered(width w: Int, height h: Int) -> Rect {
    let cw = min(max(0, w), width)
    let ch = min(max(0, h), height)
    return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
  }
}
