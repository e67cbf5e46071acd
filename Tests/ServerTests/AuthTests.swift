import Foundation
import HummingbirdTesting
import Model
import Sync
import XCTest

/// Signup, invites, login, refresh and logout against a live server.
final class AuthTests: XCTestCase {
  func testFirstUserIsAdminAndSignupWithoutInviteMakesANewTeam() async throws {
    try await AuthServer().run { api in
      let ada = try await api.signup("Ada@Example.com", name: "Ada")
      XCTAssertEqual(ada.user.role, .admin)
      XCTAssertEqual(ada.user.email, "ada@example.com", "addresses are kept case-folded")
      XCTAssertTrue(ada.user.active)
      XCTAssertEqual(ada.expiresIn, 900)
      let bob = try await api.signup("bob@example.com", name: "Bob")
      XCTAssertEqual(bob.user.role, .admin, "first user of a new team")
      XCTAssertNotEqual(bob.user.teamId, ada.user.teamId)

      let me = try await api.send(.get, "/v1/me", token: ada.accessToken)
      XCTAssertEqual(me.status, .ok)
      XCTAssertEqual(try api.decode(UserInfo.self, me), ada.user)
    }
  }

  func testAnAddressAlreadyRegisteredIsAConflictWhateverItsCase() async throws {
    try await AuthServer().run { api in
      _ = try await api.signup("ada@example.com")
      let again = try await api.send(
        .post, "/v1/auth/signup",
        json: SignupRequest(email: "ADA@example.com", name: "Ada 2", password: AuthAPI.password))
      let problem = try api.problem(again, .conflict)
      XCTAssertEqual(problem.field, "email")
    }
  }

  func testSignupValidationNamesTheField() async throws {
    try await AuthServer().run { api in
      let cases: [(SignupRequest, String)] = [
        (SignupRequest(email: "not-an-address", name: "Ada", password: AuthAPI.password), "email"),
        (SignupRequest(email: "ada@example.com", name: "  ", password: AuthAPI.password), "name"),
        (SignupRequest(email: "ada@example.com", name: "Ada", password: "short"), "password"),
        (
          SignupRequest(
            email: "ada@example.com", name: "Ada", password: String(repeating: "é", count: 40)),
          "password"
        ),
        (
          SignupRequest(
            email: "ada@example.com", name: "Ada", password: AuthAPI.password, invite: "nope"),
          "invite"
        ),
      ]
      for (request, field) in cases {
        let response = try await api.send(.post, "/v1/auth/signup", json: request)
        XCTAssertEqual(try api.problem(response, .badRequest).field, field)
      }
      // Nothing was created by the refused signups.
      let login = try await api.login("ada@example.com")
      try api.problem(login, .unauthorized)
    }
  }

  func testInviteJoinsTheTeamInTheInvitesRoleOnceAndOnlyForItsAddress() async throws {
    try await AuthServer().run { api in
      let admin = try await api.signup("admin@example.com")
      let created = try await api.send(
        .post, "/v1/invites", token: admin.accessToken,
        json: InviteRequest(email: "Rep@Example.com", role: .rep))
      let invite = try api.decode(InviteInfo.self, created)
      XCTAssertEqual(created.status, .created)
      XCTAssertEqual(invite.email, "rep@example.com")
      XCTAssertFalse(invite.used)

      let stranger = try await api.send(
        .post, "/v1/auth/signup",
        json: SignupRequest(
          email: "eve@example.com", name: "Eve", password: AuthAPI.password, invite: invite.code))
      XCTAssertEqual(try api.problem(stranger, .badRequest).field, "invite")

      let rep = try await api.signup("REP@example.com", name: "Rep", invite: invite.code)
      XCTAssertEqual(rep.user.teamId, admin.user.teamId)
      XCTAssertEqual(rep.user.role, .rep)

      let reused = try await api.send(
        .post, "/v1/auth/signup",
        json: SignupRequest(
          email: "rep2@example.com", name: "Rep 2", password: AuthAPI.password,
          invite: invite.code))
      let problem = try api.problem(reused, .badRequest)
      XCTAssertEqual(problem.field, "invite")

      let listed = try await api.send(.get, "/v1/invites", token: admin.accessToken)
      XCTAssertEqual(try api.decode([InviteInfo].self, listed).map(\.used), [true])
      let users = try await api.send(.get, "/v1/users", token: admin.accessToken)
      XCTAssertEqual(
        Set(try api.decode([UserInfo].self, users).map(\.email)),
        ["admin@example.com", "rep@example.com"])
    }
  }

