import Foundation
import XCTest

@testable import Interchange

/// RFC 4180 reading: quoting, line ends, BOM, blank lines and the errors that refuse a file.
final class CSVReaderTests: XCTestCase {
  func testPlainFieldsAndEmptyOnes() throws {
    XCTAssertEqual(
      try readAll("a,b,c\n1,,3\n,,\n"), [["a", "b", "c"], ["1", "", "3"], ["", "", ""]])
  }

  func testQuotedFieldsWithCommasQuotesAndNewlines() throws {
    let text =
      "name,note\r\n\"Doe, Jane\",\"She said \"\"hi\"\"\"\r\n\"x\",\"two\r\nlines\nand LF\"\r\n"
    XCTAssertEqual(
      try readAll(text),
      [["name", "note"], ["Doe, Jane", "She said \"hi\""], ["x", "two\r\nlines\nand LF"]])
  }

  func testTrailingNewlineOrNot() throws {
    XCTAssertEqual(try readAll("a,b\n1,2"), [["a", "b"], ["1", "2"]])
    XCTAssertEqual(try readAll("a,b\n1,2\n"), [["a", "b"], ["1", "2"]])
    XCTAssertEqual(try readAll("a,b\r\n1,2\r\n"), [["a", "b"], ["1", "2"]])
    XCTAssertEqual(try readAll("a,\"b\""), [["a", "b"]])
    XCTAssertEqual(try readAll("a,"), [["a", ""]])
    XCTAssertEqual(try readAll(""), [])
  }

  func testEmptyQuotedFieldIsARecord() throws {
    XCTAssertEqual(try readAll("\"\"\n\n"), [[""]])
    XCTAssertEqual(try readAll("a,\"\",b"), [["a", "", "b"]])
  }

  func testBlankLinesAreSkippedAndLinesCounted() throws {
    let records = try readRecords(Data("a\n\n\r\nb\r\n\r\n\"c\nd\"\ne".utf8))
    XCTAssertEqual(records.map(\.fields), [["a"], ["b"], ["c\nd"], ["e"]])
    XCTAssertEqual(records.map(\.line), [1, 4, 6, 8])
  }

  func testLoneCREndsALine() throws {
    let records = try readRecords(Data("a,b\rc,d\r\re,f".utf8))
    XCTAssertEqual(records.map(\.fields), [["a", "b"], ["c", "d"], ["e", "f"]])
    XCTAssertEqual(records.map(\.line), [1, 2, 4])
    XCTAssertEqual(try readAll("\"x\ry\",z"), [["x\ry", "z"]])
  }

  func testBOMIsStrippedAndUnicodeKept() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + Data("Név;Ünvan\nZoë;東京\n".utf8)
    XCTAssertEqual(
      try readRecords(data).map(\.fields), [["Név", "Ünvan"], ["Zoë", "東京"]])
    XCTAssertEqual(
      try readRecords(data, chunkSize: 1).map(\.fields), [["Név", "Ünvan"], ["Zoë", "東京"]])
  }

  func testDoubledQuoteInUnquotedFieldIsAQuote() throws {
    XCTAssertEqual(try readAll("5\"\" screen,b"), [["5\" screen", "b"]])
  }

  func testUnterminatedQuoteNamesTheLineWhereTheFieldBegan() {
    let error = csvError("a,b\n1,2\n3,\"never\nclosed\nat all")
    XCTAssertEqual(error, CSVError(line: 3, reason: "a quoted field is never closed"))
    XCTAssertEqual(error?.description, "line 3: a quoted field is never closed")
  }

  func testStrayQuoteIsAnError() {
    XCTAssertEqual(csvError("a,b\nab\"c,d\n")?.line, 2)
    XCTAssertEqual(csvError("a,b\n\"x\"y,d\n")?.line, 2)
    XCTAssertEqual(csvError("a,b\n\"multi\nline\" x,d\n")?.line, 3)
    XCTAssertEqual(csvError("a\nb\"")?.line, 2)
  }

  func testNotUTF8NamesTheLine() {
    var data = Data("a,b\n1,2\n".utf8)
    data.append(contentsOf: [0x33, 0xFF, 0x2C, 0x34, 0x0A])
    XCTAssertThrowsError(try readRecords(data)) { error in
      XCTAssertEqual(error as? CSVError, CSVError(line: 3, reason: "the file is not UTF-8 text"))
    }
  }

  func testErrorStopsTheReader() throws {
    let reader = CSVReader(data: Data("a\nb\"\nc\n".utf8))
    XCTAssertEqual(try reader.next()?.fields, ["a"])
    XCTAssertThrowsError(try reader.next())
    XCTAssertNil(try reader.next())
  }

  func testOverlongFieldIsRefused() {
    let reader = CSVReader(
      source: .data(Data(("a\n\"" + String(repeating: "x", count: 100)).utf8)),
      delimiter: nil, chunkSize: 16, maxFieldBytes: 50)
    XCTAssertEqual(try reader.next()?.fields, ["a"])
    XCTAssertThrowsError(try reader.next()) { error in
      XCTAssertEqual((error as? CSVError)?.line, 2)
    }
  }

  func testMissingFileIsACSVError() {
    XCTAssertThrowsError(try CSVReader(url: URL(fileURLWithPath: "/nonexistent/x.csv"))) {
      error in
      XCTAssertEqual((error as? CSVError)?.line, 0)
    }
  }

  /// Every chunk size gives the same records, so no state is lost at a chunk boundary.
  func testChunkBoundariesDoNotMatter() throws {
    let text =
      "\u{FEFF}id;name;note\r\n1;\"Doe; Jane\";\"said \"\"hi\"\"\r\nthen left\"\r\n\r\n2;Zoë;\"\"\r3;x\"\"y;\n"
    let expected = try readAll(text)
    XCTAssertEqual(expected.count, 4)
    let lines = try readRecords(Data(text.utf8)).map(\.line)
    XCTAssertEqual(lines, [1, 2, 5, 6])
    for size in 1...12 {
      XCTAssertEqual(try readAll(text, chunkSize: size), expected, "chunk size \(size)")
      XCTAssertEqual(try readRecords(Data(text.utf8), chunkSize: size).map(\.line), lines)
    }
    XCTAssertEqual(csvError("a\n\"b\nc", chunkSize: 1)?.line, 2)
  }

  /// A 100,000-row file is read in 64 KiB chunks, never held whole.
  func testLargeFileStreamsInChunks() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("csv-large-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
    let handle = try FileHandle(forWritingTo: url)
    var batch = "id,name,email,note\r\n"
    for row in 0..<100_000 {
      batch += "\(row),Person \(row),p\(row)@example.com,\"a note, with \"\"quotes\"\"\"\r\n"
      if row % 5_000 == 4_999 {
        handle.write(Data(batch.utf8))
        batch = ""
      }
    }
    try handle.close()
    let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
    XCTAssertGreaterThan(size, 5_000_000)

    let reader = try CSVReader(url: url)
    XCTAssertEqual(reader.delimiter, UInt8(ascii: ","))
    var count = 0
    var last: CSVRecord?
    while let record = try reader.next() {
      count += 1
      last = record
    }
    XCTAssertEqual(count, 100_001)
    XCTAssertEqual(last?.fields.first, "99999")
    XCTAssertEqual(last?.line, 100_001)
    XCTAssertGreaterThanOrEqual(reader.chunksRead, size / CSVReader.defaultChunkSize)
    XCTAssertLessThanOrEqual(reader.largestBuffer, CSVReader.defaultChunkSize)
  }
}
