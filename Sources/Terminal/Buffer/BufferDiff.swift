/// Comparing a buffer with the lines a test expects, with a diff a person can read.
///
///     XCTAssertNil(buffer.diff(against: ["┌──┐", "└──┘"]))
///
/// Lives in the library (not a test target) so every test target that draws can use it.
extension ScreenBuffer {
  /// `nil` when the rows equal `expected`; otherwise every row, with the differing ones
  /// marked and shown twice (expected, then actual), quoted so trailing spaces show.
  public func diff(against expected: [String]) -> String? {
    let actual = lines
    if actual == expected { return nil }
    var out = "buffer \(width)x\(height) differs from expected (\(expected.count) lines):\n"
    for i in 0..<max(actual.count, expected.count) {
      let a = i < actual.count ? actual[i] : nil
      let e = i < expected.count ? expected[i] : nil
      let number = String(i).leftPadded(to: 3)
      if a == e {
        out += "   \(number) \"\(a ?? "")\"\n"
      } else {
        out += " ! \(number) expected \(e.map { "\"\($0)\"" } ?? "(no line)")\n"
        out += "         actual   \(a.map { "\"\($0)\"" } ?? "(no line)")\n"
      }
    }
    return out
  }

  /// One character per cell naming its role through `legend` (`other` for roles not in
  /// it), so tests can check highlights the way they check text. Continuation cells repeat
  /// the symbol of their wide grapheme, so rows line up with `lines` column for column.
  public func roleLines(_ legend: [String: Character], other: Character = ".") -> [String] {
    (0..<height).map { y in
      String((0..<width).map { x in legend[self[x, y].style.role] ?? other })
    }
  }
}

extension String {
  fileprivate func leftPadded(to n: Int) -> String {
    count >= n ? self : String(repeating: " ", count: n - count) + self
  }
}
