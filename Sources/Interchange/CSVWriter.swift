/// Writes CSV lines (RFC 4180) and neutralises cells a spreadsheet would run as a formula.
public enum CSVWriter {
  /// The characters that make a spreadsheet treat a cell as a formula (OWASP's list).
  /// Compared as Unicode scalars: "=" followed by a combining mark is still a formula to a
  /// spreadsheet, and ";" followed by one still splits the cell.
  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// One record ending in CRLF. A field is quoted (quotes doubled) when it holds the
  /// delimiter, a quote, CR or LF, or when it is the only field and empty (so the line is not
  /// blank). With `neutralizeFormulas`, a cell starting with = + - @ tab or CR, possibly after
  /// apostrophes, gets one more leading apostrophe; `unneutralize` takes it off again.
  public static func line(
    _ fields: [String], delimiter: Character = ",", neutralizeFormulas: Bool = true
  ) -> String {
    var out = ""
    let separator = delimiter.unicodeScalars.first ?? ","
    for (index, field) in fields.enumerated() {
      if index > 0 { out.append(delimiter) }
      let cell = neutralizeFormulas && looksLikeFormula(field) ? "'" + field : field
      if cell.unicodeScalars.contains(where: {
        $0 == separator || $0 == "\"" || $0 == "\r" || $0 == "\n"
      })
        || (cell.isEmpty && fields.count == 1)
      {
        out.append("\"")
        // By scalar: a quote followed by a combining mark is one Character to Swift.
        var quoted = String.UnicodeScalarView()
        for scalar in cell.unicodeScalars {
          if scalar == "\"" { quoted.append(scalar) }
          quoted.append(scalar)
        }
        out.unicodeScalars.append(contentsOf: quoted)
        out.append("\"")
      } else {
        out.append(cell)
      }
    }
    out.append("\r\n")
    return out
  }

  /// Undoes `line`'s neutralisation: a cell that is apostrophes and then a formula start
  /// loses one apostrophe. Other cells are returned as they are.
  public static func unneutralize(_ cell: String) -> String {
    guard cell.unicodeScalars.first == "'" else { return cell }
    let rest = String(String.UnicodeScalarView(cell.unicodeScalars.dropFirst()))
    return looksLikeFormula(rest) ? rest : cell
  }

  private static func looksLikeFormula(_ cell: String) -> Bool {
    guard let first = cell.unicodeScalars.first(where: { $0 != "'" }) else { return false }
    return formulaStarts.contains(first)
  }
}
