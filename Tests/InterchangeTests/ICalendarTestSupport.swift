import Foundation
import Interchange
import Model
import XCTest

/// Shared helpers for the iCalendar tests: fixtures, zones, reading to imports, and running
/// calcurse and python3 found on PATH.
enum ICalTest {
  static let berlin = TimeZone(identifier: "Europe/Berlin")!
  static let newYork = TimeZone(identifier: "America/New_York")!
  static let utc = TimeZone(identifier: "UTC")!
  static let now = utcDate("20260301T120000Z")

  static func fixture(_ name: String) throws -> String {
    try String(contentsOf: fixtureURL(name), encoding: .utf8)
  }

  static func fixtureURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/ics/\(name)")
  }

  /// Every item of the text, failing the test on any problem.
  static func read(
    _ text: String, zone: TimeZone = berlin, file: StaticString = #filePath, line: UInt = #line
  ) throws -> [ActivityImport] {
    do {
      return try ICalendar.read(text, zone: zone, now: now)
    } catch {
      XCTFail("import problem: \(error)", file: file, line: line)
      throw error
    }
  }

  /// Every row, successes and failures, of the text.
  static func rows(_ text: String, zone: TimeZone = berlin) -> [Result<
    ActivityImport, ImportProblem
  >] {
    Array(ICalendar.rows(data: Data(text.utf8), zone: zone, now: now))
  }

  static func utcDate(_ text: String) -> Date {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    return f.date(from: text)!
  }

  /// A wall-clock time "2026-03-16 09:00" in a zone.
  static func at(_ text: String, _ zone: TimeZone = berlin) -> Date {
    try! DateInput.parse(text, field: "t", zone: zone, now: now)
  }

  static func local(_ date: Date?, _ zone: TimeZone = berlin) -> String? {
    guard let date else { return nil }
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = zone
    f.dateFormat = "yyyy-MM-dd HH:mm"
    return f.string(from: date)
  }

  /// A calendar around some content lines (LF line ends unless told).
  static func calendar(_ body: String, crlf: Bool = true) -> String {
    let text = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:test\n" + body + "END:VCALENDAR\n"
    return crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
  }

  static func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs a program and returns its standard output; fails on a non-zero exit.
  @discardableResult
  static func run(
    _ program: String, _ arguments: [String], environment extra: [String: String] = [:]
  ) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    for (key, value) in extra { environment[key] = value }
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw NSError(
        domain: "ICalTest", code: Int(process.terminationStatus),
        userInfo: [
          NSLocalizedDescriptionKey: "\(program) \(arguments): "
            + String(decoding: errorData + data, as: UTF8.self)
        ])
    }
    return String(decoding: data, as: UTF8.self)
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("ics-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
