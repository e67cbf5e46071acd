import Foundation
import Synchronization

/// RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, then randomness, so ids made
/// offline on different machines do not collide and sort roughly by creation time.
///
/// Layout: unix_ts_ms (48) | ver = 7 (4) | rand_a (12) | var = 0b10 (2) | rand_b (62).
/// `rand_a` is used as a counter (RFC 9562 §6.2, method 1): seeded randomly in its lower
/// half at each new millisecond and incremented for each further id in that millisecond,
/// so ids from one process are strictly increasing. If the counter runs out, or the clock
/// goes backwards, the timestamp is carried forward from the previous id (and bumped by
/// one millisecond on counter overflow) rather than going back.
public enum UUIDv7 {
  private static let shared = Mutex(Generator())

  /// A new UUIDv7 as a lower-case canonical string (36 characters), greater than every id
  /// this process made before. Pass `now` only to stamp with a realistic time: a future
  /// date moves the process's floor forward.
  public static func generate(now: Date = Date()) -> String {
    shared.withLock { $0.next(now: now) }
  }

  /// Whether `s` is a canonical lower-case version 7, variant 10 UUID string.
  public static func isValid(_ s: String) -> Bool {
    let bytes = Array(s.utf8)
    guard bytes.count == 36 else { return false }
    for (index, byte) in bytes.enumerated() {
      switch index {
      case 8, 13, 18, 23:
        if byte != UInt8(ascii: "-") { return false }
      default:
        if !isLowerHex(byte) { return false }
      }
    }
    let variant = bytes[19]
    return bytes[14] == UInt8(ascii: "7")
      && (variant == UInt8(ascii: "8") || variant == UInt8(ascii: "9")
        || variant == UInt8(ascii: "a") || variant == UInt8(ascii: "b"))
  }

  /// The creation time (millisecond precision) of a valid UUIDv7 string; nil if invalid.
  public static func timestamp(of s: String) -> Date? {
    guard isValid(s) else { return nil }
    let bytes = Array(s.utf8)
    let hex = String(decoding: bytes[0..<8] + bytes[9..<13], as: UTF8.self)
    guard let millis = UInt64(hex, radix: 16) else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(millis) / 1000)
  }

  /// The state behind `generate`, for callers (and tests) that want their own sequence.
  public struct Generator: Sendable {
    private var lastMillis: UInt64 = 0
    private var counter: UInt16 = 0

    public init() {}

    /// The next id: strictly greater than the previous one from this generator.
    public mutating func next(now: Date) -> String {
      var random = SystemRandomNumberGenerator()
      let seconds = max(0, now.timeIntervalSince1970)
      let wall = min(UInt64(seconds * 1000), (1 << 48) - 1)
      if wall > lastMillis {
        lastMillis = wall
        counter = UInt16.random(in: 0..<0x800, using: &random)
      } else if counter < 0xFFF {
        counter += 1
      } else {
        lastMillis += 1
        counter = UInt16.random(in: 0..<0x800, using: &random)
      }
      let high = lastMillis << 16 | 0x7000 | UInt64(counter)
      let low = (random.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
      let hex = hex16(high) + hex16(low)
      let chars = Array(hex.utf8)
      let parts = [chars[0..<8], chars[8..<12], chars[12..<16], chars[16..<20], chars[20..<32]]
      return parts.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "-")
    }
  }
}

private func isLowerHex(_ byte: UInt8) -> Bool {
  (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
}

private func hex16(_ value: UInt64) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: 16 - digits.count) + digits
}
