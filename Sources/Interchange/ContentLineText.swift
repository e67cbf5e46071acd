/// The text rules vCard (RFC 6350) and iCalendar (RFC 5545) share for content lines: the
/// escapes of a TEXT value, RFC 6868's carets in parameter values, and folding at 75
/// octets. One implementation, so the two formats cannot drift apart.
enum ContentLineText {
  /// Escapes backslash, semicolon, comma and line ends (CRLF, CR and LF become `\n`).
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var previousCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\r": out += "\\n"
      case "\n": if !previousCR { out += "\\n" }
      default: out.unicodeScalars.append(scalar)
      }
      previousCR = scalar == "\r"
    }
    return out
  }

  /// RFC 6868: `^n` is a newline, `^^` a caret, `^'` a double quote; any other caret stays.
  static func uncaret(_ raw: String) -> String {
    guard raw.utf8.contains(UInt8(ascii: "^")) else { return raw }
    var out = String.UnicodeScalarView()
    var caret = false
    for scalar in raw.unicodeScalars {
      if caret {
        caret = false
        switch scalar {
        case "n", "N": out.append("\n")
        case "^": out.append("^")
        case "'": out.append("\"")
        default:
          out.append("^")
          out.append(scalar)
        }
      } else if scalar == "^" {
        caret = true
      } else {
        out.append(scalar)
      }
    }
    if caret { out.append("^") }
    return String(out)
  }

  /// One content line with CRLF, folded so no physical line exceeds 75 octets; the
  /// continuation's leading space counts toward its 75.
  static func fold(_ line: String) -> String {
    guard line.utf8.count > 75 else { return line + "\r\n" }
    var out = ""
    var used = 0
    for scalar in line.unicodeScalars {
      let size = UTF8.width(scalar)
      if used + size > 75 {
        out += "\r\n "
        used = 1
      }
      out.unicodeScalars.append(scalar)
      used += size
    }
    return out + "\r\n"
  }
}
