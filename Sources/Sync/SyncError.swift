import Foundation

/// Why a sync, a login or another call to the server did not happen, in words a user can act
/// on. Every case leaves the local database consistent: what was pushed and acknowledged stays
/// marked, the rest is sent again next time.
public enum SyncError: Error, Sendable, Hashable, CustomStringConvertible {
  /// No account on this database (or no token file beside it).
  case notLoggedIn
  /// The server could not be reached, or the connection broke before its answer was whole.
  case offline(server: String, reason: String)
  /// The refresh token was refused (expired, revoked, used): only a new login helps.
  case sessionExpired
  /// The server answered with an error (`application/problem+json`) to `route`.
  case refused(route: String, problem: Problem)
  /// The server's answer to `route` was not what the protocol says.
  case badAnswer(route: String, what: String)
  /// A local problem: the token file, the database, the arguments.
  case local(String)

  public var description: String {
    switch self {
    case .notLoggedIn:
      return "not logged in: run `crm login --server URL --email E --password-stdin` first"
    case .offline(let server, let reason):
      return "offline: can't reach \(server) (\(reason)); local changes wait for the next sync"
    case .sessionExpired:
      return "session expired: log in again (`crm login`)"
    case .refused(let route, let problem):
      let detail = problem.detail.map { ": \($0)" } ?? ""
      return "refused by server: \(problem.title)\(detail) (\(route), HTTP \(problem.status))"
    case .badAnswer(let route, let what):
      return "bad answer from server: \(route): \(what)"
    case .local(let message):
      return message
    }
  }
}
