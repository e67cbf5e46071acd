import ArgumentParser
import Foundation
import Store

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long, help: "The database file (default: $CRM_DB, else $XDG_DATA_HOME/crm/crm.sqlite).")
  var db: String?

  /// Where the database lives: --db, $CRM_DB, $XDG_DATA_HOME/crm/crm.sqlite,
  /// ~/.local/share/crm/crm.sqlite.
  var databasePath: String { Self.databasePath(db: db) }

  /// The database of `--db db` (nil or empty: not given).
  static func databasePath(db: String?) -> String {
    if let db, !db.isEmpty { return db }
    if let path = variable("CRM_DB"), !path.isEmpty { return path }
    let data =
      variable("XDG_DATA_HOME").flatMap { $0.isEmpty ? nil : $0 }
      ?? (variable("HOME") ?? NSHomeDirectory()) + "/.local/share"
    return data + "/crm/crm.sqlite"
  }

  /// Opens the store, setting up a new database on first use.
  func openStore() throws -> Store {
    let store = try Store(path: databasePath)
    try store.initialize(localUserName: Self.localUserName)
    return store
  }

  static var localUserName: String {
    let name = variable("CRM_USER") ?? variable("USER") ?? ""
    return name.trimmingCharacters(in: .whitespaces).isEmpty ? "Me" : name
  }

  /// One environment variable, by getenv: `ProcessInfo.environment` copies the whole
  /// environment into a dictionary each time, on every start.
  static func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
}

/// Paging for every `list`.
struct PageOptions: ParsableArguments {
  @Option(help: "Show at most N records.") var limit: Int = 1_000_000
  @Option(help: "Skip the first N records.") var offset: Int = 0

  func validate() throws {
    guard limit >= 0 else { throw ArgumentParser.ValidationError("--limit must not be negative") }
    guard offset >= 0 else { throw ArgumentParser.ValidationError("--offset must not be negative") }
  }
}

/// `--json` for `list` and `show`.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print JSON: stable camelCase keys, ISO 8601 dates, money as a decimal string.")
  var json = false
}

/// Asking before a delete: `--yes` skips the question; without a terminal it is required.
struct ConfirmOptions: ParsableArguments {
  @Flag(name: [.short, .long], help: "Delete without asking.") var yes = false

  func confirm(_ question: String) throws {
    if yes { return }
    guard isatty(STDIN_FILENO) == 1 else {
      // Lower-case only the verb: the record's name stays as the user wrote it.
      let action = question.prefix(1).lowercased() + question.dropFirst().dropLast()
      throw CLIError("\(action) needs --yes when not run from a terminal")
    }
    FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    guard answer == "y" || answer == "yes" else { throw CLIError("nothing deleted") }
  }
}
