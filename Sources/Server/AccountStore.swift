import Foundation
import GRDB
import Model
import Sync

/// The accounts' reads and writes on the server's database, each one transaction, named
/// for what it means. Errors a user can fix are `Problem`s naming the field.
///
/// ```swift
/// let store = Accounts.store(services)
/// let user = try store.signup(request, passwordHash: hash)
/// ```
struct AccountStore: Sendable {
  /// How long an invite stays usable.
  static let inviteLifetime: TimeInterval = 7 * 86_400

  let pool: DatabasePool
  /// Writes a user as a `user` record of the sync log, in the same transaction, so clients
  /// learn the team's users by pulling; answers the latest server sequence.
  let publish: @Sendable (Database, UserInfo) throws -> Int64
  /// After the commit: tells the team's connected clients to pull (team, latest sequence).
  let announce: @Sendable (String, Int64) -> Void
  let refreshLifetime: TimeInterval
  let now: @Sendable () -> Date

  /// The case-folded form addresses are kept and compared in.
  static func fold(_ email: String) -> String {
    email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
  }

  // MARK: Signup, login, refresh

  func emailTaken(_ email: String) throws -> Bool {
    try pool.read { db in
      try UserRow.filter(Column("email") == Self.fold(email)).fetchCount(db) > 0
    }
  }

  /// Creates the user: in a new team whose admin they are, or, with an invite, in the
  /// invite's team and role (the invite is then used up).
  func signup(_ request: SignupRequest, passwordHash: String) throws -> UserRow {
    let email = Self.fold(request.email)
    let at = now()
    let (user, seq) = try write { db -> (UserRow, Int64) in
      if try UserRow.filter(Column("email") == email).fetchCount(db) > 0 {
        throw Problem.conflict("\(email) already has an account", field: "email")
      }
      let userId = UUIDv7.generate(now: at)
      let teamId: String
      let role: Role
      var invite: InviteRow?
      if let code = request.invite {
        let found = try usableInvite(db, code: code, email: email, at: at)
        invite = found
        teamId = found.teamId
        role = found.role
      } else {
        teamId = UUIDv7.generate(now: at)
        let name = request.teamName.map(Self.trimmed) ?? "\(Self.trimmed(request.name))'s team"
        try TeamRow(id: teamId, name: name, createdAt: at).insert(db)
        role = .admin
      }
      let user = UserRow(
        id: userId, teamId: teamId, email: email, name: Self.trimmed(request.name),
        passwordHash: passwordHash, role: role, active: true, createdAt: at, updatedAt: at)
      try user.insert(db)
      if var invite {
        // Used up once the user exists (usedBy references them).
        invite.usedBy = userId
        try invite.update(db)
      }
      return (user, try publish(db, user.info))
    }
    announce(user.teamId, seq)
    return user
  }

  private func usableInvite(_ db: Database, code: String, email: String, at: Date) throws
    -> InviteRow
  {
    guard let invite = try InviteRow.fetchOne(db, key: code) else {
      throw Problem.badRequest("is not an invite code of this server", field: "invite")
    }
    if invite.revokedAt != nil {
      throw Problem.badRequest("has been revoked", field: "invite")
    }
    if invite.usedBy != nil {
      throw Problem.badRequest("has already been used", field: "invite")
    }
    if invite.expiresAt <= at {
      throw Problem.badRequest("has expired", field: "invite")
    }
    if invite.email != email {
      throw Problem.badRequest("was made for another email address", field: "invite")
    }
    return invite
  }

  /// The user with this address, active or not; nil if there is none.
  func user(email: String) throws -> UserRow? {
    try pool.read { db in
      try UserRow.filter(Column("email") == Self.fold(email)).fetchOne(db)
    }
  }

  func user(id: String) throws -> UserRow? {
    try pool.read { db in try UserRow.fetchOne(db, key: id) }
  }

  /// A new refresh token for the user; only its hash is kept.
  func issueRefreshToken(userId: String) throws -> String {
    try write { db in try insertRefreshToken(db, userId: userId, at: now()) }
  }

  private func insertRefreshToken(_ db: Database, userId: String, at: Date) throws -> String {
    let token = AccountSecrets.refreshToken()
    try RefreshTokenRow(
      hash: AccountSecrets.hash(token), userId: userId, createdAt: at,
      expiresAt: at.addingTimeInterval(refreshLifetime), revokedAt: nil, replacedBy: nil
    ).insert(db)
    return token
  }

  /// Trades a live refresh token for a new one (the old one is revoked, pointing to its
  /// successor), for an active user. Two refreshes racing with one token: one wins.
  func rotate(refreshToken: String) throws -> (user: UserRow, refreshToken: String) {
    let hash = AccountSecrets.hash(refreshToken)
    let at = now()
    return try write { db in
      guard var row = try RefreshTokenRow.fetchOne(db, key: hash), row.revokedAt == nil,
        row.expiresAt > at
      else { throw Problem.unauthorized("the refresh token is not valid; log in again") }
      guard let user = try UserRow.fetchOne(db, key: row.userId), user.active else {
        throw Problem.unauthorized("the account has been deactivated")
      }
      let next = try insertRefreshToken(db, userId: user.id, at: at)
      row.revokedAt = at
      row.replacedBy = AccountSecrets.hash(next)
      try row.update(db)
      return (user, next)
    }
  }

