import Foundation

/// An organisation that contacts belong to and deals are with.
public struct Company: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var name: String
  public var domain: String?
  public var phone: String?
  public var address: PostalAddress?
  public var industry: String?
  public var ownerId: String?
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), name: String, domain: String? = nil, phone: String? = nil,
    address: PostalAddress? = nil, industry: String? = nil, ownerId: String? = nil,
    createdAt: Date = Date(), updatedAt: Date? = nil
  ) {
    self.id = id
    self.name = name
    self.domain = domain
    self.phone = phone
    self.address = address
    self.industry = industry
    self.ownerId = ownerId
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
  }

  public func validate() throws(ValidationError) {
    try Check.notBlank(name, field: "name")
    try Check.maxLength(name, 200, field: "name")
    try Check.printable(name, field: "name")
    if let domain {
      let ok =
        domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
        && domain.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }
      if !ok { throw ValidationError(field: "domain", "\"\(domain)\" is not a domain name") }
    }
    if let phone { try PhoneNumber.check(phone, field: "phone") }
    try address?.validate()
    try Check.maxLength(industry, 100, field: "industry")
    try Check.printable(industry, field: "industry")
    try Check.id(ownerId, field: "owner")
  }
}
