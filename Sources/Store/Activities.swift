import Foundation
import GRDB
import Model

/// Activities and notes.
extension Store {
  @discardableResult
  public func createActivity(_ activity: Activity, now: Date = Date()) throws -> Activity {
    try createRecord(activity, label: "add activity \(activity.title)", now: now) {
      (a) throws(ValidationError) in try a.validate()
    }
  }

  @discardableResult
  public func editActivity(
    _ key: String, now: Date = Date(), _ change: (inout Activity) throws -> Void
  ) throws -> Activity {
    try editRecord(
      Activity.self, key, label: "edit activity \(key)", now: now,
      validate: { (a) throws(ValidationError) in try a.validate() }, change)
  }

  public func deleteActivity(_ key: String, now: Date = Date()) throws {
    try deleteRecord(Activity.self, key, label: "delete activity \(key)", now: now)
  }

  /// Marks an activity done at `now` (keeping an earlier done time), or not done again.
  @discardableResult
  public func setActivityDone(_ key: String, _ done: Bool, now: Date = Date()) throws -> Activity {
    try editRecord(
      Activity.self, key, label: "\(done ? "done" : "undone") activity \(key)", now: now,
      validate: { (a) throws(ValidationError) in try a.validate() }
    ) { a in a.doneAt = done ? (a.doneAt ?? now) : nil }
  }

  /// Moves an activity's times (due, start and end alike) by `seconds`, so it keeps its
  /// length.
  @discardableResult
  public func rescheduleActivity(_ key: String, by seconds: TimeInterval, now: Date = Date())
    throws -> Activity
  {
    try editRecord(
      Activity.self, key, label: "reschedule activity \(key)", now: now,
      validate: { (a) throws(ValidationError) in try a.validate() }
    ) { a in
      guard a.when != nil else {
        throw StoreError.invalid(ValidationError(field: "when", "the activity has no time to move"))
      }
      a.dueAt = a.dueAt?.addingTimeInterval(seconds)
      a.startAt = a.startAt?.addingTimeInterval(seconds)
      a.endAt = a.endAt?.addingTimeInterval(seconds)
    }
  }

  /// Moves an activity so that its time (`Activity.when`) is `date`, keeping its length.
  @discardableResult
  public func rescheduleActivity(_ key: String, to date: Date, now: Date = Date()) throws
    -> Activity
  {
    let current = try activity(key)
    guard let when = current.when else {
      throw StoreError.invalid(ValidationError(field: "when", "the activity has no time to move"))
    }
    return try rescheduleActivity(current.id, by: date.timeIntervalSince(when), now: now)
  }

  /// Marks one occurrence of a recurring activity done at `now`: the series leaves it out and
  /// it becomes a done activity of its own at the occurrence's time (Model's
  /// `Activity.detaching`), in one mutation that `undo` takes back whole. Returns that
  /// activity. The series' other occurrences, its start and its count stay as they were.
  @discardableResult
  public func setOccurrenceDone(
    _ key: String, occurrence: Date, zone: TimeZone = .current, now: Date = Date()
  ) throws -> Activity {
    try detachOccurrence(key, occurrence, zone: zone, label: "done occurrence", now: now) {
      $0.doneAt = now
    }
  }

  /// Moves one occurrence of a recurring activity to `date` (keeping its length): the series
  /// leaves it out and it becomes an activity of its own at the new time, in one mutation.
  @discardableResult
  public func rescheduleOccurrence(
    _ key: String, occurrence: Date, to date: Date, zone: TimeZone = .current,
    now: Date = Date()
  ) throws -> Activity {
    try detachOccurrence(key, occurrence, zone: zone, label: "reschedule occurrence", now: now) {
      $0 = $0.moved(toOccurrence: date)
    }
  }

  private func detachOccurrence(
    _ key: String, _ occurrence: Date, zone: TimeZone, label: String, now: Date,
    _ change: (inout Activity) -> Void
  ) throws -> Activity {
    try mutate("\(label) \(key)", now: now) { w in
      let old = try Self.fetch(w.db, Activity.self, key)
      guard old.isRecurring else {
        throw StoreError.invalid(
          ValidationError(field: "occurrence", "\"\(old.title)\" does not repeat"))
      }
      guard old.hasOccurrence(at: occurrence, zone: zone) else {
        throw StoreError.invalid(
          ValidationError(
            field: "occurrence",
            "\"\(old.title)\" has no occurrence at \(ISO8601DateFormatter().string(from: occurrence))"
          ))
      }
      var (series, single) = old.detaching(occurrence, now: w.now)
      change(&single)
      series.updatedAt = w.now
      try validated { () throws(ValidationError) in
        try series.validate()
        try single.validate()
      }
      try w.insert(single)
      _ = try w.update(series, from: old)
      return single
    }
  }

  /// Gives an activity to a user (name, email or id), or to nobody with nil.
  @discardableResult
  public func assignActivity(_ key: String, to user: String?, now: Date = Date()) throws
    -> Activity
  {
    try mutate("assign activity \(key)", now: now) { w in
      let old = try Self.fetch(w.db, Activity.self, key)
      var new = old
      new.assigneeId = try user.map { try Self.user(w.db, named: $0).id }
      if try w.update(new, from: old) {
        var stamped = new
        stamped.updatedAt = w.now
        try w.update(stamped, from: new)
        return stamped
      }
      return new
    }
  }

