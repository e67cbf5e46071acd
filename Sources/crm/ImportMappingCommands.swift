import ArgumentParser
import Foundation
import Interchange

extension Import {
  /// `crm import mappings [--json] [--delete NAME]`: the mappings `crm import csv --save-map`
  /// saved.
  struct Mappings: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mappings",
      abstract: "List the saved CSV mappings, or delete one.",
      discussion: """
        A mapping is saved by `crm import csv FILE --map "Header=field" --save-map NAME` and \
        used by `crm import csv FILE --mapping NAME`. Each is a file \
        $XDG_CONFIG_HOME/crm/mappings/NAME.map (~/.config/crm/mappings) with one Header=field \
        per line.
        """)
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Delete the saved mapping NAME.", valueName: "NAME"))
    var delete: String?

    func run() throws {
      let mappings = SavedMappings.standard()
      if let delete {
        do { try mappings.delete(delete) } catch { throw CLIError("--delete: \(error.message)") }
        Output.line("deleted mapping \"\(delete)\"")
        return
      }
      let all: [SavedMapping]
      do { all = try mappings.all() } catch { throw CLIError(error.message) }
      if output.json {
        try Output.json(
          all.map { mapping in
            [
              "name": mapping.name, "path": mappings.url(name: mapping.name).path,
              "pairs": mapping.pairs.map { ["header": $0.header, "field": $0.field] },
            ] as [String: Any]
          })
        return
      }
      guard !all.isEmpty else { return }
      Output.table(
        ["NAME", "COLUMNS"],
        all.map { [$0.name, $0.pairs.map(\.spec).joined(separator: ", ")] })
    }
  }
}
