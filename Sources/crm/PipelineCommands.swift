import ArgumentParser
import Foundation
import Model
import Store

struct PipelineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pipeline", abstract: "List, add, rename and delete pipelines.",
    subcommands: [List.self, Show.self, Add.self, Rename.self, Delete.self])

  static func json(_ pipeline: Pipeline, stages: [Stage]) -> [String: Any] {
    [
      "id": pipeline.id, "name": pipeline.name, "createdAt": Output.iso(pipeline.createdAt),
      "stages": stages.map(StageCommand.json),
    ]
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List pipelines.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      let store = try global.openStore()
      let pipelines = try store.pipelines()
      if output.json {
        try Output.json(try pipelines.map { json($0, stages: try store.stages(pipelineId: $0.id)) })
      } else {
        Output.table(
          ["ID", "NAME", "STAGES"],
          try pipelines.map {
            [
              $0.id, $0.name,
              try store.stages(pipelineId: $0.id).map(\.name).joined(separator: " > "),
            ]
          })
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show a pipeline and its stages.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "Pipeline name or id.") var pipeline: String

    func run() throws {
      let store = try global.openStore()
      let found = try store.pipeline(named: pipeline)
      let stages = try store.stages(pipelineId: found.id)
      if output.json { return try Output.json(json(found, stages: stages)) }
      Output.fields([("Pipeline", found.name), ("ID", found.id)])
      StageCommand.printTable(stages)
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a pipeline (with the default stages unless --stages is given); prints its id.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new pipeline's name.") var name: String
    @Option(
      help: "Comma-separated open stage names, e.g. \"Lead,Demo,Offer\" (Won and Lost are added).")
    var stages: String?

    func run() throws {
      let store = try global.openStore()
      var templates: [StageTemplate]?
      if let stages {
        let names = stages.split(separator: ",", omittingEmptySubsequences: false).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        guard !names.isEmpty, names.allSatisfy({ !$0.isEmpty }) else {
          throw Model.ValidationError(field: "stages", "give stage names separated by commas")
        }
        templates =
          names.enumerated().map { index, name in
            StageTemplate(
              name: name, kind: .open, probability: (index + 1) * 90 / (names.count + 1),
              rotDays: nil)
          } + StageTemplate.defaults.filter { $0.kind != .open }
      }
      Output.line(try store.createPipeline(name: name, stages: templates).id)
    }
  }

  struct Rename: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rename a pipeline.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Pipeline name or id.") var pipeline: String
    @Argument(help: "The new name.") var name: String

    func run() throws { try global.openStore().renamePipeline(pipeline, to: name) }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete a pipeline that holds no deals (undo with `crm undo`).")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var confirm: ConfirmOptions
    @Argument(help: "Pipeline name or id.") var pipeline: String

    func run() throws {
      let store = try global.openStore()
      let found = try store.pipeline(named: pipeline)
      try confirm.confirm("Delete pipeline \"\(found.name)\"?")
      try store.deletePipeline(found.id)
    }
  }
}
