import Foundation
import Terminal
import XCTest

@testable import TUI

final class KeyTableTests: XCTestCase {
  func testEveryActionHasABinding() {
    let table = KeyTable()
    for action in Action.allCases {
      XCTAssertFalse(table.keys(for: action).isEmpty, "\(action) has no key")
    }
    XCTAssertEqual(
      table.bindings.count, Set(table.bindings.map(\.action)).count, "an action bound twice")
  }

  func testDefaultsHaveNoConflictsWithinAContext() {
    let table = KeyTable()
    for context in KeyContext.allCases {
      // A board key shadows a global one, so both count in the board's context.
      let visible = table.bindings.filter { $0.context == context || $0.context == .global }
      var seen: [Key: Action] = [:]
      for binding in visible {
        for key in binding.keys {
          if let other = seen[key] {
            XCTFail("\(key) is both \(other) and \(binding.action) in \(context)")
          }
          seen[key] = binding.action
        }
      }
    }
  }

  func testTheDefaultsOfTheDesign() {
    let table = KeyTable()
    let expected: [(String, Action)] = [
      ("?", .help), ("q", .quit), ("Ctrl-C", .quit), ("Esc", .cancel), (":", .palette),
      ("/", .filter), ("h", .left), ("j", .down), ("k", .up), ("l", .right), ("Left", .left),
      ("g", .top), ("G", .bottom), ("Ctrl-U", .halfPageUp), ("Ctrl-D", .halfPageDown),
      ("PgUp", .pageUp), ("PgDn", .pageDown), ("1", .view1), ("6", .view6), ("Tab", .nextView),
      ("Shift-Tab", .previousView), ("Enter", .open), ("n", .new), ("a", .new), ("e", .edit),
      ("d", .delete), ("H", .moveDealPrevious), ("L", .moveDealNext), ("K", .reorderUp),
      ("J", .reorderDown), ("m", .moveToStage), ("W", .markWon), ("X", .markLost),
      ("p", .switchPipeline), ("Space", .select), ("v", .multiSelect), ("u", .undo),
      ("Ctrl-R", .redo), ("R", .reload), ("Ctrl-L", .redraw),
    ]
    for (name, action) in expected {
      let key = Key(name: name)
      XCTAssertNotNil(key, name)
      XCTAssertEqual(key.flatMap { table.action(for: $0, in: .board) }, action, name)
    }
  }

  func testRemapApplies() {
    var table = KeyTable()
    XCTAssertEqual(table.remap(["move_deal_next": ["L", "Ctrl-N"]]), [])
    XCTAssertEqual(table.keys(for: .moveDealNext), [.char("L"), .ctrl("n")])
    XCTAssertEqual(table.action(for: .ctrl("n"), in: .board), .moveDealNext)
  }

  func testRemapReportsAConflictAndLeavesTheEntry() {
    var table = KeyTable()
    let problems = table.remap(["move_deal_next": ["n"]])
    XCTAssertEqual(problems.count, 1)
    XCTAssertTrue(problems[0].contains("move_deal_next"), problems[0])
    XCTAssertTrue(problems[0].contains("new"), problems[0])
    XCTAssertEqual(table.keys(for: .moveDealNext), [.char("L")])
    XCTAssertEqual(table.action(for: .char("n"), in: .board), .new)
    XCTAssertEqual(table.action(for: .char("L"), in: .board), .moveDealNext)
  }

  func testRemapReportsAConflictWithAGlobalKey() {
    var table = KeyTable()
    let problems = table.remap(["mark_won": ["q"]])
    XCTAssertEqual(problems.count, 1)
    XCTAssertTrue(problems[0].contains("quit"), problems[0])
    XCTAssertEqual(table.keys(for: .markWon), [.char("W")])
  }

  func testRemapReportsUnknownNames() {
    var table = KeyTable()
    let problems = table.remap(["fly_to_moon": ["x"], "mark_won": ["Hyper-Q"]])
    XCTAssertEqual(problems.count, 2, "\(problems)")
    XCTAssertTrue(problems.contains { $0.contains("fly_to_moon") }, "\(problems)")
    XCTAssertTrue(problems.contains { $0.contains("Hyper-Q") }, "\(problems)")
    XCTAssertEqual(table.keys(for: .markWon), [.char("W")], "an entry with only bad keys")
  }

