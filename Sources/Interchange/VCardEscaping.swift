/// vCard text escaping (RFC 6350 §3.4): backslash escapes for `\`, `,`, `;` and newline,
/// splitting structured values at unescaped separators, and RFC 6868 caret escapes in
/// parameter values.
enum VCardEscaping {
  /// Resolves `\\`, `\,`, `\;`, `\:` and `\n`/`\N`; any other escaped character stands for
  /// itself, and a trailing lone backslash is kept. CRLF and CR become LF.
  static func unescape(_ raw: String) -> String {
    guard raw.contains("\\") || raw.contains("\r") else { return raw }
    var out = String.UnicodeScalarView()
    var escaped = false
    var previousCR = false
    for scalar in raw.unicodeScalars {
      if escaped {
        escaped = false
        out.append(scalar == "n" || scalar == "N" ? "\n" : scalar)
        continue
      }
      if scalar == "\\" {
        escaped = true
      } else if scalar == "\r" {
        out.append("\n")
      } else if scalar == "\n" && previousCR {
        // the CR already stood for this line end
      } else {
        out.append(scalar)
      }
      previousCR = scalar == "\r"
    }
    if escaped { out.append("\\") }
    return String(out)
  }

  /// Splits at separators not preceded by a backslash escape, keeping the escapes.
  static func split(_ raw: String, at separator: Unicode.Scalar) -> [String] {
    var parts: [String] = []
    var current = String.UnicodeScalarView()
    var escaped = false
    for scalar in raw.unicodeScalars {
      if escaped {
        escaped = false
        current.append(scalar)
      } else if scalar == "\\" {
        escaped = true
        current.append(scalar)
      } else if scalar == separator {
        parts.append(String(current))
        current = String.UnicodeScalarView()
      } else {
        current.append(scalar)
      }
    }
    parts.append(String(current))
    return parts
  }

  /// Escapes a text value for writing: backslash, comma, semicolon and line ends.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var previousCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case ",": out += "\\,"
      case ";": out += "\\;"
      case "\r": out += "\\n"
      case "\n": if !previousCR { out += "\\n" }
      default: out.unicodeScalars.append(scalar)
      }
      previousCR = scalar == "\r"
    }
    return out
  }

  /// RFC 6868: `^n` is a newline, `^^` a caret, `^'` a double quote, in parameter values.
  static func uncaret(_ raw: String) -> String {
    guard raw.contains("^") else { return raw }
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
}
