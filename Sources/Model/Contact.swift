import Foundation

/// A person: the fields Bigin and vCard carry.
public struct Contact: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var firstName: String
  public var lastName: String
  public var title: String?
  public var emails: [EmailAddress]
  public var phones: [PhoneNumber]
  public var address: PostalAddress?
  public var tags: [String]
  public var companyId: String?
  public var ownerId: String?
  /// The contact asked not to be emailed.
  public var emailOptOut: Bool
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), firstName: String, lastName: String = "",
    title: String? = nil, emails: [EmailAddress] = [], phones: [PhoneNumber] = [],
    address: PostalAddress? = nil, tags: [String] = [], companyId: String? = nil,
    ownerId: String? = nil, emailOptOut: Bool = false, createdAt: Date = Date(),
    updatedAt: Date? = nil
  ) {
    self.id = id
    self.firstName = firstName
    self.lastName = lastName
    self.title = title
    self.emails = emails
    self.phones = phones
    self.address = address
    self.tags = tags
    self.companyId = companyId
    self.ownerId = ownerId
    self.emailOptOut = emailOptOut
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
  }

  /// "First Last", or whichever part exists.
  public var fullName: String {
    [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ")
  }

  public func validate() throws(ValidationError) {
    // A visible ASCII character anywhere in either name is a name (no need to trim).
    let visible = { (text: String) in text.utf8.contains { (0x21...0x7E).contains($0) } }
    if !visible(firstName) && !visible(lastName)
      && fullName.trimmingCharacters(in: .whitespaces).isEmpty
    {
      throw ValidationError(field: "firstName", "a contact needs a first or last name")
    }
    for (value, field) in [(firstName, "firstName"), (lastName, "lastName")] {
      try Check.maxLength(value, 100, field: field)
      try Check.printable(value, field: field)
    }
    try Check.maxLength(title, 200, field: "title")
    try Check.printable(title, field: "title")
    for email in emails { try EmailAddress.check(email.address, field: "email") }
    for phone in phones { try PhoneNumber.check(phone.number, field: "phone") }
    for tag in tags {
      try Check.notBlank(tag, field: "tags")
      try Check.maxLength(tag, 50, field: "tags")
      try Check.printable(tag, field: "tags")
    }
    try address?.validate()
    try Check.id(companyId, field: "company")
    try Check.id(ownerId, field: "owner")
  }
}

/// The kind of an email address or phone number, as vCard's TYPE parameter names them.
public enum ContactPointType: String, CaseIterable, Hashable, Sendable, Codable {
  case work, home, mobile, fax, other
}

public struct EmailAddress: Hashable, Sendable, Codable {
  public var address: String
  public var type: ContactPointType

  public init(_ address: String, type: ContactPointType = .work) {
    self.address = address
    self.type = type
  }

  /// A practical check, not RFC 5322: one @, something on each side, a dot in the domain,
  /// no spaces.
  public static func check(_ address: String, field: String) throws(ValidationError) {
    if let valid = checkASCII(address) {
      guard valid else {
        throw ValidationError(field: field, "\"\(address)\" is not an email address")
      }
      return
    }
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
      !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
      !address.contains(where: { $0.isWhitespace || $0.isNewline }), address.count <= 254
    else {
      throw ValidationError(field: field, "\"\(address)\" is not an email address")
    }
  }

  /// The same check on the bytes of an ASCII address (nearly all of them: an import checks
  /// a hundred thousand); nil for one that is not ASCII.
  static func checkASCII(_ address: String) -> Bool? {
    let bytes = address.utf8
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    guard bytes.count <= 254, let at = bytes.firstIndex(of: UInt8(ascii: "@")),
      at != bytes.startIndex
    else { return false }
    let domain = bytes[bytes.index(after: at)...]
    let dot = UInt8(ascii: ".")
    return !domain.contains(UInt8(ascii: "@")) && domain.contains(dot) && domain.first != dot
      && domain.last != dot
      && !bytes.contains { $0 == 0x20 || (0x09...0x0D).contains($0) }
  }
}

public struct PhoneNumber: Hashable, Sendable, Codable {
  public var number: String
  public var type: ContactPointType

  public init(_ number: String, type: ContactPointType = .work) {
    self.number = number
    self.type = type
  }

  /// Digits with the usual punctuation; at least three digits.
  public static func check(_ number: String, field: String) throws(ValidationError) {
    if let valid = checkASCII(number) {
      guard valid else {
        throw ValidationError(field: field, "\"\(number)\" is not a phone number")
      }
      return
    }
    let allowed = Set("0123456789+-() ./x")
    let digits = number.filter(\.isASCII).filter(\.isNumber).count
    guard digits >= 3, number.count <= 40, number.allSatisfy({ allowed.contains($0) }) else {
      throw ValidationError(field: field, "\"\(number)\" is not a phone number")
    }
  }

  /// The same check on the bytes of an ASCII number; nil for one that is not ASCII.
  static func checkASCII(_ number: String) -> Bool? {
    let bytes = number.utf8
    guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
    var digits = 0
    for byte in bytes {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
      case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: ")"),
        UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "x"):
        continue
      default: return false
      }
    }
    return digits >= 3 && bytes.count <= 40
  }

  /// Digits only (a leading + kept), for duplicate detection.
  public var normalized: String {
    let digits = number.filter { $0.isASCII && $0.isNumber }
    return number.hasPrefix("+") ? "+" + digits : digits
  }
}

public struct PostalAddress: Hashable, Sendable, Codable {
  public var street: String
  public var city: String
  public var region: String
  public var postalCode: String
  public var country: String

  public init(
    street: String = "", city: String = "", region: String = "", postalCode: String = "",
    country: String = ""
  ) {
    self.street = street
    self.city = city
    self.region = region
    self.postalCode = postalCode
    self.country = country
  }

  public var isEmpty: Bool {
    [street, city, region, postalCode, country].allSatisfy { $0.isEmpty }
  }

  /// One line for lists: "12 Main St, Springfield, 12345, US".
  public var singleLine: String {
    [street, city, region, postalCode, country].filter { !$0.isEmpty }.joined(separator: ", ")
  }

  public func validate() throws(ValidationError) {
    for part in [street, city, region, postalCode, country] {
      try Check.maxLength(part, 200, field: "address")
      try Check.printable(part, field: "address", allowNewlines: true)
    }
  }
}
