import Foundation
import XCTest

@testable import Interchange

/// Writing: RFC 4180 quoting, formula neutralisation, and write-then-read round trips.
final class CSVWriterTests: XCTestCase {
  func testQuoting() {
    XCTAssertEqual(CSVWriter.line(["a", "b c", ""]), "a,b c,\r\n")
    XCTAssertEqual(
      CSVWriter.line(["Doe, Jane", "say \"hi\"", "two\nlines"]),
      "\"Doe, Jane\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
    XCTAssertEqual(CSVWriter.line(["a;b", "c,d"], delimiter: ";"), "\"a;b\";c,d\r\n")
    XCTAssertEqual(CSVWriter.line([""]), "\"\"\r\n")
    XCTAssertEqual(CSVWriter.line([]), "\r\n")
  }

  func testFormulasAreNeutralised() {
    XCTAssertEqual(
      CSVWriter.line(["=SUM(A1)", "+1 555", "-2", "@cmd", "\tx", "ok", "a=b"]),
      "'=SUM(A1),'+1 555,'-2,'@cmd,'\tx,ok,a=b\r\n")
    XCTAssertEqual(CSVWriter.line(["'=x", "'plain"]), "''=x,'plain\r\n")
    XCTAssertEqual(CSVWriter.line(["=1+1"], neutralizeFormulas: false), "=1+1\r\n")
    XCTAssertEqual(CSVWriter.line(["\r\nx"]), "\"'\r\nx\"\r\n")
  }

  func testUnneutralizeUndoesNeutralisation() {
    for cell in ["=x", "'=x", "''@y", "'plain", "plain", "'", "", "-", "+44 20"] {
      let written = CSVWriter.line([cell, "z"])
      let read = try? readAll(written).first?.first
      XCTAssertEqual(read.map(CSVWriter.unneutralize), cell, cell)
    }
  }

  func testRandomRoundTrip() throws {
    var rng = SeededGenerator(seed: 42)
    let alphabet: [Character] = [
      "a", "Z", "0", " ", ",", ";", "\t", "\"", "\"", "\n", "\r", "\r\n", "'", "=", "+", "-",
      "@", "é", "東", "👩‍💻", "ß",
    ]
    for delimiter in [",", ";", "\t"] as [Character] {
      var rows: [[String]] = []
      var text = ""
      for _ in 0..<300 {
        let count = Int.random(in: 1...6, using: &rng)
        let row = (0..<count).map { _ in
          String(
            (0..<Int.random(in: 0...8, using: &rng)).map { _ in
              alphabet.randomElement(using: &rng)!
            })
        }
        rows.append(row)
        text += CSVWriter.line(row, delimiter: delimiter)
      }
      let expected = rows
      for chunkSize in [7, 65_536] {
        let read = try readAll(
          text, delimiter: delimiter.asciiValue, chunkSize: chunkSize
        ).map { $0.map(CSVWriter.unneutralize) }
        XCTAssertEqual(read, expected)
      }
    }
  }
}

/// A small deterministic generator (SplitMix64) so random tests repeat.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
