import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The first frame the terminal gets already shows the view the app opens on, with its
/// data: the first view's reads run before the terminal's start-up ends, so no empty or
/// "loading" frame is drawn first (with 100k contacts that frame was on screen for tens of
/// milliseconds before the list).
final class FirstFrameTests: ListTestCase {
  private func firstFrame(_ view: View) async throws -> String {
    let backend = MemoryBackend(size: Size(width: 120, height: 40), events: [])
    var initial = makeState(size: Size(width: 120, height: 40))
    initial.view = view
    try await Runtime.run(store: store, backend: backend, state: initial, theme: .monochrome)
    let frames = await backend.frames
    return try XCTUnwrap(frames.first).lines.joined(separator: "\n")
  }

  func testTheFirstFrameOfTheContactsViewShowsThePeople() async throws {
    let screen = try await firstFrame(.contacts)
    XCTAssertTrue(screen.contains("Name"), screen)
    XCTAssertTrue(screen.contains("Ann Archer"), screen)
    XCTAssertTrue(screen.contains("4 contacts"), screen)
  }

  func testTheFirstFrameOfTheCalendarShowsTheMonthGrid() async throws {
    // The weekday row is drawn only once the month's counts are in.
    let screen = try await firstFrame(.calendar)
    XCTAssertTrue(screen.contains(" Mon "), screen)
    XCTAssertTrue(screen.contains(" Sun"), screen)
  }

  func testAFirstFrameOfAnotherSizeIsNotDrawnButRedrawnAtTheTerminalsSize() async throws {
    // The launcher guesses the size from stdout; the terminal may say otherwise.
    let backend = MemoryBackend(size: Size(width: 100, height: 30), events: [])
    var initial = makeState(size: Size(width: 120, height: 40))
    initial.view = .contacts
    try await Runtime.run(store: store, backend: backend, state: initial, theme: .monochrome)
    let frames = await backend.frames
    XCTAssertFalse(frames.isEmpty)
    XCTAssertTrue(frames.allSatisfy { $0.size == Size(width: 100, height: 30) })
    XCTAssertTrue(try XCTUnwrap(frames.first).lines.joined().contains("Ann Archer"))
  }
}
