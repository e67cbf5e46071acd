import Foundation
import Model
import Store
import Terminal

/// Keys on the pipelines screen. Tab (or h / l) switches between the pipeline list and the
/// stage list, j / k choose; on stages `n` adds, `r` renames, `e` edits, `K` / `J` move and
/// `d` deletes; `N`, `R`, `D` add, rename and delete pipelines (and `n`, `r`, `d` do too
/// while the pipeline list has the focus). Esc or q closes the screen.
func updatePipelines(_ state: inout AppState, _ screen: PipelinesState, _ key: Key) -> [Effect] {
  var screen = screen
  if screen.popup != nil { return updateSettingsPopup(&state, &screen, key) }
  defer { if case .pipelines = state.overlay { state.overlay = .pipelines(screen) } }
  let onPipelines = screen.pane == .pipelines
  // The pipeline keys are capitals; the list of pipelines takes the small letters as well.
  var pipelineKey = key
  if onPipelines, case .char(let c) = key, "nrd".contains(c) {
    pipelineKey = .char(Character(c.uppercased()))
  }
  switch pipelineKey {
  case .escape, .char("q"):
    state.overlay = nil
    return []
  case .tab, .backTab:
    screen.pane = onPipelines ? .stages : .pipelines
    return []
  case .char("N"):
    screen.popup = .name(SettingsForms.name(state, ""), .newPipeline)
    return []
  case .char("R"):
    guard let pipeline = screen.settings.pipeline else { return [.bell] }
    screen.popup = .name(SettingsForms.name(state, pipeline.name), .pipeline(pipeline.id))
    return []
  case .char("D"):
    guard let pipeline = screen.settings.pipeline else { return [.bell] }
    screen.popup = .confirm(
      ConfirmState(), .deletePipeline(pipeline.id),
      message: state.text("confirm.deletePipeline", pipeline.name))
    return []
  default: break
  }
  if !onPipelines, let effect = stageKey(&state, &screen, key) { return effect }
  switch state.keys.action(for: key, in: .board) {
  case .left?: screen.pane = .pipelines
  case .right?: screen.pane = .stages
  case .up?: return move(&screen, by: -1)
  case .down?: return move(&screen, by: 1)
  case .top?: return move(&screen, by: -Int.max / 2)
  case .bottom?: return move(&screen, by: Int.max / 2)
  default: break
  }
  return []
}

/// The stage list's own keys; nil for keys it leaves to the list.
private func stageKey(_ state: inout AppState, _ screen: inout PipelinesState, _ key: Key)
  -> [Effect]?
{
  let row = screen.selectedStage
  switch key {
  case .char("n"):
    guard screen.settings.pipelineId != nil else { return [.bell] }
    screen.popup = .stageForm(SettingsForms.newStage(state), editing: nil)
  case .char("r"):
    guard let row else { return [.bell] }
    screen.popup = .name(SettingsForms.name(state, row.stage.name), .stage(row.stage.id))
  case .char("e"):
    guard let row else { return [.bell] }
    screen.popup = .stageForm(SettingsForms.editStage(row.stage, state), editing: row.stage.id)
  case .char("K"), .char("J"):
    guard let row else { return [.bell] }
    let place = screen.stageList.selected + 1 + (key == .char("K") ? -1 : 1)
    guard (1...screen.settings.stages.count).contains(place) else { return [.bell] }
    return [
      .changeSettings(
        .moveStage(row.stage.id, place: place), pipelineId: screen.settings.pipelineId)
    ]
  case .char("d"):
    guard let row else { return [.bell] }
    if row.deals > 0 {
      screen.popup = .destination(PickerState(), stageId: row.stage.id)
    } else {
      screen.popup = .confirm(
        ConfirmState(), .deleteStage(row.stage.id, moveDealsTo: nil),
        message: state.text("confirm.deleteStage", row.stage.name))
    }
  default: return nil
  }
  return []
}

/// Moves the selection of the focused list; a new pipeline loads its stages.
private func move(_ screen: inout PipelinesState, by delta: Int) -> [Effect] {
  switch screen.pane {
  case .stages:
    screen.stageList.move(by: delta, count: screen.settings.stages.count)
    return []
  case .pipelines:
    let before = screen.pipelineList.selected
    screen.pipelineList.move(by: delta, count: screen.settings.pipelines.count)
    guard screen.pipelineList.selected != before, let pipeline = screen.selectedPipeline else {
      return []
    }
    return [.loadSettings(pipelineId: pipeline.id, focusStageId: nil)]
  }
}

