/// Starting a terminal and showing the first frame in one visit to its executor:
///
///     let size = try await backend.start(theme: theme, firstFrame: render(state))
///     if size != state.size { state.size = size }  // and render again
///
/// Each `await` on a backend is a hand-off to its thread and back; on a busy machine every
/// hand-off waits for a core, so the first paint makes one instead of four (start, theme,
/// size, draw).
extension TerminalBackend {
  /// Starts the terminal (if it is not already), applies `theme`, and draws `firstFrame`
  /// when it has the terminal's size. Returns the terminal's size: a frame of another size
  /// is not drawn, and the caller renders one for the size returned.
  public func start(theme: Theme, firstFrame: ScreenBuffer) throws -> Size {
    try start()
    apply(theme: theme)
    let size = size()
    if firstFrame.size == size { draw(firstFrame) }
    return size
  }
}
