import Foundation
import Model
import Store
import Terminal

/// Opens the full-screen app on a database: reads the config, picks the theme, language and
/// keys, reports config problems, and runs until the user quits or the terminal goes away.
public struct TUILauncher: Sendable {
  public var databasePath: String
  public var theme: String?
  public var mouse: Bool
  public var localUserName: String

  public init(databasePath: String, theme: String?, mouse: Bool, localUserName: String) {
    self.databasePath = databasePath
    self.theme = theme
    self.mouse = mouse
    self.localUserName = localUserName
  }

  public func run() async throws {
    let env = ProcessInfo.processInfo.environment
    let config = Config.load(path: Config.path(environment: env))
    var keys = KeyTable()
    let problems = config.problems + keys.remap(config.keys)
    let themeName = theme ?? config.theme ?? "default"
    let loadedTheme = try Theme.load(named: themeName)
    let store = try Store(path: databasePath, checkpointInBackground: true)
    try store.initialize(localUserName: localUserName)
    let catalog = Catalog.fromEnvironment(env, override: config.language)
    var state = AppState(
      size: Size(width: 80, height: 24),
      databaseName: URL(fileURLWithPath: databasePath).lastPathComponent, keys: keys,
      catalog: catalog, locale: Locale.current)
    if !problems.isEmpty {
      state.status = StatusMessage(
        text: catalog.text("status.conflicts", problems.joined(separator: "; ")), isError: true)
    }
    let backend = NcursesBackend(options: NcursesBackend.Options(mouse: mouse))
    try await Runtime.run(store: store, backend: backend, state: state, theme: loadedTheme)
  }
}
