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
  /// The view to open on; nil takes the config's `ui.view`, else the board.
  public var view: StartView?
  /// Builds the background sync for the opened store; nil (or an answer of nil) when the
  /// database does not sync. Called after the store is open, before the first frame.
  public var backgroundSync: (@Sendable (Store) -> (any BackgroundSync)?)?

  public init(
    databasePath: String, theme: String?, mouse: Bool, localUserName: String,
    view: StartView? = nil, backgroundSync: (@Sendable (Store) -> (any BackgroundSync)?)? = nil
  ) {
    self.databasePath = databasePath
    self.theme = theme
    self.mouse = mouse
    self.localUserName = localUserName
    self.view = view
    self.backgroundSync = backgroundSync
  }

  /// Runs on the caller's thread (`nonisolated(nonsending)`): the main thread, for `crm`,
  /// opens the store and reads the first view without handing over to another thread.
  public nonisolated(nonsending) func run() async throws {
    StartupTrace.mark("launcher")
    Self.warmUp()
    let env = Self.environment([
      "XDG_CONFIG_HOME", "HOME", "LC_ALL", "LC_MESSAGES", "LANG", "CRM_THEMES_DIR",
    ])
    let config = Config.load(path: Config.path(environment: env))
    var keys = KeyTable()
    let problems = config.problems + keys.remap(config.keys)
    let themeName = theme ?? config.theme ?? "default"
    let loadedTheme = try Theme.load(
      named: themeName,
      in: ThemeLocator.searchDirectories(environment: env, executable: Self.executable()))
    StartupTrace.mark("config and theme")
    // ncurses starts on its own thread while this one opens the database: the two are
    // the biggest steps before the first paint and need nothing from each other.
    let backend = NcursesBackend(options: NcursesBackend.Options(mouse: mouse))
    let starting = Task { try await backend.start() }
    let store: Store
    do {
      store = try Store(path: databasePath, checkpointInBackground: true)
      StartupTrace.mark("store open")
      try store.initialize(localUserName: localUserName)
      StartupTrace.mark("store initialized")
    } catch {
      _ = await starting.result
      await backend.stop()
      throw error
    }
    let catalog = Catalog.fromEnvironment(env, override: config.language)
    var state = AppState(
      size: NcursesBackend.stdoutSize() ?? Size(width: 80, height: 24),
      databaseName: URL(fileURLWithPath: databasePath).lastPathComponent, keys: keys,
      catalog: catalog, locale: Locale.current)
    state.view = (view ?? config.view ?? .board).view
    state.reminders.bell = config.bell
    if !problems.isEmpty {
      state.status = StatusMessage(
        text: catalog.text("status.conflicts", problems.joined(separator: "; ")), isError: true)
    }
    StartupTrace.mark("state ready")
    // Not waiting for `starting`: the runtime reads the first view on this thread, then
    // starts the terminal and draws in one visit, which waits for this start (and throws
    // again if it failed).
    try await Runtime.run(
      store: store, backend: backend, state: state, theme: loadedTheme,
      backgroundSync: backgroundSync?(store))
  }

  /// What the first frame needs from Foundation and costs the most to work out, worked out on
  /// another core while this thread reads the config and opens the database: the time zone
  /// (`AppState.timeZone`: ICU reads its zone tables, 1-5 ms), the locale and the catalog's
  /// tables. Whichever thread comes second waits for the first (each is computed once).
  static func warmUp() {
    DispatchQueue.global(qos: .userInitiated).async {
      _ = TimeZone.current
      _ = Locale.current
      _ = Catalog(language: "en")
    }
  }

  /// This program's file, for the themes installed beside it: from /proc (`Bundle.main`
  /// sets up a bundle to answer the same, ~1.5 ms at start).
  static func executable() -> URL? {
    #if os(Linux)
      var buffer = [CChar](repeating: 0, count: 4096)
      let length = readlink("/proc/self/exe", &buffer, buffer.count)
      if length > 0 && length < buffer.count {
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return URL(fileURLWithPath: path)
      }
    #endif
    return Bundle.main.executableURL
  }

  /// The variables named that are set, read with getenv: `ProcessInfo.environment` copies
  /// the whole environment into a new dictionary each time it is asked.
  static func environment(_ names: [String]) -> [String: String] {
    var found: [String: String] = [:]
    for name in names {
      if let value = getenv(name) { found[name] = String(cString: value) }
    }
    return found
  }
}
