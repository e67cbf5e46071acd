import Foundation
import XCTest

/// `crm --view board|contacts|companies`: the view the TUI opens on. The TUI's own options
/// are read by a fast path at start; whatever it does not take goes to ArgumentParser,
/// so help and errors read as they always did.
final class StartViewOptionTests: CLITestCase {
  private var databaseExists: Bool { FileManager.default.fileExists(atPath: cli.database) }

  func testHelpNamesTheOptionAndItsViews() throws {
    let result = try cli.run(["--help"], db: .none)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.stdout.contains("--view <view>"), result.stdout)
    XCTAssertTrue(result.stdout.contains("board, contacts, companies"), result.stdout)
  }

  func testUnknownViewIsOneLineUsageErrorAndTouchesNothing() throws {
    let result = try cli.run(["--view", "nope"])
    XCTAssertEqual(result.status, 64)
    XCTAssertEqual(result.errLines.count, 1, result.stderr)
    XCTAssertTrue(
      result.errLines[0].hasPrefix("crm: --view must be one of board, contacts, companies"),
      result.stderr)
    XCTAssertTrue(result.errLines[0].hasSuffix(", not 'nope'"), result.stderr)
    XCTAssertFalse(databaseExists, "a refused start must not create the database")
  }

  func testViewWithoutValueIsArgumentParsersError() throws {
    let result = try cli.run(["--view"], db: .none)
    XCTAssertEqual(result.status, 64)
    XCTAssertEqual(result.errLines, ["crm: Missing value for '--view <view>'"])
  }

  func testUnknownOptionBesideViewIsStillRefused() throws {
    let result = try cli.run(["--view", "contacts", "--colour", "red"])
    XCTAssertEqual(result.status, 64)
    XCTAssertEqual(result.errLines.count, 1, result.stderr)
    XCTAssertTrue(result.errLines[0].contains("--colour"), result.stderr)
    XCTAssertFalse(databaseExists)
  }

  /// Without a terminal (no TERM, output to a file) the TUI cannot start: one line, exit 1,
  /// and the same whichever way its options were written.
  func testWithoutTerminalEveryFormFailsTheSameWay() throws {
    for args in [["--view", "contacts"], ["--view=contacts", "--no-mouse"], []] {
      let result = try cli.run(args)
      XCTAssertEqual(result.status, 1, "\(args): \(result.stderr)")
      XCTAssertEqual(
        result.errLines, ["crm: ncurses cannot start on terminal type ''"], "\(args)")
      XCTAssertEqual(result.stdout, "", "\(args)")
    }
  }
}
