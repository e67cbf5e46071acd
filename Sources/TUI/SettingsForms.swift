import Foundation
import Model
import Store
import Terminal

/// The forms of the pipelines screen (a stage's settings, a name) and turning what was typed
/// into a `SettingsChange`, naming a bad field in the form before anything is written.
enum SettingsForms {
  static func name(_ state: AppState, _ text: String) -> FormState {
    FormState(fields: [FormField(state.text("settings.name"), text: text)])
  }

  static func newStage(_ state: AppState) -> FormState {
    FormState(fields: [
      FormField(state.text("settings.name")),
      FormField(state.text("settings.kind"), text: kindName(.open, state)),
      FormField(state.text("settings.probability")),
      FormField(state.text("settings.rotDays")),
    ])
  }

  static func editStage(_ stage: Stage, _ state: AppState) -> FormState {
    FormState(fields: [
      FormField(state.text("settings.kind"), text: kindName(stage.kind, state)),
      FormField(state.text("settings.probability"), text: String(stage.probability)),
      FormField(state.text("settings.rotDays"), text: stage.rotDays.map(String.init) ?? ""),
    ])
  }

  static func kindName(_ kind: StageKind, _ state: AppState) -> String {
    state.text("kind.\(kind.rawValue)")
  }

  /// A kind as typed: its name in the user's language or in English.
  static func parseKind(_ text: String, _ state: AppState) -> StageKind? {
    let typed = text.trimmingCharacters(in: .whitespaces).lowercased()
    return StageKind.allCases.first {
      typed == $0.rawValue || typed == kindName($0, state).lowercased()
    }
  }

  static func submitName(_ form: inout FormState, state: AppState, target: NameTarget)
    -> SettingsChange?
  {
    let valid = form.validate { _, text in
      text.trimmingCharacters(in: .whitespaces).isEmpty ? state.text("form.required") : nil
    }
    guard valid else { return nil }
    let name = form.fields[0].text.trimmingCharacters(in: .whitespaces)
    switch target {
    case .newPipeline: return .addPipeline(name: name)
    case .pipeline(let id): return .renamePipeline(id, name: name)
    case .stage(let id): return .renameStage(id, name: name)
    }
  }

  /// The new stage (fields name, kind, probability, rot days) or the edit of `editing`
  /// (kind, probability, rot days). An empty probability takes the kind's default.
  static func submitStage(
    _ form: inout FormState, state: AppState, pipelineId: String?, editing: String?
  ) -> SettingsChange? {
    let offset = editing == nil ? 1 : 0
    var kind = StageKind.open
    var probability: Int?
    var rotDays: Int?
    let valid = form.validate { index, text in
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      switch index - offset {
      case -1:
        return trimmed.isEmpty ? state.text("form.required") : nil
      case 0:
        guard let parsed = parseKind(trimmed, state) else {
          return StageKind.allCases.map { kindName($0, state) }.joined(separator: " / ")
        }
        kind = parsed
        return nil
      case 1:
        if trimmed.isEmpty && editing == nil { return nil }
        guard let value = Int(trimmed), (0...100).contains(value) else {
          return state.text("form.badProbability")
        }
        probability = value
        return nil
      default:
        if trimmed.isEmpty { return nil }
        guard let value = Int(trimmed), value > 0 else { return state.text("form.badRotDays") }
        rotDays = value
        return nil
      }
    }
    guard valid else { return nil }
    if let editing {
      return .editStage(editing, kind: kind, probability: probability ?? 0, rotDays: rotDays)
    }
    guard let pipelineId else { return nil }
    let name = form.fields[0].text.trimmingCharacters(in: .whitespaces)
    return .addStage(
      pipelineId: pipelineId, name: name, kind: kind, probability: probability, rotDays: rotDays)
  }
}
