/// Fuzzy matching for pickers and the command palette: the query's characters must appear
/// in order (a subsequence), case-insensitively; tighter, earlier, word-start matches score
/// higher.
///
///     fuzzyMatch("acm", "Acme Corp")?.positions  // [0, 1, 2]
///     fuzzyMatch("xyz", "Acme Corp")              // nil

/// A match: its score (higher is better) and the grapheme indices that matched.
public struct FuzzyMatch: Hashable, Sendable {
  public var score: Int
  public var positions: [Int]
}

/// Matches `query` against `candidate`; an empty query matches everything with score 0.
public func fuzzyMatch(_ query: String, _ candidate: String) -> FuzzyMatch? {
  let q = Array(query.lowercased())
  guard !q.isEmpty else { return FuzzyMatch(score: 0, positions: []) }
  let original = Array(candidate)
  let c = original.map { Character($0.lowercased()) }
  guard q.count <= c.count else { return nil }
  var best: FuzzyMatch?
  // Greedy from every place the first character occurs; the best of those is close to
  // the optimum at a fraction of the cost of a full alignment.
  for start in c.indices where c[start] == q[0] {
    var positions = [start]
    var j = start + 1
    for qc in q.dropFirst() {
      while j < c.count && c[j] != qc { j += 1 }
      guard j < c.count else { break }
      positions.append(j)
      j += 1
    }
    guard positions.count == q.count else { break }  // later starts cannot do better
    let score = scoreOf(positions, in: original)
    if best == nil || score > best!.score {
      best = FuzzyMatch(score: score, positions: positions)
    }
  }
  return best
}

private func scoreOf(_ positions: [Int], in chars: [Character]) -> Int {
  var score = 0
  for (k, p) in positions.enumerated() {
    score += 10
    if k > 0 && positions[k - 1] == p - 1 { score += 15 }  // consecutive
    if p == 0 {
      score += 20
    } else {
      let prev = chars[p - 1]
      if prev == " " || prev == "-" || prev == "_" || prev == "." || prev == "/" {
        score += 12  // start of a word
      } else if prev.isLowercase && chars[p].isUppercase {
        score += 8  // camelCase hump
      }
    }
  }
  score -= positions[0]  // earlier is better
  score -= (positions.last! - positions[0] + 1 - positions.count)  // gaps
  score -= chars.count / 8  // among equals, shorter names first
  return score
}

/// The items that match, best first; ties keep the items' order.
public func fuzzyFilter(_ query: String, _ items: [String]) -> [(index: Int, match: FuzzyMatch)] {
  let matches = items.enumerated().compactMap { i, item in
    fuzzyMatch(query, item).map { (index: i, match: $0) }
  }
  return matches.sorted {
    $0.match.score != $1.match.score ? $0.match.score > $1.match.score : $0.index < $1.index
  }
}
