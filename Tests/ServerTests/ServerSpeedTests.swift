import Foundation
import GRDB
import Model
import Sync
import XCTest

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// How fast a server ingests pushes and streams pulls. Off unless CRM_SYNC_BENCH=1 (it
/// takes a minute); point CRM_SERVER_BIN at a release build for the real figures:
///
///     CRM_SYNC_BENCH=1 CRM_SERVER_BIN=.build-server-rel/release/crm-server \
///       swift test --scratch-path .build-server --skip-build --filter ServerSpeedTests
///
/// Times are the server's own (its request log's `ms`), so the debug test process's
/// JSON work is left out.
final class ServerSpeedTests: XCTestCase {
  override func setUp() async throws {
    try XCTSkipUnless(
      ProcessInfo.processInfo.environment["CRM_SYNC_BENCH"] == "1", "set CRM_SYNC_BENCH=1")
  }

  /// The `ms` of every logged request to `path`.
  private func serverMillis(_ server: ServerProcess, path: String) -> [Double] {
    server.stderrLines.filter { $0.contains("path=\(path)") }.compactMap { line in
      line.split(separator: " ").first { $0.hasPrefix("ms=") }.flatMap { Double($0.dropFirst(3)) }
    }
  }

  func testIngestOfPushes() async throws {
    let server = try ServerProcess(extraArguments: ["--log-level", "info"])
    defer { server.remove() }
    let team = try await HarnessTeam.create(on: server)
    var site = HarnessSite()
    let records = Int(ProcessInfo.processInfo.environment["CRM_SYNC_BENCH_RECORDS"] ?? "") ?? 20_000
    let perPush = 500
    let fields = 15
    var pushed = 0
    var wall: Double = 0
    for start in stride(from: 0, to: records, by: perPush) {
      let mutations = (start..<min(records, start + perPush)).map { index in
        var values: [String: FieldValue] = [:]
        for field in 0..<fields { values["field\(field)"] = .text("value \(index) \(field)") }
        return site.mutation("deal", UUIDv7.generate(), values)
      }
      let body = try WireJSON.encoder().encode(site.request(mutations))
      let began = Date()
      let answer = try await team.adminClient.send("POST", "/v1/sync/push", json: body)
      wall += Date().timeIntervalSince(began)
      XCTAssertEqual(answer.status, 200)
      pushed += mutations.count * fields
    }
    let server_ms = serverMillis(server, path: "/v1/sync/push").reduce(0, +)
    print(
      "sync bench: pushed \(pushed) changes; server \(Int(server_ms)) ms = \(Int(Double(pushed) / server_ms * 1000)) changes/s; round trips \(Int(wall * 1000)) ms"
    )
  }

  func testPullOfAHundredThousandRecords() async throws {
    let records =
      Int(ProcessInfo.processInfo.environment["CRM_SYNC_BENCH_RECORDS"] ?? "") ?? 100_000
    let fields = 15
    let server = try ServerProcess(extraArguments: ["--log-level", "info"])
    defer { server.remove() }
    let team = try await HarnessTeam.create(on: server)
    server.stop()
    let base = try await seed(
      server.databasePath, team: team.admin.user.teamId,
      actor: team.admin.user.id, records: records, fields: fields)
    try server.restart()

    var cursor = base
    var changes = 0
    var bytes = 0
    let began = Date()
    while true {
      let answer = try await team.adminClient.send(
        "GET", "/v1/sync/pull?cursor=\(cursor)&limit=5000")
      XCTAssertEqual(answer.status, 200)
      bytes += answer.body.count
      let page = try answer.decode(PullResponse.self)
      changes += page.changes.count
      cursor = page.cursor
      if !page.more { break }
    }
    let wall = Date().timeIntervalSince(began)
    XCTAssertEqual(changes, records * fields)
    let server_ms = serverMillis(server, path: "/v1/sync/pull").reduce(0, +)
    print(
      "sync bench: pulled \(records) records, \(changes) changes, \(bytes / 1_000_000) MB; server \(Int(server_ms)) ms; with the test's decoding \(Int(wall * 1000)) ms"
    )
  }

  /// Writes `records` deals of `fields` fields straight into a stopped server's database;
  /// returns the cursor before them.
  private func seed(_ path: String, team: String, actor: String, records: Int, fields: Int)
    async throws -> Int64
  {
    let queue = try DatabaseQueue(path: path)
    return try await queue.write { db in
      let base = try Int64.fetchOne(db, sql: "SELECT value FROM sync_state WHERE key = 'seq'") ?? 0
      let site = SiteID.random().rawValue
      let packed = HLC(
        millis: UInt64(Date().timeIntervalSince1970 * 1000), counter: 0,
        site: SiteID(rawValue: site)!
      ).packed
      try db.execute(
        sql: """
          WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
          INSERT INTO records(team, entity, recordId, ownerId, createdBy, seq)
          SELECT ?, 'deal', printf('01900000-0000-7000-8000-%012d', i), NULL, ?, ? + (i + 1) * ?
          FROM n
          """, arguments: [records, team, actor, base, fields])
      try db.execute(
        sql: """
          WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1),
            k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ? - 1)
          INSERT INTO fields(team, entity, recordId, field, value, hlc, site, seq, actor)
          SELECT ?, 'deal', printf('01900000-0000-7000-8000-%012d', i), 'field' || j,
            'value ' || i || ' ' || j, ? + j, ?, ? + i * ? + j + 1, ?
          FROM n, k
          """, arguments: [records, fields, team, packed, site, base, fields, actor])
      try db.execute(
        sql: "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('seq', ?)",
        arguments: [base + Int64(records * fields)])
      return base
    }
  }
}
