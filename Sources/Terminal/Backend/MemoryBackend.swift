/// A terminal in memory for tests: scripted input in, recorded frames out.
///
///     let backend = MemoryBackend(size: Size(width: 80, height: 24),
///                                 events: [.key(.char("j")), .key(.char("q"))])
///     try await runApp(on: backend)
///     let frame = await backend.frames.last

public actor MemoryBackend: TerminalBackend {
  public private(set) var currentSize: Size
  /// Every frame drawn, in order (frames equal to the previous one are skipped, as the
  /// ncurses backend does, so tests see what a user would).
  public private(set) var frames: [ScreenBuffer] = []
  public private(set) var bells = 0
  public private(set) var isStarted = false
  public private(set) var theme: Theme?
  /// "suspend" and "resume", in the order the app called them.
  public private(set) var handovers: [String] = []
  public private(set) var isSuspended = false
  private var events: [InputEvent]
  private var repaint = false

  public init(size: Size = Size(width: 80, height: 24), events: [InputEvent] = []) {
    self.currentSize = size
    self.events = events
  }

  /// Adds events to the end of the script.
  public func send(_ more: [InputEvent]) {
    events += more
  }

  /// Changes the size and queues the resize event, as a real terminal would.
  public func resize(to size: Size) {
    currentSize = size
    events.append(.resize(width: size.width, height: size.height))
  }

  public var lastFrame: ScreenBuffer? { frames.last }

  public func start() { isStarted = true }
  public func stop() { isStarted = false }
  public func size() -> Size { currentSize }
  public func apply(theme: Theme) { self.theme = theme }

  public func draw(_ buffer: ScreenBuffer) {
    if repaint || frames.last != buffer { frames.append(buffer) }
    repaint = false
  }

  /// The next scripted event; when the script is used up, `.hangup`, so an app under test
  /// ends instead of waiting forever.
  public func readEvent(timeout: Duration) -> InputEvent? {
    events.isEmpty ? .hangup : events.removeFirst()
  }

  public func bell() { bells += 1 }

  public func suspend() {
    handovers.append("suspend")
    isSuspended = true
  }

  /// Like ncurses after an editor ran, the next frame is drawn even if it equals the last.
  public func resume() {
    handovers.append("resume")
    isSuspended = false
    repaint = true
  }
}
