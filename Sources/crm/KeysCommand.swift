import ArgumentParser
import Foundation
import TUI

/// `crm keys`: the key table as the TUI uses it (with config remaps), so the README and a
/// cheat sheet come from the same table as the help overlay.
struct Keys: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the TUI's key bindings (after config remaps) as a Markdown table.")

  func run() throws {
    let env = ProcessInfo.processInfo.environment
    let config = Config.load(path: Config.path(environment: env))
    var table = KeyTable()
    let problems = table.remap(config.keys) + config.problems
    let catalog = Catalog.fromEnvironment(env, override: config.language)
    Output.line("| action | keys | where |")
    Output.line("|---|---|---|")
    for binding in table.bindings {
      let keys = binding.keys.map { "`\($0.description)`" }.joined(separator: " ")
      Output.line(
        "| \(catalog.text("action.\(binding.action.rawValue)")) | \(keys) | \(binding.context.rawValue) |"
      )
    }
    for problem in problems {
      FileHandle.standardError.write(Data("crm: config: \(problem)\n".utf8))
    }
  }
}
