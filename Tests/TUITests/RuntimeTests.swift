import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// `Runtime.run` on a memory terminal and the real store, as `crm` runs it.
final class RuntimeTests: TUITestCase {
  func run(_ events: [InputEvent], size: Size = Size(width: 120, height: 40)) async throws
    -> MemoryBackend
  {
    let backend = MemoryBackend(size: size, events: events)
    try await Runtime.run(
      store: store, backend: backend, state: makeState(size: Size(width: 80, height: 24)),
      theme: .monochrome)
    return backend
  }

  func testMoveThenQuit() async throws {
    let backend = try await run([.key(.char("L")), .key(.char("q"))])
    let started = await backend.isStarted
    XCTAssertFalse(started, "the terminal is given back")
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Contact made")
    XCTAssertEqual(try historyCount("Acme renewal"), 2)
    let last = await backend.lastFrame
    let frame = try XCTUnwrap(last)
    XCTAssertEqual(frame.size, Size(width: 120, height: 40))
    // Second column: x 25..47 at 120 columns, the moved card on top.
    let second = (0..<frame.height).map { cells(frame, y: $0, x: 25, width: 23) }
    XCTAssertEqual(second[1], " Contact made  3 deals ", frame.lines.joined(separator: "\n"))
    XCTAssertEqual(second[4], " Acme renewal          ", frame.lines.joined(separator: "\n"))
    XCTAssertFalse(frame.lines[4].hasPrefix(" Acme renewal"), "it left the first column")
    XCTAssertTrue(frame.lines[39].contains("Moved to Contact made"), frame.lines[39])
    let bells = await backend.bells
    XCTAssertEqual(bells, 0)
  }

  func testHangupEnds() async throws {
    let backend = try await run([])
    let started = await backend.isStarted
    XCTAssertFalse(started)
    XCTAssertEqual(try stageName(of: "Acme renewal"), "Qualification")
  }

  func testResizeEventRedrawsAtTheNewSize() async throws {
    let backend = try await run(
      [.key(.char("l")), .resize(width: 40, height: 12), .key(.char("q"))])
    let last = await backend.lastFrame
    let frame = try XCTUnwrap(last)
    XCTAssertEqual(frame.size, Size(width: 40, height: 12))
    XCTAssertEqual(frame.lines[1], " Contact made                   2 deals ")
    XCTAssertTrue(frame.lines[10].hasPrefix("‹ Qualification"), frame.lines[10])
  }
}
