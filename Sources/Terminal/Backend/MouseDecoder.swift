/// Turns an ncurses mouse report (`getmouse`'s button state) into a `MouseEvent`, as a pure
/// function. ncurses reports motion only as "position" (REPORT_MOUSE_POSITION), so the
/// caller passes the button held since the last press to tell a drag from a move.
import CNcurses

public func decodeMouse(bstate: mmask_t, x: Int, y: Int, held: MouseButton?) -> MouseEvent? {
  func has(_ mask: mmask_t) -> Bool { mask != 0 && bstate & mask != 0 }
  if has(crm_button4_pressed()) { return MouseEvent(.scrollUp, x: x, y: y) }
  if has(crm_button5_pressed()) { return MouseEvent(.scrollDown, x: x, y: y) }
  if has(crm_button1_pressed()) { return MouseEvent(.press, button: .left, x: x, y: y) }
  if has(crm_button2_pressed()) { return MouseEvent(.press, button: .middle, x: x, y: y) }
  if has(crm_button3_pressed()) { return MouseEvent(.press, button: .right, x: x, y: y) }
  if has(crm_button1_released()) { return MouseEvent(.release, button: .left, x: x, y: y) }
  if has(crm_button2_released()) { return MouseEvent(.release, button: .middle, x: x, y: y) }
  if has(crm_button3_released()) { return MouseEvent(.release, button: .right, x: x, y: y) }
  if has(crm_report_mouse_position()) {
    guard let held else { return nil }  // plain motion: nothing to do
    return MouseEvent(.drag, button: held, x: x, y: y)
  }
  // A click (press and release folded together by ncurses): report the press; the
  // release follows implicitly.
  if has(crm_button1_clicked()) { return MouseEvent(.press, button: .left, x: x, y: y) }
  return nil
}
