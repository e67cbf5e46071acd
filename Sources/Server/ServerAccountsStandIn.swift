// TEMPORARY STAND-IN, owned by the "server" helper: the accounts helper's
// `Accounts.install(on:services:)` has not landed yet. Delete this file when it does.
import Hummingbird

enum Accounts {
  /// Stand-in: only the token check on the protected group, no accounts routes.
  static func install(
    on router: Router<ServerContext>, services: ServerServices
  ) throws -> RouterGroup<ServerContext> {
    router.group().add(middleware: StandInTokenMiddleware(tokens: services.tokens))
  }
}

private struct StandInTokenMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  let tokens: TokenService

  func handle(
    _ request: Request, context: ServerContext,
    next: (Request, ServerContext) async throws -> Response
  ) async throws -> Response {
    guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
      let user = try? tokens.verify(String(header.dropFirst(7)))
    else { throw HTTPError(.unauthorized, message: "a valid access token is required") }
    var context = context
    context.identity = user
    return try await next(request, context)
  }
}
