import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Model
import Server
import Sync
import XCTest

/// A real server (`buildApplication`, as `crm-server` runs it) on a loopback port, with a
/// fresh database and signing secret in a temporary directory, bcrypt at its cheapest.
///
/// ```swift
/// try await AuthServer { $0.maxBodyBytes = 1024 }.run { api in
///   let admin = try await api.signup("ada@example.com")
/// }
/// ```
struct AuthServer {
  let directory: URL
  var config: ServerConfig
  /// The signing secret the server reads from `config.jwtSecretFile`, for forging tokens.
  let secret: [UInt8]

  init(_ configure: (inout ServerConfig) -> Void = { _ in }) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("crm-accounts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    secret = Array("test secret of at least thirty-two bytes, for HS256".utf8)
    let secretFile = directory.appendingPathComponent("jwt.secret")
    try Data(secret).write(to: secretFile)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: secretFile.path)
    config = ServerConfig(
      port: 0, databasePath: directory.appendingPathComponent("server.sqlite").path,
      jwtSecretFile: secretFile.path, bcryptCost: 4, logLevel: .error)
    configure(&config)
  }

  func run<T: Sendable>(_ body: @Sendable (AuthAPI) async throws -> T) async throws -> T {
    defer { try? FileManager.default.removeItem(at: directory) }
    var logger = Logger(label: "accounts-test")
    logger.logLevel = .error
    let app = try await buildApplication(config, logger: logger)
    return try await app.test(.live) { client in try await body(AuthAPI(client: client)) }
  }
}

/// The API as a client sees it: JSON in, status and JSON (or problem+json) out.
struct AuthAPI: Sendable {
  let client: any TestClientProtocol
  static let password = "correct horse battery"

  @discardableResult
  func send(
    _ method: HTTPRequest.Method, _ path: String, token: String? = nil, body: String? = nil,
    headers extra: HTTPFields = [:]
  ) async throws -> TestResponse {
    var headers = extra
    if let token { headers[.authorization] = "Bearer \(token)" }
    if body != nil { headers[.contentType] = "application/json" }
    return try await client.execute(
      uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
  }

  func send(
    _ method: HTTPRequest.Method, _ path: String, token: String? = nil,
    json: some Encodable
  ) async throws -> TestResponse {
    let body = String(decoding: try WireJSON.encoder().encode(json), as: UTF8.self)
    return try await send(method, path, token: token, body: body)
  }

  /// Sends a request without a body and asserts the answer's status.
  func expect(
    _ status: HTTPResponse.Status, _ method: HTTPRequest.Method, _ path: String,
    token: String? = nil, file: StaticString = #filePath, line: UInt = #line
  ) async throws {
    let response = try await send(method, path, token: token)
    XCTAssertEqual(response.status, status, String(buffer: response.body), file: file, line: line)
  }

  func signup(
    _ email: String, name: String = "Ada", invite: String? = nil,
    file: StaticString = #filePath, line: UInt = #line
  ) async throws -> TokenResponse {
    let response = try await send(
      .post, "/v1/auth/signup",
      json: SignupRequest(email: email, name: name, password: Self.password, invite: invite))
    XCTAssertEqual(response.status, .created, String(buffer: response.body), file: file, line: line)
    return try decode(TokenResponse.self, response)
  }

  func login(_ email: String, password: String = AuthAPI.password) async throws -> TestResponse {
    try await send(.post, "/v1/auth/login", json: LoginRequest(email: email, password: password))
  }

  /// Signs up an admin, invites `email` as `role`, signs them up with the invite.
  func team(admin: String, member: String, role: Role) async throws -> (
    admin: TokenResponse, member: TokenResponse
  ) {
    let admin = try await signup(admin, name: "Admin")
    let invited = try await send(
      .post, "/v1/invites", token: admin.accessToken,
      json: InviteRequest(email: member, role: role))
    XCTAssertEqual(invited.status, .created, String(buffer: invited.body))
    let invite = try decode(InviteInfo.self, invited)
    let member = try await signup(member, name: "Member", invite: invite.code)
    return (admin, member)
  }

  func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
    try WireJSON.decoder().decode(T.self, from: Data(response.body.readableBytesView))
  }

  /// The problem of an error answer, asserting its status and media type.
  @discardableResult
  func problem(
    _ response: TestResponse, _ status: HTTPResponse.Status,
    file: StaticString = #filePath, line: UInt = #line
  ) throws -> Problem {
    XCTAssertEqual(response.status, status, String(buffer: response.body), file: file, line: line)
    XCTAssertEqual(
      response.headers[.contentType], "application/problem+json", file: file, line: line)
    let problem = try decode(Problem.self, response)
    XCTAssertEqual(problem.status, Int(status.code), file: file, line: line)
    return problem
  }
}
