import Foundation
import GRDB
import Model

/// A deal with the names a list shows beside it.
public struct DealSummary: Sendable, Hashable {
  public var deal: Deal
  public var stageName: String
  public var stageKind: StageKind
  public var pipelineName: String
  public var ownerName: String?
  public var companyName: String?
}

/// Which deals a list shows.
public struct DealFilter: Sendable {
  public var pipeline: String?
  public var stage: String?
  public var owner: String?
  public var status: StageKind?
  public var company: String?

  public init(
    pipeline: String? = nil, stage: String? = nil, owner: String? = nil,
    status: StageKind? = nil, company: String? = nil
  ) {
    self.pipeline = pipeline
    self.stage = stage
    self.owner = owner
    self.status = status
    self.company = company
  }
}

/// Everything the deal detail shows.
public struct DealDetail: Sendable {
  public var summary: DealSummary
  public var contacts: [(contact: Contact, role: String?)]
  public var stageHistory: [StageHistoryEntry]
  public var notes: [Note]
  public var activities: [Activity]
}

public struct StageHistoryEntry: Sendable, Hashable {
  public var change: StageChange
  public var fromStageName: String?
  public var toStageName: String
  public var byUserName: String?
  /// Time spent in `toStageName`, up to the next change or to now for the current stage.
  public var duration: TimeInterval
}

extension Store {
  static let summarySelect = """
    SELECT d.*, s.name AS stageName, s.kind AS stageKind, p.name AS pipelineName,
      u.name AS ownerName, c.name AS companyName
    FROM deals d
    JOIN stages s ON s.id = d.stageId
    JOIN pipelines p ON p.id = d.pipelineId
    LEFT JOIN users u ON u.id = d.ownerId
    LEFT JOIN companies c ON c.id = d.companyId
    """

  static func summary(_ row: Row) throws -> DealSummary {
    DealSummary(
      deal: try Deal(row: row), stageName: row["stageName"],
      stageKind: StageKind(rawValue: row["stageKind"]) ?? .open,
      pipelineName: row["pipelineName"], ownerName: row["ownerName"],
      companyName: row["companyName"])
  }

  /// One page of deals, in board order (pipeline, stage, position).
  public func deals(_ filter: DealFilter = DealFilter(), limit: Int = 100, offset: Int = 0) throws
    -> [DealSummary]
  {
    try reader.read { db in
      var conditions = ["d.deleted = 0"]
      var arguments = StatementArguments()
      var pipelineId: String?
      var stageId: String?
      if let key = filter.pipeline {
        pipelineId = try Self.pipeline(db, named: key).id
        conditions.append("d.pipelineId = ?")
        arguments += [pipelineId]
      }
      if let key = filter.stage {
        stageId = try Self.stage(db, named: key, in: pipelineId).id
        conditions.append("d.stageId = ?")
        arguments += [stageId]
      }
      if filter.owner == nil && filter.company == nil {
        return try Self.dealsByStage(
          db, pipelineId: pipelineId, stageId: stageId, status: filter.status, limit: limit,
          offset: offset)
      }
      if let key = filter.owner {
        conditions.append("d.ownerId = ?")
        arguments += [try Self.user(db, named: key).id]
      }
      if let key = filter.company {
        conditions.append("d.companyId = ?")
        arguments += [try Self.company(db, named: key).id]
      }
      if let status = filter.status {
        conditions.append("s.kind = ?")
        arguments += [status.rawValue]
      }
      arguments += [limit, offset]
      return try Row.fetchAll(
        db,
        sql: Self.summarySelect + " WHERE " + conditions.joined(separator: " AND ")
          + " ORDER BY p.position, p.id, s.position, s.id, d.position, d.id LIMIT ? OFFSET ?",
        arguments: arguments
      ).map(Self.summary)
    }
  }

