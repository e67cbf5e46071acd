import Foundation
import XCTest

/// `crm signup`, `login`, `invite`, `sync`, `sync --status` and `logout` as a user runs them.
final class SyncCommandTests: SyncTestCase {
  struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
    var out: String { stdout.trimmingCharacters(in: .newlines) }
  }

  /// Runs the built `crm` with `--db db`, feeding `stdin` (a pipe: not a terminal).
  @discardableResult
  func crm(_ args: [String], db: String, stdin: String = "") throws -> Run {
    let process = Process()
    process.executableURL = ServerProcess.executable("crm")
    process.arguments = args + ["--db", db]
    process.environment = [
      "LANG": "C.UTF-8", "TZ": "UTC", "HOME": scratch.path, "XDG_DATA_HOME": scratch.path,
      "XDG_CONFIG_HOME": scratch.appendingPathComponent("config").path, "PATH": "/usr/bin:/bin",
      "USER": "tester",
    ]
    let output = Pipe()
    let errors = Pipe()
    let input = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self))
  }

  @discardableResult
  func ok(
    _ args: [String], db: String, stdin: String = "", file: StaticString = #filePath,
    line: UInt = #line
  ) throws -> String {
    let run = try crm(args, db: db, stdin: stdin)
    XCTAssertEqual(
      run.status, 0, "crm \(args.joined(separator: " ")): \(run.stderr)", file: file, line: line)
    return run.out
  }

  func db(_ name: String) -> String { scratch.appendingPathComponent("\(name).sqlite").path }

  func testATeamSignsUpInvitesJoinsAndSyncsFromTheCommandLine() throws {
    let server = try startServer()
    let ada = db("ada")
    let signedUp = try ok(
      [
        "signup", "--server", server.url, "--email", "ada@example.com", "--name", "Ada",
        "--password-stdin", "--team", "Acme",
      ], db: ada, stdin: Self.password + "\n")
    XCTAssertTrue(
      signedUp.hasPrefix("Signed up as Ada (ada@example.com, admin) on \(server.url)"), signedUp)
    var info = stat()
    XCTAssertEqual(stat(ada + ".auth", &info), 0)
    XCTAssertEqual(info.st_mode & 0o777, 0o600, "the token file is the user's alone")

    let code = try ok(["invite", "--email", "rex@example.com", "--role", "rep"], db: ada)
    XCTAssertFalse(code.isEmpty)
    XCTAssertFalse(code.contains("\n"), "only the code is printed: \(code)")

    try ok(["deal", "add", "--title", "ACME renewal", "--value", "1200"], db: ada)
    let pushed = try ok(["sync"], db: ada)
    XCTAssertTrue(pushed.hasPrefix("pushed "), pushed)
    XCTAssertFalse(pushed.hasPrefix("pushed 0 "), pushed)

    let rex = db("rex")
    let joined = try ok(
      [
        "signup", "--server", server.url, "--email", "rex@example.com", "--name", "Rex",
        "--password-stdin", "--invite", code,
      ], db: rex, stdin: Self.password)
    XCTAssertTrue(joined.contains("Rex (rex@example.com, rep)"), joined)
    XCTAssertTrue(try ok(["deal", "list"], db: rex).contains("ACME renewal"))

    let status = try ok(["sync", "--status", "--json"], db: rex)
    let object = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(status.utf8)) as? [String: Any])
    XCTAssertEqual(object["server"] as? String, server.url)
    XCTAssertEqual(object["online"] as? Bool, true)
    XCTAssertEqual(object["pending"] as? Int, 0)
    XCTAssertEqual((object["user"] as? [String: Any])?["role"] as? String, "rep")
    XCTAssertNotNil(object["lastSyncAt"] as? String)
    let text = try ok(["sync", "--status"], db: rex)
    XCTAssertTrue(text.contains("Rex <rex@example.com> (rep)"), text)
    XCTAssertTrue(text.contains("Online:"), text)

    // The rep may not edit the admin's deal: refused, shown, set back.
    let list = try ok(["deal", "list", "--json"], db: rex)
    let deals = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
    let dealId = try XCTUnwrap(deals.first?["id"] as? String)
    try ok(["deal", "edit", dealId, "--title", "Mine now"], db: rex)
    let refused = try ok(["sync"], db: rex)
    XCTAssertTrue(refused.contains("1 refused: "), refused)
    XCTAssertTrue(try ok(["deal", "show", dealId], db: rex).contains("ACME renewal"))

    XCTAssertEqual(try ok(["logout"], db: rex), "Logged out")
    let after = try crm(["sync"], db: rex)
    XCTAssertNotEqual(after.status, 0)
    XCTAssertTrue(after.stderr.contains("not logged in"), after.stderr)
  }

  func testJoiningWithLocalWorkNeedsAFlagWhenNotAtATerminalAndChangesNothing() throws {
    let server = try startServer()
    let ada = db("ada")
    try ok(
      [
        "signup", "--server", server.url, "--email", "ada@example.com", "--name", "Ada",
        "--password-stdin",
      ], db: ada, stdin: Self.password)
    // An admin: only admins may bring pipelines, and the local deals stand in the local one.
    let code = try ok(["invite", "--email", "bo@example.com", "--role", "admin"], db: ada)

    let bo = db("bo")
    try ok(["init"], db: bo)
    try ok(["deal", "add", "--title", "Local deal", "--value", "5"], db: bo)
    let before = try ok(["log", "--json"], db: bo)
    let signup = [
      "signup", "--server", server.url, "--email", "bo@example.com", "--name", "Bo",
      "--password-stdin", "--invite", code,
    ]
    let refused = try crm(signup, db: bo, stdin: Self.password)
    XCTAssertNotEqual(refused.status, 0)
    XCTAssertTrue(refused.stderr.contains("local work (1 deals, 0 contacts)"), refused.stderr)
    XCTAssertTrue(refused.stderr.contains("--merge-local"), refused.stderr)
    XCTAssertEqual(try ok(["log", "--json"], db: bo), before, "nothing changed")
    XCTAssertFalse(FileManager.default.fileExists(atPath: bo + ".auth"))

    let noMerge = try crm(signup + ["--no-merge"], db: bo, stdin: Self.password)
    XCTAssertNotEqual(noMerge.status, 0)
    XCTAssertEqual(try ok(["log", "--json"], db: bo), before, "nothing changed")

    let merged = try ok(signup + ["--merge-local"], db: bo, stdin: Self.password)
    XCTAssertTrue(merged.contains("Bo (bo@example.com, admin)"), merged)
    XCTAssertFalse(merged.contains("refused"), merged)
    try ok(["sync"], db: ada)
    XCTAssertTrue(
      try ok(["deal", "list"], db: ada).contains("Local deal"), "the merged work reached the team")
  }

  func testCommandsSayWhatIsWrong() throws {
    let server = try startServer()
    let ada = db("ada")
    let noPassword = try crm(
      ["login", "--server", server.url, "--email", "ada@example.com"], db: ada)
    XCTAssertNotEqual(noPassword.status, 0)
    XCTAssertTrue(noPassword.stderr.contains("--password-stdin"), noPassword.stderr)

    let badURL = try crm(
      ["login", "--server", "ftp:/nowhere", "--email", "a@b.c", "--password-stdin"], db: ada,
      stdin: "x")
    XCTAssertNotEqual(badURL.status, 0)
    XCTAssertTrue(badURL.stderr.contains("--server"), badURL.stderr)

    let wrong = try crm(
      ["login", "--server", server.url, "--email", "nobody@example.com", "--password-stdin"],
      db: ada, stdin: "wrong password")
    XCTAssertNotEqual(wrong.status, 0)
    XCTAssertTrue(wrong.stderr.hasPrefix("crm: refused by server: "), wrong.stderr)

    let notIn = try crm(["sync"], db: ada)
    XCTAssertNotEqual(notIn.status, 0)
    XCTAssertTrue(notIn.stderr.contains("not logged in"), notIn.stderr)

    let role = try crm(["invite", "--email", "x@example.com", "--role", "boss"], db: ada)
    XCTAssertNotEqual(role.status, 0)
    XCTAssertTrue(role.stderr.contains("--role"), role.stderr)

    let status = try ok(["sync", "--status"], db: ada)
    XCTAssertTrue(status.contains("not logged in"), status)
  }

  func testAManagersMergedDealsMoveIntoTheTeamsPipeline() throws {
    let server = try startServer()
    let ada = db("ada")
    try ok(
      [
        "signup", "--server", server.url, "--email", "ada@example.com", "--name", "Ada",
        "--password-stdin",
      ], db: ada, stdin: Self.password)
    let code = try ok(["invite", "--email", "mo@example.com", "--role", "manager"], db: ada)
    let mo = db("mo")
    try ok(["init"], db: mo)
    try ok(["deal", "add", "--title", "Mo's deal", "--value", "5", "--stage", "Proposal"], db: mo)
    let merged = try ok(
      [
        "signup", "--server", server.url, "--email", "mo@example.com", "--name", "Mo",
        "--password-stdin", "--invite", code, "--merge-local",
      ], db: mo, stdin: Self.password)
    // The pipeline is refused (admins only); the deal moves into the team's.
    XCTAssertTrue(merged.contains("1 refused"), merged)
    try ok(["sync"], db: ada)
    let list = try ok(["deal", "list"], db: ada)
    XCTAssertTrue(list.contains("Mo's deal"), list)
    XCTAssertTrue(list.contains("Proposal"), list)
  }
}
