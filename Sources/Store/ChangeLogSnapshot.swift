import Foundation
import GRDB
import Model

/// A record snapshot: one change-log row standing for every field one mutation wrote to a
/// record it created (a local creation, an import's batch, a record a pull brought new).
/// A creation logs a dozen fields or more; one row instead of one a field is most of a
/// bootstrap's and an import's cost. Rows written before snapshots existed stay as they
/// are: every reader reads both forms (`LoggedWrite`, `ChangeLogReader`).
///
/// The row: `field` is `*`, `value` a JSON object of field name to entry, in log order;
/// `hlc`, `site` and `actor` those of the greatest write; `seq` the last of a range of
/// sequence numbers, one a field, that no other row takes (its writer sets `seq` itself:
/// the first field's is `seq - count + 1`). So the entries keep the sequence numbers, clocks
/// and order they had as rows of their own, and `seq` order is still log order.
///
/// An entry is one of:
/// - a value (null, integer, real, text): its clock is the row's minus the number of
///   entries after it (a creation's fields tick the clock one after another), with the
///   row's site and actor;
/// - `[value, d]`: its clock is the row's `hlc - d` (packed), the row's site and actor;
/// - `[value, d, site]`, `[value, d, site, actor]` (actor a string or null): their own.
///
/// Reals are written with a fraction or an exponent, so they read back as reals. A blob or
/// a real that is not finite has no JSON form: such a record is logged a row a field.
///
///     {"name":"Initech","deleted":0,"domain":["initech.example",3]}
enum RecordSnapshot {
  static let field = "*"

  /// One field of a snapshot as written.
  struct Entry {
    var field: String
    var value: DatabaseValue
    var hlc: HLC
    var actor: DatabaseValue
  }

  /// Whether `value` has a JSON form here.
  static func canHold(_ value: DatabaseValue) -> Bool {
    switch value.storage {
    case .null, .int64, .string: return true
    case .double(let real): return real.isFinite
    case .blob: return false
    }
  }

