import Foundation

/// Free text about a deal, contact or company. Notes are append-only in sync: they merge by
/// union, so two reps writing notes offline both keep theirs.
public struct Note: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var body: String
  public var authorId: String?
  public var dealId: String?
  public var contactId: String?
  public var companyId: String?
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), body: String, authorId: String? = nil,
    dealId: String? = nil, contactId: String? = nil, companyId: String? = nil,
    createdAt: Date = Date(), updatedAt: Date? = nil
  ) {
    self.id = id
    self.body = body
    self.authorId = authorId
    self.dealId = dealId
    self.contactId = contactId
    self.companyId = companyId
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
  }

  public func validate() throws(ValidationError) {
    try Check.notBlank(body, field: "body")
    try Check.maxLength(body, 100_000, field: "body")
    try Check.printable(body, field: "body", allowNewlines: true)
    if dealId == nil && contactId == nil && companyId == nil {
      throw ValidationError(field: "link", "a note belongs to a deal, a contact or a company")
    }
  }
}

/// A contact's part in a deal ("decision maker", "champion").
public struct DealContact: Identifiable, Hashable, Sendable, Codable {
  /// "<dealId>:<contactId>": one link per pair, whichever replica makes it.
  public var id: String
  public var dealId: String
  public var contactId: String
  public var role: String?

  public init(dealId: String, contactId: String, role: String? = nil) {
    self.id = "\(dealId):\(contactId)"
    self.dealId = dealId
    self.contactId = contactId
    self.role = role
  }
}
