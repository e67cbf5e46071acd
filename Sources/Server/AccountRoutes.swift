import Foundation
import Hummingbird
import Model
import Sync

/// The protected account routes: the caller's own profile (`GET`/`PATCH /v1/me`) and the
/// admin's team management (`/v1/invites`, `/v1/users`); anyone else gets 403.
///
/// ```swift
/// AccountRoutes(store: store, hasher: hasher).register(on: protected)
/// ```
struct AccountRoutes: Sendable {
  let store: AccountStore
  let hasher: PasswordHasher

  func register(on group: RouterGroup<ServerContext>) {
    group.get("v1/me") { _, context in
      try AccountJSON.response(try current(context).info)
    }
    group.patch("v1/me") { request, context in
      try await patchMe(request, context: context)
    }
    group.post("v1/invites") { request, context in
      let admin = try Self.admin(context, "invite")
      let body = try await request.decodeJSON(as: InviteRequest.self, context: context)
      try AccountValidation.email(body.email)
      let invite = try store.createInvite(
        team: admin.teamId, by: admin.userId, email: body.email, role: body.role)
      return try AccountJSON.response(invite.info, status: .created)
    }
    group.get("v1/invites") { _, context in
      let admin = try Self.admin(context, "list invites")
      return try AccountJSON.response(try store.invites(team: admin.teamId).map(\.info))
    }
    group.delete("v1/invites/:code") { _, context in
      let admin = try Self.admin(context, "revoke invites")
      let code = try context.parameters.require("code")
      return try AccountJSON.response(try store.revokeInvite(team: admin.teamId, code: code).info)
    }
    group.get("v1/users") { _, context in
      let admin = try Self.admin(context, "list users")
      return try AccountJSON.response(try store.users(team: admin.teamId).map(\.info))
    }
    group.patch("v1/users/:id") { request, context in
      let admin = try Self.admin(context, "change users")
      let id = try context.parameters.require("id")
      let patch = try await request.decodeJSON(as: UserPatch.self, context: context)
      let user = try store.updateUser(team: admin.teamId, id: id, patch: patch)
      context.logger.info(
        "user changed",
        metadata: [
          "by": "\(admin.userId)", "user": "\(user.id)", "role": "\(user.role)",
          "active": "\(user.active)",
        ])
      return try AccountJSON.response(user.info)
    }
  }

  private func current(_ context: ServerContext) throws -> UserRow {
    guard let identity = context.identity, let user = try store.user(id: identity.userId) else {
      throw Problem.unauthorized("the account no longer exists")
    }
    return user
  }

  private func patchMe(_ request: Request, context: ServerContext) async throws -> Response {
    let user = try current(context)
    let patch = try await request.decodeJSON(as: ProfilePatch.self, context: context)
    if let name = patch.name { try AccountValidation.name(name) }
    var hash: String?
    if let password = patch.password {
      try PasswordHasher.check(password)
      guard let currentPassword = patch.currentPassword else {
        throw Problem.badRequest("is needed to set a new password", field: "currentPassword")
      }
      guard currentPassword.utf8.count <= PasswordHasher.maxBytes,
        await hasher.verify(currentPassword, hash: user.passwordHash)
      else { throw Problem.forbidden("currentPassword is not the account's password") }
      hash = await hasher.hash(password)
    }
    let updated = try store.updateProfile(userId: user.id, name: patch.name, passwordHash: hash)
    return try AccountJSON.response(updated.info)
  }

  /// The caller, if an admin; otherwise 403 saying what only an admin may do.
  static func admin(_ context: ServerContext, _ action: String) throws -> AuthenticatedUser {
    guard let identity = context.identity else {
      throw Problem.unauthorized("this route needs an access token")
    }
    guard identity.role == .admin else {
      throw Problem.forbidden("only an admin may \(action); you are a \(identity.role.rawValue)")
    }
    return identity
  }
}
