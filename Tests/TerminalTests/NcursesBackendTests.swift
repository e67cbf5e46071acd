/// The real ncurses layer, headless: newterm on /dev/null, then read the screen back with
/// mvwin_wchnstr to check that wide characters land in the columns the buffer says.
import Foundation
import Terminal
import XCTest

final class NcursesBackendTests: XCTestCase {
  private func headless() -> NcursesBackend {
    setenv("TERM", "xterm-256color", 1)
    setenv("LANG", "C.UTF-8", 1)
    setenv("LC_ALL", "C.UTF-8", 1)
    return NcursesBackend(
      options: .init(
        terminalType: "xterm-256color", inputPath: "/dev/null", outputPath: "/dev/null",
        noColor: false))
  }

  func testDrawPutsCharactersInTheRightColumns() async throws {
    let backend = headless()
    try await backend.start()
    let size = await backend.size()
    XCTAssertGreaterThan(size.width, 20)
    var buffer = ScreenBuffer(size: size)
    buffer.put("ab東京🚀x e\u{301}", x: 0, y: 1, style: "title")
    Box(title: "営業").render(into: &buffer, area: Rect(x: 0, y: 3, width: 10, height: 3))
    await backend.apply(theme: .monochrome)
    await backend.draw(buffer)
    let row = await backend.screenRow(1)
    await backend.stop()
    XCTAssertEqual(Array(row.prefix(10)), ["a", "b", "東", "", "京", "", "🚀", "", "x", " "])
    // e + combining acute stays one cell in ncurses, as in the buffer.
    XCTAssertEqual(row[10], "e\u{301}")
  }

  func testBoxRowsLineUpInNcurses() async throws {
    let backend = headless()
    try await backend.start()
    var buffer = ScreenBuffer(size: await backend.size())
    Box(title: "営業").render(into: &buffer, area: Rect(x: 0, y: 0, width: 10, height: 3))
    buffer.put("東京🚀", x: 1, y: 1, clip: Rect(x: 1, y: 1, width: 8, height: 1))
    await backend.draw(buffer)
    let top = await backend.screenRow(0)
    let middle = await backend.screenRow(1)
    await backend.stop()
    XCTAssertEqual(top[9], "┐")
    XCTAssertEqual(middle[9], "│")
    XCTAssertEqual(middle[1], "東")
    XCTAssertEqual(middle[5], "🚀")
  }

  func testClosedInputIsAHangUp() async throws {
    let backend = headless()
    try await backend.start()
    let event = await backend.readEvent(timeout: .milliseconds(500))
    await backend.stop()
    XCTAssertEqual(event, .hangup)
  }

  func testSigtermBecomesAnEvent() async throws {
    let backend = headless()
    try await backend.start()
    kill(getpid(), SIGTERM)
    // The signal may land on another thread; give its handler a moment to run.
    usleep(20_000)
    let event = await backend.readEvent(timeout: .milliseconds(500))
    await backend.stop()
    XCTAssertEqual(event, .terminate)
  }
}

extension NcursesBackendTests {
  /// After an editor had the terminal, the same frame is drawn again in full: the editor
  /// drew over it, so "unchanged" would leave its screen showing.
  func testResumeRedrawsTheFrame() async throws {
    let backend = NcursesBackend(
      options: .init(
        terminalType: "xterm-256color", inputPath: "/dev/null", outputPath: "/dev/null",
        noColor: true))
    setenv("LC_ALL", "C.UTF-8", 1)
    try await backend.start()
    var buffer = ScreenBuffer(size: await backend.size())
    buffer.put("before", x: 0, y: 0)
    await backend.draw(buffer)
    await backend.suspend()
    await backend.resume()
    await backend.draw(buffer)
    let row = await backend.screenRow(0)
    await backend.stop()
    XCTAssertEqual(row.prefix(6).joined(), "before")
  }
}
