import Foundation
import GRDB
import Model

/// What happened to a contact or company, newest first: its notes and activities, the stage
/// changes of the deals it is linked to, and from the change log when it was created and
/// which fields each later mutation edited.
public struct TimelineEntry: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable {
    case note, activity, stageChange, created, edited
  }

  public var at: Date
  public var kind: Kind
  /// A note's body, an activity's title, "Deal: From → To" for a stage change, the edited
  /// field names ("title, phones") for an edit, empty for a creation.
  public var text: String
  /// The activity of an activity entry, so a screen can mark it overdue (Model's rules, in
  /// the user's zone and at the screen's time); nil for the other kinds.
  public var activity: Activity?

  public init(at: Date, kind: Kind, text: String, activity: Activity? = nil) {
    self.at = at
    self.kind = kind
    self.text = text
    self.activity = activity
  }
}

extension Store {
  /// A contact's timeline: its notes and activities, stage changes of its deals, and its
  /// creation and edits; newest first, at most `limit` entries.
  public func timeline(contact key: String, limit: Int = 200) throws -> [TimelineEntry] {
    try reader.read { db in
      let id = try Self.resolve(db, .contact, key)
      let deals = "SELECT dealId FROM deal_contacts WHERE contactId = ? AND deleted = 0"
      return try Self.timeline(
        db, entity: .contact, id: id, link: "contactId", dealsSQL: deals, limit: limit)
    }
  }

  /// A company's timeline: its notes and activities, stage changes of its deals, and its
  /// creation and edits; newest first, at most `limit` entries.
  public func timeline(company key: String, limit: Int = 200) throws -> [TimelineEntry] {
    try reader.read { db in
      let id = try Self.resolve(db, .company, key)
      let deals = "SELECT id FROM deals WHERE companyId = ? AND deleted = 0"
      return try Self.timeline(
        db, entity: .company, id: id, link: "companyId", dealsSQL: deals, limit: limit)
    }
  }

  /// Fields every write touches: not worth naming in "edited: ...".
  static let unremarkableFields: Set<String> = ["updatedAt", "id", "createdAt"]

  static func timeline(
    _ db: Database, entity: Entity, id: String, link: String, dealsSQL: String, limit: Int
  ) throws -> [TimelineEntry] {
    var entries: [TimelineEntry] = []
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT createdAt, body FROM notes WHERE \(link) = ? AND deleted = 0
        ORDER BY createdAt DESC LIMIT ?
        """, arguments: [id, limit])
    {
      entries.append(TimelineEntry(at: row["createdAt"], kind: .note, text: row["body"]))
    }
    for activity in try Activity.fetchAll(
      db,
      sql: """
        SELECT * FROM activities
        WHERE \(link) = ? AND deleted = 0
        ORDER BY coalesce(doneAt, startAt, dueAt, createdAt) DESC LIMIT ?
        """, arguments: [id, limit])
    {
      let at = activity.doneAt ?? activity.startAt ?? activity.dueAt ?? activity.createdAt
      entries.append(
        TimelineEntry(at: at, kind: .activity, text: activity.title, activity: activity))
    }
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT h.at, d.title, f.name AS fromName, s.name AS toName FROM stage_changes h
        JOIN deals d ON d.id = h.dealId
        LEFT JOIN stages f ON f.id = h.fromStageId
        LEFT JOIN stages s ON s.id = h.toStageId
        WHERE h.deleted = 0 AND h.dealId IN (\(dealsSQL))
        ORDER BY h.at DESC LIMIT ?
        """, arguments: [id, limit])
    {
      let title: String = row["title"]
      let to: String = row["toName"] ?? "?"
      let from: String? = row["fromName"]
      let move = from.map { "\($0) → \(to)" } ?? to
      entries.append(TimelineEntry(at: row["at"], kind: .stageChange, text: "\(title): \(move)"))
    }
    // One entry per mutation of the record: the first created it, the others edited fields
    // (a record snapshot, `RecordSnapshot`, names its fields as the keys of its object).
    let changes = try Row.fetchAll(
      db,
      sql: """
        SELECT l.mutation, min(l.seq) AS seq,
          group_concat(
            CASE WHEN l.field = '*'
              THEN (SELECT group_concat(key, ',') FROM json_each(l.value)) ELSE l.field END,
            ',') AS fields,
          m.at
        FROM change_log l JOIN mutations m ON m.id = l.mutation
        WHERE l.entity = ? AND l.recordId = ?
        GROUP BY l.mutation ORDER BY seq
        """, arguments: [entity.rawValue, id])
    for (index, row) in changes.enumerated() {
      let at: Date = row["at"]
      if index == 0 {
        entries.append(TimelineEntry(at: at, kind: .created, text: ""))
        continue
      }
      var seen: Set<String> = []
      let fields = (row["fields"] as String? ?? "").split(separator: ",").map(String.init)
        .filter { !unremarkableFields.contains($0) && seen.insert($0).inserted }
      guard !fields.isEmpty else { continue }
      entries.append(TimelineEntry(at: at, kind: .edited, text: fields.joined(separator: ", ")))
    }
    // Newest first; at the same moment, the later kind of record (edit after creation) first.
    let order: [TimelineEntry.Kind: Int] = [
      .created: 0, .edited: 1, .stageChange: 2, .activity: 3, .note: 4,
    ]
    entries.sort { a, b in
      a.at != b.at ? a.at > b.at : order[a.kind, default: 0] > order[b.kind, default: 0]
    }
    return Array(entries.prefix(limit))
  }
}
