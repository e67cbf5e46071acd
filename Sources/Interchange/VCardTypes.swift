/// The value types of vCard reading and writing: versions, cards, properties and the error
/// that refuses a broken file whole, naming its line.

/// The vCard versions this module writes. Reading also accepts 2.1.
public enum VCardVersion: String, Sendable {
  case v3 = "3.0"
  case v4 = "4.0"
}

/// A structural error in a vCard file: the physical line (1-based) and what is wrong.
public struct VCardError: Error, Equatable, Sendable, CustomStringConvertible {
  public let line: Int
  public let reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "line \(line): \(reason)" }
}

/// One BEGIN:VCARD..END:VCARD block: the line of its BEGIN and its properties in file order
/// (BEGIN and END themselves left out).
public struct VCardCard: Sendable, Equatable {
  public var line: Int
  public var properties: [VCardProperty]

  public init(line: Int, properties: [VCardProperty]) {
    self.line = line
    self.properties = properties
  }

  /// The properties with this name (case-insensitive), in file order.
  public func properties(named name: String) -> [VCardProperty] {
    let upper = name.uppercased()
    return properties.filter { $0.name == upper }
  }
}

/// One content line, unfolded. `name` and parameter names are upper-cased; TYPE values are
/// lower-cased and split at commas. `value` is the text after the colon with any
/// quoted-printable encoding and charset already decoded, but still vCard-escaped, because
/// structured values (N, ADR, ORG) must be split at unescaped semicolons before unescaping:
/// read it through `text`, `components` or `list`.
public struct VCardProperty: Sendable, Equatable {
  public var group: String?
  public var name: String
  public var parameters: [String: [String]]
  public var value: String

  public init(
    group: String? = nil, name: String, parameters: [String: [String]] = [:], value: String
  ) {
    self.group = group
    self.name = name
    self.parameters = parameters
    self.value = value
  }

  /// The TYPE parameter's values, lower-cased.
  public var types: Set<String> { Set((parameters["TYPE"] ?? []).map { $0.lowercased() }) }

  /// The whole value unescaped (`\n` is a newline, `\,` `\;` `\\` the character).
  public var text: String { VCardEscaping.unescape(value) }

  /// The value split at unescaped semicolons, each part unescaped (N, ADR, ORG).
  public var components: [String] {
    VCardEscaping.split(value, at: ";").map(VCardEscaping.unescape)
  }

  /// The value split at unescaped commas, each part unescaped (CATEGORIES, NICKNAME).
  public var list: [String] {
    VCardEscaping.split(value, at: ",").map(VCardEscaping.unescape)
  }
}