/// The stages a stage's deals may go to when it is deleted: the others of its pipeline.
func destinations(_ screen: PipelinesState, excluding stageId: String) -> [Stage] {
  screen.settings.stages.map(\.stage).filter { $0.id != stageId }
}

private func updateSettingsPopup(
  _ state: inout AppState, _ screen: inout PipelinesState, _ key: Key
) -> [Effect] {
  guard let popup = screen.popup else { return [] }
  var effects: [Effect] = []
  switch popup {
  case .stageForm(var form, let editing):
    switch key {
    case .escape: screen.popup = nil
    case .enter:
      if let change = SettingsForms.submitStage(
        &form, state: state, pipelineId: screen.settings.pipelineId, editing: editing)
      {
        screen.popup = nil
        effects = [.changeSettings(change, pipelineId: screen.settings.pipelineId)]
      } else {
        screen.popup = .stageForm(form, editing: editing)
        effects = [.bell]
      }
    default:
      form.handle(key)
      screen.popup = .stageForm(form, editing: editing)
    }
  case .name(var form, let target):
    switch key {
    case .escape: screen.popup = nil
    case .enter:
      if let change = SettingsForms.submitName(&form, state: state, target: target) {
        screen.popup = nil
        effects = [.changeSettings(change, pipelineId: screen.settings.pipelineId)]
      } else {
        screen.popup = .name(form, target)
        effects = [.bell]
      }
    default:
      form.handle(key)
      screen.popup = .name(form, target)
    }
  case .destination(var picker, let stageId):
    let targets = destinations(screen, excluding: stageId)
    switch picker.handle(key, items: targets.map(\.name)) {
    case .picked(let index):
      let row = screen.settings.stages.first { $0.stage.id == stageId }
      let deals = state.text(
        row?.deals == 1 ? "board.deal" : "board.deals", String(row?.deals ?? 0))
      screen.popup = .confirm(
        ConfirmState(), .deleteStage(stageId, moveDealsTo: targets[index].id),
        message: state.text(
          "confirm.deleteStageMove", row?.stage.name ?? "", deals, targets[index].name))
    case .cancelled: screen.popup = nil
    case nil: screen.popup = .destination(picker, stageId: stageId)
    }
  case .confirm(var confirm, let change, let message):
    switch confirm.handle(key) {
    case .yes:
      screen.popup = nil
      effects = [.changeSettings(change, pipelineId: screen.settings.pipelineId)]
    case .no, .cancelled: screen.popup = nil
    case nil: screen.popup = .confirm(confirm, change, message: message)
    }
  }
  state.overlay = .pipelines(screen)
  return effects
}

/// The screen's data arrived (after opening, choosing a pipeline, or a change): keep the
/// selection on the pipeline and stage it names; after a change, reload the board too.
func settingsLoaded(
  _ state: inout AppState, _ settings: PipelineSettings, status: StatusMessage?, changed: Bool
) -> [Effect] {
  if let status { state.status = status }
  var effects: [Effect] = []
  if changed {
    let boardPipeline = state.board?.pipeline.id
    let stillThere = settings.pipelines.contains { $0.id == boardPipeline }
    effects.append(
      .loadBoard(
        pipelineId: stillThere ? boardPipeline : nil,
        focusDealId: stillThere ? state.focusedCard?.deal.id : nil))
    if !stillThere {
      state.focus = BoardFocus()
      state.firstColumn = 0
    }
  }
  guard case .pipelines(var screen) = state.overlay else { return effects }
  let previousStage = screen.selectedStage?.stage.id
  screen.settings = settings
  screen.loading = false
  screen.pipelineList.select(
    settings.pipelines.firstIndex { $0.id == settings.pipelineId } ?? 0,
    count: settings.pipelines.count)
  let focus = settings.focusStageId ?? previousStage
  let index = settings.stages.firstIndex { $0.stage.id == focus } ?? screen.stageList.selected
  screen.stageList.select(index, count: settings.stages.count)
  state.overlay = .pipelines(screen)
  return effects
}
