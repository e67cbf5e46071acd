/// A small, strict reader for the part of TOML the theme files use: `[dotted.table]`
/// headers, `key = value` with a string, an integer or an array of strings, and `#`
/// comments. Anything else is an error naming the line, so a typo in a theme is reported
/// rather than silently ignored.
///
///     let doc = try TOMLSubset.parse("[card]\nfg = 231 # white\nattrs = [\"bold\"]\n")
///     doc.tables["card"]?["fg"]?.value   // .integer(231)

public enum TOMLValue: Hashable, Sendable {
  case string(String)
  case integer(Int)
  case strings([String])
}

/// A value with the line it came from, for error messages about its meaning.
public struct TOMLEntry: Hashable, Sendable {
  public var value: TOMLValue
  public var line: Int
}

public struct TOMLError: Error, Hashable, Sendable, CustomStringConvertible {
  public var line: Int
  public var reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "line \(line): \(reason)" }
}

public struct TOMLDocument: Hashable, Sendable {
  /// Keys before the first header are in the table named "".
  public var tables: [String: [String: TOMLEntry]] = [:]
  /// Table names in file order, with the line of each header.
  public var tableOrder: [(name: String, line: Int)] = []

  public static func == (a: TOMLDocument, b: TOMLDocument) -> Bool { a.tables == b.tables }
  public func hash(into h: inout Hasher) { h.combine(tables) }
}

public enum TOMLSubset {
  public static func parse(_ text: String) throws -> TOMLDocument {
    var doc = TOMLDocument()
    var table = ""
    doc.tables[""] = [:]
    var number = 0
    for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      var scanner = Scanner(rawLine.last == "\r" ? rawLine.dropLast() : rawLine)
      scanner.skipSpaces()
      if scanner.atEndOrComment { continue }
      if scanner.peek == "[" {
        table = try parseHeader(&scanner, line: number)
        if doc.tables[table] != nil {
          throw TOMLError(line: number, reason: "table [\(table)] is defined twice")
        }
        doc.tables[table] = [:]
        doc.tableOrder.append((table, number))
        continue
      }
      let key = scanner.take { isLetterOrDigit($0) || $0 == "_" || $0 == "-" }
      guard !key.isEmpty else {
        throw TOMLError(
          line: number, reason: "expected a key or a [table], found '\(scanner.rest)'")
      }
      scanner.skipSpaces()
      guard scanner.next() == "=" else {
        throw TOMLError(line: number, reason: "expected '=' after key '\(key)'")
      }
      scanner.skipSpaces()
      let value = try parseValue(&scanner, line: number)
      scanner.skipSpaces()
      guard scanner.atEndOrComment else {
        throw TOMLError(line: number, reason: "unexpected '\(scanner.rest)' after the value")
      }
      if doc.tables[table]?[key] != nil {
        throw TOMLError(line: number, reason: "key '\(key)' is set twice in [\(table)]")
      }
      doc.tables[table]?[key] = TOMLEntry(value: value, line: number)
    }
    return doc
  }

  private static func parseHeader(_ s: inout Scanner, line: Int) throws -> String {
    _ = s.next()  // "["
    s.skipSpaces()
    let name = s.take { isLetterOrDigit($0) || $0 == "_" || $0 == "-" || $0 == "." }
    s.skipSpaces()
    guard s.next() == "]" else {
      throw TOMLError(line: line, reason: "table header must be [name] with letters, digits, - _ .")
    }
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    guard !name.isEmpty, !parts.contains(where: \.isEmpty) else {
      throw TOMLError(line: line, reason: "empty table name or name part in [\(name)]")
    }
    s.skipSpaces()
    guard s.atEndOrComment else {
      throw TOMLError(line: line, reason: "unexpected '\(s.rest)' after [\(name)]")
    }
    return name
  }

  private static func parseValue(_ s: inout Scanner, line: Int) throws -> TOMLValue {
    switch s.peek {
    case "\"": return .string(try parseString(&s, line: line))
    case "[":
      _ = s.next()
      var items: [String] = []
      s.skipSpaces()
      if s.peek == "]" {
        _ = s.next()
        return .strings(items)
      }
      while true {
        s.skipSpaces()
        guard s.peek == "\"" else {
          throw TOMLError(line: line, reason: "arrays may hold only \"strings\" (on one line)")
        }
        items.append(try parseString(&s, line: line))
        s.skipSpaces()
        switch s.next() {
        case ",":
          s.skipSpaces()
          if s.peek == "]" {
            _ = s.next()
            return .strings(items)
          }
        case "]": return .strings(items)
        default: throw TOMLError(line: line, reason: "expected ',' or ']' in the array")
        }
      }
    case let c? where c == "-" || c == "+" || isDigit(c):
      let digits = s.take { isDigit($0) || $0 == "-" || $0 == "+" || $0 == "_" }
      guard let n = Int(digits.filter { $0 != "_" }) else {
        throw TOMLError(line: line, reason: "'\(digits)' is not an integer")
      }
      return .integer(n)
    case nil: throw TOMLError(line: line, reason: "missing value after '='")
    default:
      throw TOMLError(
        line: line, reason: "expected a \"string\", an integer or [\"strings\"], found '\(s.rest)'")
    }
  }

  private static func parseString(_ s: inout Scanner, line: Int) throws -> String {
    _ = s.next()  // opening quote
    var out = ""
    while let c = s.next() {
      switch c {
      case "\"": return out
      case "\\":
        switch s.next() {
        case "\"": out.append("\"")
        case "\\": out.append("\\")
        case "n": out.append("\n")
        case "t": out.append("\t")
        default: throw TOMLError(line: line, reason: "unknown escape in string")
        }
      default: out.unicodeScalars.append(c)
      }
    }
    throw TOMLError(line: line, reason: "string is not closed")
  }
}

/// A letter or digit as `Character.isLetter` / `isNumber` see one: ASCII at once, else by
/// the scalar's general category.
private func isLetterOrDigit(_ c: Unicode.Scalar) -> Bool {
  if c.isASCII {
    return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
  }
  switch c.properties.generalCategory {
  case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
    .decimalNumber, .letterNumber, .otherNumber:
    return true
  default: return false
  }
}

/// A digit of an integer (Int() reads ASCII digits only, and refuses the rest).
private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

/// A cursor over one line, by Unicode scalar: a theme file's syntax is ASCII, and walking
/// it by Character (grapheme breaking at every step) made a 200-line theme cost ~0.4 ms to
/// read, a tenth of a start's work before its first screen.
private struct Scanner {
  var text: Substring.UnicodeScalarView

  init(_ text: Substring.UnicodeScalarView) { self.text = text }

  var peek: Unicode.Scalar? { text.first }
  var rest: String { String(String.UnicodeScalarView(text)) }
  var atEndOrComment: Bool { text.isEmpty || text.first == "#" }

  mutating func next() -> Unicode.Scalar? { text.popFirst() }

  mutating func skipSpaces() {
    while let c = text.first, c == " " || c == "\t" { text.removeFirst() }
  }

  mutating func take(while ok: (Unicode.Scalar) -> Bool) -> String {
    let head = text.prefix(while: ok)
    text = text[head.endIndex...]
    return String(String.UnicodeScalarView(head))
  }
}
