import Foundation
import GRDB
import Model

/// What one bulk load wrote.
public struct BulkInsertResult: Sendable {
  /// The deals as stored: titles trimmed, positions assigned.
  public var deals: [Deal]
  /// Rows appended to the change log by the load (one per field of every record).
  public var changeLogEntries: Int
}

/// Loading many records at once (imports, generated benchmark data) through the ordinary write
/// path: one mutation, so one transaction, per call. Every record is validated as its single
/// create validates it, every link must name a live record (or one earlier in the same call),
/// every field gets its change-log entry, and the triggers keep the stage totals, the email
/// index and full-text search in step. Callers load large sets in batches of a few thousand
/// records, which keeps each transaction short for other readers and writers of the file.
extension Store {
  /// Inserts companies, then contacts, then deals, then deal-contact links, then activities,
  /// so that each may point at records of the kinds before it in the same call.
  ///
  /// Deals are appended at the bottom of their stage in the order given (their `position` is
  /// replaced), and each starts its stage history with an entry from no stage, stamped with
  /// the deal's `createdAt`. If anything is invalid, nothing is written.
  @discardableResult
  public func bulkInsert(
    companies: [Company] = [], contacts: [Contact] = [], deals: [Deal] = [],
    dealContacts: [DealContact] = [], activities: [Activity] = [], label: String,
    now: Date = Date()
  ) throws -> BulkInsertResult {
    try mutate(label, now: now) { w in
      for company in companies {
        try validated { () throws(ValidationError) in try company.validate() }
        try Self.checkLinks(w.db, company)
        try w.insert(company)
      }
      for contact in contacts {
        try validated { () throws(ValidationError) in try contact.validate() }
        try Self.checkLinks(w.db, contact)
        try w.insert(contact)
      }
      let stored = try Self.bulkInsertDeals(w, deals)
      for link in dealContacts {
        try Self.requireLive(w.db, .deal, link.dealId, field: "deal")
        try Self.requireLive(w.db, .contact, link.contactId, field: "contact")
        try w.insert(link)
      }
      for activity in activities {
        try validated { () throws(ValidationError) in try activity.validate() }
        try Self.checkLinks(w.db, activity)
        try w.insert(activity)
      }
      return BulkInsertResult(deals: stored, changeLogEntries: w.entryCount)
    }
  }

  private static func bulkInsertDeals(_ w: MutationWriter, _ deals: [Deal]) throws -> [Deal] {
    guard !deals.isEmpty else { return [] }
    var stages: [String: Stage] = [:]
    for stage in try Stage.fetchAll(w.db, sql: "SELECT * FROM stages WHERE deleted = 0") {
      stages[stage.id] = stage
    }
    // The last key of each stage touched, read once and then advanced in memory.
    var lastPosition: [String: String?] = [:]
    var stored: [Deal] = []
    stored.reserveCapacity(deals.count)
    for original in deals {
      guard let stage = stages[original.stageId], stage.pipelineId == original.pipelineId else {
        throw StoreError.notFound(entity: "stage", key: original.stageId)
      }
      var deal = original
      deal.title = deal.title.trimmingCharacters(in: .whitespaces)
      let last: String?
      if let known = lastPosition[stage.id] {
        last = known
      } else {
        last = try String.fetchOne(
          w.db, sql: "SELECT max(position) FROM deals WHERE deleted = 0 AND stageId = ?",
          arguments: [stage.id])
      }
      deal.position = try FractionalIndex.between(last, nil)
      lastPosition[stage.id] = .some(deal.position)
      try validated { () throws(ValidationError) in
        try deal.validate()
        try stage.admits(deal)
      }
      if let ownerId = deal.ownerId { try requireLive(w.db, .user, ownerId, field: "owner") }
      if let companyId = deal.companyId {
        try requireLive(w.db, .company, companyId, field: "company")
      }
      try w.insert(deal)
      try w.insert(
        StageChange(
          dealId: deal.id, fromStageId: nil, toStageId: stage.id, at: deal.createdAt,
          byUserId: w.actor))
      stored.append(deal)
    }
    return stored
  }

  /// Refuses an id that names no live record, as `checkLinks` does.
  private static func requireLive(_ db: Database, _ entity: Entity, _ id: String, field: String)
    throws
  {
    // Cached: a bulk load asks this hundreds of thousands of times.
    let statement = try db.cachedStatement(
      sql: "SELECT 1 FROM \(entity.table) WHERE id = ? AND deleted = 0")
    let exists = try Bool.fetchOne(statement, arguments: [id]) ?? false
    if !exists {
      throw StoreError.invalid(ValidationError(field: field, "no \(entity.rawValue) \"\(id)\""))
    }
  }
}
