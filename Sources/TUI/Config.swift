import Foundation
import Terminal

/// `$XDG_CONFIG_HOME/crm/config.toml`: the theme, the language, the first view and key remaps.
///
///     [ui]
///     theme = "light"
///     language = "de"
///     view = "contacts"
///     bell = "off"
///
///     [keys]
///     move_deal_next = ["L", "Ctrl-N"]
public struct Config: Sendable {
  public var theme: String?
  public var language: String?
  /// The view the TUI opens on (`crm --view` wins over it).
  public var view: StartView?
  public var keys: [String: [String]] = [:]
  /// Whether a reminder that goes off rings the terminal bell (`bell = "off"` in [ui]).
  public var bell = true
  /// The `[rates]` table as written (`base = "EUR"`, `USD = "0.92"`): reports convert
  /// totals with it and say so; `ExchangeRates(table:)` checks it.
  public var rates: [String: String] = [:]
  /// Lines of the file that were not understood, reported at start rather than ignored.
  public var problems: [String] = []

  public init() {}

  public static func path(environment env: [String: String]) -> String {
    let base =
      env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (env["HOME"] ?? NSHomeDirectory()) + "/.config"
    return base + "/crm/config.toml"
  }

  /// Reads the config; a missing file is an empty config, a broken one a list of problems.
  public static func load(path: String) -> Config {
    var config = Config()
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return config }
    let document: TOMLDocument
    do {
      document = try TOMLSubset.parse(text)
    } catch {
      config.problems.append("\(path): \(error)")
      return config
    }
    for (table, entries) in document.tables {
      for (key, entry) in entries {
        switch (table, key, entry.value) {
        case ("ui", "theme", .string(let name)): config.theme = name
        case ("ui", "language", .string(let language)): config.language = language
        case ("ui", "view", .string(let name)):
          if let view = StartView(rawValue: name) {
            config.view = view
          } else {
            config.problems.append(
              "\(path): line \(entry.line): ui.view must be one of \(StartView.names)")
          }
        case ("ui", "bell", .string(let value)) where ["on", "off"].contains(value):
          config.bell = value == "on"
        case ("ui", "bell", .integer(let value)) where [0, 1].contains(value):
          config.bell = value == 1
        case ("ui", "bell", _):
          config.problems.append("\(path): line \(entry.line): ui.bell must be \"on\" or \"off\"")
        case ("rates", _, .string(let value)): config.rates[key] = value
        case ("keys", _, .strings(let keys)): config.keys[key] = keys
        case ("keys", _, .string(let key1)): config.keys[key] = [key1]
        default:
          config.problems.append("\(path): line \(entry.line): unknown setting \(table).\(key)")
        }
      }
    }
    return config
  }
}
