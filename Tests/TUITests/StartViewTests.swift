import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// `crm --view contacts` (or `ui.view` in the config): the app opens on the list, without
/// loading the board, which loads when the user goes to it.
final class StartViewTests: ListTestCase {
  private func run(view: View, _ events: [InputEvent]) async throws -> MemoryBackend {
    let backend = MemoryBackend(size: Size(width: 120, height: 40), events: events)
    var initial = makeState(size: Size(width: 120, height: 40))
    initial.view = view
    try await Runtime.run(store: store, backend: backend, state: initial, theme: .monochrome)
    return backend
  }

  func testStartOnContactsShowsTheListAndNeverTheBoard() async throws {
    let backend = try await run(view: .contacts, [])
    let frames = await backend.frames
    let screens = frames.map { $0.lines.joined(separator: "\n") }
    XCTAssertFalse(screens.isEmpty)
    for screen in screens {
      XCTAssertFalse(screen.contains("Qualification"), "a board frame was drawn:\n\(screen)")
    }
    let last = try XCTUnwrap(screens.last)
    XCTAssertTrue(last.contains("Name"), last)
    XCTAssertTrue(last.contains("Ann Archer"), last)
    XCTAssertTrue(last.contains("4 contacts"), last)
  }

  func testBoardLoadsWhenGoingToItAfterAStartOnContacts() async throws {
    let backend = try await run(view: .contacts, [.key(.char("1"))])
    let last = await backend.lastFrame
    let frame = try XCTUnwrap(last).lines.joined(separator: "\n")
    XCTAssertTrue(frame.contains("Qualification"), frame)
    XCTAssertTrue(frame.contains("Acme renewal"), frame)
  }

  func testStartOnCompanies() async throws {
    let backend = try await run(view: .companies, [])
    let last = await backend.lastFrame
    let frame = try XCTUnwrap(last).lines.joined(separator: "\n")
    XCTAssertTrue(frame.contains("Globex"), frame)
    XCTAssertFalse(frame.contains("Qualification"), frame)
  }

  func testStartEffectsLoadOnlyTheViewOnScreen() {
    var onBoard = makeState(size: Size(width: 120, height: 40))
    XCTAssertEqual(startEffects(&onBoard), [.loadBoard(pipelineId: nil, focusDealId: nil)])
    var onContacts = makeState(size: Size(width: 120, height: 40))
    onContacts.view = .contacts
    let effects = startEffects(&onContacts)
    XCTAssertEqual(effects.count, 1)
    guard case .loadList(let query)? = effects.first else {
      return XCTFail("expected the first page of contacts, got \(effects)")
    }
    XCTAssertEqual(query.kind, .contacts)
    XCTAssertEqual(query.offset, 0)
  }

  // MARK: - The config's ui.view

  private func config(_ text: String) throws -> Config {
    let path = directory.appendingPathComponent("config.toml").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return Config.load(path: path)
  }

  func testConfigViewNamesTheStartView() throws {
    let loaded = try config("[ui]\nview = \"contacts\"\n")
    XCTAssertEqual(loaded.view, .contacts)
    XCTAssertEqual(loaded.problems, [])
  }

  func testConfigUnknownViewIsAProblemNotIgnored() throws {
    let loaded = try config("[ui]\nview = \"nope\"\n")
    XCTAssertNil(loaded.view)
    XCTAssertEqual(loaded.problems.count, 1)
    XCTAssertTrue(
      loaded.problems[0].contains("line 2: ui.view must be one of board, contacts, companies"),
      loaded.problems[0])
  }
}
