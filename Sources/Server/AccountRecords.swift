import Foundation
import GRDB
import Model
import Sync

/// A row of `users` (see `AccountsSchema`).
struct UserRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "users"

  var id: String
  var teamId: String
  var email: String
  var name: String
  var passwordHash: String
  var role: Role
  var active: Bool
  var createdAt: Date
  var updatedAt: Date

  var info: UserInfo {
    UserInfo(id: id, teamId: teamId, email: email, name: name, role: role, active: active)
  }

  var identity: AuthenticatedUser {
    AuthenticatedUser(userId: id, teamId: teamId, role: role, name: name)
  }
}

/// A row of `invites`.
struct InviteRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "invites"

  var code: String
  var teamId: String
  var email: String
  var role: Role
  var createdBy: String
  var createdAt: Date
  var expiresAt: Date
  var usedBy: String?
  var revokedAt: Date?

  var info: InviteInfo {
    InviteInfo(
      code: code, email: email, role: role, expiresAt: expiresAt, used: usedBy != nil,
      revoked: revokedAt != nil)
  }
}

/// A row of `refresh_tokens`: only the token's hash is kept.
struct RefreshTokenRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "refresh_tokens"

  var hash: String
  var userId: String
  var createdAt: Date
  var expiresAt: Date
  var revokedAt: Date?
  var replacedBy: String?
}

/// A row of `teams`.
struct TeamRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "teams"

  var id: String
  var name: String
  var createdAt: Date
}
