import Hummingbird
import Logging
import Sync

/// Turns every error a route (or the router) throws into an RFC 9457
/// `application/problem+json` answer: a `Problem` as it is, a refused token as 401, a body
/// that does not decode as 400 naming the field, Hummingbird's `HTTPError`s with their
/// status. Anything else is the server's fault: logged, answered 500 without details.
///
/// ```swift
/// router.add(middleware: ProblemMiddleware(routes: ProblemRouteTable(router: router)))
/// ```
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
  /// Answers 405 (with `Allow`) for a known path asked with another method.
  let routes: ProblemRouteTable?
  /// The endpoint path Hummingbird's router sets when no route matched (a route's own
  /// 404 keeps its message).
  static var routerNotFound: String { "NotFound" }

  func handle(
    _ request: Request, context: Context,
    next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as HTTPError
      where error.status == .notFound && context.endpointPath == Self.routerNotFound
    {
      let allowed = routes?.methods(for: request.uri.path) ?? []
      guard !allowed.isEmpty else {
        return Problem.notFound("no route \(request.method) \(request.uri.path)").response()
      }
      return Problem(
        title: "Method Not Allowed", status: 405,
        detail:
          "\(request.uri.path) answers \(allowed.joined(separator: ", ")), not \(request.method)"
      ).response(headers: [.allow: allowed.joined(separator: ", ")])
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
