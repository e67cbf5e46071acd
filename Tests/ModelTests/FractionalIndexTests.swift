import Model
import XCTest

final class FractionalIndexTests: XCTestCase {
  private func between(_ a: String?, _ b: String?) -> String {
    do {
      let key = try FractionalIndex.between(a, b)
      XCTAssertTrue(FractionalIndex.isValid(key), key)
      if let a { XCTAssertLessThan(a, key) }
      if let b { XCTAssertLessThan(key, b) }
      return key
    } catch {
      XCTFail("between(\(a ?? "nil"), \(b ?? "nil")): \(error)")
      return ""
    }
  }

  func testFirst() throws {
    XCTAssertEqual(try FractionalIndex.between(nil, nil), FractionalIndex.first)
    XCTAssertTrue(FractionalIndex.isValid(FractionalIndex.first))
  }

  func testKnownKeys() {
    XCTAssertEqual(between("a1", nil), "a2")
    XCTAssertEqual(between(nil, "a1"), "Zz")
    XCTAssertEqual(between("az", nil), "b01")
    XCTAssertEqual(between("a1", "a2"), "a1V")
    XCTAssertEqual(between("a1", "a3"), "a2")
    XCTAssertEqual(between("a1", "a1V"), "a1G")
    XCTAssertEqual(between("a1V", "a2"), "a1l")
    XCTAssertEqual(between("a1", "a101"), "a100V")
  }

  func testIsValid() {
    for key in [
      "a1", "Zz", "a0V", "b01", "a1V", "A00000000000000000000000001",
      "z" + String(repeating: "z", count: 26),
    ] {
      XCTAssertTrue(FractionalIndex.isValid(key), key)
    }
    for key in [
      "", "a", "a0", "a10", "b0", "b00", "1", "-a1", "a1-", "a 1", "é1", "a1V0",
      "A" + String(repeating: "0", count: 26),
    ] {
      XCTAssertFalse(FractionalIndex.isValid(key), key)
    }
  }

  func testRefusesUnorderedOrInvalid() {
    XCTAssertThrowsError(try FractionalIndex.between("a2", "a1")) { error in
      XCTAssertEqual(error as? FractionalIndexError, .notOrdered("a2", "a1"))
    }
    XCTAssertThrowsError(try FractionalIndex.between("a1", "a1")) { error in
      XCTAssertEqual(error as? FractionalIndexError, .notOrdered("a1", "a1"))
    }
    XCTAssertThrowsError(try FractionalIndex.between("a0", "a2")) { error in
      XCTAssertEqual(error as? FractionalIndexError, .invalidKey("a0"))
    }
    XCTAssertThrowsError(try FractionalIndex.between(nil, "x!")) { error in
      XCTAssertEqual(error as? FractionalIndexError, .invalidKey("x!"))
    }
  }

  func testAppendAndPrependStaySortedAndShort() {
    var keys = [FractionalIndex.first]
    for _ in 0..<1000 { keys.append(between(keys.last, nil)) }
    XCTAssertEqual(keys, keys.sorted())
    XCTAssertEqual(Set(keys).count, keys.count)
    XCTAssertLessThanOrEqual(keys.map(\.count).max()!, 3)
    XCTAssertEqual(keys.last, "bFP")

    var front = [FractionalIndex.first]
    for _ in 0..<1000 { front.insert(between(nil, front.first), at: 0) }
    XCTAssertEqual(front, front.sorted())
    XCTAssertLessThanOrEqual(front.map(\.count).max()!, 3)
    XCTAssertEqual(front.first, "Ykc")
  }

  func testManyAppendsStayShort() {
    var key = FractionalIndex.first
    for _ in 0..<100_000 { key = try! FractionalIndex.between(key, nil) }
    XCTAssertEqual(key.count, 4)
  }

  func testRepeatedInsertBetweenSameNeighboursGrowsSlowly() {
    // Always insert right after the lower neighbour, and right before the upper one.
    var upper = "a2"
    for _ in 0..<600 { upper = between("a1", upper) }
    XCTAssertLessThanOrEqual(upper.count, 110)  // measured: 102, one character per ~6
    var lower = "a1"
    for _ in 0..<600 { lower = between(lower, "a2") }
    XCTAssertLessThanOrEqual(lower.count, 130)  // measured: 122, one character per ~5
  }

  func testRandomPairsAreStrictlyBetween() {
    var generator = SplitMix64(seed: 2024)
    var keys = [FractionalIndex.first]
    for _ in 0..<5000 {
      // Insert at a random gap (including both open ends) of the sorted list.
      let gap = Int(generator.next() % UInt64(keys.count + 1))
      let a = gap == 0 ? nil : keys[gap - 1]
      let b = gap == keys.count ? nil : keys[gap]
      let key = between(a, b)
      keys.insert(key, at: gap)
    }
    XCTAssertEqual(keys, keys.sorted())
    XCTAssertEqual(Set(keys).count, keys.count)

    // Random pairs of existing keys, not only neighbours.
    for _ in 0..<5000 {
      let i = Int(generator.next() % UInt64(keys.count))
      let j = Int(generator.next() % UInt64(keys.count))
      guard i != j else { continue }
      _ = between(keys[min(i, j)], keys[max(i, j)])
    }
  }

  func testRandomGeneratedKeysAreStrictlyBetween() {
    // Arbitrary valid keys, not only ones this code made.
    var generator = SplitMix64(seed: 99)
    let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
    func randomKey() -> String {
      let heads = Array("XYZabc")
      let head = heads[Int(generator.next() % UInt64(heads.count))]
      let integerDigits = head >= "a" ? Int(head.asciiValue! - 96) : Int(91 - head.asciiValue!)
      var key = String(head)
      let length = integerDigits + Int(generator.next() % 4)
      for _ in 0..<length { key.append(alphabet[Int(generator.next() % 62)]) }
      while key.last == "0" { key.append(alphabet[1 + Int(generator.next() % 61)]) }
      return key
    }
    var checked = 0
    while checked < 5000 {
      let x = randomKey()
      let y = randomKey()
      XCTAssertTrue(FractionalIndex.isValid(x), x)
      guard x != y else { continue }
      _ = between(min(x, y), max(x, y))
      _ = between(nil, x)
      _ = between(x, nil)
      checked += 1
    }
  }

  func testSpread() {
    XCTAssertEqual(FractionalIndex.spread(0), [])
    XCTAssertEqual(FractionalIndex.spread(-3), [])
    for n in [1, 2, 10, 30, 31, 100, 1890, 1891, 5000] {
      let keys = FractionalIndex.spread(n)
      XCTAssertEqual(keys.count, n)
      XCTAssertEqual(keys, keys.sorted(), "\(n)")
      XCTAssertEqual(Set(keys).count, n, "\(n)")
      XCTAssertTrue(keys.allSatisfy(FractionalIndex.isValid), "\(n)")
      let expectedLength = n <= 30 ? 2 : n <= 1890 ? 3 : 4
      XCTAssertTrue(keys.allSatisfy { $0.count == expectedLength }, "\(n)")
      // Room on both sides and between neighbours.
      _ = between(nil, keys.first)
      _ = between(keys.last, nil)
      for (a, b) in zip(keys, keys.dropFirst()) { _ = between(a, b) }
    }
  }
}
