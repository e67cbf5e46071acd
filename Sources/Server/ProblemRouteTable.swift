import Hummingbird
import Synchronization

/// The methods the router serves for a path, so a request for a known path with a method
/// it does not take answers 405 with `Allow` instead of 404.
///
/// ```swift
/// let table = ProblemRouteTable(router: router)
/// table.methods(for: "/v1/invites/abc")   // ["DELETE"]
/// ```
///
/// The routes are read once, at the first request that needs them: by then every route is
/// registered (routes are added before the server starts and never after), so the router is
/// only read from then on.
final class ProblemRouteTable: @unchecked Sendable {
  private let router: Router<ServerContext>
  private let routes = Mutex<[(segments: [Substring], method: String)]?>(nil)

  init(router: Router<ServerContext>) { self.router = router }

  func methods(for path: String) -> [String] {
    let table = routes.withLock { routes in
      if let routes { return routes }
      let built = router.routes.map { route in
        (segments: route.path.description.split(separator: "/"), method: route.method.rawValue)
      }
      routes = built
      return built
    }
    let segments = path.split(separator: "/")
    return Set(
      table.filter { route in
        route.segments.count == segments.count
          && zip(route.segments, segments).allSatisfy { pattern, segment in
            pattern.hasPrefix("{") || pattern == segment
          }
      }.map(\.method)
    ).sorted()
  }
}
