/// Guesses a CSV file's delimiter (comma, semicolon or tab) from its first bytes.

enum CSVSniffer {
  static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

  /// The candidate that appears, outside quotes, the same non-zero number of times on the
  /// most of the first complete lines; ties go to the one with more per line, then to the
  /// comma. Comma when nothing fits.
  static func sniff<C: Collection>(_ bytes: C, isComplete: Bool) -> UInt8
  where C.Element == UInt8 {
    let lines = lineCounts(bytes, isComplete: isComplete, maxLines: 20)
    guard let first = lines.first else { return UInt8(ascii: ",") }
    var best = UInt8(ascii: ",")
    var bestScore = (0, 0)
    for (index, candidate) in candidates.enumerated() {
      let perLine = first[index]
      guard perLine > 0 else { continue }
      let agreeing = lines.filter { $0[index] == perLine }.count
      let score = (agreeing, perLine)
      if score > bestScore {
        best = candidate
        bestScore = score
      }
    }
    return best
  }

  /// For each complete line (quotes respected), how often each candidate appears.
  private static func lineCounts<C: Collection>(
    _ bytes: C, isComplete: Bool, maxLines: Int
  ) -> [[Int]] where C.Element == UInt8 {
    var lines: [[Int]] = []
    var counts = [0, 0, 0]
    var inQuotes = false
    var sawAnything = false
    for byte in bytes {
      if byte == UInt8(ascii: "\"") {
        inQuotes.toggle()
        sawAnything = true
      } else if !inQuotes && (byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")) {
        if sawAnything { lines.append(counts) }
        counts = [0, 0, 0]
        sawAnything = false
        if lines.count >= maxLines { return lines }
      } else {
        sawAnything = true
        if !inQuotes, let index = candidates.firstIndex(of: byte) { counts[index] += 1 }
      }
    }
    if isComplete && sawAnything && !inQuotes { lines.append(counts) }
    return lines
  }
}
