import Foundation
import Model
import Store

/// The effects of the deal detail's notes and of the pipelines screen, run on the store.
extension EffectRunner {
  static func createNote(_ dealId: String, body: String, store: Store) throws -> Msg {
    let author = try store.localUser()?.id
    try store.createNote(Note(body: body, authorId: author, dealId: dealId))
    return .noteAdded(try store.dealDetail(dealId))
  }

  /// The pipelines, and the stages of `pipelineId` (else the first pipeline) with their deals.
  static func settings(_ store: Store, pipelineId: String?, focusStageId: String?) throws
    -> PipelineSettings
  {
    var settings = PipelineSettings()
    settings.pipelines = try store.pipelines()
    let chosen =
      settings.pipelines.first { $0.id == pipelineId }?.id ?? settings.pipelines.first?.id
    settings.pipelineId = chosen
    settings.focusStageId = focusStageId
    if let chosen {
      // The board query counts each stage's deals from the index; no cards are needed.
      let board = try store.board(pipelineId: chosen, cardsPerStage: 1)
      settings.stages = board?.columns.map { .init(stage: $0.stage, deals: $0.count) } ?? []
    }
    return settings
  }

  /// Makes the change; a refusal leaves the store as it was and is reported in the status
  /// bar, with the screen reloaded either way.
  static func change(_ change: SettingsChange, store: Store, catalog: Catalog, current: String?)
    throws -> Msg
  {
    var pipelineId = current
    var focus: String?
    let status: StatusMessage
    do {
      let text: String
      switch change {
      case .addStage(let pipeline, let name, let kind, let probability, let rotDays):
        let stage = try store.addStage(
          name: name, pipeline: pipeline, kind: kind, probability: probability, rotDays: rotDays)
        (pipelineId, focus) = (pipeline, stage.id)
        text = catalog.text("status.stageAdded", stage.name)
      case .renameStage(let id, let name):
        try store.editStage(id, name: name)
        focus = id
        text = catalog.text("status.stageRenamed", name)
      case .editStage(let id, let kind, let probability, let rotDays):
        try store.editStage(id, kind: kind, probability: probability, rotDays: .some(rotDays))
        focus = id
        text = catalog.text("status.stageEdited", try store.stage(named: id).name)
      case .moveStage(let id, let place):
        try store.moveStage(id, to: place)
        focus = id
        text = catalog.text("status.stageMoved", try store.stage(named: id).name)
      case .deleteStage(let id, let target):
        let name = try store.stage(named: id).name
        try store.deleteStage(id, moveDealsTo: target)
        focus = target
        text = catalog.text("status.stageDeleted", name)
      case .addPipeline(let name):
        let pipeline = try store.createPipeline(name: name)
        pipelineId = pipeline.id
        text = catalog.text("status.pipelineAdded", pipeline.name)
      case .renamePipeline(let id, let name):
        try store.renamePipeline(id, to: name)
        text = catalog.text("status.pipelineRenamed", name)
      case .deletePipeline(let id):
        let name = try store.pipeline(named: id).name
        try store.deletePipeline(id)
        pipelineId = nil
        text = catalog.text("status.pipelineDeleted", name)
      }
      status = StatusMessage(text: text, isError: false)
    } catch {
      let settings = try settings(store, pipelineId: pipelineId, focusStageId: nil)
      return .settingsLoaded(
        settings,
        status: StatusMessage(
          text: catalog.text("status.error", String(describing: error)), isError: true),
        changed: false)
    }
    return .settingsLoaded(
      try settings(store, pipelineId: pipelineId, focusStageId: focus), status: status,
      changed: true)
  }
}
