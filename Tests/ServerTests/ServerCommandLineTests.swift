import Foundation
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