  /// Board order without sorting the whole table: walk the stages in order, skip whole stages
  /// by their trigger-kept counts, and page inside one stage through its index.
  static func dealsByStage(
    _ db: Database, pipelineId: String?, stageId: String?, status: StageKind?, limit: Int,
    offset: Int
  ) throws -> [DealSummary] {
    var conditions = ["s.deleted = 0", "p.deleted = 0"]
    var arguments = StatementArguments()
    if let pipelineId {
      conditions.append("s.pipelineId = ?")
      arguments += [pipelineId]
    }
    if let stageId {
      conditions.append("s.id = ?")
      arguments += [stageId]
    }
    if let status {
      conditions.append("s.kind = ?")
      arguments += [status.rawValue]
    }
    let stages = try Row.fetchAll(
      db,
      sql: """
        SELECT s.id, (SELECT coalesce(sum(t.count), 0) FROM stage_totals t WHERE t.stageId = s.id)
          AS count
        FROM stages s JOIN pipelines p ON p.id = s.pipelineId
        WHERE \(conditions.joined(separator: " AND "))
        ORDER BY p.position, p.id, s.position, s.id
        """, arguments: arguments)
    var skip = offset
    var remaining = limit
    var page: [DealSummary] = []
    for stage in stages where remaining > 0 {
      let count: Int = stage["count"]
      if skip >= count {
        skip -= count
        continue
      }
      let rows = try Row.fetchCursor(
        db,
        sql: summarySelect + """
           WHERE d.id IN (SELECT id FROM deals WHERE deleted = 0 AND stageId = ?
             ORDER BY position, id LIMIT ? OFFSET ?)
          ORDER BY d.position, d.id
          """, arguments: [stage["id"] as String, remaining, skip])
      while let row = try rows.next() { page.append(try summary(row)) }
      remaining = limit - page.count
      skip = 0
    }
    return page
  }

  public func dealDetail(_ key: String, now: Date = Date()) throws -> DealDetail {
    try reader.read { db in
      let id = try Self.resolve(db, .deal, key)
      guard
        let row = try Row.fetchOne(
          db, sql: Self.summarySelect + " WHERE d.id = ?", arguments: [id])
      else { throw StoreError.notFound(entity: "deal", key: key) }
      let contacts = try Row.fetchAll(
        db,
        sql: """
          SELECT c.*, l.role AS linkRole FROM deal_contacts l JOIN contacts c ON c.id = l.contactId
          WHERE l.dealId = ? AND l.deleted = 0 AND c.deleted = 0
          ORDER BY c.lastName COLLATE NOCASE, c.firstName COLLATE NOCASE
          """, arguments: [id]
      ).map { (contact: try Contact(row: $0), role: $0["linkRole"] as String?) }
      let notes = try Note.fetchAll(
        db, sql: "SELECT * FROM notes WHERE dealId = ? AND deleted = 0 ORDER BY createdAt DESC",
        arguments: [id])
      let activities = try Activity.fetchAll(
        db,
        sql: """
          SELECT * FROM activities WHERE dealId = ? AND deleted = 0
          ORDER BY coalesce(startAt, dueAt)
          """, arguments: [id])
      return DealDetail(
        summary: try Self.summary(row), contacts: contacts,
        stageHistory: try Self.stageHistory(db, dealId: id, now: now), notes: notes,
        activities: activities)
    }
  }

  static func stageHistory(_ db: Database, dealId: String, now: Date) throws
    -> [StageHistoryEntry]
  {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT h.*, f.name AS fromName, t.name AS toName, u.name AS userName
        FROM stage_changes h
        LEFT JOIN stages f ON f.id = h.fromStageId
        LEFT JOIN stages t ON t.id = h.toStageId
        LEFT JOIN users u ON u.id = h.byUserId
        WHERE h.dealId = ? AND h.deleted = 0 ORDER BY h.at, h.rid
        """, arguments: [dealId])
    var entries: [StageHistoryEntry] = []
    for (index, row) in rows.enumerated() {
      let change = try StageChange(row: row)
      let end = index + 1 < rows.count ? (rows[index + 1]["at"] as Date) : now
      entries.append(
        StageHistoryEntry(
          change: change, fromStageName: row["fromName"],
          toStageName: row["toName"] ?? change.toStageId, byUserName: row["userName"],
          duration: max(0, end.timeIntervalSince(change.at))))
    }
    return entries
  }
}
