/// Styles as semantic roles: widgets say *what* a cell is ("card.selected", "overdue"), the
/// theme decides how that looks, so the same buffer renders in 256, 16 or no colours.
///
///     buffer.put("Overdue", x: 0, y: 0, style: Style("overdue", [.bold]))

/// Text attributes that work on every terminal, with or without colour.
public struct Attributes: OptionSet, Hashable, Sendable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = Attributes(rawValue: 1 << 0)
  public static let reverse = Attributes(rawValue: 1 << 1)
  public static let underline = Attributes(rawValue: 1 << 2)
  public static let dim = Attributes(rawValue: 1 << 3)

  /// Names as they appear in theme files, in a fixed order.
  public static let names: [(String, Attributes)] = [
    ("bold", .bold), ("reverse", .reverse), ("underline", .underline), ("dim", .dim),
  ]
}

/// A role name plus attributes added on top of what the theme gives the role.
public struct Style: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
  public var role: String
  public var attributes: Attributes

  public init(_ role: String = "normal", _ attributes: Attributes = []) {
    self.role = role
    self.attributes = attributes
  }

  public init(stringLiteral value: String) {
    self.init(value)
  }

  public static let normal = Style("normal")

  /// The same role with extra attributes.
  public func with(_ extra: Attributes) -> Style {
    Style(role, attributes.union(extra))
  }

  public var description: String {
    let attrs = Attributes.names.filter { attributes.contains($0.1) }.map(\.0)
    return attrs.isEmpty ? role : "\(role)[\(attrs.joined(separator: ","))]"
  }
}
