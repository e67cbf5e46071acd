/// Horizontal bars, one row each: a label, the bar, and the figure it stands for.
///
///     BarChart(rows: [BarRow("Proposal", [700, 300], "1,000.00 EUR")], glyphs: .blocks)
///       .render(into: &buffer, area: area)
///     // Proposal ███████░░░  1,000.00 EUR
///
/// A row's segments are stacked: the first is drawn solid (ending in an eighth block for
/// precision), the later ones in lighter shades to whole cells. Bars are scaled so the
/// longest row fills the room left between the labels and the figures, whatever the width;
/// a row with any value shows at least a sliver. Labels and figures give way (truncated)
/// before the bars vanish: bars keep at least a third of the width.
public struct BarRow: Hashable, Sendable {
  public var label: String
  public var segments: [Double]
  public var text: String

  public init(_ label: String, _ segments: [Double], _ text: String = "") {
    self.label = label
    self.segments = segments
    self.text = text
  }

  public var total: Double { segments.reduce(0) { $0 + max(0, $1) } }
}

public struct BarChart: Widget, Sendable {
  public var rows: [BarRow]
  public var glyphs: ChartGlyphs
  /// The role of each segment, in order (the last repeats).
  public var roles: [String]
  /// The value a full bar stands for; nil: the largest row's.
  public var scale: Double?

  public init(
    rows: [BarRow], glyphs: ChartGlyphs, roles: [String] = ["chart.1", "chart.2"],
    scale: Double? = nil
  ) {
    self.rows = rows
    self.glyphs = glyphs
    self.roles = roles
    self.scale = scale
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard area.width >= 3, area.height >= 1 else { return }
    let labelWidth = min(rows.map { displayWidth($0.label) }.max() ?? 0, area.width / 3)
    let textWidth = min(rows.map { displayWidth($0.text) }.max() ?? 0, area.width / 3)
    let gaps = (labelWidth > 0 ? 1 : 0) + (textWidth > 0 ? 1 : 0)
    let barWidth = max(1, area.width - labelWidth - textWidth - gaps)
    let top = scale ?? rows.map(\.total).max() ?? 0
    for (index, row) in rows.prefix(area.height).enumerated() {
      let y = area.y + index
      var x = area.x
      if labelWidth > 0 {
        buffer.put(truncate(row.label, toWidth: labelWidth), x: x, y: y, clip: area)
        x += labelWidth + 1
      }
      drawBar(row, x: x, y: y, width: barWidth, top: top, into: &buffer, clip: area)
      if textWidth > 0 {
        let text = truncate(row.text, toWidth: textWidth)
        buffer.put(text, x: area.maxX - displayWidth(text), y: y, clip: area)
      }
    }
  }

  private func drawBar(
    _ row: BarRow, x: Int, y: Int, width: Int, top: Double, into buffer: inout ScreenBuffer,
    clip: Rect
  ) {
    guard top > 0, row.total > 0 else { return }
    let eighthsPerValue = Double(width * 8) / top
    var cursor = x
    var end = 0.0
    for (index, value) in row.segments.enumerated() where value > 0 {
      end += value
      let role = roles[min(index, roles.count - 1)]
      let style = Style(role)
      let limit = x + width
      if index == 0 {
        // At least one eighth, so a small but real figure is never drawn as nothing.
        let eighths = min(width * 8, max(1, Int((end * eighthsPerValue).rounded())))
        let full = eighths / 8
        buffer.put(
          String(repeating: glyphs.fill(0), count: full), x: cursor, y: y, style: style,
          clip: clip)
        cursor += full
        if let partial = glyphs.partial(eighths % 8), cursor < limit {
          buffer.put(partial, x: cursor, y: y, style: style, clip: clip)
          cursor += 1
        } else if eighths % 8 >= 4 || (full == 0 && eighths > 0), cursor < limit {
          buffer.put(glyphs.fill(0), x: cursor, y: y, style: style, clip: clip)
          cursor += 1
        }
      } else {
        let cells = min(limit, x + Int((end * eighthsPerValue / 8).rounded())) - cursor
        guard cells > 0 else { continue }
        buffer.put(
          String(repeating: glyphs.fill(index), count: cells), x: cursor, y: y, style: style,
          clip: clip)
        cursor += cells
      }
    }
  }
}
