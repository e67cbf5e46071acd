import Foundation
import XCTest

@testable import Interchange

/// Inputs the fuzzer found: each must read, write and read back to the same fields.
final class CSVFuzzRegressionTests: XCTestCase {
  private func assertRoundTrip(
    _ bytes: [UInt8], delimiter: UInt8?, file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let reader = CSVReader(data: Data(bytes), delimiter: delimiter)
    while let record = try? reader.next() {
      let text = CSVWriter.line(
        record.fields, delimiter: Character(Unicode.Scalar(reader.delimiter)))
      let back: CSVRecord?
      do {
        back = try CSVReader(data: Data(text.utf8), delimiter: reader.delimiter).next()
      } catch {
        XCTFail("\(error) reading back \(text.debugDescription)", file: file, line: line)
        continue
      }
      XCTAssertEqual(
        back?.fields.map(CSVWriter.unneutralize), record.fields, "\(text.debugDescription)",
        file: file, line: line)
    }
  }

  func testControlCharactersAndNULs() throws {
    let bytes: [UInt8] = [
      0x3B, 0x22, 0x3B, 0xE0, 0xA0, 0xA1, 0, 0, 0, 0, 0, 0x14, 0x5E, 0x03, 0, 0, 0, 0x22, 0x3B,
    ]
    try assertRoundTrip(bytes, delimiter: UInt8(ascii: ";"))
  }

  /// A delimiter or "=" followed by a combining mark is one Character to Swift but still a
  /// delimiter or a formula to a CSV reader or a spreadsheet.
  func testCombiningMarksAfterDelimiterAndFormulaStart() throws {
    XCTAssertEqual(CSVWriter.line([";\u{0821}x", "b"], delimiter: ";"), "\";\u{0821}x\";b\r\n")
    XCTAssertEqual(CSVWriter.line(["=\u{0301}1+1"]), "'=\u{0301}1+1\r\n")
    XCTAssertEqual(CSVWriter.unneutralize("'=\u{0301}1"), "=\u{0301}1")
    try assertRoundTrip(Array(",\u{0301}a,\"\u{0301}\"\n".utf8), delimiter: nil)
    XCTAssertEqual(CSVWriter.line(["\"\u{06E1}", "x"]), "\"\"\"\u{06E1}\",x\r\n")
  }

  func testFoundInputs() throws {
    let inputs: [[UInt8]] = [
      [
        0x09, 0x09, 0x63, 0x3D, 0x0B, 0x22, 0x22, 0x22, 0x22, 0xDB, 0xA1, 0x69, 0x70, 0xD4, 0xA1,
        0x69,
      ]
        + Array(repeating: 0x22, count: 18),
      [0x3B, 0x22, 0x22, 0x2C, 0x15, 0x01] + Array(repeating: 0, count: 8) + [
        0x22, 0x22, 0x22, 0x22, 0xD9, 0x9C,
      ],
    ]
    for bytes in inputs {
      try assertRoundTrip(bytes, delimiter: nil)
      try assertRoundTrip(Array(bytes.dropFirst()), delimiter: bytes[0])
    }
  }
}
