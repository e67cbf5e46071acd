import Foundation
import Model

/// Why a pull page's JSON was refused: where (a coding path such as `changes.12.hlc`), what,
/// and the byte offset where the reader stopped.
public struct PullDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
  public var path: String
  public var message: String
  public var offset: Int

  public var description: String {
    (path.isEmpty ? "" : "at \(path): ") + message + " (byte \(offset))"
  }
}

/// A hand-written reader of `PullResponse` JSON: the shape `Codable` writes and reads
/// (`{"changes": [FieldChange], "cursor": Int64, "more": Bool, "serverClock": HLC}`), read
/// straight from the bytes. A bootstrap brings a million and more field changes, and
/// Foundation's `JSONDecoder` spends several microseconds on each; this spends a fraction of
/// one, mostly by reusing the strings that repeat (entity and field names, a record's id, the
/// actor, the site).
///
/// It is as strict as `Codable` or stricter, never looser: keys in any order, unknown keys
/// skipped (newer servers may add optional ones) but duplicate keys refused; a value of the
/// wrong kind, a missing key, a number that does not fit, a real that is not finite, a clock
/// that is not a clock, invalid UTF-8, control characters in strings, lone surrogates,
/// trailing bytes, or nesting deeper than `maxDepth` are refused with the path and offset.
///
///     let page = try PullCoding.decode(bytes)
public enum PullCoding {
  /// Unknown values nested deeper than this are refused (a hostile answer cannot exhaust the
  /// stack).
  public static let maxDepth = 64

  public static func decode(_ bytes: [UInt8]) throws(PullDecodingError) -> PullResponse {
    let result = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(PullDecodingError) -> PullResponse in
        var reader = PullReader(buffer)
        return try reader.response()
      }
    }
    return try result.get()
  }

  public static func decode(_ bytes: UnsafeRawBufferPointer) throws(PullDecodingError)
    -> PullResponse
  {
    var reader = PullReader(bytes.bindMemory(to: UInt8.self))
    return try reader.response()
  }

  public static func decode(_ data: Data) throws(PullDecodingError) -> PullResponse {
    let result = data.withUnsafeBytes { raw in
      Result { () throws(PullDecodingError) -> PullResponse in
        try decode(raw)
      }
    }
    return try result.get()
  }
}

