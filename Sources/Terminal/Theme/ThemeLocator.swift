/// Finding a theme file by name, in the places a user, a package or a checkout keeps them.
///
///     let theme = try Theme.load(named: "light")
///
/// Search order: `$CRM_THEMES_DIR`, `$XDG_CONFIG_HOME/crm/themes` (or `~/.config/...`),
/// `<executable dir>/../share/crm/themes`, `<executable dir>/themes`, then each folder
/// above the executable that holds a Package.swift and a `themes/` folder (so `swift run`
/// and `swift test` in a checkout find the repository's themes). A name no folder has a file
/// for is then one of `BuiltInThemes`, compiled in (see `Theme.load`).
import Foundation

public enum ThemeLocator {
  /// The directories searched, in order, for this environment and executable.
  public static func searchDirectories(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    executable: URL? = Bundle.main.executableURL
  ) -> [URL] {
    var dirs: [URL] = []
    if let d = environment["CRM_THEMES_DIR"], !d.isEmpty {
      dirs.append(URL(fileURLWithPath: d, isDirectory: true))
    }
    if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty {
      dirs.append(URL(fileURLWithPath: x).appendingPathComponent("crm/themes", isDirectory: true))
    } else if let home = environment["HOME"], !home.isEmpty {
      dirs.append(
        URL(fileURLWithPath: home).appendingPathComponent(".config/crm/themes", isDirectory: true))
    }
    if let exe = executable?.resolvingSymlinksInPath() {
      let dir = exe.deletingLastPathComponent()
      dirs.append(dir.appendingPathComponent("../share/crm/themes", isDirectory: true).standardized)
      dirs.append(dir.appendingPathComponent("themes", isDirectory: true))
      var up = dir
      while up.path != "/" && !up.path.isEmpty {
        let manifest = up.appendingPathComponent("Package.swift")
        let themes = up.appendingPathComponent("themes", isDirectory: true)
        if FileManager.default.fileExists(atPath: manifest.path),
          FileManager.default.fileExists(atPath: themes.path)
        {
          dirs.append(themes)
          break
        }
        up = up.deletingLastPathComponent()
      }
    }
    return dirs
  }

  /// The file for theme `name`, or an error naming the theme and every place looked in.
  public static func find(
    named name: String, in directories: [URL] = searchDirectories()
  ) throws -> URL {
    guard isValidName(name) else { throw ThemeError("invalid theme name '\(name)'") }
    for dir in directories {
      let file = dir.appendingPathComponent("\(name).toml")
      if FileManager.default.isReadableFile(atPath: file.path) { return file }
    }
    throw notFound(named: name, in: directories, builtIn: [])
  }

  /// A name that is a file in a folder, never a path out of it.
  static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && !name.contains("/") && !name.hasPrefix(".")
  }

  /// The error for a theme found nowhere: the built-in names on the first line (the one
  /// `crm` prints), then every place looked in.
  static func notFound(named name: String, in directories: [URL], builtIn: [String]) -> ThemeError {
    let places = directories.map { "  " + $0.path }.joined(separator: "\n")
    let known = builtIn.isEmpty ? "" : " (built in: \(builtIn.joined(separator: ", ")))"
    return ThemeError(
      "theme '\(name)' not found\(known); looked for \(name).toml in:\n"
        + (places.isEmpty ? "  (nowhere)" : places))
  }
}

extension Theme {
  /// Finds, reads and parses theme `name`: its file in the first of `directories` that has
  /// one, else the built-in theme of that name (`BuiltInThemes`).
  public static func load(
    named name: String, in directories: [URL] = ThemeLocator.searchDirectories()
  ) throws -> Theme {
    let url: URL
    do {
      url = try ThemeLocator.find(named: name, in: directories)
    } catch is ThemeError where ThemeLocator.isValidName(name) {
      // A valid name no folder has a file for: the built-in theme of that name.
      guard let text = BuiltInThemes.text(named: name) else {
        throw ThemeLocator.notFound(named: name, in: directories, builtIn: BuiltInThemes.names)
      }
      return try parse(text, name: name, source: "built-in theme '\(name)'")
    }
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw ThemeError("cannot read \(url.path): \(error.localizedDescription)")
    }
    return try parse(text, name: name, source: url.path)
  }
}
