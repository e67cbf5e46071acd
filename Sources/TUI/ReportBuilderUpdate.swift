import Foundation
import Model
import Store
import Terminal

/// Keys of view 6's builder tab. While a filter, a choice or a name is being entered, every
/// key goes to it (Enter takes it, Esc drops it); otherwise j/k walk the definition's lines,
/// Enter or e changes the line, n adds to its list, f a filter, m a measure, d takes the line
/// away, s saves. Nil: the key means what it means on the other tabs.
func updateReportBuilderKey(_ state: inout AppState, _ key: Key, _ action: Action?) -> [Effect]? {
  if state.reports.builder.edit != nil { return updateReportBuilderEdit(&state, key) }
  guard let action else { return nil }
  var builder = state.reports.builder
  defer { state.reports.builder = builder }
  let count = builder.lines.count
  switch action {
  case .up: builder.line = max(0, builder.line - 1)
  case .down: builder.line = min(count - 1, builder.line + 1)
  case .top: builder.line = 0
  case .bottom: builder.line = count - 1
  case .open, .edit:
    builder.edit = editing(builder.focusedLine, builder)
  case .new:
    switch builder.focusedLine {
    case .measure, .addMeasure: startAdding(.addMeasure, &builder)
    default: startAdding(.addFilter, &builder)
    }
  case .addReportFilter: startAdding(.addFilter, &builder)
  case .addReportMeasure: startAdding(.addMeasure, &builder)
  case .delete:
    switch builder.focusedLine {
    case .filter(let index): builder.spec.filters.remove(at: index)
    case .measure(let index) where builder.spec.measures.count > 1:
      builder.spec.measures.remove(at: index)
    case .group where builder.spec.group != nil: builder.spec.group = nil
    default: return [.bell]
    }
    builder.line = min(builder.line, builder.lines.count - 1)
    return [rerunReport(&builder, state)]
  case .saveReport:
    builder.edit = .name(TextInputState(builder.savedName ?? ""))
  case .reload:
    return [rerunReport(&builder, state)]
  default:
    return nil
  }
  return []
}

/// A new filter or measure, typed or picked on its "+" line (where the cursor goes).
private func startAdding(_ line: ReportBuilderLine, _ builder: inout ReportBuilderState) {
  builder.line = builder.lines.firstIndex(of: line) ?? builder.line
  builder.edit = editing(line, builder)
}

/// The edit that Enter (or e) starts on a line.
private func editing(_ line: ReportBuilderLine, _ builder: ReportBuilderState) -> ReportBuilderEdit
{
  switch line {
  case .entity: return .entity(PickerState())
  case .filter(let index):
    return .filter(index, TextInputState(builder.spec.filters[index].text))
  case .addFilter: return .filter(nil, TextInputState())
  case .group: return .group(PickerState())
  case .measure(let index): return .measure(index, PickerState())
  case .addMeasure: return .measure(nil, PickerState())
  }
}

