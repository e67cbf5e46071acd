/// What the app needs from a terminal, so the same app runs on ncurses and in tests.
///
///     try await backend.start()
///     await backend.draw(render(state))
///     if let event = await backend.readEvent(timeout: .milliseconds(250)) { ... }
///     await backend.stop()
///
/// To run a full-screen program in between (`$EDITOR`), `suspend()` first and `resume()`
/// after it exits.
///
/// Backends are actors: every call into a real terminal happens on one executor.
public protocol TerminalBackend: Actor {
  /// Takes over the terminal (full screen, raw-ish input, mouse).
  func start() throws
  /// Gives the terminal back as it was. Safe to call more than once.
  func stop()
  /// The current size in cells.
  func size() -> Size
  /// Chooses the look of each role; the backend resolves it for its colour support.
  func apply(theme: Theme)
  /// Shows `buffer`; the backend may skip a frame equal to the last one shown.
  func draw(_ buffer: ScreenBuffer)
  /// The next event, or nil when none arrived within `timeout`.
  func readEvent(timeout: Duration) -> InputEvent?
  func bell()
  /// Lends the terminal to another program (an editor): the screen is put back as the
  /// shell had it until `resume()`.
  func suspend()
  /// Takes the terminal back after `suspend()` and repaints the next frame in full.
  func resume()
}
