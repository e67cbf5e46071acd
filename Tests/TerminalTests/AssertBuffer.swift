/// Test helpers: compare a rendered buffer with literal lines and fail with a readable diff.
import Foundation
import Terminal
import XCTest

/// Fails with a line-by-line diff when `buffer` does not show exactly `expected`.
func assertBuffer(
  _ buffer: ScreenBuffer, _ expected: [String], file: StaticString = #filePath, line: UInt = #line
) {
  if let diff = buffer.diff(against: expected) {
    XCTFail("\n" + diff, file: file, line: line)
  }
}

/// Renders `draw` into a fresh buffer of the given size and returns it.
func render(
  width: Int, height: Int, _ draw: (inout ScreenBuffer, Rect) -> Void
) -> ScreenBuffer {
  var buffer = ScreenBuffer(width: width, height: height)
  draw(&buffer, buffer.area)
  return buffer
}

/// Pins the locale as the app would after `setlocale(LC_ALL, "")` with LANG=C.UTF-8.
func pinLocale() {
  setlocale(LC_ALL, "C.UTF-8")
}
