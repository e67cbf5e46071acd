import Foundation
import Sync
import XCTest

/// `crm-server` as an operator runs it: bad options and unopenable databases end it at
/// once with one line naming the problem; SIGTERM stops it cleanly.
final class ServerCommandLineTests: XCTestCase {
  private func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = ServerProcess.executable
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let data = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  func testABadPortIsRefusedNamingTheOption() throws {
    let result = try run(["--port", "70000", "--db", "/tmp/unused.sqlite"])
    XCTAssertNotEqual(result.status, 0)
    XCTAssertTrue(result.stderr.contains("--port"), result.stderr)
  }

  func testBadRateLimitsAreRefusedNamingTheOption() throws {
    for (arguments, option) in [
      (["--rate-limit", "fast"], "--rate-limit"),
      (["--rate-limit", "10:0"], "--rate-limit"),
      (["--login-rate-limit", "0:5"], "--login-rate-limit"),
      (["--login-rate-limit", "off"], "--login-rate-limit"),
      (["--rate-limit", "off", "--login-rate-limit", "1:5"], "--login-rate-limit"),
    ] {
      let result = try run(["--port", "0", "--db", "/tmp/unused.sqlite"] + arguments)
      XCTAssertNotEqual(result.status, 0, "\(arguments)")
      XCTAssertTrue(result.stderr.contains(option), "\(arguments): \(result.stderr)")
    }
  }

  func testTheHelpNamesBothRateLimits() throws {
    let process = Process()
    process.executableURL = ServerProcess.executable
    process.arguments = ["--help"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let help = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertTrue(help.contains("--rate-limit <rate-limit>"), help)
    XCTAssertTrue(help.contains("--login-rate-limit <login-rate-limit>"), help)
  }

  /// `status` of each of `count` logins with a wrong password, in order.
  private func loginStatuses(_ client: HarnessClient, count: Int) async throws -> [Int] {
    var statuses: [Int] = []
    for _ in 0..<count {
      let answer = try await client.send(
        "POST", "/v1/auth/login",
        LoginRequest(email: "ada@example.com", password: "not the password"))
      statuses.append(answer.status)
    }
    return statuses
  }

  func testLoginRateLimitSetsOnlyTheLoginLimit() async throws {
    let server = try ServerProcess(extraArguments: ["--login-rate-limit", "0.01:3"])
    defer { server.remove() }
    _ = try await HarnessTeam.create(on: server)  // a signup: the first of the 3
    let client = HarnessClient(baseURL: server.baseURL)
    let statuses = try await loginStatuses(client, count: 3)
    XCTAssertEqual(statuses, [401, 401, 429])
    // The general limit is still the default 200 burst: 30 other requests pass.
    for _ in 0..<30 {
      let document = try await client.send("GET", "/v1/openapi.json")
      XCTAssertEqual(document.status, 200)
    }
  }

  func testRateLimitSetsTheGeneralLimitAndLeavesLoginsTheirOwn() async throws {
    let server = try ServerProcess(extraArguments: ["--rate-limit", "0.01:5"])
    defer { server.remove() }
    let client = HarnessClient(baseURL: server.baseURL)
    var statuses: [Int] = []
    // The OpenAPI document: a route behind the limits (health is not: probes never wait).
    for _ in 0..<6 { statuses.append(try await client.send("GET", "/v1/openapi.json").status) }
    XCTAssertEqual(statuses, [200, 200, 200, 200, 200, 429])
    let limited = try await client.send("GET", "/v1/openapi.json")
    XCTAssertEqual(limited.status, 429)
  }

  func testRateLimitOffTurnsEveryLimitOff() async throws {
    let server = try ServerProcess(extraArguments: ["--rate-limit", "off"])
    defer { server.remove() }
    _ = try await HarnessTeam.create(on: server)
    let statuses = try await loginStatuses(HarnessClient(baseURL: server.baseURL), count: 15)
    XCTAssertEqual(Set(statuses), [401], "more than the default login burst of 10")
  }

  func testAnUnopenableDatabaseEndsWithOneLineNamingIt() throws {
    let path = "/nonexistent-directory-\(UUID().uuidString)/server.sqlite"
    let result = try run(["--port", "0", "--db", path])
    XCTAssertNotEqual(result.status, 0)
    let lines = result.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 1, result.stderr)
    XCTAssertTrue(result.stderr.contains(path), result.stderr)
  }

  func testSIGTERMStopsTheServerWithStatusZeroAndTheDatabaseCheckpointed() throws {
    let server = try ServerProcess()
    defer { server.remove() }
    server.stop()
    XCTAssertEqual(server.exitStatus, 0, server.stderrLines.joined(separator: "\n"))
    let wal = server.databasePath + "-wal"
    let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
    XCTAssertEqual(walSize, 0, "the WAL is checkpointed on close")
  }
}
