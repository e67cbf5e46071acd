import GRDB

/// The contacts list read from the top in its sort, from memory (`ContactListOrder.Ranks`
/// for the order, `ContactSearchTexts` for the texts), each contact checked against the
/// search: what a broad search does instead of reading every match from the full-text
/// index, where a third of a million contacts match "m" and the page needs 76 of them.
struct ContactSearchWalk {
  /// The page's matches, in list order.
  var rids: [Int64] = []
  /// The matches seen, those skipped for the offset included.
  var matches = 0
  /// Rows read.
  var read = 0
  /// The whole list was read: `matches` is their number.
  var ended = false

  /// Reads from the top until the page holds `limit` matches after `offset` and `matches`
  /// reached `countTo`, the list ended, or `budget` rows were read.
  static func walk(
    ranks: ContactListOrder.Ranks, texts: ContactSearchTexts.Ordered, matcher: SearchMatcher,
    companies: CompanyBits, ascending: Bool, limit: Int, offset: Int, countTo: Int,
    budget: Int, inIndex: (Int64) throws -> Bool
  ) rethrows -> ContactSearchWalk {
    var walk = ContactSearchWalk()
    walk.rids.reserveCapacity(limit)
    let want = offset + limit
    let scan = TextBlockScan(matcher, phrases: FlatPhrases(matcher))
    try texts.bytes.withUnsafeBufferPointer { bytes in
      try texts.spans.withUnsafeBufferPointer { spans in
        try texts.company.withUnsafeBufferPointer { company in
          /// Whether the contact at `position` in the list matches.
          func isMatch(_ position: Int) throws -> Bool {
            if !companies.isEmpty && companies.contains(company[position]) { return true }
            if spans[position] == ContactSearchTexts.Texts.unknown {
              return try inIndex(Int64(ranks.rids[position]))
            }
            return scan.textMatches(position, bytes: bytes, spans: spans)
          }
          // Each range in the sort's direction, the one with values first either way.
          let ranges = [(0, Int(ranks.withValue)), (Int(ranks.withValue), Int(ranks.count))]
          for (start, end) in ranges where start < end {
            var position = ascending ? start : end - 1
            while ascending ? position < end : position >= start {
              if walk.read >= budget || (walk.matches >= want && walk.matches >= countTo) {
                return
              }
              let here = position
              position += ascending ? 1 : -1
              walk.read += 1
              guard try isMatch(here) else { continue }
              walk.matches += 1
              if walk.matches > offset && walk.rids.count < limit {
                walk.rids.append(Int64(ranks.rids[here]))
              }
            }
          }
          walk.ended = true
        }
      }
    }
    return walk
  }
}

/// A search's phrases laid out flat for the walk's inner loop, which reads them for every
/// row: nested arrays cost a retain and a release each time they were read.
final class FlatPhrases {
  /// Every token's bytes, one after the other.
  private let bytes: UnsafeMutableBufferPointer<UInt8>
  /// Where each token ends in `bytes`, and where each phrase's tokens end in that list.
  private let tokenEnds: UnsafeMutableBufferPointer<Int>
  private let phraseEnds: UnsafeMutableBufferPointer<Int>

  init(_ matcher: SearchMatcher) {
    var bytes: [UInt8] = []
    var tokenEnds: [Int] = []
    var phraseEnds: [Int] = []
    for phrase in matcher.phrases {
      for token in phrase {
        bytes += token
        tokenEnds.append(bytes.count)
      }
      phraseEnds.append(tokenEnds.count)
    }
    self.bytes = .allocate(capacity: bytes.count)
    _ = self.bytes.initialize(from: bytes)
    self.tokenEnds = .allocate(capacity: tokenEnds.count)
    _ = self.tokenEnds.initialize(from: tokenEnds)
    self.phraseEnds = .allocate(capacity: phraseEnds.count)
    _ = self.phraseEnds.initialize(from: phraseEnds)
  }

  deinit {
    bytes.deallocate()
    tokenEnds.deallocate()
    phraseEnds.deallocate()
  }

  /// Whether every phrase is in `text`: a contact's columns folded, each ended by a 1
  /// (`ContactSearchTexts`), which no phrase spans.
  func match(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var firstToken = 0
    for phrase in 0..<phraseEnds.count {
      let lastToken = phraseEnds[phrase]
      guard contains(text, tokens: firstToken..<lastToken) else { return false }
      firstToken = lastToken
    }
    return true
  }

  private func contains(_ text: UnsafeBufferPointer<UInt8>, tokens: Range<Int>) -> Bool {
    let firstByte = bytes[tokens.lowerBound == 0 ? 0 : tokenEnds[tokens.lowerBound - 1]]
    var start = 0
    while start < text.count {
      // A token starts at the text's start, after a separator (0) or a column's end (1).
      if text[start] == firstByte, start == 0 || text[start - 1] <= 1,
        matches(text, at: start, tokens: tokens)
      {
        return true
      }
      start += 1
    }
    return false
  }

  private func matches(_ text: UnsafeBufferPointer<UInt8>, at: Int, tokens: Range<Int>) -> Bool {
    var i = at
    for token in tokens {
      let from = token == 0 ? 0 : tokenEnds[token - 1]
      let count = tokenEnds[token] - from
      guard i + count <= text.count else { return false }
      for offset in 0..<count where text[i + offset] != bytes[from + offset] { return false }
      i += count
      if token == tokens.upperBound - 1 { return true }
      // A whole token, then the separators before the next (never past a column's end).
      guard i == text.count || text[i] == 0 else { return false }
      while i < text.count && text[i] == 0 { i += 1 }
    }
    return true
  }
}

/// The live companies a search matches, one bit per rowid.
struct CompanyBits {
  private var words: [UInt64] = []
  private(set) var isEmpty = true

  init(_ rids: [Int64]) {
    for rid in rids where rid >= 0 && rid <= Int32.max {
      let word = Int(rid >> 6)
      if word >= words.count { words += repeatElement(0, count: word + 1 - words.count) }
      words[word] |= 1 << UInt64(rid & 63)
      isEmpty = false
    }
  }

  func contains(_ rid: Int32) -> Bool {
    guard rid >= 0 else { return false }
    let word = Int(rid >> 6)
    return word < words.count && words[word] & (1 << UInt64(rid & 63)) != 0
  }
}