  public func activity(_ key: String) throws -> Activity {
    try reader.read { db in try Self.fetch(db, Activity.self, key) }
  }

  /// Activities whose time falls in [from, to), in time order, optionally one assignee's and
  /// only open ones (`onlyOnce`: leaving out the open recurring ones, which the variant with
  /// `occurrences` lists per occurrence).
  public func activities(
    from: Date? = nil, to: Date? = nil, assignee: String? = nil, openOnly: Bool = false,
    deal: String? = nil, onlyOnce: Bool = false, limit: Int = 100, offset: Int = 0
  ) throws -> [Activity] {
    try reader.read { db in
      var conditions: [String] = []
      var arguments = StatementArguments()
      if onlyOnce { conditions.append("(recurrence IS NULL OR doneAt IS NOT NULL)") }
      if let from {
        conditions.append("coalesce(startAt, dueAt) >= ?")
        arguments += [from]
      }
      if let to {
        conditions.append("coalesce(startAt, dueAt) < ?")
        arguments += [to]
      }
      if let assignee {
        conditions.append("assigneeId = ?")
        arguments += [try Self.user(db, named: assignee).id]
      }
      if let deal {
        conditions.append("dealId = ?")
        arguments += [try Self.resolve(db, .deal, deal)]
      }
      if openOnly { conditions.append("doneAt IS NULL") }
      return try Self.page(
        db, Activity.self, where: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "),
        arguments, orderBy: "coalesce(startAt, dueAt), id", limit: limit, offset: offset)
    }
  }

  /// As `activities(from:to:...)`, with each open recurring activity once per occurrence that
  /// starts in `occurrences` (a copy at its time, its id the series'), sorted in among those
  /// that happen once; a done series shows once, as an activity that happens once does.
  /// Occurrences follow the rule's zone, else `zone`; at most 10,000 of them.
  public func activities(
    from: Date?, to: Date?, occurrences range: Range<Date>, zone: TimeZone,
    assignee: String? = nil, openOnly: Bool = false, deal: String? = nil, limit: Int = 100,
    offset: Int = 0
  ) throws -> [Activity] {
    let once = try activities(
      from: from, to: to, assignee: assignee, openOnly: openOnly, deal: deal,
      onlyOnce: true, limit: offset + limit, offset: 0)
    let repeated = try reader.read { db in
      var sql = """
        SELECT * FROM activities
        WHERE deleted = 0 AND recurrence IS NOT NULL AND doneAt IS NULL
          AND coalesce(startAt, dueAt) < ?
        """
      var arguments: StatementArguments = [range.upperBound]
      if let assignee {
        sql += " AND assigneeId = ?"
        arguments += [try Self.user(db, named: assignee).id]
      }
      if let deal {
        sql += " AND dealId = ?"
        arguments += [try Self.resolve(db, .deal, deal)]
      }
      var result: [Activity] = []
      let series = try Activity.fetchCursor(db, sql: sql, arguments: arguments)
      while let activity = try series.next(), result.count < 10_000 {
        result += activity.occurrences(in: range, zone: zone, limit: 10_000 - result.count)
      }
      return result
    }
    let merged = (once + repeated).sorted {
      ($0.when ?? .distantPast, $0.id) < ($1.when ?? .distantPast, $1.id)
    }
    return Array(merged.dropFirst(offset).prefix(limit))
  }

  @discardableResult
  public func createNote(_ note: Note, now: Date = Date()) throws -> Note {
    try createRecord(note, label: "add note", now: now) { (n) throws(ValidationError) in
      try n.validate()
    }
  }

  @discardableResult
  public func editNote(_ key: String, now: Date = Date(), _ change: (inout Note) throws -> Void)
    throws -> Note
  {
    try editRecord(
      Note.self, key, label: "edit note \(key)", now: now,
      validate: { (n) throws(ValidationError) in try n.validate() }, change)
  }

  public func deleteNote(_ key: String, now: Date = Date()) throws {
    try deleteRecord(Note.self, key, label: "delete note \(key)", now: now)
  }

  public func note(_ key: String) throws -> Note {
    try reader.read { db in try Self.fetch(db, Note.self, key) }
  }

  /// Notes, newest first, optionally of one deal, contact or company.
  public func notes(
    deal: String? = nil, contact: String? = nil, company: String? = nil, limit: Int = 100,
    offset: Int = 0
  ) throws -> [Note] {
    try reader.read { db in
      var conditions: [String] = []
      var arguments = StatementArguments()
      if let deal {
        conditions.append("dealId = ?")
        arguments += [try Self.resolve(db, .deal, deal)]
      }
      if let contact {
        conditions.append("contactId = ?")
        arguments += [try Self.resolve(db, .contact, contact)]
      }
      if let company {
        conditions.append("companyId = ?")
        arguments += [try Self.company(db, named: company).id]
      }
      return try Self.page(
        db, Note.self, where: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "),
        arguments, orderBy: "createdAt DESC, id DESC", limit: limit, offset: offset)
    }
  }
}
