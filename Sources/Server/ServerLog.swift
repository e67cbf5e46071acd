import Foundation
import Hummingbird
import Logging

/// One log line per request: method, path (without the query, which may hold a token),
/// status, milliseconds and the user whose valid token it carried, if any. (It sits
/// outside the token check, whose context it never sees, so it reads the token itself.)
struct RequestLogMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  let tokens: TokenService

  func handle(
    _ request: Request, context: ServerContext,
    next: (Request, ServerContext) async throws -> Response
  ) async throws -> Response {
    let start = ContinuousClock.now
    do {
      let response = try await next(request, context)
      log(request, context: context, status: Int(response.status.code), since: start)
      return response
    } catch let error as any HTTPResponseError {
      log(request, context: context, status: Int(error.status.code), since: start)
      throw error
    } catch {
      log(request, context: context, status: 500, since: start)
      throw error
    }
  }

  private func user(_ request: Request) -> String? {
    guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
      return nil
    }
    return try? tokens.verify(String(header.dropFirst(7))).userId
  }

  private func log(
    _ request: Request, context: ServerContext, status: Int, since start: ContinuousClock.Instant
  ) {
    let elapsed = ContinuousClock.now - start
    let millis =
      Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    context.logger.info(
      "request",
      metadata: [
        "method": "\(request.method.rawValue)",
        "path": "\(request.uri.path)",
        "status": "\(status)",
        "ms": "\(String(format: "%.1f", millis))",
        "user": "\(user(request) ?? "-")",
      ])
  }
}

/// A swift-log handler writing one `key=value` line per message to standard error.
public struct ServerLogHandler: LogHandler {
  public var metadata: Logger.Metadata = [:]
  public var logLevel: Logger.Level
  private let label: String

  public init(label: String, level: Logger.Level) {
    self.label = label
    self.logLevel = level
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var line = "\(Self.timestamp()) \(event.level) \(event.message)"
    var all = metadata
    if let extra = event.metadata { all.merge(extra) { _, new in new } }
    for key in all.keys.sorted() where key != "hb.request.id" || event.level <= .debug {
      line += " \(key)=\(all[key]!)"
    }
    line += "\n"
    FileHandle.standardError.write(Data(line.utf8))
  }

  private static func timestamp() -> String {
    Date().formatted(.iso8601)
  }
}
