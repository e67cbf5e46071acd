import Foundation
import Model

/// The values the sync client and the TUI read from and give to the Store's side of sync
/// (`SyncPending.swift`, `SyncApply.swift`, `SyncRefusals.swift`, `SyncJoin.swift`).

/// One local mutation not yet acknowledged by the server, with its change-log entries.
public struct PendingMutation: Sendable, Hashable {
  /// `mutations.seq`: the client's sequence number of the push.
  public var seq: Int64
  public var id: String
  public var label: String
  /// Its change-log rows in log order, typed, each clock with its site.
  public var changes: [FieldChange]

  public init(seq: Int64, id: String, label: String, changes: [FieldChange]) {
    self.seq = seq
    self.id = id
    self.label = label
    self.changes = changes
  }
}

/// Who this database syncs as, and with which server.
public struct SyncAccount: Sendable, Hashable, Codable {
  /// Base URL, e.g. http://127.0.0.1:8080.
  public var server: String
  public var userId: String
  public var teamId: String
  public var name: String
  public var email: String
  public var role: Role

  public init(
    server: String, userId: String, teamId: String, name: String, email: String, role: Role
  ) {
    self.server = server
    self.userId = userId
    self.teamId = teamId
    self.name = name
    self.email = email
    self.role = role
  }
}

public struct SyncStatus: Sendable, Hashable {
  public var account: SyncAccount?
  /// Local mutations waiting to be pushed.
  public var pending: Int
  /// The last server sequence number pulled.
  public var cursor: Int64
  public var lastSyncAt: Date?
  /// Refused changes the user has not dealt with.
  public var refusals: Int
  /// Conflicts not yet dismissed.
  public var conflicts: Int

  public init(
    account: SyncAccount?, pending: Int, cursor: Int64, lastSyncAt: Date?, refusals: Int,
    conflicts: Int
  ) {
    self.account = account
    self.pending = pending
    self.cursor = cursor
    self.lastSyncAt = lastSyncAt
    self.refusals = refusals
    self.conflicts = conflicts
  }
}

/// A local change the server refused, reverted here until the user redoes or drops it.
public struct SyncRefusal: Sendable, Hashable, Identifiable {
  /// The refused mutation's id.
  public var id: String
  public var label: String
  public var reason: String
  public var at: Date
  /// What it tried to write.
  public var changes: [FieldChange]

  public init(id: String, label: String, reason: String, at: Date, changes: [FieldChange]) {
    self.id = id
    self.label = label
    self.reason = reason
    self.at = at
    self.changes = changes
  }
}

/// A local write that another replica's later write beat: what was mine, what won.
public struct SyncConflict: Sendable, Hashable, Identifiable {
  public var id: Int64
  public var entity: String
  public var recordId: String
  public var recordTitle: String?
  public var field: String
  public var mine: FieldValue
  public var theirs: FieldValue
  /// The winner's user id (its name is in the users table).
  public var theirActor: String?
  public var at: Date

  public init(
    id: Int64, entity: String, recordId: String, recordTitle: String?, field: String,
    mine: FieldValue, theirs: FieldValue, theirActor: String?, at: Date
  ) {
    self.id = id
    self.entity = entity
    self.recordId = recordId
    self.recordTitle = recordTitle
    self.field = field
    self.mine = mine
    self.theirs = theirs
    self.theirActor = theirActor
    self.at = at
  }
}

/// What someone else did to one record, for a notice like "Ada moved ACME renewal to
/// Negotiation".
public struct RemoteNotice: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    case created, edited, deleted
    /// A deal moved; the stage's name.
    case moved(toStage: String)
  }

  public var kind: Kind
  public var entity: String
  public var recordId: String
  public var title: String
  public var actorName: String?

  public init(kind: Kind, entity: String, recordId: String, title: String, actorName: String?) {
    self.kind = kind
    self.entity = entity
    self.recordId = recordId
    self.title = title
    self.actorName = actorName
  }
}

/// What one pulled page did to the database.
public struct PullApplyReport: Sendable, Hashable {
  /// Changes that won and were written.
  public var applied: Int
  /// Changes older than, or equal to, what their field holds.
  public var ignored: Int
  /// Records that could not be applied, each with why (an unknown entity or field, a new
  /// record without its required fields, a value of the wrong kind).
  public var skipped: [String]
  public var conflicts: [SyncConflict]
  /// At most one per record changed by someone else, at most `Store.noticeLimit` a page.
  public var notices: [RemoteNotice]

  public init(
    applied: Int = 0, ignored: Int = 0, skipped: [String] = [], conflicts: [SyncConflict] = [],
    notices: [RemoteNotice] = []
  ) {
    self.applied = applied
    self.ignored = ignored
    self.skipped = skipped
    self.conflicts = conflicts
    self.notices = notices
  }
}
