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

  /// Escapes a text value for writing (shared with iCalendar).
  static func escape(_ text: String) -> String { ContentLineText.escape(text) }

  /// RFC 6868 carets in a parameter value.
  static func uncaret(_ raw: String) -> String { ContentLineText.uncaret(raw) }
}
