import Foundation
import Model
import Store
import XCTest

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A write the CLI reported as done survives the process being killed (SIGKILL) in the
/// middle of a burst of writes, and the file stays sound.
final class DurabilityTests: StoreTestCase {
  /// The `crm` binary built next to this test bundle (`swift build --build-tests` builds it).
  private func crmBinary() throws -> String {
    if let path = ProcessInfo.processInfo.environment["CRM_BINARY"] { return path }
    let candidates = [Bundle.main.executableURL, Bundle(for: Self.self).bundleURL]
      .compactMap { $0?.resolvingSymlinksInPath() }
      .flatMap { url in
        [
          url.deletingLastPathComponent(),
          url.deletingLastPathComponent().deletingLastPathComponent(),
        ]
      }
      .map { $0.appendingPathComponent("crm").path }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else {
      throw XCTSkip("no crm binary next to the tests (looked at \(candidates)); set CRM_BINARY")
    }
    return found
  }

  /// Starts `/bin/sh -c script` as the leader of a new process group, so the shell and the
  /// `crm` it is running can be killed together.
  private func spawnGroup(_ script: String, environment: [String: String]) throws -> pid_t {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let arguments = ["/bin/sh", "-c", script]
    let environment = environment.map { "\($0.key)=\($0.value)" }
    var argv = arguments.map { strdup($0) } + [nil]
    var envp = environment.map { strdup($0) } + [nil]
    defer {
      for pointer in argv + envp { free(pointer) }
    }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, "/bin/sh", nil, &attributes, &argv, &envp)
    guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
    return pid
  }

  func testKilledBurstLosesNoReportedWrite() throws {
    let crm = try crmBinary()
    let ids = directory.appendingPathComponent("ids.txt").path
    XCTAssertTrue(FileManager.default.createFile(atPath: ids, contents: nil))
    store = nil

    // Each id is appended only after `crm deal add` has returned it: a write reported done.
    let script = """
      i=0
      while :; do
        i=$((i+1))
        id=$("$CRM" --db "$DB" deal add --title "Burst $i" --value 1.00 --currency EUR) || exit 3
        printf '%s\\n' "$id" >> "$IDS"
      done
      """
    var environment = ProcessInfo.processInfo.environment
    environment["CRM"] = crm
    environment["DB"] = path
    environment["IDS"] = ids
    environment["CRM_USER"] = "Alex Admin"

    var reported: [String] = []
    for round in 1...3 {
      let pid = try spawnGroup(script, environment: environment)
      Thread.sleep(forTimeInterval: 1.5)
      XCTAssertEqual(kill(-pid, SIGKILL), 0, "round \(round)")
      var status: Int32 = 0
      XCTAssertEqual(waitpid(pid, &status, 0), pid)
      // Killed by the signal, not ended by an error of its own.
      XCTAssertEqual(status & 0x7f, SIGKILL, "round \(round): the loop ended by itself")

      let text = try String(contentsOfFile: ids, encoding: .utf8)
      reported = text.split(separator: "\n").map(String.init)
      XCTAssertTrue(reported.allSatisfy(UUIDv7.isValid), "round \(round): \(reported)")

      let reopened = try Store(path: path)
      XCTAssertEqual(try reopened.integrityCheck(), "ok", "round \(round)")
      XCTAssertEqual(try reopened.journalMode(), "wal")
      for id in reported {
        XCTAssertNoThrow(try reopened.deal(id), "round \(round): reported deal \(id) is gone")
      }
      // At most the one write in flight at each kill so far was done but not reported (the
      // file accumulates over the rounds).
      let stored = try reopened.count(.deal)
      XCTAssertGreaterThanOrEqual(stored, reported.count)
      XCTAssertLessThanOrEqual(stored, reported.count + round)
      let column = try XCTUnwrap(reopened.board()?.columns.first)
      XCTAssertEqual(column.count, stored, "the board's totals agree with the rows")
      XCTAssertEqual(column.totals, [Money(minorUnits: Int64(stored) * 100, currency: .eur)])
    }
    XCTAssertGreaterThanOrEqual(reported.count, 3, "the burst wrote too little to test anything")
  }
}