  /// The row for `entries` (in log order, clocks increasing): its JSON, and the clock and
  /// actor the row carries (those of the last entry, the greatest). Precondition: every
  /// value `canHold`, at least one entry, clocks increasing.
  static func encode(_ entries: [Entry]) -> (json: String, hlc: HLC, actor: DatabaseValue) {
    precondition(!entries.isEmpty, "a snapshot holds at least one field")
    let last = entries[entries.count - 1]
    let top = UInt64(bitPattern: last.hlc.packed)
    var out: [UInt8] = []
    out.reserveCapacity(entries.count * 24)
    out.append(UInt8(ascii: "{"))
    for (index, entry) in entries.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      appendString(entry.field, to: &out)
      out.append(UInt8(ascii: ":"))
      let distance = top &- UInt64(bitPattern: entry.hlc.packed)
      let sameSite = entry.hlc.site == last.hlc.site
      let sameActor = entry.actor == last.actor
      if sameSite && sameActor && distance == UInt64(entries.count - 1 - index) {
        appendValue(entry.value, to: &out)
        continue
      }
      out.append(UInt8(ascii: "["))
      appendValue(entry.value, to: &out)
      out.append(UInt8(ascii: ","))
      out.append(contentsOf: String(distance).utf8)
      if !sameSite || !sameActor {
        out.append(UInt8(ascii: ","))
        appendString(entry.hlc.site.rawValue, to: &out)
      }
      if !sameActor {
        out.append(UInt8(ascii: ","))
        appendValue(entry.actor, to: &out)
      }
      out.append(UInt8(ascii: "]"))
    }
    out.append(UInt8(ascii: "}"))
    return (String(decoding: out, as: UTF8.self), last.hlc, last.actor)
  }

  private static func appendValue(_ value: DatabaseValue, to out: inout [UInt8]) {
    switch value.storage {
    case .null: out.append(contentsOf: "null".utf8)
    case .int64(let number): out.append(contentsOf: String(number).utf8)
    case .double(let real):
      let text = real.description
      out.append(contentsOf: text.utf8)
      if !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }) {
        out.append(contentsOf: ".0".utf8)
      }
    case .string(let text): appendString(text, to: &out)
    case .blob: preconditionFailure("a blob has no snapshot form")
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// `text` as a JSON string (also `SyncSQL.jsonArray`'s).
  static func appendString(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    // Most texts need no escape: scanned and copied whole from their storage, not byte by
    // byte through `String.UTF8View` (see `UTF8Scan`); a text without contiguous storage
    // takes the loop below.
    let copied =
      text.utf8.withContiguousStorageIfAvailable { bytes in
        guard
          bytes.allSatisfy({
            $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
          })
        else { return false }
        out.append(contentsOf: bytes)
        return true
      } ?? false
    if copied {
      out.append(UInt8(ascii: "\""))
      return
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        out.append(UInt8(ascii: "\\"))
        out.append(byte)
      case 0..<0x20:
        out.append(contentsOf: "\\u00".utf8)
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0xF)])
      default:
        out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// The writes of a snapshot row, in log order.
  static func decode(
    _ json: String, seq: Int64, mutation: String, entity: String, recordId: String, hlc: Int64,
    site: SiteID, siteIsValid: Bool, actor: DatabaseValue
  ) throws -> [LoggedWrite] {
    var text = json
    let parsed: [(String, DatabaseValue, UInt64?, SiteID?, DatabaseValue?)]? = text.withUTF8 {
      var parser = Parser(bytes: $0)
      return parser.object()
    }
    guard let parsed, !parsed.isEmpty else {
      throw StoreError.conflict("change-log entry \(seq) is not a record snapshot")
    }
    let top = UInt64(bitPattern: hlc)
    let count = parsed.count
    var writes: [LoggedWrite] = []
    writes.reserveCapacity(count)
    for (index, (field, value, distance, ownSite, ownActor)) in parsed.enumerated() {
      let after = count - 1 - index
      let packed = Int64(bitPattern: top &- (distance ?? UInt64(after)))
      writes.append(
        LoggedWrite(
          seq: seq - Int64(after), mutation: mutation, entity: entity, recordId: recordId,
          field: field, value: value, hlc: HLC(packed: packed, site: ownSite ?? site),
          siteIsValid: ownSite != nil || siteIsValid, actor: ownActor ?? actor))
    }
    return writes
  }

  /// The names of a snapshot's fields, in order.
  static func fields(_ json: String) -> [String]? {
    var text = json
    return text.withUTF8 {
      var parser = Parser(bytes: $0)
      return parser.object()?.map(\.0)
    }
  }

  /// Reads exactly the JSON `encode` writes (and any spacing around it).
  private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func object() -> [(String, DatabaseValue, UInt64?, SiteID?, DatabaseValue?)]? {
      var result: [(String, DatabaseValue, UInt64?, SiteID?, DatabaseValue?)] = []
      guard take(UInt8(ascii: "{")) else { return nil }
      if take(UInt8(ascii: "}")) { return atEnd() ? result : nil }
      repeat {
        guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "[") {
          at += 1
          guard let value = scalar(), take(UInt8(ascii: ",")), let distance = unsigned()
          else { return nil }
          var site: SiteID?
          var actor: DatabaseValue?
          if take(UInt8(ascii: ",")) {
            guard let text = string(), let own = SiteID(rawValue: text) else { return nil }
            site = own
            if take(UInt8(ascii: ",")) {
              guard let own = scalar(), own.isNull || String.fromDatabaseValue(own) != nil
              else { return nil }
              actor = own
            }
          }
          guard take(UInt8(ascii: "]")) else { return nil }
          result.append((key, value, distance, site, actor))
        } else {
          guard let value = scalar() else { return nil }
          result.append((key, value, nil, nil, nil))
        }
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")), atEnd() else { return nil }
      return result
    }

    private mutating func atEnd() -> Bool {
      skipSpace()
      return at == bytes.count
    }

    private mutating func skipSpace() {
      while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
      skipSpace()
      guard at < bytes.count, bytes[at] == byte else { return false }
      at += 1
      return true
    }

    private mutating func scalar() -> DatabaseValue? {
      skipSpace()
      guard at < bytes.count else { return nil }
      switch bytes[at] {
      case UInt8(ascii: "\""):
        return string()?.databaseValue
      case UInt8(ascii: "n"):
        guard at + 4 <= bytes.count, bytes[at + 1] == UInt8(ascii: "u"),
          bytes[at + 2] == UInt8(ascii: "l"), bytes[at + 3] == UInt8(ascii: "l")
        else { return nil }
        at += 4
        return .null
      default:
        return number()
      }
    }

    private mutating func number() -> DatabaseValue? {
      let start = at
      var isReal = false
      while at < bytes.count {
        let byte = bytes[at]
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-") {
          at += 1
        } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
          || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+")
        {
          isReal = true
          at += 1
        } else {
          break
        }
      }
      guard at > start else { return nil }
      let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
      if isReal { return Double(text).map { $0.databaseValue } }
      return Int64(text).map { $0.databaseValue }
    }

    private mutating func unsigned() -> UInt64? {
      skipSpace()
      let start = at
      var value: UInt64 = 0
      while at < bytes.count, bytes[at] >= UInt8(ascii: "0"), bytes[at] <= UInt8(ascii: "9") {
        let (times, overflow) = value.multipliedReportingOverflow(by: 10)
        let (sum, carry) = times.addingReportingOverflow(UInt64(bytes[at] - UInt8(ascii: "0")))
        guard !overflow, !carry else { return nil }
        value = sum
        at += 1
      }
      return at > start ? value : nil
    }

    private mutating func string() -> String? {
      skipSpace()
      guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
      at += 1
      let start = at
      while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") {
        at += 1
      }
      guard at < bytes.count else { return nil }
      if bytes[at] == UInt8(ascii: "\"") {
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        at += 1
        return text
      }
      // Escapes: byte by byte from the start.
      var out = Array(bytes[start..<at])
      while at < bytes.count {
        let byte = bytes[at]
        at += 1
        if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
        guard byte == UInt8(ascii: "\\") else {
          out.append(byte)
          continue
        }
        guard at < bytes.count else { return nil }
        let escape = bytes[at]
        at += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          guard var scalar = hex4() else { return nil }
          if (0xD800..<0xDC00).contains(scalar) {
            guard take(UInt8(ascii: "\\")), at < bytes.count, bytes[at] == UInt8(ascii: "u")
            else { return nil }
            at += 1
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let unicode = Unicode.Scalar(scalar) else { return nil }
          out.append(contentsOf: String(Character(unicode)).utf8)
        default:
          return nil
        }
      }
      return nil
    }

    private mutating func hex4() -> UInt32? {
      guard at + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[at]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt32(digit)
        at += 1
      }
      return value
    }
  }
}
