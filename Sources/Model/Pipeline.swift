import Foundation

/// A sales process: an ordered list of stages that deals move through.
public struct Pipeline: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var name: String
  /// Fractional order key among pipelines (see `FractionalIndex`).
  public var position: String
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), name: String, position: String, createdAt: Date = Date(),
    updatedAt: Date? = nil
  ) {
    self.id = id
    self.name = name
    self.position = position
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
  }

  public func validate() throws(ValidationError) {
    try Check.notBlank(name, field: "name")
    try Check.maxLength(name, 100, field: "name")
    try Check.printable(name, field: "name")
  }
}
