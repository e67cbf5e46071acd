import Foundation
import Hummingbird
import HummingbirdTesting
import Model
import Server
import Sync
import XCTest

/// What the server refuses, and how: every refusal is problem+json with the right status.
final class SecurityTests: XCTestCase {
  static let protectedRoutes: [(HTTPRequest.Method, String)] = [
    (.get, "/v1/me"), (.patch, "/v1/me"), (.post, "/v1/invites"), (.get, "/v1/invites"),
    (.delete, "/v1/invites/abc"), (.get, "/v1/users"), (.patch, "/v1/users/abc"),
    (.post, "/v1/sync/push"), (.get, "/v1/sync/pull"), (.get, "/v1/deals"),
    (.get, "/v1/contacts"), (.get, "/v1/companies"), (.get, "/v1/activities"),
  ]

  func testEveryProtectedRouteRefusesMissingGarbageExpiredForgedAndUnsignedTokens() async throws {
    let server = try AuthServer()
    let secret = server.secret
    try await server.run { api in
      let ada = try await api.signup("ada@example.com")
      let user = AuthenticatedUser(
        userId: ada.user.id, teamId: ada.user.teamId, role: .admin, name: "Ada")
      let expired = TokenService(
        secret: secret, accessLifetime: 900, now: { Date().addingTimeInterval(-3600) }
      ).issue(for: user)
      let forged = TokenService(
        secret: Array("another secret of at least thirty-two bytes".utf8), accessLifetime: 900,
        now: { Date() }
      ).issue(for: user)
      let payload = ada.accessToken.split(separator: ".")[1]
      let unsigned = Self.base64URL(#"{"alg":"none","typ":"JWT"}"#) + "." + payload + "."
      let otherAlg =
        Self.base64URL(#"{"alg":"HS512","typ":"JWT"}"#) + "." + payload + "."
        + ada.accessToken.split(separator: ".")[2]
      let bad: [(String, String?)] = [
        ("no token", nil), ("garbage", "garbage"), ("expired", expired), ("forged", forged),
        ("alg none", unsigned), ("alg HS512", otherAlg), ("empty", ""),
      ]
      for (method, path) in Self.protectedRoutes {
        for (name, token) in bad {
          let response = try await api.send(method, path, token: token, body: "{}")
          let problem = try api.problem(response, .unauthorized)
          XCTAssertNotNil(problem.detail, "\(name) \(method) \(path)")
        }
      }
      // The genuine token works, so the refusals above were about the tokens.
      try await api.expect(.ok, .get, "/v1/me", token: ada.accessToken)
    }
  }

  func testABodyOverTheLimitIs413() async throws {
    try await AuthServer { $0.maxBodyBytes = 1024 }.run { api in
      let big = String(repeating: "x", count: 2000)
      let response = try await api.send(
        .post, "/v1/auth/signup",
        body: #"{"email":"a@example.com","name":"\#(big)","password":"12345678"}"#)
      try api.problem(response, .contentTooLarge)
    }
  }

  func testInvalidJSONIs400AndAWrongFieldIsNamed() async throws {
    try await AuthServer().run { api in
      let syntax = try await api.send(.post, "/v1/auth/signup", body: "{not json")
      try api.problem(syntax, .badRequest)
      let wrongType = try await api.send(
        .post, "/v1/auth/signup", body: #"{"email":5,"name":"Ada","password":"12345678"}"#)
      XCTAssertEqual(try api.problem(wrongType, .badRequest).field, "email")
      let missing = try await api.send(
        .post, "/v1/auth/signup", body: #"{"email":"a@example.com","name":"Ada"}"#)
      XCTAssertEqual(try api.problem(missing, .badRequest).field, "password")
      let ada = try await api.signup("ada@example.com")
      let badRole = try await api.send(
        .post, "/v1/invites", token: ada.accessToken,
        body: #"{"email":"b@example.com","role":"boss"}"#)
      XCTAssertEqual(try api.problem(badRole, .badRequest).field, "role")
    }
  }

  func testUnknownRoutesAnswer404ProblemJSON() async throws {
    try await AuthServer().run { api in
      let response = try await api.send(.get, "/v1/nothing-here")
      let problem = try api.problem(response, .notFound)
      XCTAssertEqual(problem.detail, "no route GET /v1/nothing-here")
    }
  }

  func testAKnownPathWithAnotherMethodAnswers405WithAllow() async throws {
    try await AuthServer().run { api in
      let response = try await api.send(.put, "/v1/me")
      try api.problem(response, .methodNotAllowed)
      XCTAssertEqual(response.headers[.allow], "GET, PATCH")
      let invite = try await api.send(.get, "/v1/invites/some-code")
      try api.problem(invite, .methodNotAllowed)
      XCTAssertEqual(invite.headers[.allow], "DELETE")
    }
  }

  func testLoginIsRateLimitedWithRetryAfter() async throws {
    try await AuthServer { $0.rateLimits.login = .init(perSecond: 0.01, burst: 3) }.run { api in
      for _ in 0..<3 {
        try api.problem(try await api.login("nobody@example.com"), .unauthorized)
      }
      let limited = try await api.login("nobody@example.com")
      try api.problem(limited, .tooManyRequests)
      let retryAfter = try XCTUnwrap(limited.headers[.retryAfter].flatMap { Int($0) })
      XCTAssertGreaterThanOrEqual(retryAfter, 1)
      XCTAssertLessThanOrEqual(retryAfter, 100)
    }
  }

  func testProtectedRoutesAreRateLimitedByUser() async throws {
    try await AuthServer { $0.rateLimits.perUser = .init(perSecond: 0.01, burst: 2) }.run { api in
      let ada = try await api.signup("ada@example.com")
      for _ in 0..<2 {
        try await api.expect(.ok, .get, "/v1/me", token: ada.accessToken)
      }
      let limited = try await api.send(.get, "/v1/me", token: ada.accessToken)
      try api.problem(limited, .tooManyRequests)
      XCTAssertNotNil(limited.headers[.retryAfter])
      // Another user is not held back by Ada's bucket.
      let bob = try await api.signup("bob@example.com")
      try await api.expect(.ok, .get, "/v1/me", token: bob.accessToken)
    }
  }

  func testRequestsAreRateLimitedByClientAddress() async throws {
    try await AuthServer { $0.rateLimits.perAddress = .init(perSecond: 0.01, burst: 2) }.run {
      api in
      for _ in 0..<2 { try api.problem(try await api.send(.get, "/v1/deals"), .unauthorized) }
      try api.problem(try await api.send(.get, "/v1/deals"), .tooManyRequests)
    }
  }

  func testARepCannotInviteOrListOrChangeUsers() async throws {
    try await AuthServer().run { api in
      let (admin, rep) = try await api.team(
        admin: "admin@example.com", member: "rep@example.com", role: .rep)
      let invite = try await api.send(
        .post, "/v1/invites", token: rep.accessToken,
        json: InviteRequest(email: "x@example.com", role: .admin))
      try api.problem(invite, .forbidden)
      try api.problem(try await api.send(.get, "/v1/users", token: rep.accessToken), .forbidden)
      try api.problem(try await api.send(.get, "/v1/invites", token: rep.accessToken), .forbidden)
      let promote = try await api.send(
        .patch, "/v1/users/\(rep.user.id)", token: rep.accessToken, json: UserPatch(role: .admin))
      try api.problem(promote, .forbidden)
      let me = try api.decode(
        UserInfo.self, try await api.send(.get, "/v1/me", token: rep.accessToken))
      XCTAssertEqual(me.role, .rep)
      try await api.expect(.ok, .get, "/v1/users", token: admin.accessToken)
    }
  }

  func testADeactivatedUsersTokensStopWorkingAtOnce() async throws {
    try await AuthServer().run { api in
      let (admin, rep) = try await api.team(
        admin: "admin@example.com", member: "rep@example.com", role: .rep)
      try await api.expect(.ok, .get, "/v1/me", token: rep.accessToken)
      let deactivated = try await api.send(
        .patch, "/v1/users/\(rep.user.id)", token: admin.accessToken,
        json: UserPatch(active: false))
      XCTAssertEqual(try api.decode(UserInfo.self, deactivated).active, false)

      try api.problem(try await api.send(.get, "/v1/me", token: rep.accessToken), .unauthorized)
      try api.problem(
        try await api.send(.get, "/v1/sync/pull", token: rep.accessToken), .unauthorized)
      let refresh = try await api.send(
        .post, "/v1/auth/refresh", json: RefreshRequest(refreshToken: rep.refreshToken))
      try api.problem(refresh, .unauthorized)
      try api.problem(try await api.login("rep@example.com"), .forbidden)
    }
  }

  func testARoleChangeTakesEffectOnTheNextRequest() async throws {
    try await AuthServer().run { api in
      let (admin, member) = try await api.team(
        admin: "admin@example.com", member: "m@example.com", role: .manager)
      try api.problem(
        try await api.send(.get, "/v1/users", token: member.accessToken), .forbidden)
      let promoted = try await api.send(
        .patch, "/v1/users/\(member.user.id)", token: admin.accessToken,
        json: UserPatch(role: .admin))
      XCTAssertEqual(try api.decode(UserInfo.self, promoted).role, .admin)
      try await api.expect(.ok, .get, "/v1/users", token: member.accessToken)
    }
  }

  func testTheLastAdminCannotBeDemotedOrDeactivated() async throws {
    try await AuthServer().run { api in
      let (admin, rep) = try await api.team(
        admin: "admin@example.com", member: "rep@example.com", role: .rep)
      let demote = try await api.send(
        .patch, "/v1/users/\(admin.user.id)", token: admin.accessToken, json: UserPatch(role: .rep))
      XCTAssertEqual(try api.problem(demote, .conflict).field, "role")
      let deactivate = try await api.send(
        .patch, "/v1/users/\(admin.user.id)", token: admin.accessToken,
        json: UserPatch(active: false))
      XCTAssertEqual(try api.problem(deactivate, .conflict).field, "active")
      // With a second admin, the first may step down.
      _ = try await api.send(
        .patch, "/v1/users/\(rep.user.id)", token: admin.accessToken, json: UserPatch(role: .admin))
      let stepDown = try await api.send(
        .patch, "/v1/users/\(admin.user.id)", token: admin.accessToken, json: UserPatch(role: .rep))
      XCTAssertEqual(try api.decode(UserInfo.self, stepDown).role, .rep)
    }
  }

  func testAnAdminCannotReachAnotherTeamsUsersOrInvites() async throws {
    try await AuthServer().run { api in
      let ada = try await api.signup("ada@example.com")
      let bob = try await api.signup("bob@example.com")
      let change = try await api.send(
        .patch, "/v1/users/\(bob.user.id)", token: ada.accessToken,
        json: UserPatch(active: false))
      try api.problem(change, .notFound)
      let invite = try api.decode(
        InviteInfo.self,
        try await api.send(
          .post, "/v1/invites", token: bob.accessToken,
          json: InviteRequest(email: "c@example.com", role: .rep)))
      try api.problem(
        try await api.send(.delete, "/v1/invites/\(invite.code)", token: ada.accessToken),
        .notFound)
      let users = try api.decode(
        [UserInfo].self, try await api.send(.get, "/v1/users", token: ada.accessToken))
      XCTAssertEqual(users.map(\.email), ["ada@example.com"])
    }
  }

  static func base64URL(_ text: String) -> String {
    Data(text.utf8).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}
