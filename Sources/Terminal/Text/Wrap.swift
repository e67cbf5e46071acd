/// Word wrapping by display width, for dialogs and notes.
///
///     wrap("Delete the deal Acme 東京?", width: 12)  // ["Delete the", "deal Acme", "東京?"]

/// Breaks `text` into lines of at most `width` columns at spaces; a word longer than a line
/// is broken between graphemes. Explicit newlines start new lines.
public func wrap(_ text: String, width: Int) -> [String] {
  guard width > 0 else { return [] }
  var lines: [String] = []
  for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
    var line = ""
    var lineWidth = 0
    for word in paragraph.split(separator: " ") {
      var word = String(word)
      var w = displayWidth(word)
      if lineWidth > 0 && lineWidth + 1 + w <= width {
        line += " " + word
        lineWidth += 1 + w
        continue
      }
      if lineWidth > 0 {
        lines.append(line)
        line = ""
        lineWidth = 0
      }
      while w > width {
        // Break an over-long word at the last grapheme that fits.
        var head = ""
        var used = 0
        for ch in word {
          let cw = displayWidth(ch)
          if used + cw > width { break }
          head.append(ch)
          used += cw
        }
        if head.isEmpty { break }  // a grapheme wider than the line: give up on it
        lines.append(head)
        word = String(word.dropFirst(head.count))
        w = displayWidth(word)
      }
      line = word
      lineWidth = w
    }
    lines.append(line)
  }
  return lines
}
