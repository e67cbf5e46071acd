/// The themes shipped in `themes/`, compiled into the binary (by `scripts/embed-themes`), so
/// that a `crm` copied alone to `~/bin` or to a server still opens in colour. A file of the
/// same name in a themes folder (see `ThemeLocator`) is read first: a user's edited
/// `~/.config/crm/themes/default.toml` wins over the built-in one.
public enum BuiltInThemes {
  /// The names of the built-in themes, sorted.
  public static var names: [String] { texts.keys.sorted() }

  /// The TOML text of built-in theme `name`, as its file in `themes/` has it.
  public static func text(named name: String) -> String? { texts[name] }
}
