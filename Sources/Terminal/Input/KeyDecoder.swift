/// Turns what ncurses' `wget_wch` returns into a `Key`, as a pure function of its result.
///
///     var wch: wint_t = 0
///     let status = wget_wch(win, &wch)
///     let key = decodeKey(status: status, code: wch)
///
/// `wget_wch` answers `OK` with a character (which may be a control character) or
/// `KEY_CODE_YES` with one of the `KEY_*` function-key codes.
import CNcurses

/// `wget_wch`'s status for a function key. The constant's type differs between ncurses
/// builds, so it is spelt out once here.
public let keyCodeYes: Int32 = Int32(KEY_CODE_YES)

/// The key for one `wget_wch` result, or nil for `ERR` (no input) and for codes that are
/// handled elsewhere (`KEY_MOUSE`).
public func decodeKey(status: Int32, code: UInt32) -> Key? {
  if status == keyCodeYes {
    return decodeFunctionKey(Int32(bitPattern: code))
  }
  guard status == OK else { return nil }
  return decodeCharacter(code)
}

/// A character that `wget_wch` returned with status OK.
public func decodeCharacter(_ code: UInt32) -> Key? {
  switch code {
  case 9: return .tab
  case 10, 13: return .enter
  case 8, 127: return .backspace
  case 27: return .escape
  case 0: return .ctrl(" ")
  case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
  case 28: return .ctrl("\\")
  case 29: return .ctrl("]")
  case 30: return .ctrl("^")
  case 31: return .ctrl("_")
  default:
    guard let scalar = Unicode.Scalar(code) else { return .unknown(Int(code)) }
    return .char(Character(scalar))
  }
}

/// A `KEY_*` code that `wget_wch` returned with status `KEY_CODE_YES`.
public func decodeFunctionKey(_ code: Int32) -> Key? {
  switch code {
  case KEY_UP: return .up
  case KEY_DOWN: return .down
  case KEY_LEFT: return .left
  case KEY_RIGHT: return .right
  case KEY_HOME: return .home
  case KEY_END: return .end
  case KEY_PPAGE: return .pageUp
  case KEY_NPAGE: return .pageDown
  case KEY_BTAB: return .backTab
  case KEY_BACKSPACE: return .backspace
  case KEY_DC: return .delete
  case KEY_IC: return .insert
  case KEY_ENTER: return .enter
  case KEY_RESIZE: return .resize
  case KEY_MOUSE: return nil
  default:
    let f0 = crm_key_f(0)
    if code > f0 && code <= f0 + 63 { return .function(Int(code - f0)) }
    return .unknown(Int(code))
  }
}
