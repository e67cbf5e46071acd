import Foundation
import Store

/// What SQLite alone takes to write a bootstrap's rows into our schema: the floor under
/// `sync.bootstrap.apply`, so the note can tell the schema's share of the time from our
/// code's. One `sqlite3` process copies every record table and the change log of a
/// bootstrapped client into a fresh client's database with one INSERT ... SELECT each, in
/// one transaction, as the apply writes them, with the triggers the Store's writer has
/// (full-text search, list orders, report summaries, stage totals); then again without.
enum BootstrapFloor {
  struct Result {
    var cpu: CPUTime
    var ms: Double
    var withoutTriggers: CPUTime
  }

  static func run(sqlite3: String, bootstrapped: String, fresh: (String) throws -> String)
    throws -> Result
  {
    let tables = Entity.allCases.map(\.table) + ["change_log"]
    let clear = tables.reversed().map { "DELETE FROM \($0);" }.joined(separator: "\n")
    let copy =
      "ATTACH '\(bootstrapped)' AS src;\nBEGIN;\n"
      + tables.map { "INSERT INTO main.\($0) SELECT * FROM src.\($0);" }.joined(separator: "\n")
      + "\nCOMMIT;\n"
    func prepared(_ name: String, triggers: Bool) throws -> (db: String, script: String) {
      let db = try fresh(name)
      try ImportBenchCommand.execute(sqlite3, [db, clear])
      // The Store's triggers are its writer's own (TEMP), so the script makes them itself.
      // temp_store as the writer has it (and set first: changing it drops TEMP triggers).
      let made =
        "PRAGMA temp_store = MEMORY;\n"
        + (triggers ? try BenchTriggers.script(sqlite3: sqlite3, db: db) : "")
      let script = db + ".floor.sql"
      try Data((made + copy).utf8).write(to: URL(fileURLWithPath: script))
      return (db, script)
    }
    let full = try prepared("floor.sqlite", triggers: true)
    let bare = try prepared("floor-bare.sqlite", triggers: false)
    var cpu = CPUTime.children()
    let start = DispatchTime.now().uptimeNanoseconds
    try ImportBenchCommand.execute(sqlite3, [full.db], input: full.script)
    let ms = milliseconds(since: start)
    let fullCPU = CPUTime.children().since(cpu)
    cpu = CPUTime.children()
    try ImportBenchCommand.execute(sqlite3, [bare.db], input: bare.script)
    return Result(cpu: fullCPU, ms: ms, withoutTriggers: CPUTime.children().since(cpu))
  }
}
