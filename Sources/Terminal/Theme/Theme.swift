/// A theme: how each role looks, with a 256-colour value and a 16-colour fallback, resolved
/// for the terminal at hand.
///
///     let theme = try Theme.load(named: "default")
///     let styles = theme.resolved(colors: 256)   // role -> fg/bg/attributes
///     styles.style(for: "card.selected")

/// A colour in a theme file: the terminal's own default, or a palette index (0-255; the
/// 16-colour names are 0-15).
public enum ThemeColor: Hashable, Sendable {
  case terminalDefault
  case index(Int)

  /// The 16 colour names, in palette order.
  public static let names = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
    "bright-magenta", "bright-cyan", "bright-white",
  ]

  /// -1 for the default colour, as `use_default_colors` and `init_pair` expect.
  public var ncursesValue: Int {
    switch self {
    case .terminalDefault: return -1
    case .index(let n): return n
    }
  }
}

/// One role as written in a theme file.
public struct RoleStyle: Hashable, Sendable {
  public var fg: ThemeColor?
  public var bg: ThemeColor?
  public var fg16: ThemeColor?
  public var bg16: ThemeColor?
  public var attributes: Attributes

  public init(
    fg: ThemeColor? = nil, bg: ThemeColor? = nil, fg16: ThemeColor? = nil,
    bg16: ThemeColor? = nil, attributes: Attributes = []
  ) {
    self.fg = fg
    self.bg = bg
    self.fg16 = fg16
    self.bg16 = bg16
    self.attributes = attributes
  }
}

/// What a role looks like on one terminal: colours as ncurses numbers (-1 is default).
public struct ResolvedStyle: Hashable, Sendable {
  public var fg: Int
  public var bg: Int
  public var attributes: Attributes

  public init(fg: Int = -1, bg: Int = -1, attributes: Attributes = []) {
    self.fg = fg
    self.bg = bg
    self.attributes = attributes
  }

  public var hasColor: Bool { fg != -1 || bg != -1 }
}

/// Every role resolved for one terminal. Unknown roles fall back to their dotted parent
/// ("card.selected" to "card") and then to "normal".
public struct ResolvedTheme: Hashable, Sendable {
  public var styles: [String: ResolvedStyle]

  public init(styles: [String: ResolvedStyle]) {
    self.styles = styles
  }

  public func style(for role: String) -> ResolvedStyle {
    var name = Substring(role)
    while true {
      if let s = styles[String(name)] { return s }
      guard let dot = name.lastIndex(of: ".") else { break }
      name = name[..<dot]
    }
    return styles[Role.normal] ?? ResolvedStyle()
  }

  /// The look of one cell: the role's style plus the cell's own attributes.
  public func style(for style: Style) -> ResolvedStyle {
    var s = self.style(for: style.role)
    s.attributes.formUnion(style.attributes)
    return s
  }
}

public struct Theme: Hashable, Sendable {
  public var name: String
  public var roles: [String: RoleStyle]

  public init(name: String, roles: [String: RoleStyle]) {
    self.name = name
    self.roles = roles
  }

  /// The roles resolved for a terminal with `colors` colours: 256-colour values from 256
  /// up, 16-colour fallbacks from 8 up (bright colours need 16; on 8 they lose brightness),
  /// attributes only below 8 or when `noColor` (the NO_COLOR convention) is set.
  public func resolved(colors: Int, noColor: Bool = false) -> ResolvedTheme {
    var out: [String: ResolvedStyle] = [:]
    for (role, style) in roles {
      var r = ResolvedStyle(attributes: style.attributes)
      if !noColor && colors >= 256 {
        r.fg = (style.fg ?? style.fg16)?.ncursesValue ?? -1
        r.bg = (style.bg ?? style.bg16)?.ncursesValue ?? -1
      } else if !noColor && colors >= 8 {
        r.fg = Theme.fit((style.fg16 ?? style.fg)?.ncursesValue ?? -1, colors: colors)
        r.bg = Theme.fit((style.bg16 ?? style.bg)?.ncursesValue ?? -1, colors: colors)
      }
      out[role] = r
    }
    return ResolvedTheme(styles: out)
  }

  /// A colour the terminal can show: bright colours fold to their base on 8-colour
  /// terminals, and a 256-colour index with no fallback becomes the default.
  private static func fit(_ c: Int, colors: Int) -> Int {
    if c < 0 || c < colors { return c }
    if c < 16 { return c - 8 }
    return -1
  }

  /// For NO_COLOR and monochrome terminals: structure from attributes alone.
  public static let monochrome: Theme = {
    let bold = RoleStyle(attributes: [.bold])
    let reverse = RoleStyle(attributes: [.reverse])
    let underline = RoleStyle(attributes: [.underline])
    let dim = RoleStyle(attributes: [.dim])
    var roles: [String: RoleStyle] = [:]
    for role in Role.required { roles[role] = RoleStyle() }
    for role in [
      Role.title, Role.tableHeader, Role.hintKey, Role.statusError, "stage.header", "won",
      "overdue", "priority.urgent", Role.borderFocused, Role.pickerMatch,
    ] {
      roles[role] = bold
    }
    for role in [
      Role.selection, "card.selected", Role.statusBar, Role.tabSelected, Role.inputCursor,
      "stage.header.focused",
    ] {
      roles[role] = reverse
    }
    for role in [Role.input, "priority.high", "rotting"] { roles[role] = underline }
    for role in ["card.dim", "lost"] { roles[role] = dim }
    return Theme(name: "monochrome", roles: roles)
  }()
}
