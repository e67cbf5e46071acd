import Foundation
import Hummingbird
import Sync

/// JSON answers in the wire's form (ISO 8601 dates, sorted keys), with a status.
///
/// ```swift
/// return try AccountJSON.response(tokens, status: .created)
/// ```
enum AccountJSON {
  static func response(
    _ value: some Encodable, status: HTTPResponse.Status = .ok
  ) throws -> Response {
    let body = try WireJSON.encoder().encode(value)
    return Response(
      status: status,
      headers: [.contentType: "application/json; charset=utf-8", .contentLength: "\(body.count)"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
  }
}
