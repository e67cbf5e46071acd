import Foundation
import Interchange
import Model
import XCTest

/// Shared helpers for the vCard tests: fixture files, parsing straight to imports, and
/// running an external program (abook, python3) found on PATH.
enum VCardTest {
  static func fixture(_ name: String) throws -> String {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/vcard/\(name)")
    return try String(contentsOf: url, encoding: .utf8)
  }

  /// Parses and imports, failing the test on any problem.
  static func imports(
    _ text: String, file: StaticString = #filePath, line: UInt = #line
  ) throws -> [ContactImport] {
    let cards = try VCard.parse(text)
    return try VCard.imports(cards).map { result in
      switch result {
      case .success(let value): return value
      case .failure(let problem):
        XCTFail("import problem: \(problem)", file: file, line: line)
        throw problem
      }
    }
  }

  /// The first executable called `name` on PATH.
  static func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs a program and returns its standard output; fails on a non-zero exit.
  static func run(_ program: String, _ arguments: [String], home: URL? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    if let home {
      var environment = ProcessInfo.processInfo.environment
      environment["HOME"] = home.path
      process.environment = environment
    }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw NSError(
        domain: "VCardTest", code: Int(process.terminationStatus),
        userInfo: [NSLocalizedDescriptionKey: String(decoding: errorData, as: UTF8.self)])
    }
    return String(decoding: data, as: UTF8.self)
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("vcard-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
