import Foundation
import XCTest

/// A real `crm-server` on loopback, from the build folder, with a database of its own; killed
/// (SIGKILL) or stopped by the test, restartable on the same port and database.
final class ServerProcess: @unchecked Sendable {
  let directory: URL
  var databasePath: String { directory.appendingPathComponent("server.sqlite").path }
  let extraArguments: [String]
  private(set) var port: Int = 0
  private var process: Process?
  private let lock = NSLock()
  private var log = ""

  var url: String { "http://127.0.0.1:\(port)" }

  init(arguments: [String] = []) throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("crm-sync-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    extraArguments = arguments
    try start(port: 0)
  }

  /// The `crm-server` (or `crm`) executable next to the test bundle.
  static func executable(_ name: String) -> URL {
    var candidates: [URL] = []
    for bundle in [Bundle(for: ServerProcess.self), Bundle.main] {
      candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
    }
    if let first = CommandLine.arguments.first {
      let url = URL(fileURLWithPath: first).resolvingSymlinksInPath()
      candidates.append(url.deletingLastPathComponent().appendingPathComponent(name))
    }
    for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        return url
      }
    }
    fatalError("\(name) executable not found; looked at \(candidates.map(\.path))")
  }

  /// Starts the server and waits for its `listening on http://HOST:PORT` line.
  func start(port: Int) throws {
    let process = Process()
    // $CRM_SERVER runs another build of the server against these tests.
    process.executableURL =
      ProcessInfo.processInfo.environment["CRM_SERVER"].map { URL(fileURLWithPath: $0) }
      ?? Self.executable("crm-server")
    process.arguments =
      ["--port", "\(port)", "--db", databasePath, "--bcrypt-cost", "4"] + extraArguments
    process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = errors
    process.standardInput = FileHandle.nullDevice
    lock.withLock { log = "" }
    // Drained all along: a full pipe would stop the server.
    errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
      let data = handle.availableData
      guard let self, !data.isEmpty else { return }
      self.lock.withLock { self.log += String(decoding: data, as: UTF8.self) }
    }
    try process.run()
    self.process = process
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      let text = lock.withLock { log }
      if let range = text.range(
        of: #"listening on http://[0-9.]+:([0-9]+)"#, options: .regularExpression)
      {
        let line = String(text[range])
        self.port = Int(line.split(separator: ":").last ?? "") ?? 0
        return
      }
      guard process.isRunning else { break }
      Thread.sleep(forTimeInterval: 0.02)
    }
    throw NSError(
      domain: "ServerProcess", code: 1,
      userInfo: [NSLocalizedDescriptionKey: "crm-server did not start: \(lock.withLock { log })"])
  }

  /// SIGKILL: no graceful shutdown, as a crash or a power cut would end it.
  func kill() {
    guard let process, process.isRunning else { return }
    Foundation.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Starts it again on the same port and database.
  func restart() throws {
    kill()
    try start(port: port)
  }

  var output: String { lock.withLock { log } }

  func stop() {
    guard let process, process.isRunning else { return }
    process.terminate()
    process.waitUntilExit()
  }

  deinit {
    if let process, process.isRunning {
      Foundation.kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: directory)
  }
}
