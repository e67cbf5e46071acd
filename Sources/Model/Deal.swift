import Foundation

/// A sales opportunity: it sits in exactly one stage of one pipeline.
public struct Deal: Identifiable, Hashable, Sendable {
  public var id: String
  public var title: String
  public var value: Money
  public var priority: Priority
  public var closeDate: Day?
  public var ownerId: String?
  public var companyId: String?
  public var pipelineId: String
  public var stageId: String
  /// Fractional order key within the stage: concurrent reorders never collide.
  public var position: String
  public var lostReason: String?
  public var createdAt: Date
  public var updatedAt: Date
  /// When the deal last entered its stage: gives time-in-stage.
  public var stageChangedAt: Date

  public init(
    id: String = UUIDv7.generate(), title: String, value: Money, priority: Priority = .normal,
    closeDate: Day? = nil, ownerId: String? = nil, companyId: String? = nil,
    pipelineId: String, stageId: String, position: String, lostReason: String? = nil,
    createdAt: Date = Date(), updatedAt: Date? = nil, stageChangedAt: Date? = nil
  ) {
    self.id = id
    self.title = title
    self.value = value
    self.priority = priority
    self.closeDate = closeDate
    self.ownerId = ownerId
    self.companyId = companyId
    self.pipelineId = pipelineId
    self.stageId = stageId
    self.position = position
    self.lostReason = lostReason
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
    self.stageChangedAt = stageChangedAt ?? createdAt
  }

  public func validate() throws(ValidationError) {
    try Check.notBlank(title, field: "title")
    try Check.maxLength(title, 200, field: "title")
    try Check.printable(title, field: "title")
    if value.minorUnits < 0 { throw ValidationError(field: "value", "must not be negative") }
    try Check.maxLength(lostReason, 500, field: "lostReason")
    try Check.printable(lostReason, field: "lostReason")
    try Check.id(ownerId, field: "owner")
    try Check.id(companyId, field: "company")
  }

  /// Fields a stage may require before a deal enters it.
  public static let requirableFields = ["value", "closeDate", "owner", "company", "lostReason"]

  /// Whether a requirable field holds something.
  public func has(_ field: String) -> Bool {
    switch field {
    case "value": return value.minorUnits > 0
    case "closeDate": return closeDate != nil
    case "owner": return ownerId != nil
    case "company": return companyId != nil
    case "lostReason": return !(lostReason ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    default: return false
    }
  }

  /// The closing date has passed and the deal is still open.
  public func isOverdue(today: Day, stageKind: StageKind) -> Bool {
    guard stageKind == .open, let closeDate else { return false }
    return closeDate < today
  }

  /// Nothing happened for longer than the stage allows.
  public func isRotting(now: Date, stage: Stage) -> Bool {
    guard stage.kind == .open, let days = stage.rotDays else { return false }
    return now.timeIntervalSince(max(updatedAt, stageChangedAt)) > Double(days) * 86_400
  }
}

public enum Priority: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
  case low, normal, high, urgent

  private var rank: Int { Priority.allCases.firstIndex(of: self)! }
  public static func < (a: Priority, b: Priority) -> Bool { a.rank < b.rank }
}

/// The columns of a deal as stored and synced: money is flattened into minor units and a
/// currency code so it can be summed in SQL without floating point.
extension Deal: Codable {
  enum CodingKeys: String, CodingKey {
    case id, title, valueMinor, currency, priority, closeDate, ownerId, companyId, pipelineId
    case stageId, position, lostReason, createdAt, updatedAt, stageChangedAt
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(String.self, forKey: .id)
    title = try c.decode(String.self, forKey: .title)
    value = Money(
      minorUnits: try c.decode(Int64.self, forKey: .valueMinor),
      currency: try c.decode(Currency.self, forKey: .currency))
    priority = try c.decode(Priority.self, forKey: .priority)
    closeDate = try c.decodeIfPresent(Day.self, forKey: .closeDate)
    ownerId = try c.decodeIfPresent(String.self, forKey: .ownerId)
    companyId = try c.decodeIfPresent(String.self, forKey: .companyId)
    pipelineId = try c.decode(String.self, forKey: .pipelineId)
    stageId = try c.decode(String.self, forKey: .stageId)
    position = try c.decode(String.self, forKey: .position)
    lostReason = try c.decodeIfPresent(String.self, forKey: .lostReason)
    createdAt = try c.decode(Date.self, forKey: .createdAt)
    updatedAt = try c.decode(Date.self, forKey: .updatedAt)
    stageChangedAt = try c.decode(Date.self, forKey: .stageChangedAt)
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(title, forKey: .title)
    try c.encode(value.minorUnits, forKey: .valueMinor)
    try c.encode(value.currency, forKey: .currency)
    try c.encode(priority, forKey: .priority)
    try c.encode(closeDate, forKey: .closeDate)
    try c.encode(ownerId, forKey: .ownerId)
    try c.encode(companyId, forKey: .companyId)
    try c.encode(pipelineId, forKey: .pipelineId)
    try c.encode(stageId, forKey: .stageId)
    try c.encode(position, forKey: .position)
    try c.encode(lostReason, forKey: .lostReason)
    try c.encode(createdAt, forKey: .createdAt)
    try c.encode(updatedAt, forKey: .updatedAt)
    try c.encode(stageChangedAt, forKey: .stageChangedAt)
  }
}

/// One entry of a deal's stage history: append-only, merged by union across replicas.
public struct StageChange: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var dealId: String
  /// Nil for the entry that records the deal's creation in its first stage.
  public var fromStageId: String?
  public var toStageId: String
  public var at: Date
  public var byUserId: String?

  public init(
    id: String = UUIDv7.generate(), dealId: String, fromStageId: String?, toStageId: String,
    at: Date, byUserId: String?
  ) {
    self.id = id
    self.dealId = dealId
    self.fromStageId = fromStageId
    self.toStageId = toStageId
    self.at = at
    self.byUserId = byUserId
  }
}
