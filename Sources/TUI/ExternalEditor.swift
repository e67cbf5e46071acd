import Foundation

/// What came of writing a note in `$EDITOR`.
public enum EditorOutcome: Sendable, Equatable {
  /// The file's text, trimmed.
  case text(String)
  /// The editor exited cleanly but the file is empty: nothing to save.
  case empty
  /// The editor exited with this status (or was killed): the rep gave up.
  case failed(Int32)
  case couldNotStart(String)
}

/// Runs the user's editor on a temporary file and reads back what was written.
///
///     let outcome = ExternalEditor.edit(environment: ProcessInfo.processInfo.environment)
///
/// The caller lends it the terminal first (`TerminalBackend.suspend`); the editor inherits
/// standard input, output and error, so it draws on the same terminal.
enum ExternalEditor {
  /// `$VISUAL`, else `$EDITOR`, else `vi`, as Unix programs choose.
  static func command(environment: [String: String]) -> String {
    for name in ["VISUAL", "EDITOR"] {
      if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
        return value
      }
    }
    return "vi"
  }

  static func edit(
    environment: [String: String], directory: URL = FileManager.default.temporaryDirectory
  ) -> EditorOutcome {
    let file = directory.appendingPathComponent("crm-note-\(UUID().uuidString).txt")
    guard FileManager.default.createFile(atPath: file.path, contents: Data()) else {
      return .couldNotStart("cannot create \(file.path)")
    }
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    // Through the shell, since editors are often set with arguments ("code -w", "emacs -nw").
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command(environment: environment) + " \"$1\"", "sh", file.path]
    process.environment = environment
    process.standardInput = FileHandle.standardInput
    process.standardOutput = FileHandle.standardOutput
    process.standardError = FileHandle.standardError
    do {
      try process.run()
    } catch {
      return .couldNotStart(String(describing: error))
    }
    process.waitUntilExit()
    guard process.terminationReason == .exit, process.terminationStatus == 0 else {
      return .failed(process.terminationStatus)
    }
    let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? .empty : .text(trimmed)
  }
}
