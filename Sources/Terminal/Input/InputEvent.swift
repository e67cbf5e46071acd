/// Everything a backend can report to the app: keys, mouse, size changes and the end of the
/// session.

/// A mouse button; scrolling is reported as its own event kinds.
public enum MouseButton: Hashable, Sendable {
  case left
  case middle
  case right
}

/// A mouse report in screen cells, (0, 0) at the top left.
public struct MouseEvent: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    case press
    case release
    /// Movement with a button held (needs the terminal's button-event mode, 1002).
    case drag
    case scrollUp
    case scrollDown
  }

  public var kind: Kind
  public var button: MouseButton?
  public var x: Int
  public var y: Int

  public init(_ kind: Kind, button: MouseButton? = nil, x: Int, y: Int) {
    self.kind = kind
    self.button = button
    self.x = x
    self.y = y
  }
}

/// One input event.
public enum InputEvent: Hashable, Sendable {
  case key(Key)
  case mouse(MouseEvent)
  /// The terminal is now this size; redraw everything for it.
  case resize(width: Int, height: Int)
  /// Input is gone (SSH dropped, SIGHUP, end of file): the app must end, not spin.
  case hangup
  /// SIGTERM (or SIGINT when not in raw mode): end cleanly.
  case terminate
}
