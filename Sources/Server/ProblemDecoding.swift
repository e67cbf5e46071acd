import Foundation
import Hummingbird
import Sync

/// Reads a JSON body with the wire's decoder, up to the context's `maxUploadSize`.
///
/// ```swift
/// let signup = try await request.decodeJSON(as: SignupRequest.self, context: context)
/// ```
///
/// Unlike Hummingbird's `decode(as:context:)`, which folds a decoding error into a message,
/// this throws the `DecodingError` itself, so the problem answer names the bad field.
extension Request {
  public func decodeJSON<T: Decodable>(
    as type: T.Type, context: some RequestContext
  ) async throws -> T {
    var request = self
    let buffer = try await request.collectBody(upTo: context.maxUploadSize)
    guard buffer.readableBytes > 0 else {
      throw Problem.badRequest("the request needs a JSON body")
    }
    return try WireJSON.decoder().decode(T.self, from: Data(buffer.readableBytesView))
  }
}
