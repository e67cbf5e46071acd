import Foundation
import Model
import Sync
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A real `crm-server` process on a free loopback port, with its database in a scratch
/// directory of its own. `stop()` ends it (SIGTERM); `kill()` sends SIGKILL, as a crash.
final class ServerProcess: @unchecked Sendable {
  let directory: URL
  let databasePath: String
  private(set) var process: Process
  private(set) var port: Int = 0
  private var errors = Pipe()
  private let lines = LineCollector()
  private let extraArguments: [String]

  var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

  /// Starts a server on a new database (or on `directory`'s, to restart one).
  init(directory: URL? = nil, extraArguments: [String] = []) throws {
    self.extraArguments = extraArguments
    if let directory {
      self.directory = directory
    } else {
      self.directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("crm-server-\(UUID().uuidString)", isDirectory: true)
      try FileManager.default.createDirectory(
        at: self.directory, withIntermediateDirectories: true)
    }
    databasePath = self.directory.appendingPathComponent("server.sqlite").path
    process = Process()
    try start(extraArguments: extraArguments)
  }

  private func start(extraArguments: [String]) throws {
    process = Process()
    errors.fileHandleForReading.readabilityHandler = nil
    errors = Pipe()
    lines.reset()
    process.executableURL = Self.executable
    let limited = extraArguments.contains { $0 == "--rate-limit" || $0 == "--login-rate-limit" }
    process.arguments =
      ["--port", "0", "--db", databasePath, "--bcrypt-cost", "4"]
      + (limited ? [] : ["--rate-limit", "off"])
      + (extraArguments.contains("--log-level") ? [] : ["--log-level", "warning"])
      + extraArguments
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    let collector = lines
    errors.fileHandleForReading.readabilityHandler = { handle in
      collector.append(handle.availableData)
    }
    try process.run()
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      if let line = lines.all().first(where: { $0.hasPrefix("listening on http://") }),
        let portText = line.split(separator: ":").last, let port = Int(portText)
      {
        self.port = port
        return
      }
      if !process.isRunning { break }
      Thread.sleep(forTimeInterval: 0.02)
    }
    throw ServerProcessError(
      "crm-server did not start listening; stderr: \(lines.all().joined(separator: "\n"))")
  }

  /// Everything the server wrote to standard error so far.
  var stderrLines: [String] { lines.all() }

  var exitStatus: Int32 { process.terminationStatus }

  /// SIGTERM, and waits for the exit.
  func stop() {
    guard process.isRunning else { return }
    process.terminate()
    process.waitUntilExit()
  }

  /// SIGKILL: the server dies without a chance to clean up.
  func kill() {
    guard process.isRunning else { return }
    Foundation.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Starts the server again on the same database (after `stop` or `kill`).
  func restart() throws {
    try start(extraArguments: extraArguments)
  }

  func remove() {
    kill()
    errors.fileHandleForReading.readabilityHandler = nil
    try? FileManager.default.removeItem(at: directory)
  }

  /// The `crm-server` executable built next to the test bundle.
  static let executable: URL = {
    // A release build, for the speed tests: CRM_SERVER_BIN=.build-x/release/crm-server.
    if let override = ProcessInfo.processInfo.environment["CRM_SERVER_BIN"] {
      return URL(fileURLWithPath: override)
    }
    var candidates: [URL] = []
    for bundle in [Bundle(for: ServerProcess.self), Bundle.main] {
      candidates.append(
        bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("crm-server"))
    }
    if let first = CommandLine.arguments.first {
      let url = URL(fileURLWithPath: first).resolvingSymlinksInPath()
      candidates.append(url.deletingLastPathComponent().appendingPathComponent("crm-server"))
      candidates.append(
        url.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
          .deletingLastPathComponent().appendingPathComponent("crm-server"))
    }
    for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) {
      return url
    }
    fatalError("crm-server executable not found; looked at \(candidates.map(\.path))")
  }()
}

struct ServerProcessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Lines of a pipe, collected from its reader's thread.
final class LineCollector: @unchecked Sendable {
  private let lock = NSLock()
  private var buffer = Data()

  func append(_ data: Data) {
    lock.lock()
    buffer.append(data)
    lock.unlock()
  }

  func reset() {
    lock.lock()
    buffer = Data()
    lock.unlock()
  }

  func all() -> [String] {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init)
  }
}

/// An HTTP answer: status, body.
struct HTTPAnswer {
  var status: Int
  var body: Data
  var contentType: String?

  var text: String { String(decoding: body, as: UTF8.self) }

  func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try WireJSON.decoder().decode(type, from: body)
  }
}

/// Blocking-free HTTP calls against one server, as a client holding `token`.
struct HarnessClient: Sendable {
  var baseURL: URL
  var token: String?

