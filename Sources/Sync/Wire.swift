import Foundation
import Model

// The sync protocol's messages, shared by `crm` and `crm-server`. JSON, keys in camelCase,
// dates as ISO 8601, clocks as `HLC.description`. Changing a shape here changes the
// protocol: add fields as optionals, never repurpose one.

/// One mutation of a client: the field changes one local transaction wrote, with the
/// client's own sequence number, so a retried push is applied once.
public struct PushMutation: Codable, Sendable, Hashable {
  /// The client's sequence number for this mutation (its local `mutations.seq`):
  /// increasing per site, never reused.
  public var seq: Int64
  /// The mutation's UUIDv7.
  public var id: String
  /// What the user did ("Move ACME renewal to Negotiation").
  public var label: String
  public var changes: [FieldChange]

  public init(seq: Int64, id: String, label: String, changes: [FieldChange]) {
    self.seq = seq
    self.id = id
    self.label = label
    self.changes = changes
  }
}

/// `POST /v1/sync/push`.
public struct PushRequest: Codable, Sendable, Hashable {
  /// The sending replica. Every change's clock must carry this site.
  public var site: SiteID
  public var mutations: [PushMutation]

  public init(site: SiteID, mutations: [PushMutation]) {
    self.site = site
    self.mutations = mutations
  }
}

/// What became of one pushed mutation. A mutation is applied whole or not at all.
public struct PushResult: Codable, Sendable, Hashable {
  public enum Status: String, Codable, Sendable {
    /// Applied now: its changes have server sequence numbers (some may have lost to later
    /// writes; the client learns the winners by pulling).
    case accepted
    /// Applied by an earlier push of the same (site, seq): nothing was done again.
    case duplicate
    /// Not applied; `reason` and `refusals` say why. The client reverts it and shows it.
    case refused
  }

  public var seq: Int64
  public var status: Status
  public var reason: String?
  public var refusals: [Refusal]?
  /// For a refused mutation: the server's current write (value, clock, actor) of every
  /// field the mutation tried to change, of records the server holds. The client sets the
  /// fields back to these rather than to its own older values, which may predate a remote
  /// write it skipped because its own pending edit was newer.
  public var current: [FieldChange]?

  public init(
    seq: Int64, status: Status, reason: String? = nil, refusals: [Refusal]? = nil,
    current: [FieldChange]? = nil
  ) {
    self.seq = seq
    self.status = status
    self.reason = reason
    self.refusals = refusals
    self.current = current
  }
}

/// Why one change of a refused mutation was refused.
public struct Refusal: Codable, Sendable, Hashable {
  public var entity: String
  public var id: String
  public var field: String?
  public var reason: String

  public init(entity: String, id: String, field: String? = nil, reason: String) {
    self.entity = entity
    self.id = id
    self.field = field
    self.reason = reason
  }
}

/// The answer to a push.
public struct PushResponse: Codable, Sendable, Hashable {
  /// One result per pushed mutation, in the order sent.
  public var results: [PushResult]
  /// The server's clock after the push: the client folds it into its own.
  public var serverClock: HLC
  /// The server's latest sequence number.
  public var latestSeq: Int64

  public init(results: [PushResult], serverClock: HLC, latestSeq: Int64) {
    self.results = results
    self.serverClock = serverClock
    self.latestSeq = latestSeq
  }
}

/// `GET /v1/sync/pull?cursor=N&limit=M`: the changes after `cursor`, a page of whole
/// records at a time. Each record in the page comes with every field of it that changed
/// after the cursor, so a new client (cursor 0) receives every record complete: the pull
/// from 0 is the snapshot.
public struct PullResponse: Codable, Sendable, Hashable {
  public var changes: [FieldChange]
  /// Pass this as the next request's cursor.
  public var cursor: Int64
  /// Whether more pages follow.
  public var more: Bool
  public var serverClock: HLC

  public init(changes: [FieldChange], cursor: Int64, more: Bool, serverClock: HLC) {
    self.changes = changes
    self.cursor = cursor
    self.more = more
    self.serverClock = serverClock
  }
}

/// What the WebSocket at `/v1/events` sends: new changes exist up to `latestSeq`.
public struct ChangesEvent: Codable, Sendable, Hashable {
  public var type: String
  public var latestSeq: Int64

