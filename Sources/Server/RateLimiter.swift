import Foundation
import Synchronization

/// Token buckets by key (a client address, a user id): each key may spend `burst`
/// requests at once and earns `perSecond` back, up to `burst`.
///
/// ```swift
/// let limiter = RateLimiter(ServerConfig.Bucket(perSecond: 1, burst: 5), now: { Date() })
/// if let wait = limiter.take("10.0.0.7") { /* 429, Retry-After: wait */ }
/// ```
final class RateLimiter: Sendable {
  private struct Bucket {
    var tokens: Double
    var at: Date
  }

  /// Past this many keys, buckets that have filled up again are dropped (they would start
  /// full anyway), so a flood of addresses cannot grow the table without bound.
  static let pruneThreshold = 10_000

  let perSecond: Double
  let burst: Double
  private let now: @Sendable () -> Date
  private let buckets = Mutex<[String: Bucket]>([:])

  init(_ bucket: ServerConfig.Bucket, now: @escaping @Sendable () -> Date) {
    self.perSecond = max(bucket.perSecond, 0.000_001)
    self.burst = Double(max(bucket.burst, 1))
    self.now = now
  }

  /// Spends one request of `key`'s bucket: nil if allowed, else the whole seconds until
  /// the bucket holds a request again (for `Retry-After`, at least 1).
  func take(_ key: String) -> Int? {
    let now = now()
    let (perSecond, burst) = (self.perSecond, self.burst)
    return buckets.withLock { buckets in
      if buckets.count > Self.pruneThreshold {
        buckets = buckets.filter { _, bucket in
          bucket.tokens + now.timeIntervalSince(bucket.at) * perSecond < burst
        }
      }
      var bucket = buckets[key] ?? Bucket(tokens: burst, at: now)
      let earned = max(0, now.timeIntervalSince(bucket.at)) * perSecond
      bucket.tokens = min(burst, bucket.tokens + earned)
      bucket.at = now
      if bucket.tokens >= 1 {
        bucket.tokens -= 1
        buckets[key] = bucket
        return nil
      }
      buckets[key] = bucket
      return max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up)))
    }
  }
}
