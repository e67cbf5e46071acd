/// One content line of an iCalendar file (RFC 5545 §3.1): `NAME;PARAM=a,"b;c":value`. The
/// name and parameter names are upper-cased; parameter values may be quoted (and then hold
/// `;`, `:` and `,`), and RFC 6868 caret escapes in them are resolved. The value is kept raw:
/// what its escapes mean depends on its type.
public struct ICalendarProperty: Sendable, Hashable {
  public var name: String
  public var parameters: [(name: String, values: [String])]
  public var value: String
  /// The physical line the content line starts on.
  public var line: Int

  public init(
    name: String, parameters: [(name: String, values: [String])] = [], value: String,
    line: Int = 0
  ) {
    self.name = name
    self.parameters = parameters
    self.value = value
    self.line = line
  }

  /// The first value of a parameter, by upper-case name.
  public func parameter(_ name: String) -> String? {
    parameters.first { $0.name == name }?.values.first
  }

  public static func == (a: ICalendarProperty, b: ICalendarProperty) -> Bool {
    a.name == b.name && a.value == b.value && a.line == b.line
      && a.parameters.map(\.name) == b.parameters.map(\.name)
      && a.parameters.map(\.values) == b.parameters.map(\.values)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(value)
    hasher.combine(line)
  }

  /// Parses one unfolded content line.
  static func parse(_ bytes: [UInt8], line: Int) throws(ICalendarError) -> ICalendarProperty {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw ICalendarError(line: line, reason: "the line is not UTF-8 text")
    }
    let scalars = Array(text.unicodeScalars)
    var index = 0
    func isNameScalar(_ s: Unicode.Scalar) -> Bool {
      (s >= "A" && s <= "Z") || (s >= "a" && s <= "z") || (s >= "0" && s <= "9") || s == "-"
    }
    func readName() -> String {
      var name = String.UnicodeScalarView()
      while index < scalars.count, isNameScalar(scalars[index]) {
        name.append(scalars[index])
        index += 1
      }
      return String(name).uppercased()
    }
    let name = readName()
    guard !name.isEmpty else {
      throw ICalendarError(line: line, reason: "\"\(excerpt(text))\" is not a content line")
    }
    var parameters: [(name: String, values: [String])] = []
    while index < scalars.count, scalars[index] == ";" {
      index += 1
      let parameterName = readName()
      guard !parameterName.isEmpty, index < scalars.count, scalars[index] == "=" else {
        throw ICalendarError(
          line: line, reason: "\(name): a parameter without a name and \"=\"")
      }
      index += 1
      var values: [String] = []
      while true {
        var value = String.UnicodeScalarView()
        if index < scalars.count, scalars[index] == "\"" {
          index += 1
          while index < scalars.count, scalars[index] != "\"" {
            value.append(scalars[index])
            index += 1
          }
          guard index < scalars.count else {
            throw ICalendarError(
              line: line, reason: "\(name): the quoted value of \(parameterName) is never closed")
          }
          index += 1
        } else {
          while index < scalars.count, ![";", ":", ",", "\""].contains(scalars[index]) {
            value.append(scalars[index])
            index += 1
          }
        }
        values.append(uncaret(String(value)))
        if index < scalars.count, scalars[index] == "," {
          index += 1
          continue
        }
        break
      }
      parameters.append((parameterName, values))
    }
    guard index < scalars.count, scalars[index] == ":" else {
      throw ICalendarError(line: line, reason: "\(name): no \":\" before the value")
    }
    var value = String.UnicodeScalarView()
    value.append(contentsOf: scalars[(index + 1)...])
    return ICalendarProperty(name: name, parameters: parameters, value: String(value), line: line)
  }

  static func excerpt(_ text: String) -> String {
    text.count > 40 ? String(text.prefix(40)) + "…" : text
  }

  /// RFC 6868: `^n` is a newline, `^^` a caret, `^'` a double quote.
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
