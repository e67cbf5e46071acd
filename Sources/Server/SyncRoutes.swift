import Foundation
import Hummingbird
import Model
import NIOCore
import Sync

/// `POST /v1/sync/push` and `GET /v1/sync/pull`, on the token-protected group.
///
/// ```swift
/// SyncRoutes(services: services).register(on: protected)
/// ```
struct SyncRoutes {
  let services: ServerServices

  func register(on group: RouterGroup<ServerContext>) {
    group.post("v1/sync/push") { request, context in try await push(request, context) }
    group.get("v1/sync/pull") { request, context in try await pull(request, context) }
  }

  func push(_ request: Request, _ context: ServerContext) async throws -> Response {
    let user = try identity(context)
    let body: ByteBuffer
    do {
      body = try await request.body.collect(upTo: services.config.maxPushBodyBytes)
    } catch {
      throw HTTPError(
        .contentTooLarge,
        message: "a push body may be at most \(services.config.maxPushBodyBytes) bytes")
    }
    let pushed: PushRequest
    do {
      pushed = try WireJSON.decoder().decode(PushRequest.self, from: Data(body.readableBytesView))
    } catch {
      throw HTTPError(.badRequest, message: "the push body is not a PushRequest: \(describe(error))")
    }
    let outcome = try await services.sync.push(pushed, as: user)
    if outcome.advanced {
      services.events.publish(team: user.teamId, latestSeq: outcome.response.latestSeq)
    }
    let json = try WireJSON.encoder().encode(outcome.response)
    return jsonResponse(Array(json))
  }

  func pull(_ request: Request, _ context: ServerContext) async throws -> Response {
    let user = try identity(context)
    let query = request.uri.queryParameters
    var cursor: Int64 = 0
    if let text = query["cursor"] {
      guard let value = Int64(String(text)), value >= 0 else {
        throw HTTPError(.badRequest, message: "cursor must be a non-negative integer")
      }
      cursor = value
    }
    var limit = SyncStore.defaultPullLimit
    if let text = query["limit"] {
      guard let value = Int(String(text)), value >= 1, value <= SyncStore.maxPullLimit else {
        throw HTTPError(
          .badRequest, message: "limit must be an integer from 1 to \(SyncStore.maxPullLimit)")
      }
      limit = value
    }
    let page = try await services.sync.pull(team: user.teamId, cursor: cursor, limit: limit)
    return jsonResponse(page.json)
  }

  private func identity(_ context: ServerContext) throws -> AuthenticatedUser {
    guard let user = context.identity else {
      throw HTTPError(.unauthorized, message: "a valid access token is required")
    }
    return user
  }

  private func jsonResponse(_ bytes: [UInt8]) -> Response {
    Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }

  /// A decoding error as one line naming the path to the bad value.
  private func describe(_ error: any Error) -> String {
    guard let decoding = error as? DecodingError else { return "it is not JSON" }
    switch decoding {
    case .dataCorrupted(let context), .typeMismatch(_, let context),
      .valueNotFound(_, let context):
      return "\(path(context.codingPath)): \(context.debugDescription)"
    case .keyNotFound(let key, let context):
      return "\(path(context.codingPath + [key])) is missing"
    @unknown default:
      return "\(error)"
    }
  }

  private func path(_ keys: [any CodingKey]) -> String {
    let parts = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
    return parts.isEmpty ? "the body" : String(parts.joined().drop { $0 == "." })
  }
}
