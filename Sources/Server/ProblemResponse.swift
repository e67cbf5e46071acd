import Foundation
import Hummingbird
import Sync

/// RFC 9457 answers: a `Problem` becomes an `application/problem+json` response, and the
/// errors routes throw become problems.
///
/// ```swift
/// throw Problem.badRequest("must be at least 8 characters", field: "password")
/// throw Problem.forbidden("only an admin may invite")
/// ```
extension Problem {
  /// 400: the request was malformed or a value was refused; `field` names it.
  public static func badRequest(_ detail: String, field: String? = nil) -> Problem {
    Problem(title: "Bad Request", status: 400, detail: detail, field: field)
  }

  public static func unauthorized(_ detail: String) -> Problem {
    Problem(title: "Unauthorized", status: 401, detail: detail)
  }

  public static func forbidden(_ detail: String) -> Problem {
    Problem(title: "Forbidden", status: 403, detail: detail)
  }

  public static func notFound(_ detail: String) -> Problem {
    Problem(title: "Not Found", status: 404, detail: detail)
  }

  public static func conflict(_ detail: String, field: String? = nil) -> Problem {
    Problem(title: "Conflict", status: 409, detail: detail, field: field)
  }

  public static func tooLarge(limit: Int) -> Problem {
    Problem(
      title: "Content Too Large", status: 413,
      detail: "the request body is larger than \(limit) bytes")
  }

  public static func tooManyRequests(retryAfter: Int) -> Problem {
    Problem(
      title: "Too Many Requests", status: 429,
      detail: "too many requests; retry after \(retryAfter) s")
  }

  /// This problem as a response: `application/problem+json`, plus `headers`.
  public func response(headers extra: HTTPFields = [:]) -> Response {
    let body = (try? WireJSON.encoder().encode(self)) ?? Data()
    var headers: HTTPFields = [
      .contentType: "application/problem+json",
      .contentLength: String(body.count),
    ]
    headers.append(contentsOf: extra)
    return Response(
      status: HTTPResponse.Status(code: status), headers: headers,
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
  }

  /// The problem an error thrown by a route (or by the router: 404) stands for; nil for
  /// errors that are the server's own fault, which answer 500 without details.
  static func describing(_ error: any Error, request: Request) -> Problem? {
    switch error {
    case let problem as Problem:
      return problem
    case let token as TokenError:
      return .unauthorized(token.reason)
    case let decoding as DecodingError:
      return Problem(decoding: decoding)
    case let http as HTTPError:
      if http.status == .notFound {
        return .notFound("no route \(request.method) \(request.uri.path)")
      }
      return Problem(
        title: http.status.reasonPhrase, status: http.status.code,
        detail: http.body ?? http.status.reasonPhrase.lowercased())
    case let response as any HTTPResponseError:
      if response.status == .contentTooLarge {
        return Problem(
          title: "Content Too Large", status: 413, detail: "the request body is too large")
      }
      return Problem(
        title: response.status.reasonPhrase, status: response.status.code,
        detail: response.status.reasonPhrase.lowercased())
    default:
      return nil
    }
  }

  /// A JSON body that did not decode: 400, naming the field where the decoder knows it.
  init(decoding error: DecodingError) {
    switch error {
    case .keyNotFound(let key, let context):
      let field = Self.path(context.codingPath + [key])
      self = .badRequest("\(field) is required", field: field)
    case .valueNotFound(_, let context):
      let field = Self.path(context.codingPath)
      self = .badRequest("\(field) must not be null", field: field)
    case .typeMismatch(let type, let context):
      let field = Self.path(context.codingPath)
      self = .badRequest(
        "\(field.isEmpty ? "the body" : field) must be \(Self.jsonKind(type))",
        field: field.isEmpty ? nil : field)
    case .dataCorrupted(let context):
      let field = Self.path(context.codingPath)
      if field.isEmpty {
        self = .badRequest("the body is not valid JSON")
      } else {
        self = .badRequest("\(field) is not valid: \(context.debugDescription)", field: field)
      }
    @unknown default:
      self = .badRequest("the body could not be read")
    }
  }

  /// `changes[2].value` style: keys joined by dots, array indexes in brackets.
  private static func path(_ keys: [any CodingKey]) -> String {
    var path = ""
    for key in keys {
      if let index = key.intValue {
        path += "[\(index)]"
      } else {
        path += path.isEmpty ? key.stringValue : "." + key.stringValue
      }
    }
    return path
  }

  private static func jsonKind(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    case is Int.Type, is Int64.Type, is Double.Type: return "a number"
    case is [Any].Type: return "an array"
    default: return "an object"
    }
  }
}
