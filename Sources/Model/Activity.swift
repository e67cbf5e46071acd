import Foundation

/// A task, call or meeting, tied to the deal, contact or company it is about.
public struct Activity: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var kind: ActivityKind
  public var title: String
  public var notes: String?
  /// When a task is due.
  public var dueAt: Date?
  /// When a call or meeting starts and ends.
  public var startAt: Date?
  public var endAt: Date?
  public var allDay: Bool
  public var doneAt: Date?
  public var assigneeId: String?
  /// Reminders as minutes before the activity's time (15, 1440 ...).
  public var reminders: [Int]
  public var dealId: String?
  public var contactId: String?
  public var companyId: String?
  /// Calls only.
  public var callDurationSeconds: Int?
  public var callDirection: CallDirection?
  public var callOutcome: CallOutcome?
  /// How a meeting or task repeats; nil for once. Stored as the rule's JSON text.
  public var recurrence: Recurrence?
  /// Low, normal, high or urgent, as a deal's.
  public var priority: Priority
  public var location: String?
  /// The id the activity has in the calendar it was imported from (an iCalendar UID), so a
  /// re-import updates it instead of adding another; nil for activities made here.
  public var sourceId: String?
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), kind: ActivityKind, title: String, notes: String? = nil,
    dueAt: Date? = nil, startAt: Date? = nil, endAt: Date? = nil, allDay: Bool = false,
    doneAt: Date? = nil, assigneeId: String? = nil, reminders: [Int] = [],
    dealId: String? = nil, contactId: String? = nil, companyId: String? = nil,
    callDurationSeconds: Int? = nil, callDirection: CallDirection? = nil,
    callOutcome: CallOutcome? = nil, recurrence: Recurrence? = nil,
    priority: Priority = .normal, location: String? = nil, sourceId: String? = nil,
    createdAt: Date = Date(), updatedAt: Date? = nil
  ) {
    self.id = id
    self.kind = kind
    self.title = title
    self.notes = notes
    self.dueAt = dueAt
    self.startAt = startAt
    self.endAt = endAt
    self.allDay = allDay
    self.doneAt = doneAt
    self.assigneeId = assigneeId
    self.reminders = reminders
    self.dealId = dealId
    self.contactId = contactId
    self.companyId = companyId
    self.callDurationSeconds = callDurationSeconds
    self.callDirection = callDirection
    self.callOutcome = callOutcome
    self.recurrence = recurrence
    self.priority = priority
    self.location = location
    self.sourceId = sourceId
    self.createdAt = createdAt
    self.updatedAt = updatedAt ?? createdAt
  }

  /// The moment the activity is about: a task's due time, else its start.
  public var when: Date? { kind == .task ? (dueAt ?? startAt) : (startAt ?? dueAt) }

  public var isDone: Bool { doneAt != nil }

  public func isOverdue(now: Date) -> Bool {
    guard !isDone, let when else { return false }
    return when < now
  }

  public func validate() throws(ValidationError) {
    try Check.notBlank(title, field: "title")
    try Check.maxLength(title, 200, field: "title")
    try Check.printable(title, field: "title")
    try Check.maxLength(notes, 20_000, field: "notes")
    try Check.printable(notes, field: "notes", allowNewlines: true)
    if let startAt, let endAt, endAt < startAt {
      throw ValidationError(field: "end", "must not be before the start")
    }
    for minutes in reminders where !(0...(60 * 24 * 60)).contains(minutes) {
      throw ValidationError(field: "reminders", "\(minutes) is not between 0 and 86400 minutes")
    }
    if kind != .call
      && (callDurationSeconds != nil || callDirection != nil || callOutcome != nil)
    {
      throw ValidationError(field: "kind", "only calls have a duration, direction or outcome")
    }
    if let seconds = callDurationSeconds, seconds < 0 {
      throw ValidationError(field: "duration", "must not be negative")
    }
    if let recurrence {
      guard kind != .call else {
        throw ValidationError(field: "repeat", "only meetings and tasks repeat, not calls")
      }
      guard when != nil else {
        throw ValidationError(field: "repeat", "needs a due or start time to repeat from")
      }
      try recurrence.validate(start: when)
    }
    try Check.maxLength(location, 500, field: "location")
    try Check.printable(location, field: "location")
    try Check.maxLength(sourceId, 1_000, field: "sourceId")
    try Check.id(assigneeId, field: "assignee")
    try Check.id(dealId, field: "deal")
    try Check.id(contactId, field: "contact")
    try Check.id(companyId, field: "company")
  }
}

public enum ActivityKind: String, CaseIterable, Hashable, Sendable, Codable {
  case task, call, meeting
}

public enum CallDirection: String, CaseIterable, Hashable, Sendable, Codable {
  case inbound, outbound
}

public enum CallOutcome: String, CaseIterable, Hashable, Sendable, Codable {
  case connected, voicemail
  case noAnswer = "no-answer"
  case busy
  case wrongNumber = "wrong-number"
}

extension Priority {
  /// An RFC 5545 PRIORITY (1 highest ... 9 lowest, nil for none) as the levels: 1 urgent,
  /// 2-4 high, 5 or none normal, 6-9 low (RFC 5545 reads 1-4 as high, 6-9 as low).
  public init(iCalendar value: Int?) {
    switch value {
    case .some(1): self = .urgent
    case .some(2...4): self = .high
    case .some(6...9): self = .low
    default: self = .normal
    }
  }

  /// The PRIORITY written for it: 1 urgent, 2 high, none for normal, 9 low; read back the same.
  public var iCalendar: Int? {
    switch self {
    case .urgent: return 1
    case .high: return 2
    case .normal: return nil
    case .low: return 9
    }
  }
}
