/// A column of labelled text fields, each with its own validation message.
///
///     var form = FormState(fields: [FormField("Title"), FormField("Value")])
///     form.handle(.tab)                                   // next field
///     form.validate { i, text in text.isEmpty ? "required" : nil }
///     Form(state: form).render(into: &buffer, area: modal.inner)

/// One field: its label, its input and the message of its last failed validation.
public struct FormField: Hashable, Sendable {
  public var label: String
  public var input: TextInputState
  public var error: String?

  public init(_ label: String, text: String = "", error: String? = nil) {
    self.label = label
    self.input = TextInputState(text)
    self.error = error
  }

  public var text: String { input.text }
}

public struct FormState: Hashable, Sendable {
  public var fields: [FormField]
  /// Index of the focused field.
  public var focus: Int

  public init(fields: [FormField], focus: Int = 0) {
    self.fields = fields
    self.focus = fields.isEmpty ? 0 : min(max(0, focus), fields.count - 1)
  }

  public var values: [String] { fields.map(\.text) }

  /// Tab/Down and Shift-Tab/Up move between fields (wrapping), other keys edit the focused
  /// field. Editing a field clears its error: the message was about the old text.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    guard !fields.isEmpty else { return false }
    switch key {
    case .tab, .down:
      focus = (focus + 1) % fields.count
      return true
    case .backTab, .up:
      focus = (focus + fields.count - 1) % fields.count
      return true
    default:
      let before = fields[focus].input.text
      guard fields[focus].input.handle(key) else { return false }
      if fields[focus].input.text != before { fields[focus].error = nil }
      return true
    }
  }

  /// Runs `rule` on every field (index, text), keeps the messages it returns, focuses the
  /// first failing field, and answers whether all passed.
  @discardableResult
  public mutating func validate(_ rule: (Int, String) -> String?) -> Bool {
    var firstBad: Int?
    for i in fields.indices {
      fields[i].error = rule(i, fields[i].text)
      if fields[i].error != nil && firstBad == nil { firstBad = i }
    }
    if let firstBad { focus = firstBad }
    return firstBad == nil
  }
}

public struct Form: Widget, Sendable {
  public var state: FormState

  public init(state: FormState) {
    self.state = state
  }

  /// Rows the form needs: one per field plus one per error message.
  public var height: Int {
    state.fields.reduce(0) { $0 + ($1.error == nil ? 1 : 2) }
  }

  public func render(into buffer: inout ScreenBuffer, area: Rect) {
    guard !area.isEmpty else { return }
    let labelWidth = min(
      (state.fields.map { displayWidth($0.label) }.max() ?? 0) + 2, area.width / 2)
    var y = area.y
    for (i, field) in state.fields.enumerated() {
      guard y < area.maxY else { break }
      let focused = i == state.focus
      let labelStyle = Style(Role.title, focused ? [.bold] : [])
      buffer.put(
        pad(field.label + ":", toWidth: labelWidth), x: area.x, y: y,
        style: focused ? labelStyle : .normal, clip: area)
      let inputArea = Rect(
        x: area.x + labelWidth, y: y, width: area.width - labelWidth, height: 1)
      TextInput(state: field.input, focused: focused).render(into: &buffer, area: inputArea)
      y += 1
      if let error = field.error, y < area.maxY {
        buffer.put(
          truncate(error, toWidth: inputArea.width), x: inputArea.x, y: y,
          style: Style(Role.statusError), clip: area)
        y += 1
      }
    }
  }
}
