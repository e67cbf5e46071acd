import Foundation

/// The identity of one replica (a client database or the server): 16 lower-case hex
/// digits. Breaks ties between equal clock readings, so it orders by its text.
///
/// Codable as the plain string.
public struct SiteID: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// 16 lower-case hex digits.
  public let rawValue: String

  /// nil unless `rawValue` is exactly 16 lower-case hex digits.
  public init?(rawValue: String) {
    guard rawValue.utf8.count == 16, rawValue.utf8.allSatisfy(isLowerHex) else { return nil }
    self.rawValue = rawValue
  }

  /// The site for a 64-bit value, as 16 hex digits.
  public init(_ value: UInt64) {
    rawValue = hex16(value)
  }

  /// A fresh random site id (from the system's secure generator).
  public static func random() -> SiteID {
    var generator = SystemRandomNumberGenerator()
    return SiteID(UInt64.random(in: .min ... .max, using: &generator))
  }

  public static func < (lhs: SiteID, rhs: SiteID) -> Bool { lhs.rawValue < rhs.rawValue }

  public var description: String { rawValue }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let site = SiteID(rawValue: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "\"\(text)\" is not 16 lower-case hex digits")
    }
    self = site
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// A hybrid logical clock reading: 48 bits of wall-clock milliseconds since 1970, 16 bits
/// of counter, and the site that made it as tie-break. Orders by (millis, counter, site).
///
/// Codable as its `description` string, which sorts as the order does.
public struct HLC: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// Milliseconds since 1970; always < 2^48 (the year 10889).
  public let millis: UInt64
  public let counter: UInt16
  public let site: SiteID

  /// The largest `millis` value: 2^48 - 1.
  public static let maxMillis: UInt64 = (1 << 48) - 1

  /// Precondition: `millis` < 2^48.
  public init(millis: UInt64, counter: UInt16, site: SiteID) {
    precondition(millis <= HLC.maxMillis, "HLC millis \(millis) does not fit in 48 bits")
    self.millis = millis
    self.counter = counter
    self.site = site
  }

  /// From the `packed` storage form: `millis << 16 | counter`.
  public init(packed: Int64, site: SiteID) {
    let bits = UInt64(bitPattern: packed)
    self.init(millis: bits >> 16, counter: UInt16(truncatingIfNeeded: bits), site: site)
  }

  /// `millis << 16 | counter`, for an SQLite INTEGER column. Non-negative for every
  /// millis below 2^47 (the year 6429), so signed column order is clock order until then.
  public var packed: Int64 {
    Int64(bitPattern: millis << 16 | UInt64(counter))
  }

  /// By packed value (unsigned, i.e. millis then counter), then site.
  public static func < (lhs: HLC, rhs: HLC) -> Bool {
    let left = UInt64(bitPattern: lhs.packed)
    let right = UInt64(bitPattern: rhs.packed)
    if left != right { return left < right }
    return lhs.site < rhs.site
  }

  /// "<16 hex digits of packed>-<site>", 33 characters; string order is clock order.
  public var description: String {
    hex16(UInt64(bitPattern: packed)) + "-" + site.rawValue
  }

  /// Parses `description`'s form; nil for anything else (upper-case hex included).
  public init?(string: String) {
    let bytes = Array(string.utf8)
    guard bytes.count == 33, bytes[16] == UInt8(ascii: "-"),
      bytes[0..<16].allSatisfy(isLowerHex),
      let bits = UInt64(String(decoding: bytes[0..<16], as: UTF8.self), radix: 16),
      let site = SiteID(rawValue: String(decoding: bytes[17...], as: UTF8.self))
    else { return nil }
    self.init(packed: Int64(bitPattern: bits), site: site)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let clock = HLC(string: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "\"\(text)\" is not a hybrid logical clock")
    }
    self = clock
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

/// One site's hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014).
///
/// The wall clock is passed in, so the Model reads no clocks. Every reading it returns is
/// strictly greater than every reading it has issued or received, even when the wall clock
/// goes backwards.
///
/// Counter overflow: when more than 65,536 events fall within one millisecond (or the
/// clock is pinned to a remote reading that far ahead), the clock does not crash or throw;
/// it advances `millis` by one and restarts the counter at 0. This runs the clock at most
/// slightly ahead of the wall, which later wall readings absorb. (`HLCError.counterOverflow`
/// therefore is never thrown by this type; it exists for the wire format's callers.)
public struct HybridClock: Sendable {
  /// The latest reading issued or received (received ones re-stamped with this site).
  public private(set) var last: HLC
  /// How far ahead of the local wall clock a remote reading may be before `receive`
  /// refuses it.
  public let maxDriftMillis: UInt64

  /// A clock for `site`, resuming after `last` if given (e.g. the largest HLC in the
  /// local change log).
  public init(site: SiteID, last: HLC? = nil, maxDriftMillis: UInt64 = 60_000) {
    self.last =
      last.map { HLC(millis: $0.millis, counter: $0.counter, site: site) }
      ?? HLC(millis: 0, counter: 0, site: site)
    self.maxDriftMillis = maxDriftMillis
  }

  public var site: SiteID { last.site }

  /// The next reading for a local event.
  public mutating func tick(wallMillis: UInt64) -> HLC {
    let wall = min(wallMillis, HLC.maxMillis)
    if wall > last.millis {
      last = HLC(millis: wall, counter: 0, site: site)
    } else {
      last = Self.advance(millis: last.millis, counter: last.counter, site: site)
    }
    return last
  }

  /// Folds in a remote reading and returns the new local reading, greater than both
  /// `remote` and everything before. Throws `driftTooLarge` (leaving the clock unchanged)
  /// if `remote.millis > wallMillis + maxDriftMillis`.
  public mutating func receive(_ remote: HLC, wallMillis: UInt64) throws(HLCError) -> HLC {
    let (limit, overflow) = wallMillis.addingReportingOverflow(maxDriftMillis)
    if !overflow && remote.millis > limit {
      throw .driftTooLarge(remoteMillis: remote.millis, wallMillis: wallMillis)
    }
    let wall = min(wallMillis, HLC.maxMillis)
    let millis = max(wall, last.millis, remote.millis)
    if millis == last.millis && millis == remote.millis {
      last = Self.advance(millis: millis, counter: max(last.counter, remote.counter), site: site)
    } else if millis == last.millis {
      last = Self.advance(millis: millis, counter: last.counter, site: site)
    } else if millis == remote.millis {
      last = Self.advance(millis: millis, counter: remote.counter, site: site)
    } else {
      last = HLC(millis: millis, counter: 0, site: site)
    }
    return last
  }

  /// (millis, counter + 1), or (millis + 1, 0) when the counter is full.
  private static func advance(millis: UInt64, counter: UInt16, site: SiteID) -> HLC {
    if counter < .max { return HLC(millis: millis, counter: counter + 1, site: site) }
    return HLC(millis: millis + 1, counter: 0, site: site)
  }
}

public enum HLCError: Error, Equatable, Sendable {
  case driftTooLarge(remoteMillis: UInt64, wallMillis: UInt64)
  case counterOverflow
}

private func isLowerHex(_ byte: UInt8) -> Bool {
  (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
}

private func hex16(_ value: UInt64) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: 16 - digits.count) + digits
}
