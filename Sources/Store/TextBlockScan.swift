/// Which rows of a block of the list match a search's text, found by searching the block's
/// bytes at once, 16 at a time, for where the search's longest token starts a token, and
/// checking only the rows that turns up with `FlatPhrases`.
///
/// Checked row by row, a walk cost ~0.15 µs a row, most of it spent looking at each byte of
/// each text for a token's first letter; a narrow search (1-2% of the list) read 20-40k
/// rows for its page and count.
final class TextBlockScan {
  /// Rows a block holds: a power of two, so a position's block is a mask away.
  static let size = 256

  private let phrases: FlatPhrases
  /// The longest token of the search: every matching text holds it, at a token's start.
  private let needle: [UInt8]
  /// The block scanned last (its first position), and its rows whose text matched.
  private(set) var block = -1
  /// (Not an array: the walk reads it for every row, and an array's uniqueness check and
  /// retain then cost more than the read.)
  private let bits = UnsafeMutablePointer<UInt64>.allocate(capacity: size / 64)

  init(_ matcher: SearchMatcher, phrases: FlatPhrases) {
    self.phrases = phrases
    needle = matcher.phrases.joined().max { $0.count < $1.count } ?? []
    bits.initialize(repeating: 0, count: Self.size / 64)
  }

  deinit { bits.deallocate() }

  /// Whether the text at `position` matches (false for a row whose text is unknown).
  func textMatches(
    _ position: Int, bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<UInt64>
  ) -> Bool {
    let start = position & ~(Self.size - 1)
    if start != block { scan(from: start, bytes: bytes, spans: spans) }
    let row = position - start
    return bits[row >> 6] & (1 << UInt64(row & 63)) != 0
  }

  private func scan(
    from start: Int, bytes: UnsafeBufferPointer<UInt8>, spans: UnsafeBufferPointer<UInt64>
  ) {
    block = start
    bits.update(repeating: 0, count: Self.size / 64)
    let end = min(start + Self.size, spans.count)
    // The block's bytes: from its first row with a text to its last (the texts are laid
    // out in list order, one after the other).
    var first = start
    while first < end && spans[first] == ContactSearchTexts.Texts.unknown { first += 1 }
    var last = end - 1
    while last >= first && spans[last] == ContactSearchTexts.Texts.unknown { last -= 1 }
    guard first <= last, let base = bytes.baseAddress else { return }
    func bounds(_ span: UInt64) -> (Int, Int) {
      let from = Int(span >> 24)
      return (from, from + Int(span & 0xFF_FFFF))
    }
    let to = bounds(spans[last]).1
    var from = bounds(spans[first]).0
    var row = first
    if needle.isEmpty {
      for p in first...last where spans[p] != ContactSearchTexts.Texts.unknown {
        let (a, b) = bounds(spans[p])
        if phrases.match(UnsafeBufferPointer(start: base + a, count: b - a)) { set(p - start) }
      }
      return
    }
    while from < to {
      guard let at = nextToken(base, from: from, to: to) else { return }
      // The row holding it (rows with no text hold no bytes).
      while spans[row] == ContactSearchTexts.Texts.unknown || bounds(spans[row]).1 <= at {
        row += 1
      }
      let (a, b) = bounds(spans[row])
      if phrases.match(UnsafeBufferPointer(start: base + a, count: b - a)) { set(row - start) }
      from = b
      row += 1
      if row > last { return }
    }
  }

  /// The first offset in `from..<to` where a token begins with the needle's first two bytes
  /// (its only byte, for a needle of one): a token begins at the texts' start or after a
  /// separator or a column's end (0 or 1). Sixteen offsets are compared at once.
  private func nextToken(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
    let first = needle[0]
    let second = needle.count > 1 ? needle[1] : nil
    func isCandidate(_ at: Int) -> Bool {
      (at == 0 || base[at - 1] <= ContactSearchTexts.Texts.columnEnd) && base[at] == first
        && (second == nil || (at + 1 < to && base[at + 1] == second!))
    }
    var at = from
    // Offset 0 has no byte before it to load.
    if at == 0 {
      if isCandidate(0) { return 0 }
      at = 1
    }
    let raw = UnsafeRawPointer(base)
    let firsts = SIMD16<UInt8>(repeating: first)
    let seconds = SIMD16<UInt8>(repeating: second ?? 0)
    let ends = SIMD16<UInt8>(repeating: ContactSearchTexts.Texts.columnEnd)
    // Each load reads the byte before the 16 offsets and the one after them.
    while at + 17 <= to {
      let before = raw.loadUnaligned(fromByteOffset: at - 1, as: SIMD16<UInt8>.self)
      let here = raw.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self)
      var hits = (before .<= ends) .& (here .== firsts)
      if second != nil {
        hits = hits
          .& (raw.loadUnaligned(fromByteOffset: at + 1, as: SIMD16<UInt8>.self) .== seconds)
      }
      if any(hits) {
        for lane in 0..<16 where hits[lane] { return at + lane }
      }
      at += 16
    }
    while at < to {
      if isCandidate(at) { return at }
      at += 1
    }
    return nil
  }

  private func set(_ row: Int) { bits[row >> 6] |= 1 << UInt64(row & 63) }
}
