import Foundation
import XCTest

@testable import Interchange

/// Helpers shared by the CSV tests: read everything from a string or a fixture.
func readAll(
  _ text: String, delimiter: UInt8? = nil, chunkSize: Int = 64 * 1024
) throws(CSVError) -> [[String]] {
  try readRecords(Data(text.utf8), delimiter: delimiter, chunkSize: chunkSize).map(\.fields)
}

func readRecords(
  _ data: Data, delimiter: UInt8? = nil, chunkSize: Int = 64 * 1024
) throws(CSVError) -> [CSVRecord] {
  let reader = CSVReader(source: .data(data), delimiter: delimiter, chunkSize: chunkSize)
  var records: [CSVRecord] = []
  while let record = try reader.next() { records.append(record) }
  return records
}

func csvError(_ text: String, chunkSize: Int = 64 * 1024) -> CSVError? {
  do {
    _ = try readAll(text, chunkSize: chunkSize)
    return nil
  } catch {
    return error
  }
}

func fixtureURL(_ name: String) -> URL {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").appendingPathComponent(name)
}

/// Reads a fixture's header and records.
func readFixture(_ name: String) throws -> (headers: [String], records: [CSVRecord]) {
  let reader = try CSVReader(url: fixtureURL(name))
  guard let header = try reader.next() else { throw CSVError(line: 1, reason: "empty") }
  var records: [CSVRecord] = []
  while let record = try reader.next() { records.append(record) }
  return (header.fields, records)
}
