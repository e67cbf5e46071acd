import Foundation
import Model

/// The JSON a `PullReader` steps through below the shapes: strings (with the caches of
/// repeated ones), numbers and literals, objects, keys and skipped values, and the errors
/// that name where the reader stopped.
extension PullReader {
  // MARK: - Strings

  /// A string, reusing the previous record's id when this one is the same.
  mutating func recordId() throws(PullDecodingError) -> String {
    skipSpace()
    let span = try scanString()
    if span.plain, let lastId, lastId.count == span.count,
      memcmp(bytes.baseAddress! + lastId.start, bytes.baseAddress! + span.start, span.count) == 0
    {
      return lastId.text
    }
    let text = try makeString(span)
    if span.plain { lastId = (span.start, span.count, text) }
    return text
  }

  /// A string looked up in the cache of short repeated names first.
  mutating func internedString() throws(PullDecodingError) -> String {
    skipSpace()
    let span = try scanString()
    guard span.plain, span.count <= NameCache.maxLength else { return try makeString(span) }
    let slice = UnsafeBufferPointer(rebasing: bytes[span.start..<(span.start + span.count)])
    if let known = names.lookup(slice) { return known }
    let text = try makeString(span)
    names.insert(slice, text)
    return text
  }

  mutating func string() throws(PullDecodingError) -> String {
    skipSpace()
    return try makeString(try scanString())
  }

  /// Where a string's content lies; `plain`: no escapes and ASCII only.
  struct Span {
    var start: Int
    var count: Int
    var plain: Bool
    var escaped: Bool
  }

