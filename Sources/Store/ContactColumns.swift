import Foundation
import GRDB
import Model

/// A record that writes its columns straight into database values, without the Codable
/// round trip through GRDB's `databaseDictionary` (a JSONEncoder per array column, a
/// DateFormatter per date): an import writes a hundred thousand contacts, and the generic
/// path was a quarter of its Swift time. The values must be exactly what Codable writes,
/// column for column (ContactColumnsTests compares the two).
protocol ColumnEncodedRecord {
  /// Every column the Codable encoding writes, in name order (as `databaseDictionary`
  /// sorted by key gives them).
  static var sortedColumns: [String] { get }
  /// The values of `sortedColumns`, in that order.
  func columnValues(dates: inout DateColumns) throws -> [DatabaseValue]
}

/// Dates as GRDB stores them ("yyyy-MM-dd HH:mm:ss.SSS", UTC), formatted by GRDB itself but
/// once per distinct date: the records of one mutation mostly carry the mutation's time.
struct DateColumns {
  private var last: (date: Date, value: DatabaseValue)?

  mutating func value(_ date: Date) -> DatabaseValue {
    if let last, last.date == date { return last.value }
    let value = date.databaseValue
    last = (date, value)
    return value
  }
}

extension Contact: ColumnEncodedRecord {
  static let sortedColumns = [
    "address", "companyId", "createdAt", "emailOptOut", "emails", "firstName", "id", "lastName",
    "ownerId", "phones", "tags", "title", "updatedAt",
  ]

  func columnValues(dates: inout DateColumns) throws -> [DatabaseValue] {
    [
      try address.map { try ColumnJSON.address($0) }?.databaseValue ?? .null,
      companyId?.databaseValue ?? .null,
      dates.value(createdAt),
      emailOptOut.databaseValue,
      try ColumnJSON.emails(emails).databaseValue,
      firstName.databaseValue,
      id.databaseValue,
      lastName.databaseValue,
      ownerId?.databaseValue ?? .null,
      try ColumnJSON.phones(phones).databaseValue,
      try ColumnJSON.tags(tags).databaseValue,
      title?.databaseValue ?? .null,
      dates.value(updatedAt),
    ]
  }
}

/// The JSON that GRDB's encoder (Foundation's JSONEncoder, sorted keys) writes for a
/// contact's array and address columns. Strings that JSON must escape (quotes, backslashes,
/// slashes, control characters) are rare in contact data; a value holding one is handed
/// to that same encoder, so the output is byte for byte the same either way.
enum ColumnJSON {
  static func emails(_ emails: [EmailAddress]) throws -> String {
    guard emails.allSatisfy({ isPlain($0.address) }) else { return try encoded(emails) }
    var out = "["
    for (index, email) in emails.enumerated() {
      if index > 0 { out += "," }
      out += "{\"address\":\"" + email.address + "\",\"type\":\"" + email.type.rawValue + "\"}"
    }
    return out + "]"
  }

  static func phones(_ phones: [PhoneNumber]) throws -> String {
    guard phones.allSatisfy({ isPlain($0.number) }) else { return try encoded(phones) }
    var out = "["
    for (index, phone) in phones.enumerated() {
      if index > 0 { out += "," }
      out += "{\"number\":\"" + phone.number + "\",\"type\":\"" + phone.type.rawValue + "\"}"
    }
    return out + "]"
  }

  static func tags(_ tags: [String]) throws -> String {
    guard tags.allSatisfy(isPlain) else { return try encoded(tags) }
    var out = "["
    for (index, tag) in tags.enumerated() {
      if index > 0 { out += "," }
      out += "\"" + tag + "\""
    }
    return out + "]"
  }

  static func address(_ a: PostalAddress) throws -> String {
    guard [a.street, a.city, a.region, a.postalCode, a.country].allSatisfy(isPlain) else {
      return try encoded(a)
    }
    return "{\"city\":\"" + a.city + "\",\"country\":\"" + a.country + "\",\"postalCode\":\""
      + a.postalCode + "\",\"region\":\"" + a.region + "\",\"street\":\"" + a.street + "\"}"
  }

  /// True when JSON writes the string as it is, between quotes.
  static func isPlain(_ text: String) -> Bool {
    text.utf8.allSatisfy { byte in
      byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
        && byte != UInt8(ascii: "/")
    }
  }

  private static func encoded(_ value: some Encodable) throws -> String {
    // The encoder GRDB's Codable path uses for every JSON column of a record.
    String(decoding: try Contact.databaseJSONEncoder(for: "").encode(value), as: UTF8.self)
  }
}