  func testARevokedInviteCannotBeUsed() async throws {
    try await AuthServer().run { api in
      let admin = try await api.signup("admin@example.com")
      let invite = try api.decode(
        InviteInfo.self,
        try await api.send(
          .post, "/v1/invites", token: admin.accessToken,
          json: InviteRequest(email: "m@example.com", role: .manager)))
      let revoked = try await api.send(
        .delete, "/v1/invites/\(invite.code)", token: admin.accessToken)
      XCTAssertEqual(revoked.status, .ok)
      XCTAssertTrue(try api.decode(InviteInfo.self, revoked).revoked)
      let signup = try await api.send(
        .post, "/v1/auth/signup",
        json: SignupRequest(
          email: "m@example.com", name: "M", password: AuthAPI.password, invite: invite.code))
      let problem = try api.problem(signup, .badRequest)
      XCTAssertEqual(problem.field, "invite")
      XCTAssertEqual(problem.detail, "has been revoked")
    }
  }

  func testLoginAnswersTheSameForAWrongPasswordAndAnUnknownAddress() async throws {
    try await AuthServer().run { api in
      _ = try await api.signup("ada@example.com")
      let wrong = try api.problem(
        try await api.login("ada@example.com", password: "not it!!"), .unauthorized)
      let unknown = try api.problem(try await api.login("nobody@example.com"), .unauthorized)
      XCTAssertEqual(wrong.detail, "wrong email or password")
      XCTAssertEqual(wrong, unknown)

      let right = try await api.login("ADA@example.com")
      XCTAssertEqual(right.status, .ok)
      let tokens = try api.decode(TokenResponse.self, right)
      try await api.expect(.ok, .get, "/v1/me", token: tokens.accessToken)
    }
  }

  func testRefreshRotatesAndTheOldRefreshTokenIsRefused() async throws {
    try await AuthServer().run { api in
      let first = try await api.signup("ada@example.com")
      let refreshed = try await api.send(
        .post, "/v1/auth/refresh", json: RefreshRequest(refreshToken: first.refreshToken))
      XCTAssertEqual(refreshed.status, .ok)
      let second = try api.decode(TokenResponse.self, refreshed)
      XCTAssertNotEqual(second.refreshToken, first.refreshToken)
      XCTAssertEqual(second.user, first.user)
      try await api.expect(.ok, .get, "/v1/me", token: second.accessToken)

      let replay = try await api.send(
        .post, "/v1/auth/refresh", json: RefreshRequest(refreshToken: first.refreshToken))
      try api.problem(replay, .unauthorized)
      let third = try await api.send(
        .post, "/v1/auth/refresh", json: RefreshRequest(refreshToken: second.refreshToken))
      XCTAssertEqual(third.status, .ok)
    }
  }

  func testLogoutRevokesTheRefreshToken() async throws {
    try await AuthServer().run { api in
      let tokens = try await api.signup("ada@example.com")
      let logout = try await api.send(
        .post, "/v1/auth/logout", json: RefreshRequest(refreshToken: tokens.refreshToken))
      XCTAssertEqual(logout.status, .noContent)
      let refresh = try await api.send(
        .post, "/v1/auth/refresh", json: RefreshRequest(refreshToken: tokens.refreshToken))
      try api.problem(refresh, .unauthorized)
    }
  }

  func testProfileChangesNameAndPasswordOnlyWithTheCurrentPassword() async throws {
    try await AuthServer().run { api in
      let ada = try await api.signup("ada@example.com", name: "Ada")
      let renamed = try await api.send(
        .patch, "/v1/me", token: ada.accessToken, json: ProfilePatch(name: "Ada Lovelace"))
      XCTAssertEqual(try api.decode(UserInfo.self, renamed).name, "Ada Lovelace")

      let noCurrent = try await api.send(
        .patch, "/v1/me", token: ada.accessToken, json: ProfilePatch(password: "new password 1"))
      XCTAssertEqual(try api.problem(noCurrent, .badRequest).field, "currentPassword")
      let wrongCurrent = try await api.send(
        .patch, "/v1/me", token: ada.accessToken,
        json: ProfilePatch(password: "new password 1", currentPassword: "wrong one"))
      try api.problem(wrongCurrent, .forbidden)

      let changed = try await api.send(
        .patch, "/v1/me", token: ada.accessToken,
        json: ProfilePatch(password: "new password 1", currentPassword: AuthAPI.password))
      XCTAssertEqual(changed.status, .ok)
      try api.problem(try await api.login("ada@example.com"), .unauthorized)
      let newLogin = try await api.login("ada@example.com", password: "new password 1")
      XCTAssertEqual(newLogin.status, .ok)
      // The sessions from before the change are signed out.
      let refresh = try await api.send(
        .post, "/v1/auth/refresh", json: RefreshRequest(refreshToken: ada.refreshToken))
      try api.problem(refresh, .unauthorized)
    }
  }
}
