/// Themes: the shipped files parse and define every role, bad files fail with line numbers,
/// NO_COLOR leaves no colours, and lookup searches the documented places.
import Foundation
import Terminal
import XCTest

final class ThemeTests: XCTestCase {
  private let repo = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  private var themesDir: URL { repo.appendingPathComponent("themes") }

  func testEveryShippedThemeParsesAndDefinesEveryRole() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: themesDir.path)
      .filter { $0.hasSuffix(".toml") }.sorted()
    XCTAssertEqual(files, ["16color.toml", "default.toml", "high-contrast.toml", "light.toml"])
    for file in files {
      let name = String(file.dropLast(5))
      let theme = try Theme.load(named: name, in: [themesDir])
      XCTAssertEqual(theme.missingRoles(), [], "\(file) lacks roles")
      // Every role has a 16-colour fallback wherever it has a 256-colour value.
      for (role, style) in theme.roles {
        XCTAssertFalse(style.fg != nil && style.fg16 == nil, "\(file) [\(role)] has no fg16")
        XCTAssertFalse(style.bg != nil && style.bg16 == nil, "\(file) [\(role)] has no bg16")
      }
    }
  }

  func testChoosesColoursByTerminal() throws {
    let theme = try Theme.parse(
      """
      [card.selected]
      fg = 231
      bg = 25
      fg16 = "white"
      bg16 = "bright-blue"
      attrs = ["bold"]
      """, name: "t")
    let at256 = theme.resolved(colors: 256).style(for: "card.selected")
    XCTAssertEqual(at256, ResolvedStyle(fg: 231, bg: 25, attributes: [.bold]))
    let at16 = theme.resolved(colors: 16).style(for: "card.selected")
    XCTAssertEqual(at16, ResolvedStyle(fg: 7, bg: 12, attributes: [.bold]))
    let at8 = theme.resolved(colors: 8).style(for: "card.selected")
    XCTAssertEqual(at8, ResolvedStyle(fg: 7, bg: 4, attributes: [.bold]))
    // Unknown sub-roles fall back to their parent.
    XCTAssertEqual(theme.resolved(colors: 256).style(for: "card.selected.extra"), at256)
  }

  func testNoColorMapHasNoColours() throws {
    let theme = try Theme.load(named: "default", in: [themesDir])
    for resolved in [
      theme.resolved(colors: 256, noColor: true), Theme.monochrome.resolved(colors: 256),
    ] {
      XCTAssertFalse(resolved.styles.values.contains { $0.hasColor })
    }
    XCTAssertEqual(Theme.monochrome.missingRoles(), [])
    XCTAssertEqual(
      Theme.monochrome.resolved(colors: 0).style(for: "selection").attributes, [.reverse])
  }

  func testBadFilesReportLineAndReason() {
    let cases: [(String, String)] = [
      ("[card]\nfg = 300\n", "line 2: [card] fg: colour 300 is outside 0...255"),
      ("[card]\nfg16 = \"purple\"\n", "line 2: [card] fg16: unknown colour 'purple'"),
      ("# ok\n[card\n", "line 2: table header must be [name]"),
      ("[card]\nattrs = [\"blink\"]\n", "line 2: [card] attrs: unknown attribute 'blink'"),
      ("[card]\ncolour = 1\n", "line 2: [card] colour: unknown key"),
      ("[card]\nfg = 1\nfg = 2\n", "line 3: key 'fg' is set twice in [card]"),
      ("[a]\n[a]\n", "line 2: table [a] is defined twice"),
      ("[a]\nfg = \"red\" x\n", "line 2: unexpected 'x' after the value"),
      ("[a]\nfg = \"red\n", "line 2: string is not closed"),
      ("[a]\nfg 1\n", "line 2: expected '=' after key 'fg'"),
      ("[a..b]\n", "line 1: empty table name or name part in [a..b]"),
      ("\n\n[a]\nattrs = [1]\n", "line 4: arrays may hold only \"strings\""),
    ]
    for (text, expected) in cases {
      XCTAssertThrowsError(try Theme.parse(text, name: "bad", source: "bad.toml")) { error in
        let message = "\(error)"
        XCTAssertTrue(message.hasPrefix("bad.toml: "), message)
        XCTAssertTrue(message.contains(expected), "\(message) does not contain \(expected)")
      }
    }
  }

  func testParserAcceptsCommentsAndEmptyArrays() throws {
    let doc = try TOMLSubset.parse(
      "name = \"x\" # the name\n\n[a.b]  # table\nattrs = []\nfg = -1\nlist = [\"p\", \"q\",]\n")
    XCTAssertEqual(doc.tables["a.b"]?["attrs"]?.value, .strings([]))
    XCTAssertEqual(doc.tables["a.b"]?["fg"]?.value, .integer(-1))
    XCTAssertEqual(doc.tables["a.b"]?["list"]?.value, .strings(["p", "q"]))
    XCTAssertEqual(doc.tables[""]?["name"]?.value, .string("x"))
  }

  func testSearchOrderAndCheckoutDiscovery() throws {
    // A path with no symlinks in it (.build/debug is one, and would be resolved).
    let exe = repo.appendingPathComponent("Sources/crm/crm")
    let dirs = ThemeLocator.searchDirectories(
      environment: ["CRM_THEMES_DIR": "/opt/themes", "XDG_CONFIG_HOME": "/home/u/.config"],
      executable: exe)
    XCTAssertEqual(
      dirs.map(\.path),
      [
        "/opt/themes", "/home/u/.config/crm/themes",
        repo.appendingPathComponent("Sources/share/crm/themes").path,
        repo.appendingPathComponent("Sources/crm/themes").path,
        themesDir.path,
      ])
    XCTAssertEqual(
      try ThemeLocator.find(named: "light", in: dirs).path,
      themesDir.appendingPathComponent("light.toml").path)
  }

  func testMissingThemeNamesThePlacesSearched() {
    let dirs = [URL(fileURLWithPath: "/nowhere/a"), URL(fileURLWithPath: "/nowhere/b")]
    XCTAssertThrowsError(try Theme.load(named: "neon", in: dirs)) { error in
      let message = "\(error)"
      XCTAssertTrue(message.contains("theme 'neon' not found"), message)
      XCTAssertTrue(message.contains("/nowhere/a") && message.contains("/nowhere/b"), message)
    }
    XCTAssertThrowsError(try ThemeLocator.find(named: "../etc/passwd", in: dirs))
  }

  /// The copies compiled into the binary are the files, byte for byte (run
  /// scripts/embed-themes after editing a theme), and there is one for every file.
  func testBuiltInThemesAreTheShippedFiles() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: themesDir.path)
      .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    XCTAssertEqual(BuiltInThemes.names, files)
    for name in files {
      let file = try String(
        contentsOf: themesDir.appendingPathComponent("\(name).toml"), encoding: .utf8)
      XCTAssertEqual(
        BuiltInThemes.text(named: name), file,
        "the built-in \(name) differs from themes/\(name).toml: run scripts/embed-themes")
    }
  }

  /// A crm copied alone, with no themes folder anywhere, opens with the same colours.
  func testBuiltInThemeLoadsWhenNoFolderHasIt() throws {
    let empty = FileManager.default.temporaryDirectory
      .appendingPathComponent("crm-themes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: empty) }
    for name in ["default", "light", "high-contrast", "16color"] {
      XCTAssertEqual(
        try Theme.load(named: name, in: [empty, URL(fileURLWithPath: "/nowhere")]),
        try Theme.load(named: name, in: [themesDir]), name)
    }
    XCTAssertThrowsError(try Theme.load(named: "neon", in: [empty])) { error in
      // crm prints the first line alone: the names to pick from are on it.
      let first = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
      XCTAssertTrue(first.hasPrefix("theme 'neon' not found"), first)
      XCTAssertTrue(first.contains("(built in: 16color, default, high-contrast, light)"), first)
    }
    // A path is no theme name, built in or not.
    XCTAssertThrowsError(try Theme.load(named: "../default", in: [empty])) { error in
      XCTAssertEqual("\(error)", "invalid theme name '../default'")
    }
  }

  /// A user's own file of a built-in theme's name is the one used.
  func testThemeFileWinsOverTheBuiltInOne() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("crm-themes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let own = try String(
      contentsOf: themesDir.appendingPathComponent("default.toml"), encoding: .utf8
    ).replacingOccurrences(of: "[normal]\nfg = 252", with: "[normal]\nfg = 33")
    try own.write(to: dir.appendingPathComponent("default.toml"), atomically: true, encoding: .utf8)
    let theme = try Theme.load(named: "default", in: [dir])
    XCTAssertEqual(theme.resolved(colors: 256).style(for: "normal").fg, 33)
    let builtIn = try Theme.load(named: "default", in: [])
    XCTAssertEqual(builtIn.resolved(colors: 256).style(for: "normal").fg, 252)
  }
}
