import ArgumentParser
import Foundation
import Model
import Store

/// `crm`: the full-screen board with no subcommand, a scriptable CLI otherwise.
@main
struct CRM: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crm",
    abstract: "A pipeline CRM for the terminal: deals, contacts, companies and activities.",
    discussion: """
      The database is --db PATH, else $CRM_DB, else $XDG_DATA_HOME/crm/crm.sqlite
      (~/.local/share/crm/crm.sqlite). It is created with the default pipeline on first use.
      Records are named by id or a unique prefix of one; pipelines, stages, users and
      companies also by name. `list` and `show` take --json. Errors go to standard error as
      one line naming the bad argument or field, with a non-zero exit, and change nothing.
      """,
    subcommands: [
      Init.self, PipelineCommand.self, StageCommand.self, DealCommand.self,
      ContactCommand.self, CompanyCommand.self, ActivityCommand.self, NoteCommand.self,
      UserCommand.self, Undo.self, Redo.self, Log.self,
    ])

  @OptionGroup var global: GlobalOptions

  func run() throws {
    throw CLIError(
      "the full-screen board is not available in this build yet; see `crm --help` for commands")
  }

  /// Errors of our own print as one line, `crm: <what is wrong>`; argument errors keep
  /// ArgumentParser's usage message.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as StoreError {
      fail(error.description)
    } catch let error as Model.ValidationError {
      fail(error.description)
    } catch let error as CLIError {
      fail(error.message)
    } catch let error as MoneyParseError {
      fail("value: \(error.description)")
    } catch {
      exit(withError: error)
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
