import Foundation
import Model
import Store
import XCTest

@testable import Sync

/// One client replica in a test: a real database file, its token file beside it, its engine.
struct Client {
  let store: Store
  let engine: SyncEngine
  let joining: Joining
  var path: String { store.path }

  init(path: String, pullLimit: Int? = nil) throws {
    store = try Store(path: path)
    try store.initialize(localUserName: "Local")
    engine = SyncEngine(store: store, credentialsPath: path + ".auth", pullLimit: pullLimit)
    joining = Joining(store: store, credentialsPath: path + ".auth")
  }

  @discardableResult
  func sync() async throws(SyncError) -> SyncSummary {
    try await engine.sync()
  }

  /// Every live deal, by id: what the user would see.
  func deals() throws -> [String: Deal] {
    Dictionary(
      uniqueKeysWithValues: try store.deals(limit: 1_000_000).map { ($0.deal.id, $0.deal) })
  }
}

/// Servers and clients that go away with the test.
class SyncTestCase: XCTestCase {
  private(set) var servers: [ServerProcess] = []
  private var directory: URL!
  static let password = "correct horse battery"

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("crm-sync-clients-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  override func tearDown() {
    for server in servers { server.stop() }
    servers = []
    try? FileManager.default.removeItem(at: directory)
    super.tearDown()
  }

  func startServer(_ arguments: [String] = []) throws -> ServerProcess {
    let server = try ServerProcess(arguments: arguments)
    servers.append(server)
    return server
  }

  /// A fresh client database (set up by `initialize`, as `crm` would).
  func newClient(_ name: String = UUID().uuidString, pullLimit: Int? = nil) throws -> Client {
    try Client(path: directory.appendingPathComponent("\(name).sqlite").path, pullLimit: pullLimit)
  }

  var scratch: URL { directory }

  /// A new team's admin on a fresh database, signed up and synced.
  func admin(on server: ServerProcess, email: String = "ada@example.com", name: String = "Ada")
    async throws -> Client
  {
    let client = try newClient("admin-\(email)")
    let result = try await client.joining.signup(
      server: server.url,
      SignupRequest(email: email, name: name, password: Self.password, teamName: "Acme"),
      mergeLocalWork: false)
    _ = try result.firstSync.get()
    return client
  }

  /// Someone `admin` invited as `role`, signed up on a fresh database and synced.
  func member(
    of admin: Client, on server: ServerProcess, email: String, name: String, role: Role,
    pullLimit: Int? = nil
  ) async throws -> Client {
    let invite = try await admin.joining.invite(email: email, role: role)
    let client = try newClient("member-\(email)", pullLimit: pullLimit)
    let result = try await client.joining.signup(
      server: server.url,
      SignupRequest(email: email, name: name, password: Self.password, invite: invite.code),
      mergeLocalWork: false)
    _ = try result.firstSync.get()
    return client
  }

  /// The same account on a new, empty database (a second computer): logged in and synced.
  func secondComputer(of email: String = "ada@example.com", on server: ServerProcess)
    async throws -> Client
  {
    let client = try newClient("second-\(UUID().uuidString)")
    let result = try await client.joining.login(
      server: server.url, LoginRequest(email: email, password: Self.password),
      mergeLocalWork: false)
    _ = try result.firstSync.get()
    return client
  }

  func addDeal(_ client: Client, _ title: String, cents: Int64 = 100_00, now: Date = Date())
    throws -> Deal
  {
    try client.store.createDeal(
      DealDraft(title: title, value: Money(minorUnits: cents, currency: .eur)), now: now)
  }
}
