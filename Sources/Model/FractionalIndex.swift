import Foundation

/// Order keys for positions in a list (deals within a stage): strings over the 62 digits
/// `0-9A-Za-z` that sort byte-wise (Swift `<` on these ASCII strings), such that a key can
/// always be made between any two neighbours, so concurrent reorders never collide.
///
/// The design is rocicorp's "fractional-indexing": a key is an integer part followed by a
/// fraction part. The integer part's first character gives its length and sign: 'a'...'z'
/// are followed by 1...26 digits (non-negative, growing), 'Z'...'A' by 1...26 digits
/// (negative, shrinking), so "Zz" < "a0" < "a1" < "az" < "b00". Appending or prepending
/// steps the integer, which costs one more character only every 62, 62², … steps; inserting
/// between two neighbours with consecutive integers extends the fraction.
///
/// One change from rocicorp: no key ends in the lowest digit '0' (rocicorp allows bare
/// integers such as "a0"). Integers ending in '0' are skipped when stepping, which keeps the
/// rule "a key never ends in '0'" absolute, so there is always room before any key.
///
/// Measured (see the tests): 1000 appends after `first` end at "bFP" and 1000 prepends
/// before it at "Ykc", 3 characters each; 100,000 appends stay at 4 characters. Inserting
/// again and again at the same spot between two fixed neighbours grows the key by one
/// character per 5–6 inserts (600 inserts: 102 characters just before a key, 122 just
/// after one); `spread` rebalances such a list.
public enum FractionalIndex {
  /// The key for the first item of an empty list: the integer 1 ("a1").
  public static let first = "a1"

  /// A key strictly between `a` and `b`; nil means an open end. `between(nil, nil)` is
  /// `first`. Throws `invalidKey` for a key that `isValid` refuses and `notOrdered` unless
  /// `a < b`.
  public static func between(_ a: String?, _ b: String?) throws(FractionalIndexError) -> String {
    for key in [a, b].compactMap({ $0 }) where !isValid(key) { throw .invalidKey(key) }
    let lower = a.map { Array($0.utf8) }
    let upper = b.map { Array($0.utf8) }
    if let lower, let upper, !lower.lexicographicallyPrecedes(upper) {
      throw .notOrdered(a!, b!)
    }
    return String(decoding: keyBetween(lower, upper), as: UTF8.self)
  }

  /// `n` keys in increasing order (none for `n` <= 0), spread evenly over the shortest
  /// run of non-negative integers that holds them with room between: up to 30 keys have 2
  /// characters, up to 1,890 have 3, and so on. For seeding or rebalancing a list.
  public static func spread(_ n: Int) -> [String] {
    guard n > 0 else { return [] }
    // Integers with `length` digits that do not end in '0': 62^length - 62^(length-1).
    var length = 1
    var count = 61
    while count < 2 * n + 1 && length < 26 {
      length += 1
      count = count.multipliedReportingOverflow(by: 62).overflow ? Int.max : count * 62
    }
    let head = UInt8(ascii: "a") + UInt8(length - 1)
    return (0..<n).map { i in
      // The j-th integer of this length that does not end in '0'.
      let (scaled, overflow) = (i + 1).multipliedReportingOverflow(by: count / (n + 1))
      let j = overflow ? i : scaled
      var value = (j / 61) * 62 + (j % 61) + 1
      var digitsOut = [UInt8](repeating: zero, count: length)
      for position in stride(from: length - 1, through: 0, by: -1) {
        digitsOut[position] = digits[value % 62]
        value /= 62
      }
      return String(decoding: [head] + digitsOut, as: UTF8.self)
    }
  }

  /// Whether `key` is a well-formed order key: only the 62 digits, a letter first, at
  /// least as long as its integer part says, and not ending in '0'.
  public static func isValid(_ key: String) -> Bool {
    let bytes = Array(key.utf8)
    guard let head = bytes.first, let length = integerLength(head) else { return false }
    return bytes.count >= length && bytes.allSatisfy({ digitValue($0) != nil })
      && bytes.last != zero
  }

  // MARK: Implementation, on ASCII bytes

  private static let digits = Array(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
  private static let zero = UInt8(ascii: "0")

  private static func digitValue(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(byte - UInt8(ascii: "A")) + 10
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(byte - UInt8(ascii: "a")) + 36
    default: return nil
    }
  }

