import Foundation
import Model
import Sync

/// The checks a pushed change must pass before permissions and merging: it says who sent
/// it (its clock's site), it is not from the future, and its names and value have a shape
/// the server stores. Each failure is a `Refusal` naming the record and field.
enum SyncValidation {
  static let maxNameBytes = 64
  /// Ids are UUIDv7s, and a link's id joins the two it links with ":" (a deal's contact is
  /// "DEAL:CONTACT", 73 bytes).
  static let maxIdBytes = 128
  static let maxValueBytes = 1 << 20

  /// The refusals of one change (empty: it is well formed).
  static func refusals(
    of change: FieldChange, site: SiteID, wallMillis: UInt64, maxDriftMillis: UInt64
  ) -> [Refusal] {
    var found: [Refusal] = []
    func refuse(_ reason: String) {
      found.append(
        Refusal(entity: change.entity, id: change.id, field: change.field, reason: reason))
    }
    let what = "\(change.entity) \(change.id) field \(change.field)"
    guard let entity = SyncEntity(rawValue: change.entity) else {
      refuse("unknown entity \"\(clip(change.entity))\"")
      return found
    }
    if !isSaneId(change.id) {
      refuse(
        "\(entity.rawValue) id \"\(clip(change.id))\" is not 1-128 letters, digits, -, _ or :")
    }
    if !isSaneField(change.field) {
      refuse(
        "\(entity.rawValue) field name \"\(clip(change.field))\" is not a letter then up to 63 letters, digits or _"
      )
    }
    if change.hlc.site != site {
      refuse(
        "\(what): its clock carries site \(change.hlc.site), not the pushing site \(site)")
    }
    if change.hlc.millis > wallMillis &+ maxDriftMillis {
      let ahead = Double(change.hlc.millis - wallMillis) / 1000
      refuse(
        "\(what): its clock \(change.hlc) is \(String(format: "%.1f", ahead)) s ahead of the server's clock (at most \(maxDriftMillis / 1000) s)"
      )
    }
    let valueBytes: Int
    switch change.value {
    case .text(let text): valueBytes = text.utf8.count
    case .blob(let bytes): valueBytes = bytes.count
    default: valueBytes = 0
    }
    if valueBytes > maxValueBytes {
      refuse("\(what): the value is longer than \(maxValueBytes) bytes")
    }
    if change.field == entity.ownerField || change.field == entity.dealField {
      switch change.value {
      case .null where change.field == entity.ownerField: break
      case .text(let id) where isSaneId(id): break
      default:
        refuse("\(what): must be a record id\(change.field == entity.ownerField ? " or null" : "")")
      }
    }
    if change.field == "deleted" {
      switch change.value {
      case .integer(0), .integer(1): break
      default: refuse("\(what): must be 0 or 1")
      }
    }
    return found
  }

  static func isSaneId(_ id: String) -> Bool {
    let bytes = id.utf8
    guard !bytes.isEmpty, bytes.count <= maxIdBytes else { return false }
    return bytes.allSatisfy {
      isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ":")
    }
  }

  static func isSaneField(_ field: String) -> Bool {
    let bytes = field.utf8
    guard let first = bytes.first, bytes.count <= maxNameBytes, isLetter(first) else {
      return false
    }
    return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "_") }
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }

  private static func isAlnum(_ byte: UInt8) -> Bool {
    isLetter(byte) || (byte >= 0x30 && byte <= 0x39)
  }

  /// At most 40 characters of a hostile name, for a message.
  private static func clip(_ text: String) -> String {
    let printable = String(
      text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(40))
    return text.count > 40 ? printable + "…" : printable
  }
}