  /// Revokes a refresh token; unknown or already revoked tokens are left as they are.
  func revoke(refreshToken: String) throws {
    let hash = AccountSecrets.hash(refreshToken)
    let at = now()
    try write { db in
      try db.execute(
        sql: "UPDATE refresh_tokens SET revokedAt = ? WHERE hash = ? AND revokedAt IS NULL",
        arguments: [at, hash])
    }
  }

  // MARK: Profile

  func updateProfile(userId: String, name: String?, passwordHash: String?) throws -> UserRow {
    let at = now()
    let (user, seq) = try write { db -> (UserRow, Int64?) in
      guard var user = try UserRow.fetchOne(db, key: userId) else {
        throw Problem.unauthorized("the account no longer exists")
      }
      let renamed = name.map(Self.trimmed).flatMap { $0 == user.name ? nil : $0 }
      if let renamed { user.name = renamed }
      if let passwordHash { user.passwordHash = passwordHash }
      guard renamed != nil || passwordHash != nil else { return (user, nil) }
      user.updatedAt = at
      try user.update(db)
      var seq: Int64?
      if renamed != nil { seq = try publish(db, user.info) }
      if passwordHash != nil {
        // A new password signs every other session out.
        try db.execute(
          sql: "UPDATE refresh_tokens SET revokedAt = ? WHERE userId = ? AND revokedAt IS NULL",
          arguments: [at, userId])
      }
      return (user, seq)
    }
    if let seq { announce(user.teamId, seq) }
    return user
  }

  // MARK: Invites

  func createInvite(team: String, by userId: String, email: String, role: Role) throws
    -> InviteRow
  {
    let email = Self.fold(email)
    let at = now()
    return try write { db in
      if try UserRow.filter(Column("email") == email).fetchCount(db) > 0 {
        throw Problem.conflict("\(email) already has an account", field: "email")
      }
      let invite = InviteRow(
        code: AccountSecrets.inviteCode(), teamId: team, email: email, role: role,
        createdBy: userId, createdAt: at, expiresAt: at.addingTimeInterval(Self.inviteLifetime),
        usedBy: nil, revokedAt: nil)
      try invite.insert(db)
      return invite
    }
  }

  /// The team's invites, newest first.
  func invites(team: String) throws -> [InviteRow] {
    try pool.read { db in
      try InviteRow.filter(Column("teamId") == team)
        .order(Column("createdAt").desc, Column("code")).fetchAll(db)
    }
  }

  /// Revokes an unused invite of the team; revoking twice is harmless.
  func revokeInvite(team: String, code: String) throws -> InviteRow {
    let at = now()
    return try write { db in
      guard var invite = try InviteRow.fetchOne(db, key: code), invite.teamId == team else {
        throw Problem.notFound("no invite \(code) in this team")
      }
      if invite.usedBy != nil {
        throw Problem.conflict("the invite has already been used")
      }
      if invite.revokedAt == nil {
        invite.revokedAt = at
        try invite.update(db)
      }
      return invite
    }
  }

  // MARK: Users

  func users(team: String) throws -> [UserRow] {
    try pool.read { db in
      try UserRow.filter(Column("teamId") == team).order(Column("id")).fetchAll(db)
    }
  }

  /// An admin's change of a team member: a new role, deactivation (which revokes their
  /// refresh tokens; their access tokens fail at once, as the token middleware reads
  /// `active`) or reactivation. The team always keeps an active admin.
  func updateUser(team: String, id: String, patch: UserPatch) throws -> UserRow {
    let at = now()
    let (user, seq) = try write { db -> (UserRow, Int64?) in
      guard var user = try UserRow.fetchOne(db, key: id), user.teamId == team else {
        throw Problem.notFound("no user \(id) in this team")
      }
      let role = patch.role ?? user.role
      let active = patch.active ?? user.active
      guard role != user.role || active != user.active else { return (user, nil) }
      if user.role == .admin, user.active, role != .admin || !active {
        let admins = try UserRow.filter(
          Column("teamId") == team && Column("role") == Role.admin.rawValue
            && Column("active") == true
        ).fetchCount(db)
        if admins <= 1 {
          throw Problem.conflict(
            "\(user.name) is the team's last admin; make someone else admin first",
            field: role != .admin ? "role" : "active")
        }
      }
      user.role = role
      user.active = active
      user.updatedAt = at
      try user.update(db)
      if !active {
        try db.execute(
          sql: "UPDATE refresh_tokens SET revokedAt = ? WHERE userId = ? AND revokedAt IS NULL",
          arguments: [at, id])
      }
      return (user, try publish(db, user.info))
    }
    if let seq { announce(team, seq) }
    return user
  }

  // MARK: Helpers

  /// A write whose unique-constraint failure (two signups with one address at once) is
  /// the 409 the check inside would have answered.
  private func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.write(body)
    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
      throw Problem.conflict("the address already has an account", field: "email")
    }
  }

  static func trimmed(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
