import Foundation
import Hummingbird
import Sync

/// `GET /v1/openapi.json`: the OpenAPI 3.1 document of every route (public).
enum OpenAPIRoute {
  static let path = "v1/openapi.json"

  /// Encoded once: the document is a constant of the build.
  static let body: Data = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(OpenAPIDocument.document)) ?? Data("{}".utf8)
  }()

  static func register(on router: Router<ServerContext>) {
    router.get(RouterPath(stringLiteral: path)) { _, _ in
      Response(
        status: .ok,
        headers: [.contentType: "application/json", .contentLength: "\(body.count)"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
  }
}
