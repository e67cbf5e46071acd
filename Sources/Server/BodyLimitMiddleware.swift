import Hummingbird
import Sync

/// Caps request bodies: `maxPushBodyBytes` for the push route, `maxBodyBytes` for every
/// other. A declared `Content-Length` over the cap is answered 413 before the body is
/// read; a body without one (chunked) is held to the same cap where a route reads it,
/// because the cap becomes the context's `maxUploadSize` (Hummingbird's decoder, and
/// `Request.decodeJSON`, read no further and answer 413).
///
/// ```swift
/// router.add(middleware: BodyLimitMiddleware(maxBodyBytes: 1 << 20, maxPushBodyBytes: 16 << 20))
/// ```
struct BodyLimitMiddleware: RouterMiddleware {
  typealias Context = ServerContext

  static let pushPath = "/v1/sync/push"

  let maxBodyBytes: Int
  let maxPushBodyBytes: Int

  func handle(
    _ request: Request, context: ServerContext,
    next: (Request, ServerContext) async throws -> Response
  ) async throws -> Response {
    let limit = request.uri.path == Self.pushPath ? maxPushBodyBytes : maxBodyBytes
    if let declared = request.headers[.contentLength] {
      guard let length = Int(declared), length >= 0 else {
        return Problem.badRequest("Content-Length is not a number").response()
      }
      if length > limit { return Problem.tooLarge(limit: limit).response() }
    }
    var context = context
    context.maxUploadSize = limit
    return try await next(request, context)
  }
}
