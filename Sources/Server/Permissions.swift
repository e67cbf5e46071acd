import Model

/// The kinds of record the server accepts, by their change-log names (as the client's
/// `Entity` spells them), with the field that says who owns a record of each.
public enum SyncEntity: String, CaseIterable, Sendable {
  case user, pipeline, stage, deal, stageChange, contact, company, activity, note, dealContact
  case report

  /// The field naming the record's owner: deal, contact and company `ownerId`, activity
  /// `assigneeId`, note `authorId`. nil: ownership is the creator's (report) or the deal's
  /// (stageChange, dealContact), or the record is admin-only.
  public var ownerField: String? {
    switch self {
    case .deal, .contact, .company: return "ownerId"
    case .activity: return "assigneeId"
    case .note: return "authorId"
    default: return nil
    }
  }

  /// For rows that belong to a deal, the field holding the deal's id.
  public var dealField: String? {
    switch self {
    case .stageChange, .dealContact: return "dealId"
    default: return nil
    }
  }
}

/// Who owns a record as the server holds it before a change.
struct RecordOwnership: Sendable, Hashable {
  /// The owner field's value (nil when NULL or the entity has none).
  var ownerId: String?
  /// The user whose push created the record on the server.
  var createdBy: String?

  /// The user the record counts as owned by: its owner, else its creator.
  var effectiveOwner: String? { ownerId ?? createdBy }
}

/// What each role may change (checked on every change of a push):
///
/// - admin: everything (but `user` records, which only the server writes).
/// - manager: every record but users, pipelines and stages.
/// - rep: creates any record but those; edits and deletes only the deals, contacts,
///   companies and activities they own, the notes they wrote, the saved reports they
///   created, and the stage changes and deal contacts of deals they own. A record with no
///   owner counts as its creator's. The owner before the change decides, so an owner may
///   hand a record to someone else.
enum Permissions {
  /// nil if `user` may make a change to `entity` record `id`; else the reason, naming the
  /// record. `existing` is the record's ownership on the server (nil: the change creates
  /// it). `deal` is the ownership of the deal a stage change or deal contact belongs to
  /// (nil: that deal is not on the server, or the deal is created by this same mutation,
  /// in which case `dealIsNew` is true).
  static func refusal(
    user: AuthenticatedUser, entity: SyncEntity, id: String, existing: RecordOwnership?,
    dealId: String?, deal: RecordOwnership?, dealIsNew: Bool
  ) -> String? {
    switch entity {
    case .user:
      return "user \(id): users are the server's records; change them through the accounts API"
    case .pipeline, .stage:
      guard user.role == .admin else {
        return "\(entity.rawValue) \(id): only an admin may change pipelines and stages"
      }
      return nil
    default:
      break
    }
    guard user.role == .rep else { return nil }
    if let dealField = entity.dealField {
      if dealIsNew { return nil }
      guard let dealId else {
        return "\(entity.rawValue) \(id): has no \(dealField)"
      }
      guard let deal else {
        return "\(entity.rawValue) \(id): deal \(dealId) is not on the server"
      }
      guard deal.effectiveOwner == user.userId else {
        return
          "\(entity.rawValue) \(id): deal \(dealId) belongs to another user; a rep may change only their own deals"
      }
      return nil
    }
    guard let existing else { return nil }
    guard existing.effectiveOwner == user.userId else {
      let what = entity == .note ? "was written by" : "belongs to"
      return
        "\(entity.rawValue) \(id) \(what) another user; a rep may change only their own"
    }
    return nil
  }
}
