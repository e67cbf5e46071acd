/// Whether a contact's indexed text matches a search, decided in Swift as `contacts_fts`
/// would: the search's walk checks each contact's text with it instead of asking the
/// full-text index per contact (26 µs a probe for a short prefix, 300 µs for a longer one).
///
/// It folds text as the index's tokenizer does (unicode61, remove_diacritics 2, with `@`,
/// `.` and `+` inside tokens) for the text it is sure of: ASCII, Latin-1 (a base letter
/// with a diacritic loses it; Æ Ð Ø Þ ß are letters of their own, lower-cased) and ı. For
/// anything else it answers nil and the caller asks the index. The tests check each of
/// these against the index itself.
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
    var folded: [UInt8] = []
    for column in columns {
      var iterator = column.utf8.makeIterator()
      guard Self.fold(&iterator, into: &folded) else { return nil }
      folded.append(ContactSearchTexts.Texts.columnEnd)
    }
    let phrases = FlatPhrases(self)
    return folded.withUnsafeBufferPointer { phrases.match($0) }
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
        if folded == 1 {
          // A letter with no decomposition: the index keeps it, lower-cased (Æ Ð Ø Þ are
          // 0x20 below æ ð ø þ; ß has no single-letter capital).
          out.append(0xC3)
          out.append(next < 0xA0 && next != 0x9F ? next + 0x20 : next)
        } else {
          out.append(folded)
        }
      case 0xC4:
        // ı (U+0131), a letter of its own (no decomposition, already lower case), as in
        // Yılmaz; the rest of Latin Extended-A is left to the index.
        guard iterator.next() == 0xB1 else { return false }
        out.append(0xC4)
        out.append(0xB1)
      default:
        return false
      }
    }
    return true
  }

  /// U+00C0 ... U+00FF folded: the base letter, 0 for × and ÷ (separators), 1 for the
  /// letters without a decomposition (Æ Ð Ø Þ ß æ ð ø þ), which the index keeps as they
  /// are, lower-cased.
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
