import Hummingbird
import Logging
import Sync

/// Turns every error a route (or the router) throws into an RFC 9457
/// `application/problem+json` answer: a `Problem` as it is, a refused token as 401, a body
/// that does not decode as 400 naming the field, Hummingbird's `HTTPError`s with their
/// status. Anything else is the server's fault: logged, answered 500 without details.
///
/// ```swift
/// router.add(middleware: ProblemMiddleware())   // first, so it sees every error
/// ```
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch {
      if let problem = Problem.describing(error, request: request) {
        return problem.response()
      }
      context.logger.error(
        "internal error", metadata: ["error": "\(String(reflecting: error))"])
      return Problem(
        title: "Internal Server Error", status: 500,
        detail: "the server failed; the error is in its log"
      ).response()
    }
  }
}
