import ArgumentParser
import Foundation
import TUI

/// The options of `crm` with no subcommand, the full-screen app: declared once here, for
/// the root command and for the start-up fast path in `CRM.main`.
struct TUIOptions: ParsableArguments {
  @OptionGroup var global: GlobalOptions
  @Option(
    help: "Colour theme: default, light, high-contrast, 16color (or a file in a themes folder).")
  var theme: String?
  @Flag(help: "Do not capture the mouse (lets the terminal select text).") var noMouse = false
  @Option(
    help: ArgumentHelp(
      "The view to open on: \(StartView.names) (default: ui.view in the config, else board).",
      valueName: "view"))
  var view: String?

  func validate() throws {
    if let view, StartView(rawValue: view) == nil {
      throw ArgumentParser.ValidationError(
        "--view must be one of \(StartView.names), not '\(view)'")
    }
  }

  /// Opens the TUI.
  func launch() async throws {
    try await Self.launch(db: global.db, theme: theme, noMouse: noMouse, view: view)
  }

  /// On the caller's thread, as `TUILauncher.run` (see there).
  nonisolated(nonsending) static func launch(
    db: String?, theme: String?, noMouse: Bool, view: String?
  ) async throws {
    let path = GlobalOptions.databasePath(db: db)
    try await TUILauncher(
      databasePath: path, theme: theme, mouse: !noMouse,
      localUserName: GlobalOptions.localUserName, view: view.flatMap(StartView.init(rawValue:)),
      backgroundSync: EngineBackgroundSync.factory(databasePath: path)
    ).run()
  }
}

/// `crm` with only the TUI's options, as people and scripts start it (`crm`, `crm --view
/// contacts --db FILE`): read here by hand, since ArgumentParser's runtime type lookups
/// for the root and its ~60 subcommands cost milliseconds before the first paint. Anything
/// else (a subcommand, help, an unknown or bad option) is nil and goes to ArgumentParser,
/// which gives the same answers as before, errors included.
struct TUIArguments: Equatable {
  var db: String?
  var theme: String?
  var noMouse = false
  var view: String?

  init(db: String? = nil, theme: String? = nil, noMouse: Bool = false, view: String? = nil) {
    self.db = db
    self.theme = theme
    self.noMouse = noMouse
    self.view = view
  }

  init?(_ arguments: [String]) {
    var rest = arguments[...]
    while let argument = rest.popFirst() {
      if argument == "--no-mouse" {
        noMouse = true
        continue
      }
      let name: Substring
      let value: String
      if let equals = argument.firstIndex(of: "=") {
        name = argument[..<equals]
        value = String(argument[argument.index(after: equals)...])
      } else {
        // A value that looks like an option is ArgumentParser's call, not ours.
        guard let next = rest.popFirst(), !next.hasPrefix("-") else { return nil }
        name = argument[...]
        value = next
      }
      switch name {
      case "--db": db = value
      case "--theme": theme = value
      case "--view":
        guard StartView(rawValue: value) != nil else { return nil }
        view = value
      default: return nil
      }
    }
  }

  nonisolated(nonsending) func launch() async throws {
    try await TUIOptions.launch(db: db, theme: theme, noMouse: noMouse, view: view)
  }
}
