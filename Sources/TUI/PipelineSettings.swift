import Foundation
import Model
import Store
import Terminal

/// What the pipelines screen shows: every pipeline, and the stages of the chosen one with
/// how many deals each holds (a stage with deals needs a destination before it goes).
public struct PipelineSettings: Sendable {
  public struct StageRow: Hashable, Sendable {
    public var stage: Stage
    public var deals: Int
  }

  public var pipelines: [Pipeline] = []
  /// The chosen pipeline, whose stages are listed.
  public var pipelineId: String?
  public var stages: [StageRow] = []
  /// The stage to select after a load (the one just added, renamed or moved).
  public var focusStageId: String?

  public init() {}

  public var pipeline: Pipeline? { pipelines.first { $0.id == pipelineId } }
}

/// A change the pipelines screen asks the store for; each is one mutation.
public enum SettingsChange: Sendable, Equatable {
  case addStage(pipelineId: String, name: String, kind: StageKind, probability: Int?, rotDays: Int?)
  case renameStage(String, name: String)
  case editStage(String, kind: StageKind, probability: Int, rotDays: Int?)
  /// To a 1-based place among the pipeline's stages.
  case moveStage(String, place: Int)
  case deleteStage(String, moveDealsTo: String?)
  case addPipeline(name: String)
  case renamePipeline(String, name: String)
  case deletePipeline(String)
}

/// The pipelines screen: its data, which list has the focus, and the popup open over it.
public struct PipelinesState: Sendable {
  public enum Pane: Sendable { case pipelines, stages }

  public var settings = PipelineSettings()
  public var pane = Pane.stages
  public var pipelineList = ListState()
  public var stageList = ListState()
  public var popup: SettingsPopup?
  public var loading = true

  public init() {}

  public var selectedStage: PipelineSettings.StageRow? {
    settings.stages.indices.contains(stageList.selected) ? settings.stages[stageList.selected] : nil
  }

  public var selectedPipeline: Pipeline? {
    settings.pipelines.indices.contains(pipelineList.selected)
      ? settings.pipelines[pipelineList.selected] : nil
  }
}

/// What a name form names.
public enum NameTarget: Sendable, Equatable {
  case newPipeline
  case pipeline(String)
  case stage(String)
}

/// A popup over the pipelines screen.
public enum SettingsPopup: Sendable {
  /// The stage form: name, kind, probability and rot days for a new stage (editing nil), or
  /// kind, probability and rot days of the stage `editing`.
  case stageForm(FormState, editing: String?)
  case name(FormState, NameTarget)
  /// Where the deals of the stage being deleted go.
  case destination(PickerState, stageId: String)
  case confirm(ConfirmState, SettingsChange, message: String)
}
