/// wget_wch results to Key, as a pure function.
import CNcurses
import Terminal
import XCTest

final class KeyDecoderTests: XCTestCase {
  private func fn(_ code: Int32) -> Key? {
    decodeKey(status: keyCodeYes, code: UInt32(bitPattern: code))
  }

  private func ch(_ code: UInt32) -> Key? { decodeKey(status: OK, code: code) }

  func testFunctionKeyCodes() {
    XCTAssertEqual(fn(KEY_UP), .up)
    XCTAssertEqual(fn(KEY_DOWN), .down)
    XCTAssertEqual(fn(KEY_LEFT), .left)
    XCTAssertEqual(fn(KEY_RIGHT), .right)
    XCTAssertEqual(fn(KEY_HOME), .home)
    XCTAssertEqual(fn(KEY_END), .end)
    XCTAssertEqual(fn(KEY_PPAGE), .pageUp)
    XCTAssertEqual(fn(KEY_NPAGE), .pageDown)
    XCTAssertEqual(fn(KEY_BTAB), .backTab)
    XCTAssertEqual(fn(KEY_BACKSPACE), .backspace)
    XCTAssertEqual(fn(KEY_DC), .delete)
    XCTAssertEqual(fn(KEY_ENTER), .enter)
    XCTAssertEqual(fn(KEY_RESIZE), .resize)
    XCTAssertEqual(fn(crm_key_f(1)), .function(1))
    XCTAssertEqual(fn(crm_key_f(12)), .function(12))
    XCTAssertNil(fn(KEY_MOUSE))
  }

  func testCharacters() {
    XCTAssertEqual(ch(10), .enter)
    XCTAssertEqual(ch(13), .enter)
    XCTAssertEqual(ch(9), .tab)
    XCTAssertEqual(ch(27), .escape)
    XCTAssertEqual(ch(127), .backspace)
    XCTAssertEqual(ch(8), .backspace)
    XCTAssertEqual(ch(1), .ctrl("a"))
    XCTAssertEqual(ch(5), .ctrl("e"))
    XCTAssertEqual(ch(21), .ctrl("u"))
    XCTAssertEqual(ch(26), .ctrl("z"))
    XCTAssertEqual(ch(UInt32(Character("q").asciiValue!)), .char("q"))
    XCTAssertEqual(ch(0x6771), .char("東"))
  }

  func testErrIsNoKey() {
    XCTAssertNil(decodeKey(status: ERR, code: 0))
  }

  func testDescriptions() {
    XCTAssertEqual(Key.ctrl("r").description, "Ctrl-R")
    XCTAssertEqual(Key.function(5).description, "F5")
    XCTAssertEqual(Key.char(" ").description, "Space")
  }
}
