/// The real terminal, through ncursesw. All calls run on one dedicated thread (see
/// `NcursesExecutor`).
///
///     let backend = NcursesBackend()
///     try await backend.start()
///     defer { Task { await backend.stop() } }
///
/// Terminal craft kept here: the locale is set before ncurses starts; ESC delay is 25 ms
/// unless ESCDELAY is set; colours come from the theme unless NO_COLOR is set (then only
/// attributes); frames are drawn with erase + cell writes + wnoutrefresh/doupdate and an
/// unchanged frame is not drawn at all; mouse drags need button-event tracking (1002)
/// switched on by hand after mousemask; SIGTERM, SIGHUP and SIGINT only set a flag that
/// `readEvent` turns into an event; a closed input becomes `.hangup`.
import CNcurses
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

public enum NcursesError: Error, CustomStringConvertible {
  case cannotOpen(String)
  case cannotStart(terminal: String)

  public var description: String {
    switch self {
    case .cannotOpen(let what): return "cannot open \(what) for the terminal"
    case .cannotStart(let t): return "ncurses cannot start on terminal type '\(t)'"
    }
  }
}

public actor NcursesBackend: TerminalBackend {
  public struct Options: Sendable {
    /// terminfo name; nil uses $TERM.
    public var terminalType: String?
    /// Paths to read keys from and write the screen to; nil uses stdin and stdout.
    public var inputPath: String?
    public var outputPath: String?
    /// nil reads the NO_COLOR convention from the environment.
    public var noColor: Bool?
    public var mouse: Bool

    public init(
      terminalType: String? = nil, inputPath: String? = nil, outputPath: String? = nil,
      noColor: Bool? = nil, mouse: Bool = true
    ) {
      self.terminalType = terminalType
      self.inputPath = inputPath
      self.outputPath = outputPath
      self.noColor = noColor
      self.mouse = mouse
    }
  }

  public nonisolated var unownedExecutor: UnownedSerialExecutor {
    NcursesExecutor.shared.asUnownedSerialExecutor()
  }

  private let options: Options
  // C handles owned by this actor and used only on its thread.
  private nonisolated(unsafe) var screen: OpaquePointer?
  private nonisolated(unsafe) var window: UnsafeMutablePointer<WINDOW>?
  private nonisolated(unsafe) var input: UnsafeMutablePointer<FILE>?
  private nonisolated(unsafe) var output: UnsafeMutablePointer<FILE>?
  private var started = false
  private var suspended = false
  private var noColor = false
  private var colors = 0
  private var pairs = ColorPairs(limit: 0)
  private var theme = ResolvedTheme(styles: [:])
  private var themeSource: Theme = .monochrome
  private var lastDrawn: ScreenBuffer?
  private var heldButton: MouseButton?
  private var suspectEOF = 0

  public init(options: Options = Options()) {
    self.options = options
  }

  public func start() throws {
    guard !started else { return }
    setlocale(LC_ALL, "")
    // getenv, not ProcessInfo.environment, which copies the whole environment each time.
    func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
    noColor = options.noColor ?? (variable("NO_COLOR").map { !$0.isEmpty } ?? false)
    input = options.inputPath.map { fopen($0, "r") } ?? fdopen(STDIN_FILENO, "r")
    output = options.outputPath.map { fopen($0, "w") } ?? fdopen(STDOUT_FILENO, "w")
    guard let input, let output else {
      throw NcursesError.cannotOpen(options.inputPath ?? options.outputPath ?? "stdio")
    }
    crm_install_signal_handlers()
    // Only a real terminal on stdin/stdout gets the crash path (see shim.h).
    if options.inputPath == nil && options.outputPath == nil && isatty(STDIN_FILENO) == 1 {
      crm_install_crash_restore(STDIN_FILENO)
    }
    screen = newterm(options.terminalType, output, input)
    guard let screen else {
      crm_restore_signal_handlers()
      crm_remove_crash_restore()
      throw NcursesError.cannotStart(terminal: options.terminalType ?? variable("TERM") ?? "")
    }
    set_term(screen)
    window = crm_stdscr()
    started = true
    cbreak()
    noecho()
    nonl()
    keypad(window, true)
    intrflush(window, false)
    if variable("ESCDELAY") == nil { set_escdelay(25) }
    curs_set(0)
    colors = 0
    if !noColor && has_colors() {
      start_color()
      use_default_colors()
      colors = Int(crm_colors())
      pairs = ColorPairs(limit: Int(crm_color_pairs()))
    }
    apply(theme: themeSource)
    if options.mouse {
      let mask =
        crm_all_mouse_events() | crm_report_mouse_position()
      mousemask(mmask_t(mask), nil)
      // Report press and release as they happen instead of waiting to fold them into
      // clicks, and turn on button-event tracking, which mousemask alone does not.
      mouseinterval(0)
      writeRaw("\u{1b}[?1002h")
    }
  }

  public func stop() {
    guard started else { return }
    started = false
    suspended = false
    if options.mouse { writeRaw("\u{1b}[?1002l") }
    curs_set(1)
    endwin()
    if let screen { delscreen(screen) }
    screen = nil
    window = nil
    crm_restore_signal_handlers()
    crm_remove_crash_restore()
    // Close only files we opened by path: closing the FILEs made over fds 0 and 1 would
    // close stdin and stdout, and the app may still print after the screen is gone.
    if options.inputPath != nil, let input { fclose(input) }
    if options.outputPath != nil, let output { fclose(output) }
    input = nil
    output = nil
    lastDrawn = nil
  }

  /// Hands the terminal to another program: remembers the program mode, stops mouse
  /// tracking (an editor would receive the reports as typed text) and leaves curses mode.
  public func suspend() {
    guard started, !suspended else { return }
    suspended = true
    def_prog_mode()
    if options.mouse { writeRaw("\u{1b}[?1002l") }
    endwin()
  }

  /// Takes the terminal back: restores the program mode, turns mouse tracking on again
  /// (the editor may have changed it) and forgets the last frame, since the editor drew
  /// over it.
  public func resume() {
    guard started, suspended else { return }
    suspended = false
    reset_prog_mode()
    if options.mouse { writeRaw("\u{1b}[?1002h") }
    lastDrawn = nil
    if let window {
      wclear(window)
      wrefresh(window)
    }
  }

  /// Escape sequences that ncurses has no call for, straight to the terminal.
  private func writeRaw(_ s: String) {
    guard let output else { return }
    fflush(output)
    let fd = fileno(output)
    var bytes = Array(s.utf8)
    _ = write(fd, &bytes, bytes.count)
  }

  /// The size of the terminal on stdout before ncurses has started (nil when stdout is not
  /// a terminal), so the first loads can be sized while ncurses starts.
  public nonisolated static func stdoutSize() -> Size? {
    var ws = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else {
      return nil
    }
    return Size(width: Int(ws.ws_col), height: Int(ws.ws_row))
  }

  public func size() -> Size {
    guard let window else { return Size(width: 0, height: 0) }
    var y: Int32 = 0
    var x: Int32 = 0
    crm_getmaxyx(window, &y, &x)
    return Size(width: Int(x), height: Int(y))
  }

  /// Colours the terminal has (0 when NO_COLOR or none).
  public func colorCount() -> Int { colors }

  public func apply(theme: Theme) {
    themeSource = theme
    self.theme = theme.resolved(colors: colors, noColor: noColor || colors == 0)
    lastDrawn = nil
  }

  public func draw(_ buffer: ScreenBuffer) {
    guard let window, buffer != lastDrawn else { return }
    werase(window)
    let screenSize = size()
    var attrCache: [Style: (attr_t, Int16)] = [:]
    var wch = [wchar_t](repeating: 0, count: Int(crm_ccharw_max()) + 1)
    var cc = cchar_t()
    for y in 0..<min(buffer.height, screenSize.height) {
      for x in 0..<min(buffer.width, screenSize.width) {
        let cell = buffer[x, y]
        if cell.isContinuation { continue }
        let (attr, pair): (attr_t, Int16)
        if let cached = attrCache[cell.style] {
          (attr, pair) = cached
        } else {
          let resolved = theme.style(for: cell.style)
          let p = pairs.pair(fg: resolved.fg, bg: resolved.bg)
          (attr, pair) = (NcursesBackend.attributes(resolved.attributes), p)
          attrCache[cell.style] = (attr, pair)
        }
        // At most CCHARW_MAX wide characters fit one cell; the cell text is already
        // one spacing character plus combining marks, so cutting only drops extra marks.
        var n = 0
        for scalar in cell.grapheme.unicodeScalars where n < wch.count - 1 {
          wch[n] = wchar_t(bitPattern: scalar.value)
          n += 1
        }
        wch[n] = 0
        crm_setcchar(&cc, wch, attr, pair)
        // The bottom-right cell "fails" because the cursor cannot advance; it is drawn.
        mvwadd_wch(window, Int32(y), Int32(x), &cc)
      }
    }
    wnoutrefresh(window)
    doupdate()
    lastDrawn = buffer
  }

  static func attributes(_ a: Attributes) -> attr_t {
    var out = crm_a_normal()
    if a.contains(.bold) { out |= crm_a_bold() }
    if a.contains(.reverse) { out |= crm_a_reverse() }
    if a.contains(.underline) { out |= crm_a_underline() }
    if a.contains(.dim) { out |= crm_a_dim() }
    return out
  }

  /// Waits up to `timeout` for input, in slices of at most 100 ms so signals and resizes
  /// are noticed promptly even when they were delivered to another thread.
  public func readEvent(timeout: Duration) -> InputEvent? {
    guard let window else { return .hangup }
    let deadline = ContinuousClock.now + timeout
    while true {
      if let event = pendingSignal() { return event }
      let left = ContinuousClock.now.duration(to: deadline)
      let ms = max(
        0,
        min(
          100,
          Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
      )
      wtimeout(window, Int32(ms))
      var ch: wint_t = 0
      crm_clear_errno()
      let status = wget_wch(window, &ch)
      if status == ERR {
        // A signal that raced the hang-up says more about why the session ends.
        if crm_errno() == EIO || inputClosed() { return pendingSignal() ?? .hangup }
        if ContinuousClock.now >= deadline { return pendingSignal() }
        continue
      }
      suspectEOF = 0
      if status == keyCodeYes && Int32(bitPattern: ch) == KEY_MOUSE {
        if let event = readMouse() { return .mouse(event) }
        continue
      }
      if status == keyCodeYes && Int32(bitPattern: ch) == KEY_RESIZE {
        lastDrawn = nil
        let s = size()
        return .resize(width: s.width, height: s.height)
      }
      if let key = decodeKey(status: status, code: UInt32(ch)) { return .key(key) }
    }
  }

  /// SIGINT is Ctrl-C typed at a terminal in cbreak mode: give it to the app as the key.
  private func pendingSignal() -> InputEvent? {
    let bits = crm_take_signals()
    if bits & CRM_SIG_HUP != 0 { return .hangup }
    if bits & CRM_SIG_TERM != 0 { return .terminate }
    if bits & CRM_SIG_INT != 0 { return .key(.ctrl("c")) }
    return nil
  }

  /// After wget_wch found nothing: is the input gone? Readable-but-empty twice running is
  /// end of file (read returning 0, as on a dropped SSH session or /dev/null).
  private func inputClosed() -> Bool {
    guard let input else { return true }
    switch crm_input_state(fileno(input)) {
    case 1: return true
    case 2:
      suspectEOF += 1
      return suspectEOF >= 2
    default:
      suspectEOF = 0
      return false
    }
  }

  private func readMouse() -> MouseEvent? {
    var event = MEVENT()
    guard getmouse(&event) == OK else { return nil }
    let decoded = decodeMouse(
      bstate: event.bstate, x: Int(event.x), y: Int(event.y), held: heldButton)
    switch decoded?.kind {
    case .press: heldButton = decoded?.button
    case .release: heldButton = nil
    default: break
    }
    return decoded
  }

  public func bell() {
    guard started else { return }
    beep()
  }

  /// The characters ncurses holds in each column of row `y`, read back with mvwin_wchnstr
  /// (for headless tests). mvwin_wchnstr leaves out the right halves of wide characters,
  /// so they are put back here as "" to make the result one entry per column.
  public func screenRow(_ y: Int) -> [String] {
    guard let window else { return [] }
    let width = size().width
    var cells = [cchar_t](repeating: cchar_t(), count: width + 1)
    guard mvwin_wchnstr(window, Int32(y), 0, &cells, Int32(width)) != ERR else { return [] }
    var out: [String] = []
    for i in 0..<width where out.count < width {
      var wch = [wchar_t](repeating: 0, count: Int(crm_ccharw_max()) + 1)
      let n = crm_getcchar_chars(&cells[i], &wch, Int32(wch.count))
      guard n > 0 else { break }
      let text = String(
        String.UnicodeScalarView(
          wch.prefix(Int(n)).compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
      out.append(text)
      if displayWidth(text) == 2 { out.append("") }
    }
    return out
  }
}
