import Foundation
import XCTest

/// `--db PATH`, else `$CRM_DB`, else `$XDG_DATA_HOME/crm/crm.sqlite`.
final class DatabaseLocationTests: CLITestCase {
  private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  func testDBFlagWinsOverEnvironment() throws {
    let flag = cli.directory.appendingPathComponent("flag.sqlite").path
    let env = cli.directory.appendingPathComponent("env.sqlite").path
    let result = try cli.run(["init"], db: .some(flag), env: ["CRM_DB": env])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(exists(flag))
    XCTAssertFalse(exists(env))
    XCTAssertFalse(exists(cli.directory.appendingPathComponent("crm/crm.sqlite").path))
  }

  func testCRMDBUsedWithoutFlag() throws {
    let env = cli.directory.appendingPathComponent("env.sqlite").path
    let result = try cli.run(["init"], db: .none, env: ["CRM_DB": env])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(exists(env))
    XCTAssertFalse(exists(cli.directory.appendingPathComponent("crm/crm.sqlite").path))

    // A deal added through $CRM_DB is seen there and not in the XDG database.
    let id = try cli.run(["deal", "add", "--title", "Env"], db: .none, env: ["CRM_DB": env]).out
    let shown = try cli.run(["deal", "show", id], db: .some(env))
    XCTAssertEqual(shown.status, 0, shown.stderr)
    XCTAssertNotEqual(try cli.run(["deal", "show", id], db: .none).status, 0)
  }

  func testXDGDataHomeWithDirectoriesCreated() throws {
    let xdg = cli.directory.appendingPathComponent("deep/data").path
    let result = try cli.run(["init"], db: .none, env: ["XDG_DATA_HOME": xdg])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(exists(xdg + "/crm/crm.sqlite"))
  }

  func testEmptyCRMDBFallsBackToXDG() throws {
    let result = try cli.run(["init"], db: .none, env: ["CRM_DB": ""])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(exists(cli.directory.appendingPathComponent("crm/crm.sqlite").path))
  }

  func testDBInMissingDirectoryIsCreated() throws {
    let path = cli.directory.appendingPathComponent("a/b/crm.sqlite").path
    let result = try cli.run(["init"], db: .some(path))
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(exists(path))
  }
}
