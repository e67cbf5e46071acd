import Foundation
import XCTest

/// What one run of `crm` did, as a shell would see it.
struct CLIResult {
  let status: Int32
  let stdout: String
  let stderr: String

  /// Standard output without the final newline.
  var out: String { stdout.trimmingCharacters(in: .newlines) }
  var errLines: [String] {
    stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }
}

/// Runs the built `crm` binary in a scratch directory of its own, with a clean environment.
final class CLIRunner {
  let directory: URL
  /// The database every run gets as `--db` unless `db: nil` is passed.
  var database: String { directory.appendingPathComponent("crm.sqlite").path }

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("crm-cli-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(at: directory)
  }

  /// The `crm` executable built next to the test bundle.
  static let executable: URL = {
    var candidates: [URL] = []
    for bundle in [Bundle(for: CLIRunner.self), Bundle.main] {
      candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("crm"))
      candidates.append(bundle.bundleURL.appendingPathComponent("crm"))
    }
    if let first = CommandLine.arguments.first {
      let url = URL(fileURLWithPath: first).resolvingSymlinksInPath()
      candidates.append(url.deletingLastPathComponent().appendingPathComponent("crm"))
      // macOS: .../debug/crmPackageTests.xctest/Contents/MacOS/crmPackageTests
      candidates.append(
        url.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
          .deletingLastPathComponent().appendingPathComponent("crm"))
    }
    for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        return url
      }
    }
    fatalError("crm executable not found; looked at \(candidates.map(\.path))")
  }()

  /// The environment of every run: UTF-8, UTC, and nothing from the caller's CRM settings.
  func environment(_ extra: [String: String]) -> [String: String] {
    var env: [String: String] = [
      "LANG": "C.UTF-8",
      "TZ": "UTC",
      "HOME": directory.path,
      "XDG_DATA_HOME": directory.path,
      "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
      "PATH": "/usr/bin:/bin",
      "USER": "tester",
    ]
    for (key, value) in extra { env[key] = value }
    return env
  }

  /// Runs `crm ARGS` (with `--db` into the scratch directory unless `db` is nil), feeding
  /// `stdin` (or /dev/null, which is not a terminal).
  @discardableResult
  func run(
    _ args: [String], stdin: String? = nil, db: String?? = .some(nil),
    env: [String: String] = [:]
  ) throws -> CLIResult {
    let process = Process()
    process.executableURL = Self.executable
    var arguments = args
    switch db {
    case .none: break
    case .some(.none): arguments += ["--db", database]
    case .some(.some(let path)): arguments += ["--db", path]
    }
    process.arguments = arguments
    process.environment = environment(env)
    process.currentDirectoryURL = directory

    let id = UUID().uuidString
    let outURL = directory.appendingPathComponent("stdout-\(id)")
    let errURL = directory.appendingPathComponent("stderr-\(id)")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    defer {
      try? outHandle.close()
      try? errHandle.close()
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }
    process.standardOutput = outHandle
    process.standardError = errHandle

    var inputPipe: Pipe?
    if stdin != nil {
      let pipe = Pipe()
      process.standardInput = pipe
      inputPipe = pipe
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    if let inputPipe, let stdin {
      inputPipe.fileHandleForWriting.write(Data(stdin.utf8))
      try inputPipe.fileHandleForWriting.close()
    }
    process.waitUntilExit()
    let out = try Data(contentsOf: outURL)
    let err = try Data(contentsOf: errURL)
    return CLIResult(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self))
  }
}

/// A test case with a fresh scratch directory and database per test.
class CLITestCase: XCTestCase {
  private var runner: CLIRunner?
  var cli: CLIRunner {
    guard let runner else { fatalError("setUp did not run") }
    return runner
  }

  override func setUpWithError() throws {
    try super.setUpWithError()
    runner = try CLIRunner()
  }

  override func tearDown() {
    runner?.remove()
    runner = nil
    super.tearDown()
  }

  /// Runs crm and returns everything, asserting nothing.
  @discardableResult
  func crm(
    _ args: String..., stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line
  ) throws -> CLIResult {
    try cli.run(args, stdin: stdin)
  }

  /// Runs crm, asserts success with a quiet standard error, and returns standard output
  /// without its final newline.
  @discardableResult
  func ok(
    _ args: String..., stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line
  ) throws -> String {
    try ok(args, stdin: stdin, file: file, line: line)
  }