  /// Steps over a string (the reader at its opening quote), checking it has no raw control
  /// characters and ends.
  mutating func scanString() throws(PullDecodingError) -> Span {
    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else {
      throw failure("expected a string")
    }
    let start = at + 1
    var index = start
    var ascii = true
    var escaped = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        at = index + 1
        return Span(
          start: start, count: index - start, plain: ascii && !escaped, escaped: escaped)
      }
      if byte == UInt8(ascii: "\\") {
        escaped = true
        index += 2
        continue
      }
      if byte < 0x20 {
        at = index
        throw failure("a control character inside a string")
      }
      if byte >= 0x80 { ascii = false }
      index += 1
    }
    at = bytes.count
    throw failure("a string is cut off")
  }

  mutating func makeString(_ span: Span) throws(PullDecodingError) -> String {
    let raw = UnsafeBufferPointer(rebasing: bytes[span.start..<(span.start + span.count)])
    if span.plain { return String(decoding: raw, as: UTF8.self) }
    let utf8: [UInt8]
    if span.escaped {
      utf8 = try unescape(raw, offset: span.start)
    } else {
      utf8 = Array(raw)
    }
    guard let text = String(validating: utf8, as: UTF8.self) else {
      at = span.start
      throw failure("a string is not valid UTF-8")
    }
    return text
  }

  /// The bytes of a string with escapes (`\n`, `\u00e9`, surrogate pairs...) replaced.
  mutating func unescape(_ raw: UnsafeBufferPointer<UInt8>, offset: Int)
    throws(PullDecodingError) -> [UInt8]
  {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var index = 0
    while index < raw.count {
      let byte = raw[index]
      guard byte == UInt8(ascii: "\\") else {
        out.append(byte)
        index += 1
        continue
      }
      guard index + 1 < raw.count else { throw badEscape(offset + index) }
      let code = raw[index + 1]
      index += 2
      switch code {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        guard let high = hex4(raw, index) else { throw badEscape(offset + index - 2) }
        index += 4
        var scalarValue = UInt32(high)
        if (0xD800..<0xDC00).contains(high) {
          guard index + 6 <= raw.count, raw[index] == UInt8(ascii: "\\"),
            raw[index + 1] == UInt8(ascii: "u"), let low = hex4(raw, index + 2),
            (0xDC00..<0xE000).contains(low)
          else {
            at = offset + index
            throw failure("a string holds a lone surrogate (\\u\(String(high, radix: 16)))")
          }
          index += 6
          scalarValue = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        } else if (0xDC00..<0xE000).contains(high) {
          at = offset + index
          throw failure("a string holds a lone surrogate (\\u\(String(high, radix: 16)))")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw badEscape(offset + index) }
        out.append(contentsOf: UTF8.encode(scalar)!)
      default:
        throw badEscape(offset + index - 2)
      }
    }
    return out
  }

  func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt16? {
    guard start + 4 <= raw.count else { return nil }
    var value: UInt16 = 0
    for index in start..<(start + 4) {
      // Lower-cased (a digit is unchanged): JSON's escapes take either case.
      guard let digit = Self.hexDigit(raw[index] | 0x20) else { return nil }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  mutating func badEscape(_ offset: Int) -> PullDecodingError {
    at = offset
    return failure("a string holds an invalid escape")
  }

  // MARK: - Numbers and literals

  /// A JSON integer that fits in 64 bits (no fraction, no exponent).
  mutating func integer() throws(PullDecodingError) -> Int64 {
    skipSpace()
    let start = at
    var negative = false
    if at < bytes.count, bytes[at] == UInt8(ascii: "-") {
      negative = true
      at += 1
    }
    guard at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") else {
      throw failure("expected an integer")
    }
    // Accumulated negatively, so Int64.min fits.
    var value: Int64 = 0
    var digits = 0
    while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
      let digit = Int64(bytes[at] &- UInt8(ascii: "0"))
      let (times, overflowA) = value.multipliedReportingOverflow(by: 10)
      let (next, overflowB) = times.subtractingReportingOverflow(digit)
      if overflowA || overflowB {
        at = start
        throw failure("the number does not fit in 64 bits")
      }
      value = next
      digits += 1
      at += 1
    }
    if digits > 1 && bytes[start + (negative ? 1 : 0)] == UInt8(ascii: "0") {
      at = start
      throw failure("a number with a leading zero")
    }
    if at < bytes.count,
      bytes[at] == UInt8(ascii: ".") || bytes[at] == UInt8(ascii: "e")
        || bytes[at] == UInt8(ascii: "E")
    {
      at = start
      throw failure("expected an integer, found a number with a fraction or exponent")
    }
    if negative { return value }
    guard value != .min else {
      at = start
      throw failure("the number does not fit in 64 bits")
    }
    return -value
  }

  /// A JSON number as a Double.
  mutating func double() throws(PullDecodingError) -> Double {
    skipSpace()
    let start = at
    try skipNumber()
    let text = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
    guard let value = Double(text) else {
      at = start
      throw failure("expected a number")
    }
    return value
  }

  /// Steps over a number in JSON's grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  mutating func skipNumber() throws(PullDecodingError) {
    let start = at
    func digit(_ index: Int) -> Bool {
      index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
    }
    if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
    guard digit(at) else {
      at = start
      throw failure("expected a number")
    }
    if bytes[at] == UInt8(ascii: "0") {
      at += 1
    } else {
      while digit(at) { at += 1 }
    }
    if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
      at += 1
      guard digit(at) else { throw failure("a number's fraction has no digits") }
      while digit(at) { at += 1 }
    }
    if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
      at += 1
      if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") {
        at += 1
      }
      guard digit(at) else { throw failure("a number's exponent has no digits") }
      while digit(at) { at += 1 }
    }
  }

  mutating func boolean() throws(PullDecodingError) -> Bool {
    skipSpace()
    if at < bytes.count, bytes[at] == UInt8(ascii: "t") {
      try literal("true")
      return true
    }
    if at < bytes.count, bytes[at] == UInt8(ascii: "f") {
      try literal("false")
      return false
    }
    throw failure("expected true or false")
  }

  mutating func literal(_ word: StaticString) throws(PullDecodingError) {
    let count = word.utf8CodeUnitCount
    guard at + count <= bytes.count,
      memcmp(bytes.baseAddress! + at, word.utf8Start, count) == 0
    else { throw failure("expected \(word)") }
    at += count
  }

  // MARK: - Structure

  mutating func skipSpace() {
    while at < bytes.count {
      switch bytes[at] {
      case 0x20, 0x0A, 0x0D, 0x09: at += 1
      default: return
      }
    }
  }

  mutating func objectStart() throws(PullDecodingError) {
    skipSpace()
    guard at < bytes.count, bytes[at] == UInt8(ascii: "{") else {
      throw failure("expected an object")
    }
    at += 1
  }

  mutating func colon() throws(PullDecodingError) {
    skipSpace()
    guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else {
      throw failure("expected : after a key")
    }
    at += 1
  }

  /// The next key of an object (the reader past `{` or past the previous value), or nil at
  /// its closing brace.
  mutating func nextKey(first: inout Bool) throws(PullDecodingError) -> String? {
    skipSpace()
    guard at < bytes.count else { throw failure("an object is cut off") }
    if bytes[at] == UInt8(ascii: "}") {
      at += 1
      return nil
    }
    if !first {
      guard bytes[at] == UInt8(ascii: ",") else { throw failure("expected , or } in an object") }
      at += 1
      skipSpace()
    }
    first = false
    let name = try internedString()
    try colon()
    return name
  }

  /// Steps over any JSON value, checking its syntax.
  mutating func skipValue(depth: Int) throws(PullDecodingError) {
    guard depth <= PullCoding.maxDepth else {
      throw failure("values nested more than \(PullCoding.maxDepth) deep")
    }
    skipSpace()
    guard at < bytes.count else { throw failure("the answer is cut off") }
    switch bytes[at] {
    case UInt8(ascii: "{"):
      at += 1
      var first = true
      while try nextKey(first: &first) != nil { try skipValue(depth: depth + 1) }
    case UInt8(ascii: "["):
      at += 1
      skipSpace()
      if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
        at += 1
        return
      }
      while true {
        try skipValue(depth: depth + 1)
        skipSpace()
        guard at < bytes.count else { throw failure("an array is cut off") }
        let byte = bytes[at]
        at += 1
        if byte == UInt8(ascii: "]") { return }
        guard byte == UInt8(ascii: ",") else { throw failure("expected , or ] in an array") }
      }
    case UInt8(ascii: "\""):
      _ = try makeString(try scanString())
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    default: try skipNumber()
    }
  }

  // MARK: - Errors

  var path: String {
    var parts: [String] = []
    if changeIndex >= 0 { parts += ["changes", String(changeIndex)] }
    if !key.isEmpty && !(changeIndex >= 0 && key == "changes") { parts.append(key) }
    return parts.joined(separator: ".")
  }

  func failure(_ message: String) -> PullDecodingError {
    PullDecodingError(path: path, message: message, offset: at)
  }

  func missing(_ name: String) -> PullDecodingError {
    PullDecodingError(path: path, message: "the key \"\(name)\" is missing", offset: at)
  }

  func duplicate(_ name: String) -> PullDecodingError {
    PullDecodingError(path: path, message: "the key \"\(name)\" comes twice", offset: at)
  }
}
