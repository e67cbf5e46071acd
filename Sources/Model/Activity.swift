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
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), kind: ActivityKind, title: String, notes: String? = nil,
    dueAt: Date? = nil, startAt: Date? = nil, endAt: Date? = nil, allDay: Bool = false,
    doneAt: Date? = nil, assigneeId: String? = nil, reminders: [Int] = [],
    dealId: String? = nil, contactId: String? = nil, companyId: String? = nil,
    callDurationSeconds: Int? = nil, callDirection: CallDirection? = nil,
    callOutcome: CallOutcome? = nil, createdAt: Date = Date(), updatedAt: Date? = nil
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