  @discardableResult
  func ok(
    _ args: [String], stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line
  ) throws -> String {
    let result = try cli.run(args, stdin: stdin)
    XCTAssertEqual(
      result.status, 0, "crm \(args.joined(separator: " ")) failed: \(result.stderr)", file: file,
      line: line)
    XCTAssertEqual(
      result.stderr, "", "crm \(args.joined(separator: " ")) wrote to stderr", file: file,
      line: line)
    return result.out
  }

  /// Runs an `add`, asserts it printed exactly one UUIDv7 line, and returns it.
  @discardableResult
  func add(
    _ args: String..., stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line
  )
    throws -> String
  {
    let result = try cli.run(args, stdin: stdin)
    XCTAssertEqual(
      result.status, 0, "crm \(args.joined(separator: " ")) failed: \(result.stderr)", file: file,
      line: line)
    XCTAssertEqual(result.stderr, "", file: file, line: line)
    XCTAssertTrue(
      result.stdout.hasSuffix("\n") && result.stdout.filter { $0 == "\n" }.count == 1,
      "add should print one line, got \(result.stdout.debugDescription)", file: file, line: line)
    let id = result.out
    XCTAssertTrue(isUUIDv7(id), "\(id.debugDescription) is not a UUIDv7", file: file, line: line)
    return id
  }

  /// Runs crm with --json and returns the array of objects it printed.
  func jsonArray(_ args: String..., file: StaticString = #filePath, line: UInt = #line) throws
    -> [[String: Any]]
  {
    try jsonArray(args, file: file, line: line)
  }

  func jsonArray(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws
    -> [[String: Any]]
  {
    let text = try ok(args + ["--json"], file: file, line: line)
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try XCTUnwrap(
      value as? [[String: Any]], "not a JSON array of objects: \(text)", file: file, line: line)
  }

  /// Runs crm with --json and returns the object it printed.
  func jsonObject(_ args: String..., file: StaticString = #filePath, line: UInt = #line) throws
    -> [String: Any]
  {
    let text = try ok(args + ["--json"], file: file, line: line)
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try XCTUnwrap(
      value as? [String: Any], "not a JSON object: \(text)", file: file, line: line)
  }

  /// The whole change log as text: any write shows up here.
  func logSnapshot() throws -> String {
    try ok("log", "--json", "--limit", "100000000")
  }

  /// Asserts a refusal as a script sees it: non-zero exit, nothing on standard output,
  /// exactly one `crm: ` line on standard error that names each of `naming`, and no change
  /// in the database. Returns the error line.
  @discardableResult
  func refused(
    _ args: String..., naming: String..., stdin: String? = nil, file: StaticString = #filePath,
    line: UInt = #line
  ) throws -> String {
    let before = try logSnapshot()
    let result = try cli.run(args, stdin: stdin)
    let command = "crm \(args.joined(separator: " "))"
    XCTAssertNotEqual(result.status, 0, "\(command) should fail", file: file, line: line)
    XCTAssertEqual(result.stdout, "", "\(command) printed on stdout", file: file, line: line)
    XCTAssertEqual(
      result.errLines.count, 1, "\(command): stderr should be one line, got \(result.stderr)",
      file: file, line: line)
    let message = result.errLines.first ?? ""
    XCTAssertTrue(
      message.hasPrefix("crm: "), "\(command): \(message.debugDescription) lacks `crm: `",
      file: file, line: line)
    for word in naming {
      XCTAssertTrue(
        message.contains(word), "\(command): \(message.debugDescription) does not name \(word)",
        file: file, line: line)
    }
    XCTAssertEqual(
      try logSnapshot(), before, "\(command) changed the database", file: file, line: line)
    return message
  }

  /// Every key, at every depth, is lower camelCase.
  func assertCamelCaseKeys(_ value: Any, file: StaticString = #filePath, line: UInt = #line) {
    if let object = value as? [String: Any] {
      for (key, inner) in object {
        XCTAssertNotNil(
          key.range(of: "^[a-z][A-Za-z0-9]*$", options: .regularExpression),
          "key \(key) is not camelCase", file: file, line: line)
        assertCamelCaseKeys(inner, file: file, line: line)
      }
    } else if let array = value as? [Any] {
      for inner in array { assertCamelCaseKeys(inner, file: file, line: line) }
    }
  }

  func isISO8601(_ value: Any?) -> Bool {
    guard let text = value as? String else { return false }
    return ISO8601DateFormatter().date(from: text) != nil
  }

  func isUUIDv7(_ text: String) -> Bool {
    let pattern = "^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
    return text.range(of: pattern, options: .regularExpression) != nil
  }

  /// `crm init` on the scratch database.
  func initDatabase(demo: Bool = false) throws {
    try ok(demo ? ["init", "--demo"] : ["init"])
  }
}