  func send(
    _ method: String, _ path: String, json body: Data? = nil, token: String? = nil
  ) async throws -> HTTPAnswer {
    var request = URLRequest(url: URL(string: path, relativeTo: baseURL)!)
    request.httpMethod = method
    request.timeoutInterval = 60
    if let body {
      request.httpBody = body
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    if let bearer = token ?? self.token {
      request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    return HTTPAnswer(
      status: http.statusCode, body: data,
      contentType: http.value(forHTTPHeaderField: "Content-Type"))
  }

  func send<Body: Encodable>(_ method: String, _ path: String, _ body: Body) async throws
    -> HTTPAnswer
  {
    try await send(method, path, json: WireJSON.encoder().encode(body))
  }

  func push(_ request: PushRequest) async throws -> PushResponse {
    let answer = try await send("POST", "/v1/sync/push", request)
    guard answer.status == 200 else {
      throw ServerProcessError("push answered \(answer.status): \(answer.text)")
    }
    return try answer.decode(PushResponse.self)
  }

  func pull(cursor: Int64 = 0, since: Int64? = nil, limit: Int? = nil) async throws
    -> PullResponse
  {
    let query =
      "cursor=\(cursor)" + (since.map { "&since=\($0)" } ?? "")
      + (limit.map { "&limit=\($0)" } ?? "")
    let answer = try await send("GET", "/v1/sync/pull?\(query)")
    guard answer.status == 200 else {
      throw ServerProcessError("pull answered \(answer.status): \(answer.text)")
    }
    return try answer.decode(PullResponse.self)
  }

  /// Every change after `cursor`, following pages.
  func pullAll(cursor: Int64 = 0, limit: Int? = nil) async throws -> (
    changes: [FieldChange], cursor: Int64
  ) {
    let since = cursor
    var cursor = cursor
    var changes: [FieldChange] = []
    while true {
      let page = try await pull(cursor: cursor, since: since, limit: limit)
      changes += page.changes
      cursor = page.cursor
      if !page.more { return (changes, cursor) }
    }
  }
}

/// A team on a running server: its admin, and whoever else joined by invite.
struct HarnessTeam {
  var server: ServerProcess
  var admin: TokenResponse

  /// Signs up a new team's admin.
  static func create(on server: ServerProcess, email: String = "ada@example.com") async throws
    -> HarnessTeam
  {
    let client = HarnessClient(baseURL: server.baseURL)
    let answer = try await client.send(
      "POST", "/v1/auth/signup",
      SignupRequest(email: email, name: "Ada Admin", password: "correct horse battery"))
    guard answer.status == 200 || answer.status == 201 else {
      throw ServerProcessError("signup answered \(answer.status): \(answer.text)")
    }
    return HarnessTeam(server: server, admin: try answer.decode(TokenResponse.self))
  }

  func client(_ tokens: TokenResponse) -> HarnessClient {
    HarnessClient(baseURL: server.baseURL, token: tokens.accessToken)
  }

  var adminClient: HarnessClient { client(admin) }

  /// Invites `email` in `role` and signs them up.
  func join(email: String, name: String, role: Role) async throws -> TokenResponse {
    let invite = try await adminClient.send(
      "POST", "/v1/invites", InviteRequest(email: email, role: role))
    guard invite.status == 200 || invite.status == 201 else {
      throw ServerProcessError("invite answered \(invite.status): \(invite.text)")
    }
    let code = try invite.decode(InviteInfo.self).code
    let answer = try await HarnessClient(baseURL: server.baseURL).send(
      "POST", "/v1/auth/signup",
      SignupRequest(email: email, name: name, password: "correct horse battery", invite: code))
    guard answer.status == 200 || answer.status == 201 else {
      throw ServerProcessError("invited signup answered \(answer.status): \(answer.text)")
    }
    return try answer.decode(TokenResponse.self)
  }
}

/// Builds pushes for one client site, with clocks from the real wall clock.
struct HarnessSite {
  var site = SiteID.random()
  var clock: HybridClock
  var nextSeq: Int64 = 1

  init() {
    clock = HybridClock(site: site)
  }

  /// A clock reading `offsetMillis` from now.
  mutating func tick(offsetMillis: Int64 = 0) -> HLC {
    let wall = UInt64(Int64(Date().timeIntervalSince1970 * 1000) + offsetMillis)
    return clock.tick(wallMillis: wall)
  }

  /// A mutation writing `fields` of one record.
  mutating func mutation(
    _ entity: String, _ id: String, _ fields: [String: FieldValue], offsetMillis: Int64 = 0
  ) -> PushMutation {
    var changes: [FieldChange] = []
    for (field, value) in fields.sorted(by: { $0.key < $1.key }) {
      changes.append(
        FieldChange(
          entity: entity, id: id, field: field, value: value, hlc: tick(offsetMillis: offsetMillis))
      )
    }
    defer { nextSeq += 1 }
    return PushMutation(seq: nextSeq, id: UUIDv7.generate(), label: "test", changes: changes)
  }

  func request(_ mutations: [PushMutation]) -> PushRequest {
    PushRequest(site: site, mutations: mutations)
  }
}

/// The latest value of each (entity, id, field) in a list of pulled changes.
func latestValues(_ changes: [FieldChange]) -> [String: FieldValue] {
  var values: [String: FieldValue] = [:]
  for change in changes { values["\(change.entity)/\(change.id)/\(change.field)"] = change.value }
  return values
}

final class ServerHealthTests: XCTestCase {
  func testHealthAnswersOkWithoutAToken() async throws {
    let server = try ServerProcess()
    defer { server.remove() }
    let answer = try await HarnessClient(baseURL: server.baseURL).send("GET", "/v1/health")
    XCTAssertEqual(answer.status, 200)
    XCTAssertEqual(answer.text, #"{"status":"ok"}"#)
  }

  func testSyncRoutesNeedAToken() async throws {
    let server = try ServerProcess()
    defer { server.remove() }
    let answer = try await HarnessClient(baseURL: server.baseURL).send(
      "GET", "/v1/sync/pull?cursor=0")
    XCTAssertEqual(answer.status, 401)
    XCTAssertEqual(answer.contentType, "application/problem+json")
  }
}