  public init(latestSeq: Int64) {
    self.type = "changes"
    self.latestSeq = latestSeq
  }
}

// MARK: Accounts

/// `POST /v1/auth/signup`. Without `invite`, creates a new team (named `teamName`, else after
/// the user) whose admin the user becomes; with it, joins the inviting team in the invite's
/// role.
public struct SignupRequest: Codable, Sendable, Hashable {
  public var email: String
  public var name: String
  public var password: String
  public var invite: String?
  public var teamName: String?

  public init(
    email: String, name: String, password: String, invite: String? = nil,
    teamName: String? = nil
  ) {
    self.email = email
    self.name = name
    self.password = password
    self.invite = invite
    self.teamName = teamName
  }
}

/// `POST /v1/auth/login`.
public struct LoginRequest: Codable, Sendable, Hashable {
  public var email: String
  public var password: String

  public init(email: String, password: String) {
    self.email = email
    self.password = password
  }
}

/// `POST /v1/auth/refresh` and `POST /v1/auth/logout`.
public struct RefreshRequest: Codable, Sendable, Hashable {
  public var refreshToken: String

  public init(refreshToken: String) { self.refreshToken = refreshToken }
}

/// A user as the server describes them.
public struct UserInfo: Codable, Sendable, Hashable {
  public var id: String
  public var teamId: String
  public var email: String
  public var name: String
  public var role: Role
  public var active: Bool

  public init(
    id: String, teamId: String, email: String, name: String, role: Role, active: Bool
  ) {
    self.id = id
    self.teamId = teamId
    self.email = email
    self.name = name
    self.role = role
    self.active = active
  }
}

/// The answer to signup, login and refresh. The refresh token is single use: refresh
/// answers with a new one.
public struct TokenResponse: Codable, Sendable, Hashable {
  public var accessToken: String
  public var refreshToken: String
  /// Seconds the access token is valid for.
  public var expiresIn: Int
  public var user: UserInfo

  public init(accessToken: String, refreshToken: String, expiresIn: Int, user: UserInfo) {
    self.accessToken = accessToken
    self.refreshToken = refreshToken
    self.expiresIn = expiresIn
    self.user = user
  }
}

/// `PATCH /v1/me`: fields left nil stay. A new password needs the current one.
public struct ProfilePatch: Codable, Sendable, Hashable {
  public var name: String?
  public var password: String?
  public var currentPassword: String?

  public init(name: String? = nil, password: String? = nil, currentPassword: String? = nil) {
    self.name = name
    self.password = password
    self.currentPassword = currentPassword
  }
}

/// `POST /v1/invites` (admins).
public struct InviteRequest: Codable, Sendable, Hashable {
  public var email: String
  public var role: Role

  public init(email: String, role: Role) {
    self.email = email
    self.role = role
  }
}

public struct InviteInfo: Codable, Sendable, Hashable {
  public var code: String
  public var email: String
  public var role: Role
  public var expiresAt: Date
  public var used: Bool
  public var revoked: Bool

  public init(
    code: String, email: String, role: Role, expiresAt: Date, used: Bool, revoked: Bool
  ) {
    self.code = code
    self.email = email
    self.role = role
    self.expiresAt = expiresAt
    self.used = used
    self.revoked = revoked
  }
}

/// `PATCH /v1/users/{id}` (admins): a new role, or `active: false` to deactivate.
public struct UserPatch: Codable, Sendable, Hashable {
  public var role: Role?
  public var active: Bool?

  public init(role: Role? = nil, active: Bool? = nil) {
    self.role = role
    self.active = active
  }
}

/// An error answer, RFC 9457 `application/problem+json`. `field` names the request field
/// that was wrong, where one was.
public struct Problem: Codable, Sendable, Hashable, Error {
  public var type: String
  public var title: String
  public var status: Int
  public var detail: String?
  public var field: String?

  public init(
    type: String = "about:blank", title: String, status: Int, detail: String? = nil,
    field: String? = nil
  ) {
    self.type = type
    self.title = title
    self.status = status
    self.detail = detail
    self.field = field
  }
}

/// One JSON coder setup for both ends: ISO 8601 dates, sorted keys (stable output).
public enum WireJSON {
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  public static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }
}
