import Foundation
import Logging

/// Everything `crm-server`'s options set, with the production defaults. Tests build one
/// with a temporary database path and port 0.
public struct ServerConfig: Sendable {
  public static let defaultMaxBodyBytes = 1 << 20

  /// Requests per second and burst for one token bucket.
  public struct Bucket: Sendable, Hashable {
    public var perSecond: Double
    public var burst: Int

    public init(perSecond: Double, burst: Int) {
      self.perSecond = perSecond
      self.burst = burst
    }

    /// From an option's `RATE:BURST` text (`50:200`, `0.2:10`): a rate above 0 and a
    /// whole burst of at least 1; nil otherwise.
    public init?(option text: String) {
      let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2, let rate = Double(parts[0]), rate.isFinite, rate > 0,
        let burst = Int(parts[1]), burst >= 1
      else { return nil }
      self.init(perSecond: rate, burst: burst)
    }
  }

  /// The rate limits the accounts middleware applies: the general one (`crm-server
  /// --rate-limit`: `perAddress` and `perUser`) and the login one (`--login-rate-limit`).
  public struct RateLimits: Sendable, Hashable {
    public static let defaultGeneral = Bucket(perSecond: 50, burst: 200)
    public static let defaultLogin = Bucket(perSecond: 0.2, burst: 10)

    /// Every request from one remote address.
    public var perAddress = RateLimits.defaultGeneral
    /// Every authenticated request of one user.
    public var perUser = RateLimits.defaultGeneral
    /// Login, signup and refresh from one address, and logins to one email address: strict,
    /// against password guessing.
    public var login = RateLimits.defaultLogin
    /// Off only for benchmarks.
    public var enabled = true

    public init() {}
  }

  public var host: String
  /// 0 picks a free port; the real one is printed when listening.
  public var port: Int
  public var databasePath: String
  /// A file holding the JWT signing secret; nil: generated once, kept in the database.
  public var jwtSecretFile: String?
  public var bcryptCost: Int
  public var accessTokenLifetime: TimeInterval
  public var refreshTokenLifetime: TimeInterval
  /// The largest request body of every route but push.
  public var maxBodyBytes: Int
  /// The largest push body.
  public var maxPushBodyBytes: Int
  public var rateLimits: RateLimits
  public var logLevel: Logger.Level

  public init(
    host: String = "127.0.0.1", port: Int = 8080, databasePath: String,
    jwtSecretFile: String? = nil, bcryptCost: Int = 10, accessTokenLifetime: TimeInterval = 900,
    refreshTokenLifetime: TimeInterval = 30 * 86_400,
    maxBodyBytes: Int = ServerConfig.defaultMaxBodyBytes, maxPushBodyBytes: Int = 16 << 20,
    rateLimits: RateLimits = RateLimits(), logLevel: Logger.Level = .info
  ) {
    self.host = host
    self.port = port
    self.databasePath = databasePath
    self.jwtSecretFile = jwtSecretFile
    self.bcryptCost = bcryptCost
    self.accessTokenLifetime = accessTokenLifetime
    self.refreshTokenLifetime = refreshTokenLifetime
    self.maxBodyBytes = maxBodyBytes
    self.maxPushBodyBytes = maxPushBodyBytes
    self.rateLimits = rateLimits
    self.logLevel = logLevel
  }
}
