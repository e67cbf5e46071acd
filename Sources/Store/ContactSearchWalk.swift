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
    ranks: ContactListOrder.Ranks, texts: ContactSearchTexts.Texts, matcher: SearchMatcher,
    companies: CompanyBits, ascending: Bool, limit: Int, offset: Int, countTo: Int,
    budget: Int, inIndex: (Int64) throws -> Bool
  ) rethrows -> ContactSearchWalk {
    var walk = ContactSearchWalk()
    walk.rids.reserveCapacity(limit)
    let want = offset + limit
    try texts.bytes.withUnsafeBufferPointer { bytes in
      try texts.spans.withUnsafeBufferPointer { spans in
        /// Whether the contact `rid` matches.
        func isMatch(_ rid: Int) throws -> Bool {
          if rid < texts.company.count, companies.contains(texts.company[rid]) { return true }
          let span = rid < spans.count ? spans[rid] : ContactSearchTexts.Texts.unknown
          if span == ContactSearchTexts.Texts.unknown { return try inIndex(Int64(rid)) }
          let start = Int(span >> 24)
          let text = UnsafeBufferPointer(
            rebasing: bytes[start..<start + Int(span & 0xFF_FFFF)])
          return matcher.matchesFolded(text)
        }
        // Each range in the sort's direction, the one with values first either way.
        let ranges = [(0, Int(ranks.withValue)), (Int(ranks.withValue), Int(ranks.count))]
        for (start, end) in ranges where start < end {
          var position = ascending ? start : end - 1
          while ascending ? position < end : position >= start {
            if walk.read >= budget || (walk.matches >= want && walk.matches >= countTo) {
              return
            }
            let rid = Int(ranks.rids[position])
            position += ascending ? 1 : -1
            walk.read += 1
            guard try isMatch(rid) else { continue }
            walk.matches += 1
            if walk.matches > offset && walk.rids.count < limit { walk.rids.append(Int64(rid)) }
          }
        }
        walk.ended = true
      }
    }
    return walk
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
