import AsyncHTTPClient
import Foundation
import Model
import NIOCore
import NIOHTTP1

/// The sync server's routes as async calls: JSON in and out through `WireJSON`, error answers
/// decoded as `Problem`. Every answer is treated as hostile: one that does not decode, is
/// larger than `maxAnswerBytes` or is cut off is a `SyncError` naming the route, never a crash.
///
///     let api = try ServerAPI(server: "http://127.0.0.1:8080")
///     let tokens = try await api.login(LoginRequest(email: e, password: p))
///     let page = try await api.pull(token: tokens.accessToken, cursor: 0, limit: 1000)
public struct ServerAPI: Sendable {
  /// The base URL, without a trailing slash.
  public let server: String

  /// The answer to one request may be at most this large (a pull page of 5,000 whole records
  /// is a few megabytes).
  static let maxAnswerBytes = 256 << 20
  /// Connecting may take 5 s; the whole request, answer included, 30 s.
  static let requestTimeout = TimeAmount.seconds(30)

  /// One client for the process: it keeps connections to the server open between calls.
  static let client: HTTPClient = {
    var configuration = HTTPClient.Configuration(
      timeout: .init(connect: .seconds(5), read: .seconds(30)))
    configuration.redirectConfiguration = .disallow
    // A server that refuses the connection is offline now, not after 5 s of retries: the
    // sync is what retries (the TUI every few minutes, the user by running it again).
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.httpVersion = .http1Only
    return HTTPClient(
      eventLoopGroup: .singletonMultiThreadedEventLoopGroup, configuration: configuration)
  }()

  /// Checks `server` is an http or https URL with a host and nothing after its path.
  public init(server: String) throws(SyncError) {
    var text = server.trimmingCharacters(in: .whitespaces)
    while text.hasSuffix("/") { text.removeLast() }
    guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty,
      url.query == nil, url.fragment == nil, url.user == nil
    else {
      throw .local("--server: \"\(server)\" is not a server URL like http://127.0.0.1:8080")
    }
    self.server = text
  }

  // MARK: Accounts

  public func signup(_ request: SignupRequest) async throws(SyncError) -> TokenResponse {
    try await call(.POST, "/v1/auth/signup", body: request, as: TokenResponse.self)
  }

  public func login(_ request: LoginRequest) async throws(SyncError) -> TokenResponse {
    try await call(.POST, "/v1/auth/login", body: request, as: TokenResponse.self)
  }

  /// Trades a refresh token for new tokens. A refused refresh is `sessionExpired`.
  public func refresh(_ refreshToken: String) async throws(SyncError) -> TokenResponse {
    do {
      return try await call(
        .POST, "/v1/auth/refresh", body: RefreshRequest(refreshToken: refreshToken),
        as: TokenResponse.self)
    } catch .refused(_, let problem)
      where (400..<500).contains(problem.status)
      && problem.status != 429
    {
      throw .sessionExpired
    }
  }

  /// Revokes the refresh token on the server.
  public func logout(token: String, refreshToken: String) async throws(SyncError) {
    _ = try await call(
      .POST, "/v1/auth/logout", token: token, body: RefreshRequest(refreshToken: refreshToken),
      as: NoAnswer.self)
  }

  public func me(token: String) async throws(SyncError) -> UserInfo {
    try await call(.GET, "/v1/me", token: token, body: NoBody?.none, as: UserInfo.self)
  }

  public func createInvite(token: String, _ request: InviteRequest) async throws(SyncError)
    -> InviteInfo
  {
    try await call(.POST, "/v1/invites", token: token, body: request, as: InviteInfo.self)
  }

  /// Whether the server answers its health check within `timeout`.
  public func isReachable(timeout: TimeAmount = .seconds(3)) async -> Bool {
    var request = HTTPClientRequest(url: server + "/v1/health")
    request.method = .GET
    guard let answer = try? await Self.client.execute(request, timeout: timeout) else {
      return false
    }
    _ = try? await answer.body.collect(upTo: 1 << 16)
    return (200..<300).contains(answer.status.code)
  }

  // MARK: Sync

