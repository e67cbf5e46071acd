import Crypto
import Foundation

/// Random values the accounts hand out: refresh tokens and invite codes, base64url (so
/// they fit a URL path), and the SHA-256 under which a refresh token is kept.
enum AccountSecrets {
  /// 32 random bytes: a refresh token.
  static func refreshToken() -> String { Base64URL.encode(randomBytes(32)) }

  /// 16 random bytes: an invite code, too many to guess. Never one that begins with "-":
  /// it is typed after `crm signup --invite`, where it would read as an option (1 code in
  /// 64 did).
  static func inviteCode() -> String {
    while true {
      let code = Base64URL.encode(randomBytes(16))
      if code.first != "-" { return code }
    }
  }

  /// What `refresh_tokens.hash` holds for a token: its SHA-256 in hex. A stolen database
  /// gives no usable token.
  static func hash(_ token: String) -> String {
    SHA256.hash(data: Array(token.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  /// From the system's CSPRNG (getrandom on Linux).
  static func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
  }
}
