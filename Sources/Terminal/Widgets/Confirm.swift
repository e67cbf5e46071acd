/// A yes/no question in a modal, "No" selected first so a stray Enter destroys nothing.
///
///     var confirm = ConfirmState()
///     if confirm.handle(.char("y")) == .yes { deleteDeal() }
///     Confirm(title: "Delete", message: "Delete Acme?", state: confirm)
///       .render(into: &buffer, area: buffer.area)

public struct ConfirmState: Hashable, Sendable {
  public enum Outcome: Hashable, Sendable {
    case yes
    case no
    case cancelled
  }

  /// Whether "Yes" is the highlighted button.
  public var yesSelected: Bool

  public init(yesSelected: Bool = false) {
    self.yesSelected = yesSelected
  }

  /// The answer when the key gives one; nil when the dialog stays open.
  public mutating func handle(_ key: Key) -> Outcome? {
    switch key {
    case .left, .right, .tab, .backTab, .char("h"), .char("l"):
      yesSelected.toggle()
      return nil
    case .char("y"), .char("Y"): return .yes
    case .char("n"), .char("N"): return .no
    case .enter: return yesSelected ? .yes : .no
    case .escape, .char("q"), .ctrl("c"): return .cancelled
    default: return nil
    }
  }
}

public struct Confirm: Widget, Sendable {
  public var title: String
  public var message: String
  public var state: ConfirmState
  public var yesLabel: String
  public var noLabel: String

  public init(
    title: String, message: String, state: ConfirmState = ConfirmState(),
    yesLabel: String = "Yes", noLabel: String = "No"
  ) {
    self.title = title
    self.message = message
    self.state = state
    self.yesLabel = yesLabel
    self.noLabel = noLabel
  }

  private var buttons: (yes: String, no: String) { ("[ \(yesLabel) ]", "[ \(noLabel) ]") }

  /// Draws centred in `area` (normally the whole screen).
  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    let buttonsWidth = displayWidth(buttons.yes) + 2 + displayWidth(buttons.no)
    let wanted = max(displayWidth(message), buttonsWidth, displayWidth(title) + 2) + 4
    let width = min(area.width, max(wanted, 24), 60)
    let lines = wrap(message, width: max(1, width - 4))
    let modal = Modal(title: title, width: width, height: lines.count + 4)
    let inner = modal.render(into: &buffer, screen: area)
    for (i, line) in lines.enumerated() where i < inner.height {
      buffer.put(line, x: inner.x, y: inner.y + i, style: Style(Role.modal), clip: inner)
    }
    // Buttons on the last inner row, centred, after a blank row when there is room.
    guard inner.height > 0 else { return }
    let y = inner.maxY - 1
    var x = inner.x + max(0, (inner.width - buttonsWidth) / 2)
    let on = Style(Role.selection)
    let off = Style(Role.modal)
    x = buffer.put(buttons.yes, x: x, y: y, style: state.yesSelected ? on : off, clip: inner)
    buffer.put(buttons.no, x: x + 2, y: y, style: state.yesSelected ? off : on, clip: inner)
  }
}