  public func push(token: String, _ request: PushRequest) async throws(SyncError) -> PushResponse {
    let route = "POST /v1/sync/push"
    let answer = try await call(
      .POST, "/v1/sync/push", token: token, body: request, as: PushResponse.self)
    // Results must be the mutations sent, in order (some may be missing at the end only if
    // the server stopped early; none may be invented).
    guard answer.results.count == request.mutations.count else {
      throw .badAnswer(
        route: route,
        what: "\(answer.results.count) results for \(request.mutations.count) mutations")
    }
    for (result, sent) in zip(answer.results, request.mutations) where result.seq != sent.seq {
      throw .badAnswer(
        route: route, what: "result for mutation \(result.seq) where \(sent.seq) was sent")
    }
    return answer
  }

  /// A page of the records changed after `cursor`, each with its fields changed after
  /// `since` (where this pull began): a record first met on a later page still comes whole.
  public func pull(token: String, cursor: Int64, since: Int64, limit: Int) async throws(SyncError)
    -> PullResponse
  {
    let raw = try await pullBytes(token: token, cursor: cursor, since: since, limit: limit)
    return try Self.decodePull(raw.bytes, cursor: cursor)
  }

  /// A pull page as the server sent it, before decoding.
  public struct PullBytes: Sendable {
    public var bytes: ByteBuffer
    /// The server's own time for the page in milliseconds (its `Server-Timing` header), if
    /// it sent one.
    public var serverMillis: Double?
  }

  static let pullRoute = "GET /v1/sync/pull"

  /// The bytes of a pull page (`pull` without the decoding), for timing the parts.
  public func pullBytes(token: String, cursor: Int64, since: Int64, limit: Int)
    async throws(SyncError) -> PullBytes
  {
    let (headers, body) = try await fetch(
      .GET, "/v1/sync/pull?cursor=\(cursor)&since=\(since)&limit=\(limit)", token: token,
      body: nil)
    return PullBytes(bytes: body, serverMillis: Self.serverMillis(headers))
  }

  /// A pull page's bytes decoded (with `PullCoding`, not `JSONDecoder`) and checked against the
  /// cursor it was asked from.
  public static func decodePull(_ bytes: ByteBuffer, cursor: Int64) throws(SyncError)
    -> PullResponse
  {
    let route = pullRoute
    let decoded = bytes.withUnsafeReadableBytes { raw in
      Result { () throws(PullDecodingError) -> PullResponse in try PullCoding.decode(raw) }
    }
    let page: PullResponse
    switch decoded {
    case .success(let value): page = value
    case .failure(let error):
      let prefix =
        bytes.readableBytes == 0
        ? "an empty answer" : "\(bytes.readableBytes) bytes that do not decode"
      throw .badAnswer(route: route, what: printable("\(prefix) \(error)", limit: 300))
    }
    guard page.cursor >= cursor else {
      throw .badAnswer(route: route, what: "cursor went back from \(cursor) to \(page.cursor)")
    }
    guard !page.more || page.cursor > cursor else {
      throw .badAnswer(route: route, what: "says more follows but the cursor did not move")
    }
    return page
  }

  /// The `dur` of a `Server-Timing: pull;dur=12.5` header.
  static func serverMillis(_ headers: HTTPHeaders) -> Double? {
    guard let value = headers.first(name: "Server-Timing"),
      let range = value.range(of: "dur=")
    else { return nil }
    let number = value[range.upperBound...].prefix { $0.isNumber || $0 == "." }
    return Double(number)
  }

  // MARK: Transport

  /// An empty request body.
  struct NoBody: Encodable {}
  /// An answer whose body is ignored (logout's 204).
  struct NoAnswer: Decodable {}

  /// One request: `body` as JSON, the answer decoded as `Answer`. A 401 on a call with a token
  /// is `sessionExpired` (the caller refreshes and retries); other error statuses are
  /// `refused` with the server's Problem; a 429 whose Retry-After is short is waited out once.
  func call<Body: Encodable, Answer: Decodable>(
    _ method: HTTPMethod, _ path: String, token: String? = nil, body: Body?, as: Answer.Type
  ) async throws(SyncError) -> Answer {
    let route = Self.route(method, path)
    var json: Data?
    if let body {
      do { json = try WireJSON.encoder().encode(body) } catch {
        throw .local("can't encode the request to \(route): \(error)")
      }
    }
    let (_, answer) = try await fetch(method, path, token: token, body: json)
    if Answer.self == NoAnswer.self, let none = NoAnswer() as? Answer { return none }
    let data = Data(answer.readableBytesView)
    do {
      return try WireJSON.decoder().decode(Answer.self, from: data)
    } catch {
      throw .badAnswer(route: route, what: Self.describe(error, answer: data))
    }
  }

