import Foundation
import GRDB
import Model

/// What a new deal is made of, as users give it: other records by name or id.
public struct DealDraft: Sendable {
  public var title: String
  public var value: Money
  public var pipeline: String?
  public var stage: String?
  public var owner: String?
  public var priority: Priority
  public var closeDate: Day?
  public var company: String?
  public var contacts: [String]

  public init(
    title: String, value: Money, pipeline: String? = nil, stage: String? = nil,
    owner: String? = nil, priority: Priority = .normal, closeDate: Day? = nil,
    company: String? = nil, contacts: [String] = []
  ) {
    self.title = title
    self.value = value
    self.pipeline = pipeline
    self.stage = stage
    self.owner = owner
    self.priority = priority
    self.closeDate = closeDate
    self.company = company
    self.contacts = contacts
  }
}

/// An edit of a deal: nil leaves a field as it is; `.some(nil)` clears an optional field.
public struct DealChanges: Sendable {
  public var title: String?
  public var value: Money?
  public var priority: Priority?
  public var closeDate: Day??
  public var owner: String??
  public var company: String??
  public var lostReason: String??
  public var pipeline: String?
  public var stage: String?

  public init(
    title: String? = nil, value: Money? = nil, priority: Priority? = nil,
    closeDate: Day?? = nil, owner: String?? = nil, company: String?? = nil,
    lostReason: String?? = nil, pipeline: String? = nil, stage: String? = nil
  ) {
    self.title = title
    self.value = value
    self.priority = priority
    self.closeDate = closeDate
    self.owner = owner
    self.company = company
    self.lostReason = lostReason
    self.pipeline = pipeline
    self.stage = stage
  }
}

extension Store {
  public func deal(_ key: String) throws -> Deal {
    try reader.read { db in try Self.fetch(db, Deal.self, key) }
  }

  /// Creates a deal at the top of its stage (the first stage of the first pipeline unless
  /// named), owned by the local user unless named, and starts its stage history.
  @discardableResult
  public func createDeal(_ draft: DealDraft, now: Date = Date()) throws -> Deal {
    try mutate("add deal \(draft.title)", now: now) { w in
      let db = w.db
      let pipeline = try draft.pipeline.map { try Self.pipeline(db, named: $0) }
      let stage: Stage
      if let name = draft.stage {
        stage = try Self.stage(db, named: name, in: pipeline?.id)
      } else {
        guard let pipelineId = try pipeline?.id ?? Self.firstPipelineId(db),
          let first = try Self.stages(db, pipelineId: pipelineId).first
        else { throw StoreError.conflict("there is no pipeline with a stage to put the deal in") }
        stage = first
      }
      let ownerId = try draft.owner.map { try Self.user(db, named: $0).id } ?? w.actor
      let companyId = try draft.company.map { try Self.company(db, named: $0).id }
      let deal = Deal(
        title: draft.title.trimmingCharacters(in: .whitespaces), value: draft.value,
        priority: draft.priority, closeDate: draft.closeDate, ownerId: ownerId,
        companyId: companyId, pipelineId: stage.pipelineId, stageId: stage.id,
        position: try Self.topPosition(db, stageId: stage.id), createdAt: w.now)
      try validated { () throws(ValidationError) in
        try deal.validate()
        try stage.admits(deal)
      }
      try w.insert(deal)
      try w.insert(
        StageChange(
          dealId: deal.id, fromStageId: nil, toStageId: stage.id, at: w.now, byUserId: w.actor))
      for contact in draft.contacts {
        try Self.link(w, dealId: deal.id, contactKey: contact, role: nil)
      }
      return deal
    }
  }

