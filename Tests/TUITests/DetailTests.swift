import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The deal detail against the real store: scrolling, a note written in the text area, and a
/// note written in `$EDITOR` through the runtime on a memory terminal.
final class DetailTests: TUITestCase {
  var detail: DetailState? {
    if case .detail(let detail) = state.overlay { return detail }
    return nil
  }

  func testANoteTypedInTheDetailIsSavedAndShown() throws {
    start()
    press(.enter)
    XCTAssertEqual(detail?.summary.deal.title, "Acme renewal")
    press(.char("a"))
    XCTAssertNotNil(detail?.note)
    type("Called Ann")
    press(.enter)
    type("Demo on Friday")
    XCTAssertTrue(try store.notes(deal: id("Acme renewal")).isEmpty, "nothing before Ctrl-D")
    press(.ctrl("d"))
    let notes = try store.notes(deal: id("Acme renewal"))
    XCTAssertEqual(notes.map(\.body), ["Called Ann\nDemo on Friday"])
    XCTAssertEqual(notes.first?.authorId, try store.localUser()?.id)
    // The detail reloaded: the note is in it, the editor closed.
    XCTAssertNil(detail?.note)
    XCTAssertEqual(detail?.notes.map(\.body), ["Called Ann\nDemo on Friday"])
    XCTAssertEqual(try store.dealDetail(id("Acme renewal")).notes.count, 1)
    XCTAssertEqual(state.status?.text, "Note added to Acme renewal")
    let screen = render(state).lines.joined(separator: "\n")
    XCTAssertTrue(screen.contains("Called Ann"), screen)
    // One mutation: u on the board takes it back.
    press(.escape, .char("u"))
    XCTAssertTrue(try store.notes(deal: id("Acme renewal")).isEmpty)
    XCTAssertEqual(failures, [])
  }

  func testEscDropsTheNoteAndABlankNoteIsNotSaved() throws {
    start()
    press(.enter, .char("a"), .char(" "), .enter)
    XCTAssertEqual(press(.ctrl("d")), [.bell])
    XCTAssertEqual(state.status?.text, "The note is empty: nothing saved")
    XCTAssertNotNil(detail?.note, "the editor stays open")
    type("never mind")
    press(.escape)
    XCTAssertNil(detail?.note)
    XCTAssertNotNil(detail, "Esc closes the note, not the detail")
    press(.escape)
    XCTAssertNil(state.overlay)
    XCTAssertTrue(try store.notes(deal: id("Acme renewal")).isEmpty)
  }

  func testTheDetailScrollsWhenLongerThanTheScreen() throws {
    for n in 1...12 {
      try store.createNote(Note(body: "Note number \(n)", dealId: id("Acme renewal")))
    }
    start()
    resize(40, 12)
    press(.enter)
    let layout = DetailLayout(try XCTUnwrap(detail), state)
    XCTAssertGreaterThan(layout.maxScroll, 10)
    XCTAssertEqual(layout.bodyRows, 9)
    press(.char("j"), .char("j"))
    XCTAssertEqual(detail?.scroll, 2)
    press(.char("k"))
    XCTAssertEqual(detail?.scroll, 1)
    press(.pageDown)
    XCTAssertEqual(detail?.scroll, 10)
    press(.char("G"))
    XCTAssertEqual(detail?.scroll, layout.maxScroll)
    press(.char("j"))
    XCTAssertEqual(detail?.scroll, layout.maxScroll, "never past the end")
    press(.pageUp)
    XCTAssertEqual(detail?.scroll, layout.maxScroll - 9)
    press(.char("g"))
    XCTAssertEqual(detail?.scroll, 0)
    press(.escape)
    XCTAssertNil(state.overlay)
  }

  func testTheEditorIsVisualThenEditorThenVi() {
    XCTAssertEqual(ExternalEditor.command(environment: ["VISUAL": "nano", "EDITOR": "ed"]), "nano")
    XCTAssertEqual(ExternalEditor.command(environment: ["VISUAL": " ", "EDITOR": "ed"]), "ed")
    XCTAssertEqual(ExternalEditor.command(environment: [:]), "vi")
  }

  // MARK: - $EDITOR through the runtime

  /// A shell script as the editor, in the test's own directory.
  func editor(_ body: String) throws -> String {
    let path = directory.appendingPathComponent("editor-\(UUID().uuidString).sh").path
    try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
  }

  /// Runs the app with the Acme detail already open (so the first key reaches it) and the
  /// given editor, pressing `E`; returns the backend.
  func runEditor(_ script: String) async throws -> MemoryBackend {
    var initial = makeState(size: Size(width: 80, height: 24))
    initial.overlay = .detail(DetailState(try store.dealDetail(id("Acme renewal"))))
    let backend = MemoryBackend(size: Size(width: 80, height: 24), events: [.key(.char("E"))])
    try await Runtime.run(
      store: store, backend: backend, state: initial, theme: .monochrome,
      environment: ["EDITOR": try editor(script), "PATH": "/usr/bin:/bin"])
    return backend
  }

  func testANoteWrittenInTheEditorIsSaved() async throws {
    let backend = try await runEditor("printf 'Called Ann' > \"$1\"")
    let handovers = await backend.handovers
    XCTAssertEqual(handovers, ["suspend", "resume"])
    XCTAssertEqual(try store.notes(deal: id("Acme renewal")).map(\.body), ["Called Ann"])
    let last = await backend.lastFrame
    let frame = try XCTUnwrap(last).lines.joined(separator: "\n")
    XCTAssertTrue(frame.contains("Called Ann"), frame)
    XCTAssertTrue(frame.contains("Note added to Acme renewal"), frame)
    XCTAssertEqual(try store.undo(), "add note")
    XCTAssertTrue(try store.notes(deal: id("Acme renewal")).isEmpty)
  }

  func testAnEditorThatFailsCreatesNothing() async throws {
    let backend = try await runEditor("printf 'half a thought' > \"$1\"\nexit 1")
    let handovers = await backend.handovers
    XCTAssertEqual(handovers, ["suspend", "resume"], "the terminal is taken back all the same")
    XCTAssertTrue(try store.notes(deal: id("Acme renewal")).isEmpty)
    let last = await backend.lastFrame
    let bar = try XCTUnwrap(last).lines[23]
    XCTAssertTrue(bar.contains("The editor exited with status 1: no note added"), bar)
  }

  func testAnEmptyFileCreatesNothing() async throws {
    let backend = try await runEditor("printf '\\n  \\n' > \"$1\"")
    XCTAssertTrue(try store.notes(deal: id("Acme renewal")).isEmpty)
    let last = await backend.lastFrame
    let bar = try XCTUnwrap(last).lines[23]
    XCTAssertTrue(bar.contains("Nothing written in the editor"), bar)
  }
}
