import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Sync
import XCTest

@testable import Server

/// The OpenAPI document and the router agree: every route is documented, every documented
/// operation is served.
final class OpenAPITests: XCTestCase {
  /// "GET /v1/me" for every operation of the document.
  static func documentedOperations(_ document: [String: Any]) throws -> Set<String> {
    let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
    var operations: Set<String> = []
    for (path, item) in paths {
      for method in item.keys { operations.insert("\(method.uppercased()) \(path)") }
    }
    return operations
  }

  /// The document as the live server serves it, parsed as plain JSON.
  static func servedDocument(_ api: AuthAPI) async throws -> [String: Any] {
    let response = try await api.send(.get, "/v1/openapi.json")
    XCTAssertEqual(response.status, .ok)
    XCTAssertEqual(response.headers[.contentType], "application/json")
    let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    return try XCTUnwrap(json as? [String: Any])
  }

  func testTheDocumentListsExactlyTheRoutersRoutes() async throws {
    let server = try AuthServer()
    var logger = Logger(label: "openapi-test")
    logger.logLevel = .error
    let services = try ServerServices(config: server.config, logger: logger)
    // The routes buildApplication serves: it builds its router with this same function.
    let router = try buildRouter(services: services)
    let routes = Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
    XCTAssertFalse(routes.isEmpty)

    let encoded = try JSONEncoder().encode(OpenAPIDocument.document)
    let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
    let documented = try Self.documentedOperations(document)
    XCTAssertEqual(
      routes.subtracting(documented).sorted(), [], "routes the OpenAPI document does not describe")
    XCTAssertEqual(
      documented.subtracting(routes).sorted(), [], "documented operations without a route")
    try? services.database.close()
  }

  func testEveryDocumentedOperationIsServedAndEveryReferenceResolves() async throws {
    try await AuthServer().run { api in
      let document = try await Self.servedDocument(api)
      XCTAssertEqual(document["openapi"] as? String, "3.1.0")
      let components = try XCTUnwrap(document["components"] as? [String: Any])
      let schemes = try XCTUnwrap(components["securitySchemes"] as? [String: Any])
      XCTAssertNotNil(schemes["bearer"])
      let schemas = try XCTUnwrap(components["schemas"] as? [String: Any])

      // Every $ref points at a schema of the document.
      var references: Set<String> = []
      func walk(_ value: Any) {
        if let object = value as? [String: Any] {
          if let ref = object["$ref"] as? String { references.insert(ref) }
          object.values.forEach(walk)
        } else if let array = value as? [Any] {
          array.forEach(walk)
        }
      }
      walk(document)
      for ref in references {
        let name = ref.replacingOccurrences(of: "#/components/schemas/", with: "")
        XCTAssertNotNil(schemas[name], "unresolved \(ref)")
      }

      // Every documented operation reaches a route (no "no route" 404).
      for operation in try Self.documentedOperations(document) {
        let parts = operation.split(separator: " ", maxSplits: 1)
        let method = HTTPRequest.Method(String(parts[0]))!
        let path = String(parts[1])
          .replacingOccurrences(of: "{code}", with: "none")
          .replacingOccurrences(of: "{id}", with: "none")
        let response = try await api.send(method, path)
        if response.status == .notFound {
          let problem = try api.decode(Problem.self, response)
          XCTAssertFalse(problem.detail?.hasPrefix("no route") ?? true, operation)
        }
      }
    }
  }
}
