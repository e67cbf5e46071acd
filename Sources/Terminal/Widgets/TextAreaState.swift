/// The text and cursor of a multi-line input: Enter breaks the line, the arrows move
/// between lines, and the one-line editing keys of `TextInputState` work within a line.
///
///     var note = TextAreaState()
///     note.handle(.char("H")); note.handle(.enter); note.handle(.char("i"))
///     note.text   // "H\ni"

public struct TextAreaState: Hashable, Sendable {
  /// The lines, never empty (an empty text is one empty line).
  public private(set) var lines: [String]
  /// Cursor line, 0..<lines.count.
  public private(set) var row: Int
  /// Cursor position in graphemes within its line, 0...line.count.
  public private(set) var column: Int

  public init(_ text: String = "") {
    lines = TextAreaState.split(text)
    row = lines.count - 1
    column = lines[row].count
  }

  /// The text, lines joined with "\n".
  public var text: String { lines.joined(separator: "\n") }

  public var isBlank: Bool { lines.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

  /// Edits for the key; false when the key is not an editing key (Esc, Tab, Ctrl-S...), so
  /// the caller can give it a meaning of its own.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .enter: insert("\n")
    case .paste(let s): insert(s)
    case .up: moveLine(by: -1)
    case .down: moveLine(by: 1)
    case .pageUp: moveLine(by: -10)
    case .pageDown: moveLine(by: 10)
    case .left where column == 0 && row > 0:
      row -= 1
      column = lines[row].count
    case .right where column == lines[row].count && row < lines.count - 1:
      row += 1
      column = 0
    case .backspace where column == 0:
      guard row > 0 else { return true }
      // Joins this line onto the one above.
      let rest = lines.remove(at: row)
      row -= 1
      column = lines[row].count
      lines[row] += rest
    case .delete where column == lines[row].count, .ctrl("d") where column == lines[row].count:
      guard row < lines.count - 1 else { return true }
      lines[row] += lines.remove(at: row + 1)
    default:
      // Everything else is an edit within the line, as a one-line input does it.
      var line = TextInputState(lines[row], cursor: column)
      guard line.handle(key) else { return false }
      lines[row] = line.text
      column = line.cursor
    }
    return true
  }

  /// Inserts text at the cursor; line breaks ("\n", "\r\n", "\r") start new lines, tabs
  /// become spaces and other control characters are dropped.
  public mutating func insert(_ s: String) {
    let pieces = TextAreaState.split(s)
    var first = TextInputState(lines[row], cursor: column)
    let tail = String(lines[row].dropFirst(column))
    if pieces.count == 1 {
      first.insert(pieces[0])
      lines[row] = first.text
      column = first.cursor
      return
    }
    lines[row] = String(lines[row].prefix(column)) + clean(pieces[0])
    let middle = pieces.dropFirst().dropLast().map(clean)
    let last = clean(pieces[pieces.count - 1])
    lines.insert(contentsOf: middle + [last + tail], at: row + 1)
    row += pieces.count - 1
    column = last.count
  }

  private mutating func moveLine(by delta: Int) {
    row = min(max(0, row + delta), lines.count - 1)
    column = min(column, lines[row].count)
  }

  private func clean(_ s: String) -> String { TextInputState(s).text }

  private static func split(_ text: String) -> [String] {
    // Swift treats "\r\n" as one Character, so splitting on isNewline handles all three.
    text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
  }
}