  /// Edits a deal's fields, and moves it when a stage or pipeline is named, in one mutation.
  @discardableResult
  public func editDeal(_ key: String, _ changes: DealChanges, now: Date = Date()) throws -> Deal {
    try mutate("edit deal \(key)", now: now) { w in
      let db = w.db
      let old = try Self.fetch(db, Deal.self, key)
      var new = old
      if let title = changes.title { new.title = title.trimmingCharacters(in: .whitespaces) }
      if let value = changes.value { new.value = value }
      if let priority = changes.priority { new.priority = priority }
      if let closeDate = changes.closeDate { new.closeDate = closeDate }
      if let owner = changes.owner {
        new.ownerId = try owner.map { try Self.user(db, named: $0).id }
      }
      if let company = changes.company {
        new.companyId = try company.map { try Self.company(db, named: $0).id }
      }
      if let reason = changes.lostReason { new.lostReason = reason }
      // An edit that changes nothing leaves no trace, not even a new `updatedAt`.
      if new != old { new.updatedAt = w.now }
      try validated { () throws(ValidationError) in try new.validate() }
      try w.update(new, from: old)
      if changes.stage != nil || changes.pipeline != nil {
        let pipelineId = try changes.pipeline.map { try Self.pipeline(db, named: $0).id }
        let stage: Stage
        if let name = changes.stage {
          stage = try Self.stage(db, named: name, in: pipelineId ?? old.pipelineId)
        } else {
          guard let first = try Self.stages(db, pipelineId: pipelineId!).first else {
            throw StoreError.conflict("that pipeline has no stages")
          }
          stage = first
        }
        if stage.id != new.stageId {
          return try Self.move(w, new, to: stage, lostReason: new.lostReason)
        }
      }
      return new
    }
  }

  /// Moves a deal to a stage (of any pipeline), at the top of that stage, appending to its
  /// stage history. A lost stage needs a reason; a stage's required fields must be set.
  @discardableResult
  public func moveDeal(
    _ key: String, toStage stageKey: String, pipeline: String? = nil, lostReason: String? = nil,
    now: Date = Date()
  ) throws -> Deal {
    try mutate("move deal \(key)", now: now) { w in
      let deal = try Self.fetch(w.db, Deal.self, key)
      let pipelineId = try pipeline.map { try Self.pipeline(w.db, named: $0).id }
      let stage = try Self.stage(w.db, named: stageKey, in: pipelineId ?? deal.pipelineId)
      guard stage.id != deal.stageId else {
        throw StoreError.conflict("deal \"\(deal.title)\" is already in \"\(stage.name)\"")
      }
      return try Self.move(w, deal, to: stage, lostReason: lostReason)
    }
  }

  /// Moves a deal to the neighbouring stage of its pipeline: +1 next, -1 previous.
  @discardableResult
  public func stepDeal(_ key: String, by step: Int, lostReason: String? = nil, now: Date = Date())
    throws -> Deal
  {
    try mutate("move deal \(key)", now: now) { w in
      let deal = try Self.fetch(w.db, Deal.self, key)
      let stages = try Self.stages(w.db, pipelineId: deal.pipelineId)
      guard let index = stages.firstIndex(where: { $0.id == deal.stageId }),
        stages.indices.contains(index + step)
      else {
        throw StoreError.conflict(
          step > 0 ? "the deal is in the last stage" : "the deal is in the first stage")
      }
      return try Self.move(w, deal, to: stages[index + step], lostReason: lostReason)
    }
  }

  static func move(
    _ w: MutationWriter, _ old: Deal, to stage: Stage, lostReason: String?
  ) throws -> Deal {
    var new = old
    new.pipelineId = stage.pipelineId
    new.stageId = stage.id
    new.position = try topPosition(w.db, stageId: stage.id)
    // A deal that leaves the lost stages is open again: its old reason no longer holds.
    new.lostReason = stage.kind == .lost ? (lostReason ?? old.lostReason) : nil
    new.stageChangedAt = w.now
    new.updatedAt = w.now
    try validated { () throws(ValidationError) in
      try new.validate()
      try stage.admits(new)
    }
    try w.update(new, from: old)
    try w.insert(
      StageChange(
        dealId: old.id, fromStageId: old.stageId, toStageId: stage.id, at: w.now,
        byUserId: w.actor))
    return new
  }

