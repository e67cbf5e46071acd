/// One cell of the screen grid: what ncurses will hold at one column of one row.

/// A cell holds a grapheme of display width 1 or 2, or is the continuation (width 0, empty
/// text) of the wide grapheme to its left. The text is already reduced to what is safe to
/// send (see `DisplayWidth.swift`), so the backend can hand it to ncurses as it is.
public struct Cell: Hashable, Sendable {
  public var grapheme: String
  public var width: Int
  public var style: Style

  public init(_ grapheme: String, width: Int = 1, style: Style = .normal) {
    self.grapheme = grapheme
    self.width = width
    self.style = style
  }

  public static let blank = Cell(" ")

  public static func blank(_ style: Style) -> Cell { Cell(" ", width: 1, style: style) }

  /// The right half of a wide grapheme.
  public static func continuation(_ style: Style) -> Cell { Cell("", width: 0, style: style) }

  public var isContinuation: Bool { width == 0 }
}