private func updateReportBuilderEdit(_ state: inout AppState, _ key: Key) -> [Effect] {
  var builder = state.reports.builder
  defer { state.reports.builder = builder }
  guard let edit = builder.edit else { return [] }
  switch edit {
  case .filter(let index, var input):
    switch key {
    case .escape, .ctrl("c"): builder.edit = nil
    case .enter:
      do {
        let filter = try ReportFilter(parsing: input.text)
        if let index {
          builder.spec.filters[index] = filter
        } else {
          builder.spec.filters.append(filter)
          builder.line = builder.spec.filters.count
        }
        builder.edit = nil
        state.status = nil
        return [rerunReport(&builder, state)]
      } catch {
        // The text stays for mending; the status bar says what is wrong with it.
        state.status = StatusMessage(text: error.description, isError: true)
      }
    default:
      input.handle(key)
      builder.edit = .filter(index, input)
    }
  case .entity(var picker):
    let entities = ReportBuilderState.entities
    switch picker.handle(key, items: entities.map(\.rawValue)) {
    case .picked(let choice):
      builder.edit = nil
      guard entities[choice] != builder.spec.entity else { return [] }
      // Fields are per entity: a new entity starts a new definition.
      builder.spec = ReportSpec(entity: entities[choice])
      builder.line = 0
      return [rerunReport(&builder, state)]
    case .cancelled: builder.edit = nil
    case nil: builder.edit = .entity(picker)
    }
  case .group(var picker):
    let choices = builder.groupChoices()
    switch picker.handle(key, items: groupLabels(choices, state)) {
    case .picked(let choice):
      builder.edit = nil
      builder.spec.group = choices[choice]
      return [rerunReport(&builder, state)]
    case .cancelled: builder.edit = nil
    case nil: builder.edit = .group(picker)
    }
  case .measure(let index, var picker):
    let choices = builder.measureChoices()
    switch picker.handle(key, items: choices.map(\.text)) {
    case .picked(let choice):
      builder.edit = nil
      if let index {
        builder.spec.measures[index] = choices[choice]
      } else {
        builder.spec.measures.append(choices[choice])
        builder.line = builder.lines.count - 2
      }
      return [rerunReport(&builder, state)]
    case .cancelled: builder.edit = nil
    case nil: builder.edit = .measure(index, picker)
    }
  case .name(var input):
    switch key {
    case .escape, .ctrl("c"): builder.edit = nil
    case .enter:
      let name = input.text.trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty else { return [.bell] }
      builder.edit = nil
      let replace = builder.savedName?.lowercased() == name.lowercased()
      return [rerunReport(&builder, state, saveAs: name, replace: replace)]
    default:
      input.handle(key)
      builder.edit = .name(input)
    }
  }
  return []
}

/// "(none)", then each group as the CLI writes it (`stage`, `month:closeDate`).
func groupLabels(_ choices: [ReportGroup?], _ state: AppState) -> [String] {
  choices.map { $0?.text ?? state.text("reports.saved.noGroup") }
}

/// Runs the definition as it now stands (saving it first when asked).
func rerunReport(
  _ builder: inout ReportBuilderState, _ state: AppState, saveAs: String? = nil,
  replace: Bool = false
) -> Effect {
  builder.generation += 1
  return .buildReport(
    ReportBuildRequest(
      generation: builder.generation, spec: builder.spec, zone: state.timeZone, saveAs: saveAs,
      replace: replace))
}

/// The first visit to the builder runs its starting definition.
func enterReportBuilder(_ state: inout AppState) -> [Effect] {
  guard state.reports.builder.result == nil, state.reports.builder.error == nil else { return [] }
  return [rerunReport(&state.reports.builder, state)]
}

/// A saved report (`e` on the Saved tab) opened in the builder, to change and save again.
func openInReportBuilder(_ state: inout AppState) -> [Effect] {
  guard let saved = state.reports.dashboard?.saved,
    saved.indices.contains(state.reports.savedIndex)
  else { return [.bell] }
  let report = saved[state.reports.savedIndex]
  do {
    state.reports.builder.spec = try ReportSpec(json: report.definition)
  } catch {
    state.status = StatusMessage(text: error.description, isError: true)
    return [.bell]
  }
  state.reports.builder.savedName = report.name
  state.reports.builder.line = 0
  state.reports.panel = .builder
  return [rerunReport(&state.reports.builder, state)]
}

func reportBuilt(_ state: inout AppState, _ request: ReportBuildRequest, _ built: ReportBuilt)
  -> [Effect]
{
  guard request.generation == state.reports.builder.generation else { return [] }
  state.reports.builder.result = built.result
  state.reports.builder.error = built.error
  if let taken = built.nameTaken {
    state.status = StatusMessage(
      text: state.text("reports.builder.nameTaken", taken), isError: true)
  } else if let saveError = built.saveError {
    state.status = StatusMessage(text: saveError, isError: true)
  } else if let saved = built.saved {
    state.reports.builder.savedName = saved.name
    state.status = StatusMessage(
      text: state.text("reports.builder.saved", saved.name), isError: false)
    // The Saved tab lists it from now on.
    return [reloadReports(&state)]
  }
  return []
}
