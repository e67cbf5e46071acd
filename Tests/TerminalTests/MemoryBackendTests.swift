/// The in-memory backend and the pure mouse decoder.
import CNcurses
import Terminal
import XCTest

final class MemoryBackendTests: XCTestCase {
  func testScriptedInputAndRecordedFrames() async {
    let backend = MemoryBackend(
      size: Size(width: 10, height: 2), events: [.key(.char("j")), .key(.enter)])
    await backend.start()
    let frame = ScreenBuffer(lines: ["hello", "world"], width: 10)
    await backend.draw(frame)
    await backend.draw(frame)  // unchanged: not recorded again
    let first = await backend.readEvent(timeout: .zero)
    let second = await backend.readEvent(timeout: .zero)
    await backend.resize(to: Size(width: 40, height: 12))
    let third = await backend.readEvent(timeout: .zero)
    let fourth = await backend.readEvent(timeout: .zero)
    let frames = await backend.frames
    let size = await backend.size()
    XCTAssertEqual(first, .key(.char("j")))
    XCTAssertEqual(second, .key(.enter))
    XCTAssertEqual(third, .resize(width: 40, height: 12))
    XCTAssertEqual(fourth, .hangup)
    XCTAssertEqual(frames.count, 1)
    XCTAssertEqual(size, Size(width: 40, height: 12))
  }

  func testMouseDecoding() {
    let press = decodeMouse(bstate: crm_button1_pressed(), x: 3, y: 4, held: nil)
    XCTAssertEqual(press, MouseEvent(.press, button: .left, x: 3, y: 4))
    let drag = decodeMouse(bstate: crm_report_mouse_position(), x: 5, y: 4, held: .left)
    XCTAssertEqual(drag, MouseEvent(.drag, button: .left, x: 5, y: 4))
    XCTAssertNil(decodeMouse(bstate: crm_report_mouse_position(), x: 5, y: 4, held: nil))
    let release = decodeMouse(bstate: crm_button1_released(), x: 9, y: 1, held: .left)
    XCTAssertEqual(release, MouseEvent(.release, button: .left, x: 9, y: 1))
    XCTAssertEqual(
      decodeMouse(bstate: crm_button4_pressed(), x: 0, y: 0, held: nil)?.kind, .scrollUp)
  }
}

extension MemoryBackendTests {
  /// Lending the terminal to an editor is recorded, and the frame after it is drawn again.
  func testSuspendAndResumeAreRecorded() async {
    let backend = MemoryBackend(size: Size(width: 4, height: 1))
    let frame = ScreenBuffer(lines: ["abcd"])
    await backend.draw(frame)
    await backend.suspend()
    let suspended = await backend.isSuspended
    XCTAssertTrue(suspended)
    await backend.resume()
    await backend.draw(frame)
    await backend.draw(frame)
    let handovers = await backend.handovers
    XCTAssertEqual(handovers, ["suspend", "resume"])
    let frames = await backend.frames
    XCTAssertEqual(frames.count, 2, "the frame after resume is drawn, the one after it is not")
  }
}
