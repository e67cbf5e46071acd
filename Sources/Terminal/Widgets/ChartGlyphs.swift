/// The characters charts are drawn with: Unicode block elements where the terminal can show
/// them, plain ASCII where it cannot.
///
///     let glyphs = ChartGlyphs.detect(environment: ProcessInfo.processInfo.environment)
///     BarChart(rows: rows, glyphs: glyphs).render(into: &buffer, area: area)
///
/// The blocks need a UTF-8 locale (ncursesw writes nothing sensible for them otherwise), and
/// the Linux console's font lacks the eighth blocks; there, and in any non-UTF-8 locale,
/// charts use `#`, `=` and a ramp of ASCII marks instead.
public enum ChartGlyphs: Sendable, Hashable {
  case blocks
  case ascii

  public static func detect(environment env: [String: String]) -> ChartGlyphs {
    let term = env["TERM"] ?? ""
    if term == "linux" || term == "dumb" || term.hasPrefix("vt1") || term.hasPrefix("vt2") {
      return .ascii
    }
    // The locale that decides the character set: LC_ALL, then LC_CTYPE, then LANG.
    let locale =
      ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty } ?? ""
    let lower = locale.lowercased()
    return lower.contains("utf-8") || lower.contains("utf8") ? .blocks : .ascii
  }

  /// The fill of a bar's `index`th segment (solid first, then lighter shades).
  func fill(_ index: Int) -> String {
    switch self {
    case .blocks: return ["█", "░", "▒", "▓"][index % 4]
    case .ascii: return ["#", "=", "-", "."][index % 4]
    }
  }

  /// A cell filled `eighths` eighths from the left (1...7), for the end of a solid bar.
  func partial(_ eighths: Int) -> String? {
    guard self == .blocks, (1...7).contains(eighths) else { return nil }
    return ["▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths - 1]
  }

  /// The sparkline's levels, lowest first; the first is for zero.
  var levels: [String] {
    switch self {
    case .blocks: return ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    case .ascii: return ["_", ".", ":", "-", "=", "+", "*", "#"]
    }
  }
}
