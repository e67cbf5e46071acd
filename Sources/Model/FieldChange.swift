import Foundation

/// A value of one field as the change log and the wire carry it: SQLite's storage classes.
/// Booleans are integers and dates are text, as the Store writes them.
///
/// JSON: `null`, an integer as a number, text as a string, a real as `{"real": 1.5}` and a
/// blob as `{"blob": "<base64>"}`. A number with a fraction, or any other shape, is refused.
public enum FieldValue: Hashable, Sendable, Codable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])

  private enum Tag: String, CodingKey { case real, blob }

  public init(from decoder: any Decoder) throws {
    if let single = try? decoder.singleValueContainer() {
      if single.decodeNil() {
        self = .null
        return
      }
      if let text = try? single.decode(String.self) {
        self = .text(text)
        return
      }
      if let number = try? single.decode(Int64.self) {
        self = .integer(number)
        return
      }
    }
    let tagged = try decoder.container(keyedBy: Tag.self)
    guard tagged.allKeys.count == 1 else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: decoder.codingPath,
          debugDescription: "a field value is null, an integer, a string, {\"real\"} or {\"blob\"}"
        ))
    }
    if tagged.contains(.real) {
      let real = try tagged.decode(Double.self, forKey: .real)
      guard real.isFinite else {
        throw DecodingError.dataCorruptedError(
          forKey: .real, in: tagged, debugDescription: "a real value must be finite")
      }
      self = .real(real)
      return
    }
    let base64 = try tagged.decode(String.self, forKey: .blob)
    guard let data = Data(base64Encoded: base64) else {
      throw DecodingError.dataCorruptedError(
        forKey: .blob, in: tagged, debugDescription: "a blob value must be base64")
    }
    self = .blob(Array(data))
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .null:
      var single = encoder.singleValueContainer()
      try single.encodeNil()
    case .integer(let number):
      var single = encoder.singleValueContainer()
      try single.encode(number)
    case .text(let text):
      var single = encoder.singleValueContainer()
      try single.encode(text)
    case .real(let real):
      var tagged = encoder.container(keyedBy: Tag.self)
      try tagged.encode(real, forKey: .real)
    case .blob(let bytes):
      var tagged = encoder.container(keyedBy: Tag.self)
      try tagged.encode(Data(bytes).base64EncodedString(), forKey: .blob)
    }
  }
}

/// The unit of change: one field of one record, stamped with the clock (and so the site) of
/// the replica that wrote it. `actor` is the user who made it, as the server knows them; the
/// server sets it from the sender's token and ignores what a client sends.
public struct FieldChange: Hashable, Sendable, Codable {
  /// The entity's change-log name (`deal`, `contact`, ...).
  public var entity: String
  /// The record's UUIDv7.
  public var id: String
  public var field: String
  public var value: FieldValue
  public var hlc: HLC
  public var actor: String?

  public init(
    entity: String, id: String, field: String, value: FieldValue, hlc: HLC,
    actor: String? = nil
  ) {
    self.entity = entity
    self.id = id
    self.field = field
    self.value = value
    self.hlc = hlc
    self.actor = actor
  }
}

/// The merge rule every replica and the server share: per field, the write with the
/// greater clock wins; equal millis and counters fall to the site id. A write never beats
/// itself, so applying the same change twice changes nothing.
public enum LastWriterWins {
  /// Whether `incoming` replaces a field whose current write has clock `current` (nil: the
  /// field has never been written here).
  public static func wins(_ incoming: HLC, over current: HLC?) -> Bool {
    guard let current else { return true }
    return current < incoming
  }
}