  static func route(_ method: HTTPMethod, _ path: String) -> String {
    "\(method.rawValue) \(path.split(separator: "?").first.map(String.init) ?? path)"
  }

  /// One request whose answer must be a success: its headers and body. Error statuses are
  /// thrown as `call` describes.
  func fetch(_ method: HTTPMethod, _ path: String, token: String?, body: Data?)
    async throws(SyncError) -> (HTTPHeaders, ByteBuffer)
  {
    let route = Self.route(method, path)
    var request = HTTPClientRequest(url: server + path)
    request.method = method
    request.headers.add(name: "Accept", value: "application/json")
    if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(bytes: body))
    }
    var waited = false
    while true {
      let (status, headers, answer) = try await exchange(request, route: route)
      if (200..<300).contains(status) { return (headers, answer) }
      if status == 401, token != nil { throw .sessionExpired }
      if status == 429, !waited, let seconds = headers.first(name: "Retry-After").flatMap(Int.init),
        (0...10).contains(seconds)
      {
        waited = true
        try? await Task.sleep(for: .seconds(seconds))
        continue
      }
      throw .refused(
        route: route, problem: Self.problem(status: status, answer: Data(answer.readableBytesView)))
    }
  }

  /// Sends `request` and reads the whole answer; transport failures are `offline`.
  private func exchange(_ request: HTTPClientRequest, route: String) async throws(SyncError)
    -> (Int, HTTPHeaders, ByteBuffer)
  {
    do {
      let answer = try await Self.client.execute(request, timeout: Self.requestTimeout)
      let buffer = try await answer.body.collect(upTo: Self.maxAnswerBytes)
      return (Int(answer.status.code), answer.headers, buffer)
    } catch is NIOTooManyBytesError {
      throw .badAnswer(
        route: route, what: "the answer is larger than \(Self.maxAnswerBytes >> 20) MB")
    } catch {
      throw .offline(server: server, reason: Self.transportReason(error))
    }
  }

  /// The server's Problem, or one made from the status when the body is not a Problem.
  static func problem(status: Int, answer: Data) -> Problem {
    if let problem = try? WireJSON.decoder().decode(Problem.self, from: answer) {
      var shown = problem
      shown.status = status
      shown.title = printable(problem.title, limit: 200)
      shown.detail = problem.detail.map { printable($0, limit: 500) }
      return shown
    }
    let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
    let text = printable(String(decoding: answer.prefix(200), as: UTF8.self), limit: 200)
    return Problem(
      title: reason.isEmpty ? "HTTP \(status)" : reason, status: status,
      detail: text.isEmpty ? nil : text)
  }

  static func transportReason(_ error: any Error) -> String {
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout: return "no connection within 5 s"
      case .deadlineExceeded, .readTimeout: return "no answer within 30 s"
      case .remoteConnectionClosed: return "the connection closed before the answer was complete"
      default: return printable("\(error)", limit: 200)
      }
    }
    if let error = error as? IOError { return printable(error.description, limit: 200) }
    return printable("\(error)", limit: 200)
  }

  static func describe(_ error: any Error, answer: Data) -> String {
    let prefix = answer.isEmpty ? "an empty answer" : "\(answer.count) bytes that do not decode"
    guard let error = error as? DecodingError else { return prefix }
    switch error {
    case .dataCorrupted(let context), .keyNotFound(_, let context),
      .typeMismatch(_, let context), .valueNotFound(_, let context):
      let at = context.codingPath.map(\.stringValue).joined(separator: ".")
      return printable(
        "\(prefix)" + (at.isEmpty ? "" : " at \(at)") + ": \(context.debugDescription)", limit: 300)
    @unknown default:
      return prefix
    }
  }

  /// `text` without control characters, at most `limit` characters: a hostile server's words
  /// go to a terminal.
  static func printable(_ text: String, limit: Int) -> String {
    let clean = String(
      String.UnicodeScalarView(
        text.unicodeScalars.lazy.map { $0.properties.generalCategory == .control ? " " : $0 }))
    return clean.count > limit ? String(clean.prefix(limit)) + "…" : clean
  }
}
