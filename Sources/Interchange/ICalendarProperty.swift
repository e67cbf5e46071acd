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

  /// Parses one unfolded content line. Works on the bytes: the delimiters are ASCII, so they
  /// never occur inside a UTF-8 sequence, and the line is checked to be UTF-8 once.
  static func parse(_ bytes: [UInt8], line: Int) throws(ICalendarError) -> ICalendarProperty {
    let valid = bytes.withUnsafeBufferPointer { buffer in
      buffer.allSatisfy { $0 < 0x80 } || String(validating: buffer, as: UTF8.self) != nil
    }
    guard valid else {
      throw ICalendarError(line: line, reason: "the line is not UTF-8 text")
    }
    let count = bytes.count
    var index = 0
    func isNameByte(_ b: UInt8) -> Bool {
      (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
        || b == 0x2D
    }
    func string(_ range: Range<Int>) -> String {
      String(decoding: bytes[range], as: UTF8.self)
    }
    func readName() -> String {
      let start = index
      while index < count, isNameByte(bytes[index]) { index += 1 }
      return string(start..<index).uppercased()
    }
    let semicolon = UInt8(ascii: ";")
    let colon = UInt8(ascii: ":")
    let comma = UInt8(ascii: ",")
    let quote = UInt8(ascii: "\"")
    let name = readName()
    guard !name.isEmpty else {
      throw ICalendarError(
        line: line, reason: "\"\(excerpt(string(0..<count)))\" is not a content line")
    }
    var parameters: [(name: String, values: [String])] = []
    while index < count, bytes[index] == semicolon {
      index += 1
      let parameterName = readName()
      guard !parameterName.isEmpty, index < count, bytes[index] == UInt8(ascii: "=") else {
        throw ICalendarError(
          line: line, reason: "\(name): a parameter without a name and \"=\"")
      }
      index += 1
      var values: [String] = []
      while true {
        let value: String
        if index < count, bytes[index] == quote {
          index += 1
          let start = index
          while index < count, bytes[index] != quote { index += 1 }
          guard index < count else {
            throw ICalendarError(
              line: line, reason: "\(name): the quoted value of \(parameterName) is never closed")
          }
          value = string(start..<index)
          index += 1
        } else {
          let start = index
          while index < count, bytes[index] != semicolon, bytes[index] != colon,
            bytes[index] != comma, bytes[index] != quote
          {
            index += 1
          }
          value = string(start..<index)
        }
        values.append(uncaret(value))
        if index < count, bytes[index] == comma {
          index += 1
          continue
        }
        break
      }
      parameters.append((parameterName, values))
    }
    guard index < count, bytes[index] == colon else {
      throw ICalendarError(line: line, reason: "\(name): no \":\" before the value")
    }
    return ICalendarProperty(
      name: name, parameters: parameters, value: string((index + 1)..<count), line: line)
  }

  static func excerpt(_ text: String) -> String {
    text.count > 40 ? String(text.prefix(40)) + "…" : text
  }

  /// RFC 6868 carets in a parameter value.
  static func uncaret(_ raw: String) -> String { ContentLineText.uncaret(raw) }
}
