/// A trend in one row: one cell per value, its height one of eight levels.
///
///     Sparkline(values: [0, 1, 3, 2, 8], glyphs: .blocks).render(into: &buffer, area: row)
///     // ▁▂▄▃█
///
/// Zero is always the lowest level and the largest value the highest, so sparklines of
/// different rows are each scaled to themselves. When there are more values than cells,
/// the latest ones are shown.
public struct Sparkline: Widget, Sendable {
  public var values: [Double]
  public var glyphs: ChartGlyphs
  public var role: String

  public init(values: [Double], glyphs: ChartGlyphs, role: String = "chart.1") {
    self.values = values
    self.glyphs = glyphs
    self.role = role
  }

  /// The line of glyphs for `values`, `width` cells at most.
  public func text(width: Int) -> String {
    let shown = values.suffix(max(0, width))
    let top = shown.max() ?? 0
    let levels = glyphs.levels
    return shown.map { value -> String in
      guard top > 0, value > 0 else { return levels[0] }
      // 1...7: any value above zero is at least the second level.
      let level = 1 + Int(value / top * Double(levels.count - 2))
      return levels[min(levels.count - 1, level)]
    }.joined()
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard area.width > 0, area.height > 0 else { return }
    buffer.put(text(width: area.width), x: area.x, y: area.y, style: Style(role), clip: area)
  }
}
