/// The text and cursor of a one-line input, edited with Emacs-style keys as shells do.
///
///     var name = TextInputState("Acme")
///     name.handle(.ctrl("a"))   // cursor to the start
///     name.handle(.char("X"))   // "XAcme"

public struct TextInputState: Hashable, Sendable {
  public private(set) var text: String
  /// Cursor position in graphemes, 0...text.count.
  public private(set) var cursor: Int

  public init(_ text: String = "", cursor: Int? = nil) {
    self.text = TextInputState.clean(text)
    self.cursor = min(max(0, cursor ?? self.text.count), self.text.count)
  }

  /// Replaces the text and puts the cursor at its end.
  public mutating func setText(_ newText: String) {
    text = TextInputState.clean(newText)
    cursor = text.count
  }

  /// Edits for the key; false when the key is not an editing key (Enter, Tab, Esc, arrows
  /// up and down...), so the caller can handle it.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .char(let c): insert(String(c))
    case .paste(let s): insert(s)
    case .left, .ctrl("b"): cursor = max(0, cursor - 1)
    case .right, .ctrl("f"): cursor = min(text.count, cursor + 1)
    case .home, .ctrl("a"): cursor = 0
    case .end, .ctrl("e"): cursor = text.count
    case .backspace:
      guard cursor > 0 else { return true }
      remove(from: cursor - 1, to: cursor)
    case .delete, .ctrl("d"):
      guard cursor < text.count else { return true }
      remove(from: cursor, to: cursor + 1)
    case .ctrl("k"): remove(from: cursor, to: text.count)
    case .ctrl("u"): remove(from: 0, to: cursor)
    case .ctrl("w"): remove(from: wordStart(before: cursor), to: cursor)
    default: return false
    }
    return true
  }

  /// Inserts text at the cursor; control characters are dropped and line breaks become
  /// spaces, since this is one line.
  public mutating func insert(_ s: String) {
    let clean = TextInputState.clean(s)
    guard !clean.isEmpty else { return }
    let i = text.index(text.startIndex, offsetBy: cursor)
    text.insert(contentsOf: clean, at: i)
    cursor += clean.count
  }

  private mutating func remove(from start: Int, to end: Int) {
    guard start < end else { return }
    let a = text.index(text.startIndex, offsetBy: start)
    let b = text.index(text.startIndex, offsetBy: end)
    text.removeSubrange(a..<b)
    cursor = start
  }

  /// Where Ctrl-W stops: back over spaces, then back over the word before them.
  private func wordStart(before position: Int) -> Int {
    let chars = Array(text)
    var i = position
    while i > 0 && chars[i - 1].isWhitespace { i -= 1 }
    while i > 0 && !chars[i - 1].isWhitespace { i -= 1 }
    return i
  }

  private static func clean(_ s: String) -> String {
    var out = ""
    for ch in s {
      if ch.isNewline || ch == "\t" {
        out.append(" ")
      } else if let a = ch.asciiValue, a < 0x20 || a == 0x7F {
        continue
      } else {
        out.append(ch)
      }
    }
    return out
  }
}