/// The reader itself: an index into the bytes, and the caches of repeated strings.
struct PullReader {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var at = 0
  /// The key path of what is being read, for errors: filled in as the reader goes.
  private var changeIndex = -1
  private var key = ""
  private var names = NameCache()
  private var lastId: (start: Int, count: Int, text: String)?
  private var lastSite: (bits: UInt64, site: SiteID)?

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
  }

  // MARK: - The shapes

  mutating func response() throws(PullDecodingError) -> PullResponse {
    var changes: [FieldChange]?
    var cursor: Int64?
    var more: Bool?
    var serverClock: HLC?
    try objectStart()
    var first = true
    while let name = try nextKey(first: &first) {
      key = name
      switch name {
      case "changes":
        guard changes == nil else { throw duplicate(name) }
        changes = try changeArray()
        changeIndex = -1
      case "cursor":
        guard cursor == nil else { throw duplicate(name) }
        cursor = try integer()
      case "more":
        guard more == nil else { throw duplicate(name) }
        more = try boolean()
      case "serverClock":
        guard serverClock == nil else { throw duplicate(name) }
        serverClock = try clock()
      default:
        try skipValue(depth: 1)
      }
      key = ""
    }
    skipSpace()
    guard at == bytes.count else { throw failure("bytes after the end of the answer") }
    guard let changes else { throw missing("changes") }
    guard let cursor else { throw missing("cursor") }
    guard let more else { throw missing("more") }
    guard let serverClock else { throw missing("serverClock") }
    return PullResponse(changes: changes, cursor: cursor, more: more, serverClock: serverClock)
  }

  private mutating func changeArray() throws(PullDecodingError) -> [FieldChange] {
    skipSpace()
    guard at < bytes.count, bytes[at] == UInt8(ascii: "[") else {
      throw failure("expected an array of changes")
    }
    at += 1
    var changes: [FieldChange] = []
    // A page's changes are ~100-200 bytes each: reserve for what the bytes can hold.
    changes.reserveCapacity(min(bytes.count / 96, 1 << 20))
    skipSpace()
    if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
      at += 1
      return changes
    }
    while true {
      changeIndex = changes.count
      changes.append(try change())
      skipSpace()
      guard at < bytes.count else { throw failure("the array of changes is cut off") }
      let byte = bytes[at]
      at += 1
      if byte == UInt8(ascii: "]") { return changes }
      guard byte == UInt8(ascii: ",") else { throw failure("expected , or ] after a change") }
    }
  }

  private mutating func change() throws(PullDecodingError) -> FieldChange {
    key = ""
    var entity: String?
    var id: String?
    var field: String?
    var value: FieldValue?
    var hlc: HLC?
    var actor: String??
    try objectStart()
    var first = true
    while let name = try nextKey(first: &first) {
      key = name
      switch name {
      case "entity":
        guard entity == nil else { throw duplicate(name) }
        entity = try internedString()
      case "id":
        guard id == nil else { throw duplicate(name) }
        id = try recordId()
      case "field":
        guard field == nil else { throw duplicate(name) }
        field = try internedString()
      case "value":
        guard value == nil else { throw duplicate(name) }
        value = try fieldValue()
      case "hlc":
        guard hlc == nil else { throw duplicate(name) }
        hlc = try clock()
      case "actor":
        guard actor == nil else { throw duplicate(name) }
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "n") {
          try literal("null")
          actor = .some(nil)
        } else {
          actor = .some(try internedString())
        }
      default:
        try skipValue(depth: 3)
      }
    }
    key = ""
    guard let entity else { throw missing("entity") }
    guard let id else { throw missing("id") }
    guard let field else { throw missing("field") }
    guard let value else { throw missing("value") }
    guard let hlc else { throw missing("hlc") }
    return FieldChange(
      entity: entity, id: id, field: field, value: value, hlc: hlc, actor: actor ?? nil)
  }

  /// `null`, an integer, a string, `{"real": n}` or `{"blob": "base64"}`.
  private mutating func fieldValue() throws(PullDecodingError) -> FieldValue {
    skipSpace()
    guard at < bytes.count else { throw failure("the answer is cut off") }
    switch bytes[at] {
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "\""):
      return .text(try string())
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return .integer(try integer())
    case UInt8(ascii: "{"):
      at += 1
      skipSpace()
      guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else {
        throw failure(Self.valueShapes)
      }
      let tag = try string()
      try colon()
      let value: FieldValue
      switch tag {
      case "real":
        let real = try double()
        guard real.isFinite else { throw failure("a real value must be finite") }
        value = .real(real)
      case "blob":
        let text = try string()
        guard let data = Data(base64Encoded: text) else {
          throw failure("a blob value must be base64")
        }
        value = .blob(Array(data))
      default:
        throw failure(Self.valueShapes)
      }
      skipSpace()
      guard at < bytes.count, bytes[at] == UInt8(ascii: "}") else {
        throw failure(Self.valueShapes)
      }
      at += 1
      return value
    default:
      throw failure(Self.valueShapes)
    }
  }

  private static let valueShapes =
    "a field value is null, an integer, a string, {\"real\": number} or {\"blob\": base64}"

  /// A clock in `HLC.description`'s form: 16 lower-case hex digits, `-`, the site's 16.
  private mutating func clock() throws(PullDecodingError) -> HLC {
    skipSpace()
    let start = at + 1
    // The common form: 33 plain bytes between quotes.
    if at + 34 < bytes.count, bytes[at] == UInt8(ascii: "\""),
      bytes[start + 33] == UInt8(ascii: "\""), bytes[start + 16] == UInt8(ascii: "-"),
      let packed = hex(start), let siteBits = hex(start + 17)
    {
      at = start + 34
      let site: SiteID
      if let lastSite, lastSite.bits == siteBits {
        site = lastSite.site
      } else {
        site = SiteID(siteBits)
        lastSite = (siteBits, site)
      }
      return HLC(packed: Int64(bitPattern: packed), site: site)
    }
    let text = try string()
    guard let clock = HLC(string: text) else {
      throw failure("\"\(text.prefix(40))\" is not a hybrid logical clock")
    }
    return clock
  }

  /// 16 lower-case hex digits from `start`, or nil.
  private func hex(_ start: Int) -> UInt64? {
    var value: UInt64 = 0
    for index in start..<(start + 16) {
      let byte = bytes[index]
      let digit: UInt8
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digit = byte &- UInt8(ascii: "0")
      } else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f") {
        digit = byte &- UInt8(ascii: "a") &+ 10
      } else {
        return nil
      }
      value = value << 4 | UInt64(digit)
    }
    return value
  }

  // MARK: - Strings

  /// A string, reusing the previous record's id when this one is the same.
  private mutating func recordId() throws(PullDecodingError) -> String {
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
  private mutating func internedString() throws(PullDecodingError) -> String {
    skipSpace()
    let span = try scanString()
    guard span.plain, span.count <= NameCache.maxLength else { return try makeString(span) }
    let slice = UnsafeBufferPointer(rebasing: bytes[span.start..<(span.start + span.count)])
    if let known = names.lookup(slice) { return known }
    let text = try makeString(span)
    names.insert(slice, text)
    return text
  }

  private mutating func string() throws(PullDecodingError) -> String {
    skipSpace()
    return try makeString(try scanString())
  }

  /// Where a string's content lies; `plain`: no escapes and ASCII only.
  private struct Span {
    var start: Int
    var count: Int
    var plain: Bool
    var escaped: Bool
  }

  /// Steps over a string (the reader at its opening quote), checking it has no raw control
  /// characters and ends.
  private mutating func scanString() throws(PullDecodingError) -> Span {
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

  private mutating func makeString(_ span: Span) throws(PullDecodingError) -> String {
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
  private mutating func unescape(_ raw: UnsafeBufferPointer<UInt8>, offset: Int)
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

  private func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ start: Int) -> UInt16? {
    guard start + 4 <= raw.count else { return nil }
    var value: UInt16 = 0
    for index in start..<(start + 4) {
      let byte = raw[index] | 0x20  // lower-case a letter; digits are unchanged
      let digit: UInt8
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digit = byte &- UInt8(ascii: "0")
      } else if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f") {
        digit = byte &- UInt8(ascii: "a") &+ 10
      } else {
        return nil
      }
      value = value << 4 | UInt16(digit)
    }
    return value
  }

  private mutating func badEscape(_ offset: Int) -> PullDecodingError {
    at = offset
    return failure("a string holds an invalid escape")
  }

  // MARK: - Numbers and literals

  /// A JSON integer that fits in 64 bits (no fraction, no exponent).
  private mutating func integer() throws(PullDecodingError) -> Int64 {
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
  private mutating func double() throws(PullDecodingError) -> Double {
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
  private mutating func skipNumber() throws(PullDecodingError) {
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

  private mutating func boolean() throws(PullDecodingError) -> Bool {
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

  private mutating func literal(_ word: StaticString) throws(PullDecodingError) {
    let count = word.utf8CodeUnitCount
    guard at + count <= bytes.count,
      memcmp(bytes.baseAddress! + at, word.utf8Start, count) == 0
    else { throw failure("expected \(word)") }
    at += count
  }

  // MARK: - Structure

  private mutating func skipSpace() {
    while at < bytes.count {
      switch bytes[at] {
      case 0x20, 0x0A, 0x0D, 0x09: at += 1
      default: return
      }
    }
  }

  private mutating func objectStart() throws(PullDecodingError) {
    skipSpace()
    guard at < bytes.count, bytes[at] == UInt8(ascii: "{") else {
      throw failure("expected an object")
    }
    at += 1
  }

  private mutating func colon() throws(PullDecodingError) {
    skipSpace()
    guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else {
      throw failure("expected : after a key")
    }
    at += 1
  }

  /// The next key of an object (the reader past `{` or past the previous value), or nil at
  /// its closing brace.
  private mutating func nextKey(first: inout Bool) throws(PullDecodingError) -> String? {
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
  private mutating func skipValue(depth: Int) throws(PullDecodingError) {
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

  private var path: String {
    var parts: [String] = []
    if changeIndex >= 0 { parts += ["changes", String(changeIndex)] }
    if !key.isEmpty && !(changeIndex >= 0 && key == "changes") { parts.append(key) }
    return parts.joined(separator: ".")
  }

  private func failure(_ message: String) -> PullDecodingError {
    PullDecodingError(path: path, message: message, offset: at)
  }

  private func missing(_ name: String) -> PullDecodingError {
    PullDecodingError(path: path, message: "the key \"\(name)\" is missing", offset: at)
  }

  private func duplicate(_ name: String) -> PullDecodingError {
    PullDecodingError(path: path, message: "the key \"\(name)\" comes twice", offset: at)
  }
}

/// Short strings seen before, by their bytes: a page names the same few entities, fields and
/// actors over and over.
private struct NameCache {
  static let maxLength = 48
  private static let slots = 256
  private var keys: [[UInt8]] = Array(repeating: [], count: slots)
  private var values: [String] = Array(repeating: "", count: slots)

  private static func slot(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    // FNV-1a over the bytes.
    var hash: UInt32 = 2_166_136_261
    for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return Int(hash & UInt32(slots - 1))
  }

  func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    let slot = Self.slot(bytes)
    let key = keys[slot]
    guard key.count == bytes.count, !key.isEmpty else { return nil }
    let same = key.withUnsafeBufferPointer { stored in
      memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
    }
    return same ? values[slot] : nil
  }

  mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) {
    guard !bytes.isEmpty else { return }
    let slot = Self.slot(bytes)
    keys[slot] = Array(bytes)
    values[slot] = text
  }
}
