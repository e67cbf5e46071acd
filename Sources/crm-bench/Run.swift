import ArgumentParser
import Foundation
import Store

/// `crm-bench run`: times the store's hot paths on an existing database.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Time the store's hot paths on a database made by `generate`.",
    discussion: """
      Prints min, median, p99 and mean milliseconds per case, and PASS or FAIL where a case \
      has a p99 target (figures such as memory: the reading and its target). Always exits 0 \
      when the cases ran. The write cases change the file (deals move back and forth, the \
      change log grows). The tui cases also time the first frame on a small database: \
      --small-db, else one of 100 deals generated into a temporary directory and removed.
      """)

  @Option(help: "The database file.")
  var db: String

  @Option(help: "Measured iterations per case (slow cases run a quarter of them).")
  var iterations = 200

  @Option(help: "Unmeasured iterations before each case.")
  var warmup = 10

  @Option(help: "Run only the cases whose name starts with this (repeatable).")
  var filter: [String] = []

  @Option(help: "A small database for tui.first.frame.small (default: generate 100 deals).")
  var smallDb: String?

  @Flag(help: "Print a JSON object instead of a table.")
  var json = false

  func validate() throws {
    if iterations < 1 { throw ValidationError("--iterations must be at least 1") }
    if warmup < 0 { throw ValidationError("--warmup must not be negative") }
  }

  func run() throws {
    guard FileManager.default.fileExists(atPath: db) else {
      throw ValidationError("no database at \(db); make one with `crm-bench generate`")
    }
    if let smallDb, !FileManager.default.fileExists(atPath: smallDb) {
      throw ValidationError("no database at \(smallDb) (--small-db)")
    }
    // As the TUI opens it: checkpoints off the write path (see Store.init).
    let store = try Store(path: db, checkpointInBackground: true)
    let small = SmallDatabase(path: smallDb, log: !json)
    defer { small.remove() }
    let context = BenchContext(
      path: db, store: store, iterations: iterations, warmup: warmup, small: small)
    let cases = try BenchSuite.cases(context).filter { bench in
      filter.isEmpty || filter.contains { bench.name.hasPrefix($0) }
    }
    let runner = BenchRunner(iterations: iterations, warmup: warmup)
    var results: [CaseResult] = []
    for bench in cases {
      if !json { FileHandle.standardError.write(Data("\(bench.name)…\n".utf8)) }
      results.append(try runner.run(bench, earlier: results))
    }
    let database = try DatabaseFacts(store: store, path: db)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      let data = try encoder.encode(Report(cases: results, database: database))
      print(String(decoding: data, as: UTF8.self))
    } else {
      print(database.summary)
      print()
      print(table(results))
    }
  }
}

struct Report: Encodable {
  var cases: [CaseResult]
  var database: DatabaseFacts
}

/// What the figures were measured on.
struct DatabaseFacts: Encodable {
  var path: String
  var fileBytes: Int
  var pipelines: Int
  var users: Int
  var deals: Int
  var contacts: Int
  var companies: Int
  var activities: Int
  var stageChanges: Int
  var dealContacts: Int

  init(store: Store, path: String) throws {
    self.path = path
    fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    pipelines = try store.count(.pipeline)
    users = try store.count(.user)
    deals = try store.count(.deal)
    contacts = try store.count(.contact)
    companies = try store.count(.company)
    activities = try store.count(.activity)
    stageChanges = try store.count(.stageChange)
    dealContacts = try store.count(.dealContact)
  }

  var summary: String {
    "\(path): \(deals) deals, \(contacts) contacts, \(companies) companies, "
      + "\(activities) activities, \(stageChanges) stage changes, \(pipelines) pipelines, "
      + String(format: "%.0f MB", Double(fileBytes) / 1_048_576)
  }
}
