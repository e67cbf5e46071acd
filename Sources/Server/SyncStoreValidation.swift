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
    // SQLite's text binding ends at a NUL: stored, the text would come back cut short. No
    // field of a record may hold one (the client refuses it in every form), so it is refused
    // rather than silently shortened.
    if case .text(let text) = change.value, text.utf8.contains(0) {
      refuse("\(what): the text holds a NUL character (U+0000)")
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

  /// The fields naming a user, by entity: owners, assignees, authors and who moved a deal.
  /// A pushed value must be null, or an id that names no other team's user and no
  /// deactivated one (`userRefusal`).
  static func userField(of entity: SyncEntity, _ field: String) -> Bool {
    switch (entity, field) {
    case (.deal, "ownerId"), (.contact, "ownerId"), (.company, "ownerId"),
      (.activity, "assigneeId"), (.note, "authorId"), (.stageChange, "byUserId"):
      return true
    default:
      return false
    }
  }

  /// How the server knows a user id a change names.
  enum Member {
    /// An active user of the sender's team.
    case active
    /// A user of the sender's team who was deactivated.
    case inactive
    /// A user of another team.
    case otherTeam
    /// No user the server has. (A database merging its local work into a team rewrites its
    /// local users as the joining one before its first push: `Store.joinTeam`.)
    case unknown
  }

  /// The refusal of a change to a user field whose value names a user of another team, a
  /// deactivated one or no user at all (`member` says which an id is), or is not an id; nil
  /// for other fields, for null and for active members.
  static func userRefusal(of change: FieldChange, member: (String) throws -> Member)
    rethrows -> Refusal?
  {
    guard let entity = SyncEntity(rawValue: change.entity), userField(of: entity, change.field)
    else { return nil }
    let what = "\(change.entity) \(change.id) field \(change.field)"
    func refusal(_ reason: String) -> Refusal {
      Refusal(entity: change.entity, id: change.id, field: change.field, reason: reason)
    }
    switch change.value {
    case .null:
      return nil
    case .text(let id) where isSaneId(id):
      switch try member(id) {
      case .active: return nil
      case .inactive: return refusal("\(what): user \(id) is deactivated")
      case .otherTeam, .unknown:
        return refusal("\(what): user \(id) is not a member of the team")
      }
    default:
      return refusal("\(what): must be a user id or null")
    }
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
