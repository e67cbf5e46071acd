import Dispatch
import HummingbirdBcrypt
import Sync
import Synchronization

/// bcrypt at the configured cost, run off Swift's cooperative threads (a hash at cost 10
/// takes ~50 ms of CPU; on the task pool it would stall every other request).
///
/// ```swift
/// let hasher = PasswordHasher(cost: 10)
/// try PasswordHasher.check(password)        // Problem naming "password"
/// let hash = await hasher.hash(password)
/// let ok = await hasher.verify(password, hash: hash)
/// ```
final class PasswordHasher: Sendable {
  /// bcrypt reads at most 72 bytes; a longer password would be cut silently.
  static let maxBytes = 72
  static let minCharacters = 8

  let cost: UInt8
  /// A hash of nothing anyone types, checked against when the email is unknown, so a login
  /// for an unknown address costs what a wrong password costs.
  private let decoy = Mutex<String?>(nil)

  init(cost: Int) {
    self.cost = UInt8(clamping: min(max(cost, 4), 31))
  }

  /// Refuses a password bcrypt cannot keep whole, or one too short to be worth guessing.
  static func check(_ password: String, field: String = "password") throws(Problem) {
    if password.count < minCharacters {
      throw Problem.badRequest("must be at least \(minCharacters) characters", field: field)
    }
    if password.utf8.count > maxBytes {
      throw Problem.badRequest("must be at most \(maxBytes) bytes (bcrypt's limit)", field: field)
    }
    if password.utf8.contains(0) {
      throw Problem.badRequest("must not contain a NUL character", field: field)
    }
  }

  func hash(_ password: String) async -> String {
    let cost = cost
    return await offThread { Bcrypt.hash(password, cost: cost) }
  }

  func verify(_ password: String, hash: String) async -> Bool {
    await offThread { Bcrypt.verify(password, hash: hash) }
  }

  /// Spends a verification's time and answers false: for logins of unknown addresses.
  func verifyDecoy(_ password: String) async -> Bool {
    _ = await verify(password, hash: await prepareDecoy())
    return false
  }

  /// The decoy hash, made on first use (`Accounts.install` asks for it at start).
  @discardableResult
  func prepareDecoy() async -> String {
    if let stored = decoy.withLock({ $0 }) { return stored }
    let hash = await self.hash("decoy password that is never valid")
    decoy.withLock { $0 = $0 ?? hash }
    return hash
  }

  private func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
  }
}
