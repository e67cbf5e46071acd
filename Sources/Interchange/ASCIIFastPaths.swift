import Foundation

/// Byte-level shortcuts for the text an import handles a million times (cells, labels, list
/// cells). Each gives exactly what the general Foundation or Character code gives, and only
/// where that is plain to see: the callers fall back to the general code for anything else
/// (non-ASCII text, newlines). Foundation's string search and trimming bridge through
/// NSString, and were a fifth of a large import's parsing time.
enum ASCIIFastPath {
  /// `text.trimmingCharacters(in: .whitespaces)`, without Foundation when both ends are
  /// visible ASCII (nothing to trim).
  static func trimmingWhitespace(_ text: String) -> String {
    if needsNoTrim(text) { return text }
    return text.trimmingCharacters(in: .whitespaces)
  }

  /// True when the first and last bytes are visible ASCII (0x21...0x7E): no whitespace or
  /// newline, of any alphabet, stands at either end. An empty string is left as it is too.
  static func needsNoTrim(_ text: String) -> Bool {
    guard let first = text.utf8.first, let last = text.utf8.last else { return true }
    return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
  }

  /// True when every byte is visible ASCII or a space: no control characters, no
  /// newlines, one byte per character.
  static func isPrintableASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { (0x20...0x7E).contains($0) }
  }

  /// The items of an ASCII list cell without newlines, as `ContactMapping.listItems` splits
  /// them (on " ::: ", else on "," and ";", and ":" for tags; each item trimmed of spaces
  /// and tabs, empty ones dropped); nil for any other cell.
  static func listItems(_ value: String, colons: Bool) -> [String]? {
    let bytes = value.utf8
    guard bytes.allSatisfy({ $0 < 0x80 && !(0x0A...0x0D).contains($0) }) else { return nil }
    return value.utf8.withContiguousStorageIfAvailable { buffer -> [String] in
      var items: [String] = []
      func add(_ range: Range<Int>) {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isBlank(buffer[lower]) { lower += 1 }
        while upper > lower, isBlank(buffer[upper - 1]) { upper -= 1 }
        if lower < upper {
          items.append(
            String(decoding: UnsafeBufferPointer(rebasing: buffer[lower..<upper]), as: UTF8.self))
        }
      }
      let separator = Array(" ::: ".utf8)
      if find(separator, in: buffer, from: 0) != nil {
        var start = 0
        while let found = find(separator, in: buffer, from: start) {
          add(start..<found)
          start = found + separator.count
        }
        add(start..<buffer.count)
      } else {
        var start = 0
        for index in 0..<buffer.count {
          let byte = buffer[index]
          if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
            || (colons && byte == UInt8(ascii: ":"))
          {
            add(start..<index)
            start = index + 1
          }
        }
        add(start..<buffer.count)
      }
      return items
    }
  }

  /// `label` lower-cased, without "*", trimmed of spaces and tabs, when it is ASCII.
  static func typeLabel(_ label: String) -> [UInt8]? {
    guard label.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(label.utf8.count)
    for byte in label.utf8 where byte != UInt8(ascii: "*") {
      bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
    }
    while let last = bytes.last, isBlank(last) { bytes.removeLast() }
    let leading = bytes.prefix(while: isBlank).count
    return leading == 0 ? bytes : Array(bytes[leading...])
  }

  /// Whether `needle` occurs in `haystack`.
  static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
    haystack.withUnsafeBufferPointer { buffer in
      find(Array(needle.utf8), in: buffer, from: 0) != nil
    }
  }

  /// An ASCII byte lower-cased (A-Z to a-z); any other byte as it is.
  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 {
    (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
  }

  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
  }

  /// The first index at or after `start` where `needle` begins in `buffer`.
  private static func find(
    _ needle: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, from start: Int
  )
    -> Int?
  {
    guard !needle.isEmpty, buffer.count >= needle.count else { return nil }
    var index = start
    while index + needle.count <= buffer.count {
      if buffer[index] == needle[0] {
        var matched = 1
        while matched < needle.count, buffer[index + matched] == needle[matched] { matched += 1 }
        if matched == needle.count { return index }
      }
      index += 1
    }
    return nil
  }
}
