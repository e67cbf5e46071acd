import Foundation
import Model
import Terminal

/// The call panel over the detail: who, the running clock, the direction and the keys;
/// once stopped, the outcome list, the title line and the notes line.
func renderCallLog(_ call: CallLogState, _ state: AppState, into buffer: inout ScreenBuffer) {
  let screen = buffer.area
  let clock = callClock(call.elapsed(state.now))
  let headline = state.text("call.with", call.name, clock)
  let direction = state.text("call.direction." + call.direction.rawValue)
  var lines: [(String, Style)] = []
  var hint: String
  var inputRows: [Int: (TextInputState, Bool)] = [:]
  switch call.phase {
  case .running:
    lines = [(headline, Style(Role.modal, .bold)), (direction, Style(Role.modal))]
    hint = state.text("call.hint.running")
  case .confirmDiscard:
    lines = [(headline, Style(Role.modal, .bold)), (state.text("call.discard"), Style(Role.modal))]
    hint = state.text("call.hint.discard")
  case .outcome:
    lines = [(headline, Style(Role.modal, .bold)), (direction, Style(Role.modal))]
    for (index, outcome) in CallOutcome.allCases.enumerated() {
      let mark = index == call.outcome ? "›" : " "
      let text =
        "\(mark) \(callOutcomeKeys[index]) \(state.text("call.outcome." + outcome.rawValue))"
      let style =
        index == call.outcome && call.field == .outcome
        ? Style(Role.selection) : Style(Role.modal)
      lines.append((text, style))
    }
    inputRows[lines.count] = (call.title, call.field == .title)
    lines.append((state.text("call.title"), Style(Role.modal)))
    inputRows[lines.count] = (call.notes, call.field == .notes)
    lines.append((state.text("call.notes"), Style(Role.modal)))
    hint = state.text("call.hint.outcome")
  }
  let width = min(screen.width, 56)
  let height = min(screen.height, lines.count + 3)
  let modal = Modal(title: state.text("call.panel"), width: width, height: height)
  let inner = modal.render(into: &buffer, screen: screen)
  let (body, footer) = inner.splitBottom(1)
  for (row, line) in lines.enumerated() where row < body.height {
    buffer.put(
      truncate(line.0, toWidth: body.width), x: body.x, y: body.y + row, style: line.1)
    if let (input, focused) = inputRows[row] {
      let label = displayWidth(line.0) + 1
      guard body.width > label else { continue }
      TextInput(state: input, focused: focused).render(
        into: &buffer,
        area: Rect(x: body.x + label, y: body.y + row, width: body.width - label, height: 1))
    }
  }
  buffer.put(
    truncate(hint, toWidth: footer.width), x: footer.x, y: footer.y, style: Style("card.dim"))
}
