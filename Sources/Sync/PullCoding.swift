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

/// The reader itself: an index into the bytes, and the caches of repeated strings. Here the
/// shapes of a page (the answer, its changes, values and clocks); the JSON below them in
/// `PullReaderLexing.swift`, the cache of names in `NameCache.swift`.
struct PullReader {
  let bytes: UnsafeBufferPointer<UInt8>
  var at = 0
  /// The key path of what is being read, for errors: filled in as the reader goes.
  var changeIndex = -1
  var key = ""
  var names = NameCache()
  var lastId: (start: Int, count: Int, text: String)?
  var lastSite: (bits: UInt64, site: SiteID)?

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

  mutating func changeArray() throws(PullDecodingError) -> [FieldChange] {
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

  mutating func change() throws(PullDecodingError) -> FieldChange {
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
  mutating func fieldValue() throws(PullDecodingError) -> FieldValue {
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

  static let valueShapes =
    "a field value is null, an integer, a string, {\"real\": number} or {\"blob\": base64}"

  /// A clock in `HLC.description`'s form: 16 lower-case hex digits, `-`, the site's 16.
  mutating func clock() throws(PullDecodingError) -> HLC {
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
  func hex(_ start: Int) -> UInt64? {
    var value: UInt64 = 0
    for index in start..<(start + 16) {
      guard let digit = Self.hexDigit(bytes[index]) else { return nil }
      value = value << 4 | UInt64(digit)
    }
    return value
  }

  /// The value of a lower-case hex digit, or nil.
  static func hexDigit(_ byte: UInt8) -> UInt8? {
    if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { return byte &- UInt8(ascii: "0") }
    if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f") {
      return byte &- UInt8(ascii: "a") &+ 10
    }
    return nil
  }
}
