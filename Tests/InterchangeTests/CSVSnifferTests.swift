import Foundation
import XCTest

@testable import Interchange

/// Delimiter sniffing: comma, semicolon and tab, with delimiters inside quotes ignored.
final class CSVSnifferTests: XCTestCase {
  private func sniffed(_ text: String) -> UInt8 {
    CSVReader(data: Data(text.utf8)).delimiter
  }

  func testComma() {
    XCTAssertEqual(sniffed("a,b,c\n1,2,3\n"), UInt8(ascii: ","))
  }

  func testSemicolon() throws {
    XCTAssertEqual(sniffed("Name;Betrag\nMüller;1,50\nSchmidt;2,75\n"), UInt8(ascii: ";"))
    XCTAssertEqual(
      try readAll("Name;Betrag\nMüller;1,50\n"), [["Name", "Betrag"], ["Müller", "1,50"]])
  }

  func testTab() {
    XCTAssertEqual(sniffed("a\tb\tc\n1\t2, 3\t4\n"), UInt8(ascii: "\t"))
  }

  func testQuotedDelimitersAreIgnored() {
    XCTAssertEqual(
      sniffed("\"a,b,c\";\"d,e\"\n\"1,2,3,4\";\"5\"\n"), UInt8(ascii: ";"))
    XCTAssertEqual(sniffed("\"x;y;z\",b\n\"p;q\nr;s\",t\n"), UInt8(ascii: ","))
  }

  func testSingleColumnAndEmptyDefaultToComma() {
    XCTAssertEqual(sniffed("name\nAnn\n"), UInt8(ascii: ","))
    XCTAssertEqual(sniffed(""), UInt8(ascii: ","))
  }

  func testGivenDelimiterWins() throws {
    XCTAssertEqual(try readAll("a;b,c\n", delimiter: UInt8(ascii: ",")), [["a;b", "c"]])
  }

  func testSniffingAfterBOM() {
    XCTAssertEqual(
      CSVReader(data: Data([0xEF, 0xBB, 0xBF]) + Data("a\tb\n".utf8)).delimiter,
      UInt8(ascii: "\t"))
  }
}
