/// Reading a theme from its TOML text: each `[role]` table gives fg/bg (256-colour),
/// fg16/bg16 (16-colour fallback) and attrs; errors name the line and what is wrong.
///
///     [card.selected]
///     fg = 231          # 0-255, a colour name, or "default"
///     bg = 25
///     fg16 = "white"
///     bg16 = "blue"
///     attrs = ["bold"]

public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

extension Theme {
  /// Parses a theme file; `source` names it in error messages.
  public static func parse(_ text: String, name: String, source: String = "theme") throws
    -> Theme
  {
    let doc: TOMLDocument
    do {
      doc = try TOMLSubset.parse(text)
    } catch let e as TOMLError {
      throw ThemeError("\(source): \(e)")
    }
    for (key, entry) in doc.tables[""] ?? [:] where key != "name" && key != "description" {
      throw ThemeError("\(source): line \(entry.line): unknown top-level key '\(key)'")
    }
    var roles: [String: RoleStyle] = [:]
    for (role, _) in doc.tableOrder {
      var style = RoleStyle()
      for (key, entry) in doc.tables[role] ?? [:] {
        func fail(_ why: String) -> ThemeError {
          ThemeError("\(source): line \(entry.line): [\(role)] \(key): \(why)")
        }
        switch key {
        case "fg", "bg":
          let color = try color(entry.value, max: 255, fail: fail)
          if key == "fg" { style.fg = color } else { style.bg = color }
        case "fg16", "bg16":
          let color = try color(entry.value, max: 15, fail: fail)
          if key == "fg16" { style.fg16 = color } else { style.bg16 = color }
        case "attrs":
          guard case .strings(let names) = entry.value else {
            throw fail("expected a list such as [\"bold\", \"underline\"]")
          }
          for name in names {
            guard let attr = Attributes.names.first(where: { $0.0 == name })?.1 else {
              throw fail(
                "unknown attribute '\(name)' (use \(Attributes.names.map(\.0).joined(separator: ", ")))"
              )
            }
            style.attributes.insert(attr)
          }
        default:
          throw fail("unknown key (use fg, bg, fg16, bg16, attrs)")
        }
      }
      roles[role] = style
    }
    return Theme(name: name, roles: roles)
  }

  private static func color(
    _ value: TOMLValue, max: Int, fail: (String) -> ThemeError
  ) throws -> ThemeColor {
    switch value {
    case .integer(let n):
      guard (0...max).contains(n) else { throw fail("colour \(n) is outside 0...\(max)") }
      return .index(n)
    case .string("default"):
      return .terminalDefault
    case .string(let name):
      guard let i = ThemeColor.names.firstIndex(of: name) else {
        throw fail(
          "unknown colour '\(name)' (use 0-\(max), \"default\" or a name like \"bright-blue\")")
      }
      return .index(i)
    case .strings:
      throw fail("expected a colour, not a list")
    }
  }

  /// Roles in `required` that this theme does not define.
  public func missingRoles(_ required: [String] = Role.required) -> [String] {
    required.filter { roles[$0] == nil }
  }
}
