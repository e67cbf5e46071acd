import Foundation

/// Everyone who owns or is assigned records is a user with a role. Alone and offline, the
/// local user is an admin.
public struct User: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var name: String
  public var email: String
  public var role: Role
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), name: String, email: String, role: Role,
    createdAt: Date = Date(), updatedAt: Date? = nil
  ) {
    self.id = id
    self.name = name
    self.email = email
    self.role = role
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
  }

  public func validate() throws(ValidationError) {
    try Check.notBlank(name, field: "name")
    try Check.maxLength(name, 200, field: "name")
    try Check.printable(name, field: "name")
    // The local user of a new database may have no address yet.
    if !email.isEmpty { try EmailAddress.check(email, field: "email") }
  }
}

/// What a user may do; the server enforces it, the client shows it.
public enum Role: String, CaseIterable, Hashable, Sendable, Codable {
  case admin, manager, rep
}
