import Foundation
import Model
import Store
import Terminal

/// The import dialog's state: the path typed, then the dry run's summary, then the import.
public struct ImportDialogState: Sendable {
  public enum Phase: Sendable, Equatable {
    /// Typing the path; `error` is why the last file was refused (nothing was written).
    case path(error: String?)
    /// The dry run is running.
    case checking
    /// What the import would do; Enter does it.
    case preview(ImportPreview)
    /// The import is running.
    case importing
  }

  public var input = TextInputState()
  public var phase: Phase = .path(error: nil)
  /// The path checked, `~` expanded: the real import reads the same file.
  public var path = ""

  public init() {}
}

/// A dry run's answer: what the import would do, and the columns no field takes.
public struct ImportPreview: Sendable, Equatable {
  public var report: ImportReport
  public var unmapped: [String]

  public init(report: ImportReport, unmapped: [String]) {
    self.report = report
    self.unmapped = unmapped
  }
}

/// A dry run's outcome: the preview, or why the file was refused.
public enum ImportCheck: Sendable, Equatable {
  case preview(ImportPreview)
  case refused(String)
}

/// `~` and `~/…` as the shell expands them.
func expandedPath(_ path: String) -> String {
  let trimmed = path.trimmingCharacters(in: .whitespaces)
  return NSString(string: trimmed).expandingTildeInPath
}

/// Keys of the import dialog: typing the path, Enter for the dry run, Enter again to
/// import; Esc cancels at any point before the import (nothing is written).
func updateImport(_ state: inout AppState, _ dialog: ImportDialogState, _ key: Key) -> [Effect] {
  var dialog = dialog
  if key == .escape {
    state.overlay = nil
    return []
  }
  switch dialog.phase {
  case .path:
    if key == .enter {
      let path = expandedPath(dialog.input.text)
      guard !path.isEmpty else { return [.bell] }
      dialog.path = path
      dialog.phase = .checking
      state.overlay = .importContacts(dialog)
      return [.checkImport(path: path)]
    }
    if dialog.input.handle(key) { dialog.phase = .path(error: nil) }
  case .preview:
    guard key == .enter else { return [] }
    dialog.phase = .importing
    state.overlay = .importContacts(dialog)
    return [.runImport(path: dialog.path)]
  case .checking, .importing:
    return []
  }
  state.overlay = .importContacts(dialog)
  return []
}

/// The dry run came back: show it, or the refusal under the path.
func importChecked(_ state: inout AppState, path: String, _ check: ImportCheck) -> [Effect] {
  guard case .importContacts(var dialog) = state.overlay, dialog.path == path else { return [] }
  switch check {
  case .preview(let preview): dialog.phase = .preview(preview)
  case .refused(let reason): dialog.phase = .path(error: reason)
  }
  state.overlay = .importContacts(dialog)
  return []
}

/// The import was written: close the dialog, say what it did, reload the contacts (and the
/// companies it may have created, when their list is next shown).
func importFinished(_ state: inout AppState, _ report: ImportReport) -> [Effect] {
  if case .importContacts = state.overlay { state.overlay = nil }
  state.status = StatusMessage(
    text: state.text(
      "status.imported", String(report.created), String(report.updated),
      String(report.unchanged), String(report.skipped.count)), isError: false)
  state.companies.loaded = false
  return [reloadList(&state, .contacts)]
}
