import Foundation
import GRDB
import Model

/// Reading a contact straight from its row, for the import's matching (a re-import of 100k
/// contacts reads each one back, and the Codable path, a JSONDecoder per array column, was
/// a third of its time). The JSON columns are read by a scanner that knows only the exact
/// text `ColumnJSON` and JSONEncoder write for plain strings; anything else (an escape, other
/// spacing or key order) goes to the JSONDecoder GRDB's Codable path uses, so the result is
/// the same contact either way (ContactColumnsTests compares the two).
extension Contact {
  init(columns row: Row) throws {
    self.init(
      id: row["id"], firstName: row["firstName"], lastName: row["lastName"], title: row["title"],
      emails: try ColumnJSONReader.emails(row["emails"]),
      phones: try ColumnJSONReader.phones(row["phones"]),
      address: try (row["address"] as String?).map(ColumnJSONReader.address),
      tags: try ColumnJSONReader.tags(row["tags"]), companyId: row["companyId"],
      ownerId: row["ownerId"], emailOptOut: row["emailOptOut"], createdAt: row["createdAt"],
      updatedAt: row["updatedAt"] as Date)
  }
}

enum ColumnJSONReader {
  static func emails(_ json: String) throws -> [EmailAddress] {
    if let pairs = Scanner.pairs(json, "address", "type") {
      var emails: [EmailAddress] = []
      for (address, type) in pairs {
        guard let type = ContactPointType(rawValue: type) else { return try decoded(json) }
        emails.append(EmailAddress(address, type: type))
      }
      return emails
    }
    return try decoded(json)
  }

  static func phones(_ json: String) throws -> [PhoneNumber] {
    if let pairs = Scanner.pairs(json, "number", "type") {
      var phones: [PhoneNumber] = []
      for (number, type) in pairs {
        guard let type = ContactPointType(rawValue: type) else { return try decoded(json) }
        phones.append(PhoneNumber(number, type: type))
      }
      return phones
    }
    return try decoded(json)
  }

  static func tags(_ json: String) throws -> [String] {
    try Scanner.strings(json) ?? decoded(json)
  }

  static func address(_ json: String) throws -> PostalAddress {
    guard let parts = Scanner.object(json, ["city", "country", "postalCode", "region", "street"])
    else { return try decoded(json) }
    return PostalAddress(
      street: parts[4], city: parts[0], region: parts[3], postalCode: parts[2],
      country: parts[1])
  }

  private static func decoded<T: Decodable>(_ json: String) throws -> T {
    try Contact.databaseJSONDecoder(for: "").decode(T.self, from: Data(json.utf8))
  }

  /// Reads JSON of one exact shape: no whitespace, strings without escapes, keys in the
  /// given order. Every function returns nil for any other text.
  private struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    /// `[{"a":"…","b":"…"},…]`
    static func pairs(_ json: String, _ first: String, _ second: String) -> [(String, String)]? {
      scan(json) { s in
        try s.list { s in
          let a = try s.member(first, opening: true)
          let b = try s.member(second, opening: false)
          try s.expect("}")
          return (a, b)
        }
      }
    }

    /// `["…",…]`
    static func strings(_ json: String) -> [String]? {
      scan(json) { s in try s.list { s in try s.string() } }
    }

    /// `{"k1":"…",…}` with exactly `keys`, in order.
    static func object(_ json: String, _ keys: [String]) -> [String]? {
      scan(json) { s in
        var values: [String] = []
        for (index, key) in keys.enumerated() {
          values.append(try s.member(key, opening: index == 0))
        }
        try s.expect("}")
        return values
      }
    }

    private struct Mismatch: Error {}

    private static func scan<T>(_ json: String, _ body: (inout Scanner) throws -> T) -> T? {
      var json = json
      return json.withUTF8 { bytes in
        var scanner = Scanner(bytes: bytes)
        guard let value = try? body(&scanner), scanner.index == bytes.count else { return nil }
        return value
      }
    }

    private mutating func list<T>(_ element: (inout Scanner) throws -> T) throws -> [T] {
      try expect("[")
      var items: [T] = []
      if peek() == UInt8(ascii: "]") {
        index += 1
        return items
      }
      while true {
        items.append(try element(&self))
        if peek() == UInt8(ascii: ",") {
          index += 1
          continue
        }
        try expect("]")
        return items
      }
    }

    /// `{"key":"value"` (opening) or `,"key":"value"`.
    private mutating func member(_ key: String, opening: Bool) throws -> String {
      try expect(opening ? "{" : ",")
      guard try string() == key else { throw Mismatch() }
      try expect(":")
      return try string()
    }

    private mutating func string() throws -> String {
      try expect("\"")
      let start = index
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          let text = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
          index += 1
          return text
        }
        // Escapes and control characters are the decoder's to read.
        if byte == UInt8(ascii: "\\") || byte < 0x20 { throw Mismatch() }
        index += 1
      }
      throw Mismatch()
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func expect(_ character: Unicode.Scalar) throws {
      guard peek() == UInt8(ascii: character) else { throw Mismatch() }
      index += 1
    }
  }
}
