/// Whether a contact's indexed text matches a search, decided in Swift as `contacts_fts`
/// would: the walk over the list's sort index checks each row with it instead of asking the
/// full-text index per row (26 µs a probe for a short prefix, 300 µs for a longer one).
///
/// It folds text as the index's tokenizer does (unicode61, remove_diacritics 2, with `@`,
/// `.` and `+` inside tokens) for the text it is sure of: ASCII, and the Latin-1 letters that
/// are a base letter with a diacritic. For anything else it answers nil and the caller asks
/// the index.
struct SearchMatcher {
  /// Each word of the search as the phrase FTS5 reads in `"word"*`: its tokens, the last
  /// one a prefix.
  let phrases: [[[UInt8]]]

  /// Nil when a word has no tokens or text this matcher cannot fold.
  init?(_ search: String) {
    var phrases: [[[UInt8]]] = []
    for word in Store.ftsWords(search) {
      guard let folded = Self.fold(word) else { return nil }
      let tokens = folded.split(separator: 0, omittingEmptySubsequences: true).map(Array.init)
      guard !tokens.isEmpty else { return nil }
      phrases.append(tokens)
    }
    guard !phrases.isEmpty else { return nil }
    self.phrases = phrases
  }

  /// True when every phrase is in one of `columns`; nil when a column has text this
  /// matcher cannot fold.
  func matches(_ columns: [String]) -> Bool? {
    var buffer: [UInt8] = []
    var found: UInt64 = 0
    for var column in columns {
      let result = column.withUTF8 { matches(column: $0, buffer: &buffer, found: &found) }
      if result != false { return result }
    }
    return false
  }

  /// One column of a row, as UTF-8 bytes (the walk reads them from SQLite without making
  /// strings), folded into `buffer`: true when with it every phrase has been found (`found`
  /// marks the phrases found in the row's earlier columns), nil when it has text this
  /// matcher cannot fold, false when phrases are still missing.
  func matches(column: UnsafeBufferPointer<UInt8>, buffer: inout [UInt8], found: inout UInt64)
    -> Bool?
  {
    buffer.removeAll(keepingCapacity: true)
    var iterator = column.makeIterator()
    guard Self.fold(&iterator, into: &buffer) else { return nil }
    for (index, phrase) in phrases.enumerated() where found & (1 << UInt64(index)) == 0 {
      if Self.contains(buffer, phrase) { found |= 1 << UInt64(index) }
    }
    return found == (1 << UInt64(phrases.count)) - 1 ? true : false
  }

  /// True when every phrase is in `text`: a contact's columns folded, each ended by a byte
  /// 1 (`ContactSearchTexts`), which no phrase spans.
  func matchesFolded(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    for phrase in phrases where !Self.contains(text, phrase) { return false }
    return true
  }

  /// Whether `text` (folded, 0 between tokens, 1 after a column) has the tokens of
  /// `phrase` in a row, the last one as a prefix.
  static func contains(_ text: [UInt8], _ phrase: [[UInt8]]) -> Bool {
    text.withUnsafeBufferPointer { contains($0, phrase) }
  }

  static func contains(_ text: UnsafeBufferPointer<UInt8>, _ phrase: [[UInt8]]) -> Bool {
    guard let first = phrase.first?.first else { return false }
    var start = 0
    while start < text.count {
      // A token starts at the text's start or after a separator or a column's end.
      if text[start] == first, start == 0 || text[start - 1] <= 1, matchesAt(text, start, phrase) {
        return true
      }
      start += 1
    }
    return false
  }

  private static func matchesAt(_ text: UnsafeBufferPointer<UInt8>, _ at: Int, _ phrase: [[UInt8]])
    -> Bool
  {
    var i = at
    for (index, token) in phrase.enumerated() {
      guard i + token.count <= text.count else { return false }
      for (offset, byte) in token.enumerated() where text[i + offset] != byte { return false }
      i += token.count
      if index == phrase.count - 1 { return true }
      // A whole token: it ends here, and the next one follows after the separators (not
      // past a column's end: the next token cannot be a 1).
      guard i == text.count || text[i] == 0 else { return false }
      while i < text.count && text[i] == 0 { i += 1 }
    }
    return true
  }

  /// `text` folded to the index's tokens: token bytes lower-cased and without diacritics,
  /// 0 for each separator; nil for text outside what this matcher knows.
  static func fold(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var iterator = text.utf8.makeIterator()
    return fold(&iterator, into: &out) ? out : nil
  }

  /// The same, appended to `out`: false for text outside what this matcher knows.
  static func fold<Bytes: IteratorProtocol<UInt8>>(_ iterator: inout Bytes, into out: inout [UInt8])
    -> Bool
  {
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "@"), UInt8(ascii: "."), UInt8(ascii: "+"):
        out.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        out.append(byte + 32)
      case 0..<0x80:
        out.append(0)
      case 0xC3:
        // U+00C0 ... U+00FF: the second byte is 0x80 ... 0xBF.
        guard let next = iterator.next(), (0x80...0xBF).contains(next) else { return false }
        let folded = latin1[Int(next - 0x80)]
        guard folded != 1 else { return false }
        out.append(folded)
      default:
        return false
      }
    }
    return true
  }

  /// U+00C0 ... U+00FF folded: the base letter, 0 for × and ÷ (separators), 1 for the
  /// letters without a decomposition (Æ Ð Ø Þ ß æ ð ø þ), which this matcher leaves to
  /// the index.
  private static let latin1: [UInt8] = {
    let spelled: String = "aaaaaa1ceeeeiiii1nooooo01uuuuy11" + "aaaaaa1ceeeeiiii1nooooo01uuuuy1y"
    return spelled.utf8.map { (byte: UInt8) -> UInt8 in
      switch byte {
      case UInt8(ascii: "1"): return 1
      case UInt8(ascii: "0"): return 0
      default: return byte
      }
    }
  }()
}
