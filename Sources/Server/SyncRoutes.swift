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
      throw Problem.tooLarge(limit: services.config.maxPushBodyBytes)
    }
    let pushed: PushRequest
    do {
      pushed = try WireJSON.decoder().decode(PushRequest.self, from: Data(body.readableBytesView))
    } catch let error as DecodingError {
      throw Problem(decoding: error)
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
        throw Problem.badRequest("cursor must be a non-negative integer", field: "cursor")
      }
      cursor = value
    }
    var limit = SyncStore.defaultPullLimit
    if let text = query["limit"] {
      guard let value = Int(String(text)), value >= 1, value <= SyncStore.maxPullLimit else {
        throw Problem.badRequest(
          "limit must be an integer from 1 to \(SyncStore.maxPullLimit)", field: "limit")
      }
      limit = value
    }
    var since = cursor
    if let text = query["since"] {
      guard let value = Int64(String(text)), value >= 0, value <= cursor else {
        throw Problem.badRequest(
          "since must be an integer from 0 to the cursor (\(cursor))", field: "since")
      }
      since = value
    }
    let began = ContinuousClock.now
    let page = try await services.sync.pull(
      team: user.teamId, cursor: cursor, since: since, limit: limit)
    let took = ContinuousClock.now - began
    // The page's own time (query and encoding), for clients that time their parts.
    let millis = Double(took.components.attoseconds) / 1e15 + Double(took.components.seconds) * 1e3
    var response = jsonResponse(page.json)
    response.headers[Self.serverTiming] = "pull;dur=\(String(format: "%.2f", millis))"
    return response
  }

  static let serverTiming = HTTPFields.Element.Name("Server-Timing")!

  private func identity(_ context: ServerContext) throws -> AuthenticatedUser {
    guard let user = context.identity else {
      throw Problem.unauthorized("this route needs an access token (Authorization: Bearer)")
    }
    return user
  }

  private func jsonResponse(_ bytes: [UInt8]) -> Response {
    Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}