  func testConfigNamesRoundTrip() {
    for action in Action.allCases {
      XCTAssertEqual(Action(configName: action.configName), action, action.configName)
      XCTAssertEqual(action.configName, action.configName.lowercased())
    }
    XCTAssertEqual(Action.moveDealNext.configName, "move_deal_next")
    XCTAssertEqual(Action.view1.configName, "view_1")
  }

  func testKeyNamesRoundTripThroughTheirDescription() {
    for binding in KeyTable.defaults {
      for key in binding.keys {
        XCTAssertEqual(Key(name: key.description), key, key.description)
      }
    }
  }

  // MARK: - Catalog

  func testEveryActionAndHintHasTextInBothLanguages() throws {
    let english = try XCTUnwrap(Catalog.translations["en"])
    let german = try XCTUnwrap(Catalog.translations["de"])
    for action in Action.allCases {
      XCTAssertNotNil(english["action.\(action.rawValue)"], "en action.\(action.rawValue)")
      XCTAssertNotNil(german["action.\(action.rawValue)"], "de action.\(action.rawValue)")
    }
    for binding in KeyTable.defaults where binding.hint {
      let key = "hint.\(binding.action.rawValue)"
      XCTAssertNotNil(english[key], "en \(key)")
      XCTAssertNotNil(german[key], "de \(key)")
    }
  }

  func testBothLanguagesHaveTheSameKeys() throws {
    let english = try XCTUnwrap(Catalog.translations["en"])
    let german = try XCTUnwrap(Catalog.translations["de"])
    XCTAssertEqual(Set(english.keys).subtracting(german.keys), [], "missing in German")
    XCTAssertEqual(Set(german.keys).subtracting(english.keys), [], "missing in English")
  }

  /// Every literal key the TUI's sources ask the catalog for exists in both languages.
  func testEveryKeyTheSourcesUseExists() throws {
    let sources = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Sources/TUI")
    let files = try FileManager.default.contentsOfDirectory(atPath: sources.path)
      .filter { $0.hasSuffix(".swift") }
    XCTAssertFalse(files.isEmpty)
    let pattern = try NSRegularExpression(pattern: #""([a-z]+\.[A-Za-z0-9.]+)""#)
    let prefixes = [
      "view.", "board.", "small.", "status.", "help.", "palette.", "picker.", "confirm.",
      "form.", "filter.", "detail.", "mark.", "lost.", "action.", "hint.",
    ]
    let english = try XCTUnwrap(Catalog.translations["en"])
    let german = try XCTUnwrap(Catalog.translations["de"])
    var used: Set<String> = []
    for file in files {
      let text = try String(
        contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      // Only the code, not the tables that define the texts.
      guard file != "Catalog.swift", file != "ActionText.swift" else { continue }
      let range = NSRange(text.startIndex..., in: text)
      for match in pattern.matches(in: text, range: range) {
        let key = String(text[Range(match.range(at: 1), in: text)!])
        if prefixes.contains(where: key.hasPrefix), !key.hasSuffix(".") { used.insert(key) }
      }
    }
    XCTAssertGreaterThan(used.count, 30, "\(used.sorted())")
    for key in used.sorted() {
      XCTAssertNotNil(english[key], "en \(key)")
      XCTAssertNotNil(german[key], "de \(key)")
    }
  }

  func testGermanFallsBackToEnglishAndUnknownLanguagesToEnglish() {
    XCTAssertEqual(Catalog(language: "de_DE.UTF-8").language, "de")
    XCTAssertEqual(Catalog(language: "xx").language, "en")
    XCTAssertEqual(Catalog.fromEnvironment(["LANG": "de_AT.UTF-8"]).language, "de")
    XCTAssertEqual(
      Catalog.fromEnvironment(["LC_ALL": "C.UTF-8", "LANG": "de_DE.UTF-8"]).language, "de")
    XCTAssertEqual(Catalog(language: "de").text("hint.quit"), "Ende")
  }
}