  /// Moves a deal up (-1) or down (+1) among the cards of its stage. Only the moved deal's
  /// position changes: it takes a key between its new neighbours.
  @discardableResult
  public func reorderDeal(_ key: String, by step: Int, now: Date = Date()) throws -> Deal {
    try mutate("reorder deal \(key)", now: now) { w in
      let old = try Self.fetch(w.db, Deal.self, key)
      let neighbours: [Row]
      if step < 0 {
        neighbours = try Row.fetchAll(
          w.db,
          sql: """
            SELECT id, position FROM deals WHERE deleted = 0 AND stageId = ?
              AND (position < ? OR (position = ? AND id < ?))
            ORDER BY position DESC, id DESC LIMIT 2
            """, arguments: [old.stageId, old.position, old.position, old.id])
      } else {
        neighbours = try Row.fetchAll(
          w.db,
          sql: """
            SELECT id, position FROM deals WHERE deleted = 0 AND stageId = ?
              AND (position > ? OR (position = ? AND id > ?))
            ORDER BY position, id LIMIT 2
            """, arguments: [old.stageId, old.position, old.position, old.id])
      }
      guard let near = neighbours.first?["position"] as String? else {
        throw StoreError.conflict(
          step < 0 ? "the deal is already first in its stage" : "the deal is already last")
      }
      let far = neighbours.count > 1 ? neighbours[1]["position"] as String? : nil
      var new = old
      // Equal keys (two replicas picked the same one) are separated here.
      new.position =
        step < 0
        ? try FractionalIndex.between(far == near ? nil : far, near)
        : try FractionalIndex.between(near, far == near ? nil : far)
      new.updatedAt = w.now
      try w.update(new, from: old)
      return new
    }
  }

  public func deleteDeal(_ key: String, now: Date = Date()) throws {
    try mutate("delete deal \(key)", now: now) { w in
      let deal = try Self.fetch(w.db, Deal.self, key)
      try w.delete(.deal, deal.id)
    }
  }

  /// Links a contact to a deal with an optional role ("champion").
  public func linkContact(_ contactKey: String, toDeal dealKey: String, role: String? = nil)
    throws
  {
    try mutate("link contact") { w in
      let deal = try Self.fetch(w.db, Deal.self, dealKey)
      try Self.link(w, dealId: deal.id, contactKey: contactKey, role: role)
    }
  }

  public func unlinkContact(_ contactKey: String, fromDeal dealKey: String) throws {
    try mutate("unlink contact") { w in
      let deal = try Self.fetch(w.db, Deal.self, dealKey)
      let contactId = try Self.resolve(w.db, .contact, contactKey)
      let link = DealContact(dealId: deal.id, contactId: contactId)
      guard
        try Bool.fetchOne(
          w.db, sql: "SELECT 1 FROM deal_contacts WHERE id = ? AND deleted = 0",
          arguments: [link.id]) ?? false
      else { throw StoreError.notFound(entity: "link", key: contactKey) }
      try w.delete(.dealContact, link.id)
    }
  }

  static func link(_ w: MutationWriter, dealId: String, contactKey: String, role: String?) throws {
    let contactId = try resolve(w.db, .contact, contactKey)
    let link = DealContact(dealId: dealId, contactId: contactId, role: role)
    if let old = try DealContact.filter(key: ["id": link.id]).fetchOne(w.db) {
      try w.update(link, from: old)
      try w.set(.dealContact, link.id, ["deleted": false.databaseValue])
    } else {
      try w.insert(link)
    }
  }

  static func firstPipelineId(_ db: Database) throws -> String? {
    try String.fetchOne(
      db, sql: "SELECT id FROM pipelines WHERE deleted = 0 ORDER BY position, id LIMIT 1")
  }

  /// A position above every card of a stage: moved and new deals land on top, where the
  /// rep sees them.
  static func topPosition(_ db: Database, stageId: String) throws -> String {
    let first = try String.fetchOne(
      db, sql: "SELECT min(position) FROM deals WHERE deleted = 0 AND stageId = ?",
      arguments: [stageId])
    return try FractionalIndex.between(nil, first)
  }
}
