import Foundation

/// One column of a pipeline. Its kind says whether a deal in it is still open, won or lost;
/// its probability weights the forecast; its rot period flags deals that sit too long.
public struct Stage: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var pipelineId: String
  public var name: String
  /// Fractional order key within the pipeline.
  public var position: String
  public var kind: StageKind
  /// Chance of winning a deal in this stage, 0 to 100.
  public var probability: Int
  /// Days without change after which a deal in this stage is rotting; nil: never.
  public var rotDays: Int?
  /// Deal fields that must be set before a deal may enter this stage (transition rule).
  public var requiredFields: [String]
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), pipelineId: String, name: String, position: String,
    kind: StageKind = .open, probability: Int, rotDays: Int? = nil,
    requiredFields: [String] = [], createdAt: Date = Date(), updatedAt: Date? = nil
  ) {
    self.id = id
    self.pipelineId = pipelineId
    self.name = name
    self.position = position
    self.kind = kind
    self.probability = probability
    self.rotDays = rotDays
    self.requiredFields = requiredFields
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
  }

  public func validate() throws(ValidationError) {
    try Check.notBlank(name, field: "name")
    try Check.maxLength(name, 100, field: "name")
    try Check.printable(name, field: "name")
    guard (0...100).contains(probability) else {
      throw ValidationError(field: "probability", "must be between 0 and 100")
    }
    if let rotDays, !(1...3650).contains(rotDays) {
      throw ValidationError(field: "rotDays", "must be between 1 and 3650 days")
    }
    for field in requiredFields where !Deal.requirableFields.contains(field) {
      throw ValidationError(
        field: "requiredFields",
        "\"\(field)\" is not a deal field (one of \(Deal.requirableFields.joined(separator: ", ")))"
      )
    }
  }

  /// The transition rule: what a deal lacks to enter this stage, as the first missing field.
  public func admits(_ deal: Deal) throws(ValidationError) {
    if kind == .lost && (deal.lostReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError(field: "lostReason", "is required to move a deal to \"\(name)\"")
    }
    for field in requiredFields where !deal.has(field) {
      throw ValidationError(field: field, "is required to move a deal to \"\(name)\"")
    }
  }
}

public enum StageKind: String, CaseIterable, Hashable, Sendable, Codable {
  case open, won, lost
}

/// The stages a new pipeline starts with, in order, as Bigin and Pipedrive ship theirs.
public struct StageTemplate: Sendable {
  public let name: String
  public let kind: StageKind
  public let probability: Int
  public let rotDays: Int?

  public init(name: String, kind: StageKind, probability: Int, rotDays: Int?) {
    self.name = name
    self.kind = kind
    self.probability = probability
    self.rotDays = rotDays
  }

  public static let defaults: [StageTemplate] = [
    StageTemplate(name: "Qualification", kind: .open, probability: 10, rotDays: 14),
    StageTemplate(name: "Contact made", kind: .open, probability: 25, rotDays: 14),
    StageTemplate(name: "Proposal", kind: .open, probability: 50, rotDays: 21),
    StageTemplate(name: "Negotiation", kind: .open, probability: 75, rotDays: 21),
    StageTemplate(name: "Won", kind: .won, probability: 100, rotDays: nil),
    StageTemplate(name: "Lost", kind: .lost, probability: 0, rotDays: nil),
  ]
}
