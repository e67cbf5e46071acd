import ArgumentParser
import Foundation
import Model
import Store

struct StageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stage", abstract: "List, add, edit, reorder and delete the stages of a pipeline.",
    subcommands: [List.self, Add.self, Rename.self, Edit.self, Move.self, Delete.self])

  static func json(_ stage: Stage) -> [String: Any] {
    [
      "id": stage.id, "name": stage.name, "pipelineId": stage.pipelineId,
      "kind": stage.kind.rawValue, "probability": stage.probability,
      "rotDays": Output.orNull(stage.rotDays), "requiredFields": stage.requiredFields,
    ]
  }

  static func printTable(_ stages: [Stage]) {
    Output.table(
      ["#", "NAME", "KIND", "PROBABILITY", "ROT DAYS", "REQUIRES", "ID"],
      stages.enumerated().map { index, stage in
        [
          String(index + 1), stage.name, stage.kind.rawValue, "\(stage.probability)%",
          stage.rotDays.map(String.init) ?? "-",
          stage.requiredFields.isEmpty ? "-" : stage.requiredFields.joined(separator: ","),
          stage.id,
        ]
      })
  }

  /// Options shared by add and edit.
  struct Settings: ParsableArguments {
    @Option(help: "open, won or lost.") var kind: String?
    @Option(help: "Win probability, 0 to 100.") var probability: Int?
    @Option(help: "Days without change after which a deal rots; 0 for never.") var rotDays: Int?
    @Option(
      name: .customLong("require"),
      help:
        "A deal field required to enter the stage (value, closeDate, owner, company); repeat for more."
    )
    var required: [String] = []
    @Flag(help: "Require no fields.") var requireNothing = false

    var stageKind: StageKind? {
      get throws { try kind.map { try InputParsing.kind($0, StageKind.self, field: "kind") } }
    }
    var rot: Int?? { rotDays.map { $0 == 0 ? nil : $0 } }
    var requiredFields: [String]? { requireNothing ? [] : required.isEmpty ? nil : required }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the stages of a pipeline in order.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Pipeline name or id (default: the first).") var pipeline: String?

    func run() throws {
      let store = try global.openStore()
      let found = try pipeline.map { try store.pipeline(named: $0) } ?? store.pipelines().first
      guard let found else { throw CLIError("there is no pipeline") }
      let stages = try store.stages(pipelineId: found.id)
      if output.json { return try Output.json(stages.map(json)) }
      printTable(stages)
    }
  }

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Add a stage to a pipeline; prints its id.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The new stage's name.") var name: String
    @Option(help: "Pipeline name or id.") var pipeline: String
    @Option(help: "Put it after this stage (default: last).") var after: String?
    @OptionGroup var settings: Settings

    func run() throws {
      let store = try global.openStore()
      let stage = try store.addStage(
        name: name, pipeline: pipeline, kind: try settings.stageKind ?? .open,
        probability: settings.probability, rotDays: settings.rot ?? nil,
        requiredFields: settings.requiredFields ?? [], after: after)
      Output.line(stage.id)
    }
  }

  struct Rename: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Rename a stage.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Stage name or id.") var stage: String
    @Argument(help: "The new name.") var name: String
    @Option(help: "Pipeline name or id, when stage names repeat across pipelines.") var pipeline:
      String?

    func run() throws { try global.openStore().editStage(stage, pipeline: pipeline, name: name) }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Change a stage's kind, probability, rot days or required fields.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Stage name or id.") var stage: String
    @Option(help: "Pipeline name or id, when stage names repeat across pipelines.") var pipeline:
      String?
    @OptionGroup var settings: Settings

    func run() throws {
      try global.openStore().editStage(
        stage, pipeline: pipeline, kind: try settings.stageKind, probability: settings.probability,
        rotDays: settings.rot, requiredFields: settings.requiredFields)
    }
  }

  struct Move: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move a stage to another place in its pipeline.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Stage name or id.") var stage: String
    @Option(help: "Its new place, 1 for first.") var to: Int
    @Option(help: "Pipeline name or id, when stage names repeat across pipelines.") var pipeline:
      String?

    func run() throws { try global.openStore().moveStage(stage, pipeline: pipeline, to: to) }
  }

  struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Delete a stage; a stage with deals needs --move-to for them.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var confirm: ConfirmOptions
    @Argument(help: "Stage name or id.") var stage: String
    @Option(help: "Pipeline name or id, when stage names repeat across pipelines.") var pipeline:
      String?
    @Option(help: "Move the stage's deals to this stage of the same pipeline.") var moveTo: String?

    func run() throws {
      let store = try global.openStore()
      let found = try store.stage(named: stage, pipeline: pipeline)
      try confirm.confirm("Delete stage \"\(found.name)\"?")
      try store.deleteStage(found.id, moveDealsTo: moveTo)
    }
  }
}
