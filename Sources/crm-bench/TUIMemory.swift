import ArgumentParser
import Foundation
import Store
import TUI

/// Resident memory of this process, from /proc/self/status (Linux), in MiB.
struct ResidentMemory: Codable {
  /// VmRSS: resident now.
  var rss: Double
  /// VmHWM: the most that was ever resident.
  var peak: Double

  static func current() throws -> ResidentMemory {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
      throw BenchError("no /proc/self/status: resident memory is measured on Linux only")
    }
    func field(_ name: String) throws -> Double {
      // "VmRSS:\t   31416 kB"
      guard
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
        let kB = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({
          Double($0)
        })
      else { throw BenchError("no \(name) in /proc/self/status") }
      return kB / 1024
    }
    return ResidentMemory(rss: try field("VmRSS"), peak: try field("VmHWM"))
  }

  /// Runs `crm-bench tui-rss` on `path` and reads what it reports: the memory of the app with
  /// its first board open, without what earlier cases left in this process.
  static func ofFreshProcess(path: String) throws -> ResidentMemory {
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let data = try ImportBenchCommand.capture(executable, ["tui-rss", "--db", path])
    return try JSONDecoder().decode(ResidentMemory.self, from: data)
  }
}

/// `crm-bench tui-rss`: opens the app's first board on a database, draws it, and prints the
/// process's resident memory as JSON. `run` starts it for the tui.rss case.
struct TUIMemory: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tui-rss",
    abstract: "Print resident memory (MiB, JSON) with the first board loaded and drawn.",
    shouldDisplay: false)

  @Option(help: "The database file.")
  var db: String

  func run() throws {
    guard FileManager.default.fileExists(atPath: db) else {
      throw ValidationError("no database at \(db)")
    }
    let session = try TUISession.loaded(path: db)
    let memory = try withExtendedLifetime(session) { try ResidentMemory.current() }
    let data = try JSONEncoder().encode(memory)
    print(String(decoding: data, as: UTF8.self))
  }
}

/// The small database of tui.first.frame.small: the one given, else 100 deals generated on
/// first use into a temporary directory that `remove` deletes.
final class SmallDatabase {
  private var given: String?
  private var generated: URL?
  private let log: Bool

  init(path: String?, log: Bool) {
    given = path
    self.log = log
  }

  func path() throws -> String {
    if let given { return given }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "crm-bench-small-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    generated = directory
    let file = directory.appendingPathComponent("small.sqlite").path
    if log { FileHandle.standardError.write(Data("  generating 100 deals in \(file)\n".utf8)) }
    var generator = Generator(seed: 1, batch: 5_000, quiet: true)
    let store = try Store(path: file, checkpointInBackground: true)
    try generator.setUp(store, pipelines: 2)
    try generator.makeCompanies(store, count: 10)
    try generator.makeContacts(store, count: 100)
    try generator.makeDeals(store, count: 100)
    try generator.makeActivities(store, count: 100)
    given = file
    return file
  }

  func remove() {
    if let generated { try? FileManager.default.removeItem(at: generated) }
  }
}