  /// Total length (head included) of an integer part starting with `head`.
  private static func integerLength(_ head: UInt8) -> Int? {
    switch head {
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return Int(head - UInt8(ascii: "a")) + 2
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(UInt8(ascii: "Z") - head) + 2
    default: return nil
    }
  }

  /// Keys are valid and ordered here.
  private static func keyBetween(_ a: [UInt8]?, _ b: [UInt8]?) -> [UInt8] {
    switch (a, b) {
    case (nil, nil):
      return Array(first.utf8)
    case (nil, let b?):
      let (integer, fraction) = split(b)
      if let smaller = decrement(integer) { return smaller }
      // Only at the very bottom of the space (62^26 prepends away): the smallest integer,
      // which is never a bare key, with a fraction.
      if let smallest = step(integer, up: false) { return smallest + midpoint([], nil) }
      return integer + midpoint([], fraction)
    case (let a?, nil):
      let (integer, fraction) = split(a)
      return increment(integer) ?? integer + midpoint(fraction, nil)
    case (let a?, let b?):
      let (integerA, fractionA) = split(a)
      let (integerB, fractionB) = split(b)
      if integerA == integerB { return integerA + midpoint(fractionA, fractionB) }
      if let next = increment(integerA), next.lexicographicallyPrecedes(b) { return next }
      return integerA + midpoint(fractionA, nil)
    }
  }

  private static func split(_ key: [UInt8]) -> (integer: [UInt8], fraction: [UInt8]) {
    let length = integerLength(key[0])!
    return (Array(key[0..<length]), Array(key[length...]))
  }

  /// A fraction strictly between fractions `a` and `b` (nil: open end, i.e. 1), never
  /// ending in '0'. Requires a < b and neither ending in '0'.
  private static func midpoint(_ a: [UInt8], _ b: [UInt8]?) -> [UInt8] {
    if let b {
      // Strip the common prefix, reading `a` as padded with '0's.
      var n = 0
      while n < b.count && (n < a.count ? a[n] : zero) == b[n] { n += 1 }
      if n > 0 {
        return Array(b[0..<n]) + midpoint(Array(a.dropFirst(min(n, a.count))), Array(b[n...]))
      }
    }
    let digitA = a.first.map { digitValue($0)! } ?? 0
    let digitB = b.map { digitValue($0[0])! } ?? 62
    if digitB - digitA > 1 {
      return [digits[(digitA + digitB + 1) / 2]]
    }
    // Consecutive first digits.
    if let b, b.count > 1 { return [b[0]] }
    return [digits[digitA]] + midpoint(Array(a.dropFirst()), nil)
  }

  /// The next integer that does not end in '0'; nil past the largest ("z" + 26 'z's).
  private static func increment(_ integer: [UInt8]) -> [UInt8]? {
    var current = integer
    repeat {
      guard let next = step(current, up: true) else { return nil }
      current = next
    } while current.last == zero
    return current
  }

  /// The previous integer that does not end in '0'; nil below the smallest.
  private static func decrement(_ integer: [UInt8]) -> [UInt8]? {
    var current = integer
    repeat {
      guard let next = step(current, up: false) else { return nil }
      current = next
    } while current.last == zero
    return current
  }

  /// rocicorp's incrementInteger / decrementInteger.
  private static func step(_ integer: [UInt8], up: Bool) -> [UInt8]? {
    let head = integer[0]
    var body = Array(integer.dropFirst())
    var carry = true
    var index = body.count - 1
    while carry && index >= 0 {
      let value = digitValue(body[index])! + (up ? 1 : -1)
      if value == 62 {
        body[index] = zero
      } else if value == -1 {
        body[index] = digits[61]
      } else {
        body[index] = digits[value]
        carry = false
      }
      index -= 1
    }
    if !carry { return [head] + body }
    if up {
      if head == UInt8(ascii: "Z") { return [UInt8(ascii: "a"), zero] }
      if head == UInt8(ascii: "z") { return nil }
      let newHead = head + 1
      if newHead > UInt8(ascii: "a") { body.append(zero) } else { body.removeLast() }
      return [newHead] + body
    } else {
      if head == UInt8(ascii: "a") { return [UInt8(ascii: "Z"), digits[61]] }
      if head == UInt8(ascii: "A") { return nil }
      let newHead = head - 1
      if newHead < UInt8(ascii: "Z") { body.append(digits[61]) } else { body.removeLast() }
      return [newHead] + body
    }
  }
}

public enum FractionalIndexError: Error, Equatable, Sendable {
  case notOrdered(String, String)
  case invalidKey(String)
}
