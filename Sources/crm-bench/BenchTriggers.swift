import Foundation

/// The Store's triggers as a `sqlite3` script makes them: TEMP triggers of its own
/// connection, read from the file's `store_triggers` (the Store keeps them out of the
/// schema and makes them on its writer only). A floor that writes our schema with sqlite3
/// runs this first, so that its inserts pay for the same triggers the Store's do.
enum BenchTriggers {
  static func script(sqlite3: String, db: String) throws -> String {
    let rows = try ImportBenchCommand.capture(
      sqlite3,
      [
        db,
        "SELECT 'CREATE TEMP TRIGGER ' || substr(sql, 16) || ';' FROM store_triggers "
          + "ORDER BY position",
      ])
    let script = String(decoding: rows, as: UTF8.self)
    guard script.contains("CREATE TEMP TRIGGER") else {
      throw BenchError("\(db) has no store_triggers to make")
    }
    return script
  }
}
