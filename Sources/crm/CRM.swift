import ArgumentParser
import Foundation
import Model
import Store
import TUI

/// `crm`: the full-screen board with no subcommand, a scriptable CLI otherwise.
@main
struct CRM: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crm",
    abstract: "A pipeline CRM for the terminal: deals, contacts, companies and activities.",
    discussion: """
      With no subcommand, crm opens the full-screen board (press ? there for the keys); \
      --view contacts, companies, calendar or activities opens it on that view instead (also \
      `view` in the config's [ui] table; `bell = "off"` there silences reminders).

      The database is --db PATH, else $CRM_DB, else $XDG_DATA_HOME/crm/crm.sqlite \
      (~/.local/share/crm/crm.sqlite); it is created with the default pipeline on first use. \
      The TUI reads $XDG_CONFIG_HOME/crm/config.toml (theme, language, key remaps).

      Records are named by id or a unique prefix of one; pipelines, stages, users and \
      companies also by name. `list` and `show` take --json (camelCase keys, ISO 8601 dates, \
      money as a decimal string plus currency). Errors go to standard error as one line \
      naming the bad argument or field, with a non-zero exit, and change nothing.
      """,
    subcommands: [
      Init.self, PipelineCommand.self, StageCommand.self, DealCommand.self,
      ContactCommand.self, CompanyCommand.self, ActivityCommand.self, NoteCommand.self,
      UserCommand.self, Undo.self, Redo.self, Log.self, Keys.self, Import.self, Export.self,
      Remind.self, ReportCommand.self,
      Signup.self, Login.self, Logout.self, Invite.self, SyncCommand.self,
    ])

  @OptionGroup var tui: TUIOptions

  /// No subcommand: the full-screen board.
  func run() async throws { try await tui.launch() }

  /// Every error prints as one line, `crm: <what is wrong>`: ours exit 1, argument errors
  /// keep ArgumentParser's status (64) without its usage text.
  static func main() async {
    StartupTrace.mark("main")
    do {
      if let tui = TUIArguments(Array(CommandLine.arguments.dropFirst())) {
        return try await tui.launch()
      }
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let error as StoreError {
      fail(error.description)
    } catch let error as Model.ValidationError {
      fail(error.description)
    } catch let error as CLIError {
      fail(error.message)
    } catch let error as MoneyParseError {
      fail("value: \(error.description)")
    } catch {
      // --help and --version arrive as errors that exit 0: ArgumentParser prints them.
      let code = exitCode(for: error)
      if code == .success { exit(withError: error) }
      // Usage errors too are one line naming the argument, with ArgumentParser's status.
      let text = message(for: error).split(separator: "\n").first.map(String.init) ?? ""
      FileHandle.standardError.write(Data("crm: \(text.isEmpty ? "\(error)" : text)\n".utf8))
      Foundation.exit(code.rawValue)
    }
  }

  static func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("crm: \(message)\n".utf8))
    Foundation.exit(1)
  }
}

/// A refusal by the CLI itself (bad combination of flags, missing confirmation).
struct CLIError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}
