/// Key presses as values, independent of ncurses, so widgets and the app's key table can be
/// tested with plain values.
///
///     switch key { case .ctrl("a"): state.home(); case .char(let c): state.insert(c); ... }

/// One key press (or a bracketed paste, delivered as one value).
public enum Key: Hashable, Sendable, CustomStringConvertible {
  case char(Character)
  case enter
  case escape
  case tab
  case backTab
  case backspace
  case delete
  case insert
  case up
  case down
  case left
  case right
  case home
  case end
  case pageUp
  case pageDown
  /// A control character, named by its lowercase letter: Ctrl-A is `.ctrl("a")`. Tab,
  /// Enter and Backspace arrive as their own cases, not as Ctrl-I, Ctrl-M/J and Ctrl-H.
  case ctrl(Character)
  case function(Int)
  /// The terminal changed size (ncurses reports this as a key).
  case resize
  /// Several characters at once (a paste), inserted as text by text inputs.
  case paste(String)
  /// A key code with no name here; kept so it can be logged rather than lost.
  case unknown(Int)

  /// How the key is written in hints and help: "Enter", "Ctrl-A", "F5", "x".
  public var description: String {
    switch self {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .enter: return "Enter"
    case .escape: return "Esc"
    case .tab: return "Tab"
    case .backTab: return "Shift-Tab"
    case .backspace: return "Backspace"
    case .delete: return "Del"
    case .insert: return "Ins"
    case .up: return "Up"
    case .down: return "Down"
    case .left: return "Left"
    case .right: return "Right"
    case .home: return "Home"
    case .end: return "End"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .ctrl(let c): return "Ctrl-\(String(c).uppercased())"
    case .function(let n): return "F\(n)"
    case .resize: return "Resize"
    case .paste: return "Paste"
    case .unknown(let code): return "Key(\(code))"
    }
  }
}
