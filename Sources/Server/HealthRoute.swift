import Hummingbird

/// `GET /v1/health`: public, answers `{"status":"ok"}` once the database is open, so load
/// balancers and tests can tell the server is up.
enum HealthRoute {
  struct Health: ResponseEncodable {
    var status: String
  }

  static func register(on router: Router<ServerContext>) {
    router.get("v1/health") { _, _ in Health(status: "ok") }
  }
}
