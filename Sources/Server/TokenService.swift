import Crypto
import Foundation
import JWTKit
import Model

/// Access tokens: JWTs signed with HS256 and nothing else, carrying the user's id (`sub`),
/// team, role and name, issued at `iat` and expiring at `exp`.
///
/// ```swift
/// let tokens = TokenService(secret: secret, accessLifetime: 900, now: { Date() })
/// let jwt = tokens.issue(for: user)
/// let who = try tokens.verify(jwt)  // TokenError: answer 401
/// ```
///
/// `verify` checks the token alone (algorithm, signature, expiry); whether the user is still
/// active is the database's to say (`AccountStore.currentUser`), which the token middleware
/// asks on every request.
public final class TokenService: Sendable {
  /// How long an access token is valid for.
  public let accessLifetime: TimeInterval
  private let key: SymmetricKey
  private let now: @Sendable () -> Date

  /// Tokens longer than this are refused before they are parsed: ours are ~300 bytes.
  static let maxTokenBytes = 4096

  public init(
    secret: [UInt8], accessLifetime: TimeInterval, now: @escaping @Sendable () -> Date
  ) {
    self.key = SymmetricKey(data: secret)
    self.accessLifetime = accessLifetime
    self.now = now
  }

  /// A signed access token for `user`, valid for `accessLifetime` from now.
  public func issue(for user: AuthenticatedUser) -> String {
    // Whole seconds: JWT dates are NumericDates, and clients compare them as integers.
    let issuedAt = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
    let claims = AccessClaims(
      sub: SubjectClaim(value: user.userId), team: user.teamId, role: user.role,
      name: user.name, iat: IssuedAtClaim(value: issuedAt),
      exp: ExpirationClaim(value: issuedAt.addingTimeInterval(accessLifetime)))
    let header = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
    // Encoding strings, a role and two dates cannot fail.
    let payloadJSON = (try? AccessClaims.encoder.encode(claims)) ?? Data("{}".utf8)
    let signingInput = header + "." + Base64URL.encode(Array(payloadJSON))
    let mac = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
    return signingInput + "." + Base64URL.encode(Array(mac))
  }

  /// The user a token speaks for, if this server signed it with HS256 and it has not
  /// expired. Every other token (garbage, `alg: none`, another algorithm, a bad signature,
  /// expired, claims missing or of the wrong type) throws a `TokenError`.
  public func verify(_ token: String) throws(TokenError) -> AuthenticatedUser {
    let bytes = Array(token.utf8)
    guard !bytes.isEmpty, bytes.count <= Self.maxTokenBytes else {
      throw TokenError("the access token is missing or too long")
    }
    let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard parts.count == 3 else { throw TokenError("the access token is not a JWT") }
    let parsed: (header: JWTHeader, payload: AccessClaims, signature: Data)
    do {
      parsed = try DefaultJWTParser().parse(bytes, as: AccessClaims.self)
    } catch {
      throw TokenError("the access token is not a JWT of this server")
    }
    guard parsed.header.alg == "HS256" else {
      throw TokenError("the access token's algorithm is not HS256")
    }
    let signingInput = bytes[..<(parts[0].count + 1 + parts[1].count)]
    guard
      HMAC<SHA256>.isValidAuthenticationCode(
        parsed.signature, authenticating: Array(signingInput), using: key)
    else { throw TokenError("the access token's signature is not valid") }
    guard now() < parsed.payload.exp.value else {
      throw TokenError("the access token has expired")
    }
    return AuthenticatedUser(
      userId: parsed.payload.sub.value, teamId: parsed.payload.team,
      role: parsed.payload.role, name: parsed.payload.name)
  }
}

/// Why an access token was refused. Answered as 401 problem+json, never 500.
public struct TokenError: Error, Sendable, Hashable, CustomStringConvertible {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
  public var description: String { reason }
}

/// The claims of an access token.
struct AccessClaims: JWTPayload {
  var sub: SubjectClaim
  var team: String
  var role: Role
  var name: String
  var iat: IssuedAtClaim
  var exp: ExpirationClaim

  /// Claims are checked by `TokenService.verify`, synchronously, with the service's clock.
  func verify(using algorithm: some JWTAlgorithm) async throws {}

  static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .secondsSince1970
    encoder.outputFormatting = .sortedKeys
    return encoder
  }
}

/// Base64url without padding (RFC 4648 §5), as JWTs and our refresh tokens use it.
enum Base64URL {
  static func encode(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}
