import Foundation
import GRDB
import Model

/// Pipelines and their stages.
extension Store {
  public func pipelines() throws -> [Pipeline] {
    try reader.read { db in
      try Pipeline.fetchAll(
        db, sql: "SELECT * FROM pipelines WHERE deleted = 0 ORDER BY position, id")
    }
  }

  public func pipeline(named key: String) throws -> Pipeline {
    try reader.read { db in try Self.pipeline(db, named: key) }
  }

  /// The stages of a pipeline, in board order.
  public func stages(pipelineId: String) throws -> [Stage] {
    try reader.read { db in try Self.stages(db, pipelineId: pipelineId) }
  }

  static func stages(_ db: Database, pipelineId: String) throws -> [Stage] {
    try Stage.fetchAll(
      db,
      sql: "SELECT * FROM stages WHERE deleted = 0 AND pipelineId = ? ORDER BY position, id",
      arguments: [pipelineId])
  }

  public func stage(named key: String, pipeline: String? = nil) throws -> Stage {
    try reader.read { db in
      let pipelineId = try pipeline.map { try Self.pipeline(db, named: $0).id }
      return try Self.stage(db, named: key, in: pipelineId)
    }
  }

  /// Creates a pipeline with the given stages (the default set when nil).
  @discardableResult
  public func createPipeline(name: String, stages: [StageTemplate]? = nil, now: Date = Date())
    throws -> Pipeline
  {
    try mutate("add pipeline \(name)", now: now) { w in
      try Self.createPipeline(w, name: name, stages: stages ?? StageTemplate.defaults)
    }
  }

  static func createPipeline(_ w: MutationWriter, name: String, stages: [StageTemplate]) throws
    -> Pipeline
  {
    let name = name.trimmingCharacters(in: .whitespaces)
    let last = try String.fetchOne(
      w.db, sql: "SELECT max(position) FROM pipelines WHERE deleted = 0")
    let pipeline = Pipeline(
      name: name, position: try FractionalIndex.between(last, nil), createdAt: w.now)
    try validated { () throws(ValidationError) in try pipeline.validate() }
    if try Bool.fetchOne(
      w.db,
      sql: "SELECT 1 FROM pipelines WHERE deleted = 0 AND name = ? COLLATE NOCASE",
      arguments: [name]) ?? false
    {
      throw StoreError.conflict("a pipeline named \"\(name)\" already exists")
    }
    var names: Set<String> = []
    for template in stages
    where !names.insert(template.name.trimmingCharacters(in: .whitespaces).lowercased()).inserted {
      throw StoreError.conflict(
        "pipeline \"\(name)\" already has a stage named \"\(template.name)\"")
    }
    try w.insert(pipeline)
    let positions = FractionalIndex.spread(stages.count)
    for (template, position) in zip(stages, positions) {
      let stage = Stage(
        pipelineId: pipeline.id, name: template.name, position: position, kind: template.kind,
        probability: template.probability, rotDays: template.rotDays, createdAt: w.now)
      try validated { () throws(ValidationError) in try stage.validate() }
      try w.insert(stage)
    }
    return pipeline
  }

  public func renamePipeline(_ key: String, to name: String, now: Date = Date()) throws {
    try mutate("rename pipeline \(name)", now: now) { w in
      let old = try Self.pipeline(w.db, named: key)
      var new = old
      new.name = name.trimmingCharacters(in: .whitespaces)
      new.updatedAt = w.now
      try validated { () throws(ValidationError) in try new.validate() }
      if try Bool.fetchOne(
        w.db,
        sql: "SELECT 1 FROM pipelines WHERE deleted = 0 AND name = ? COLLATE NOCASE AND id <> ?",
        arguments: [new.name, old.id]) ?? false
      {
        throw StoreError.conflict("a pipeline named \"\(new.name)\" already exists")
      }
      try w.update(new, from: old)
    }
  }

  /// Deletes a pipeline and its stages. Refused while it holds deals: they must be moved or
  /// deleted first, so nothing disappears by accident.
  public func deletePipeline(_ key: String, now: Date = Date()) throws {
    try mutate("delete pipeline \(key)", now: now) { w in
      let pipeline = try Self.pipeline(w.db, named: key)
      let deals =
        try Int.fetchOne(
          w.db, sql: "SELECT count(*) FROM deals WHERE deleted = 0 AND pipelineId = ?",
          arguments: [pipeline.id]) ?? 0
      if deals > 0 {
        throw StoreError.conflict(
          "pipeline \"\(pipeline.name)\" has \(plural(deals, "deal")); move or delete them first")
      }
      let remaining =
        try Int.fetchOne(
          w.db, sql: "SELECT count(*) FROM pipelines WHERE deleted = 0") ?? 0
      if remaining <= 1 {
        throw StoreError.conflict("\"\(pipeline.name)\" is the only pipeline; add another first")
      }
      for stage in try Self.stages(w.db, pipelineId: pipeline.id) {
        try w.delete(.stage, stage.id)
      }
      try w.delete(.pipeline, pipeline.id)
    }
  }

  /// Adds a stage at the end of a pipeline, or after the stage named `after`.
  @discardableResult
  public func addStage(
    name: String, pipeline key: String, kind: StageKind = .open, probability: Int? = nil,
    rotDays: Int? = nil, requiredFields: [String] = [], after: String? = nil, now: Date = Date()
  ) throws -> Stage {
    try mutate("add stage \(name)", now: now) { w in
      let pipeline = try Self.pipeline(w.db, named: key)
      let stages = try Self.stages(w.db, pipelineId: pipeline.id)
      let index: Int
      if let after {
        let anchor = try Self.stage(w.db, named: after, in: pipeline.id)
        index = stages.firstIndex(where: { $0.id == anchor.id })! + 1
      } else {
        index = stages.count
      }
      let position = try FractionalIndex.between(
        index > 0 ? stages[index - 1].position : nil,
        index < stages.count ? stages[index].position : nil)
      let stage = Stage(
        pipelineId: pipeline.id, name: name.trimmingCharacters(in: .whitespaces),
        position: position, kind: kind,
        probability: probability ?? (kind == .won ? 100 : kind == .lost ? 0 : 50),
        rotDays: rotDays, requiredFields: requiredFields, createdAt: w.now)
      try validated { () throws(ValidationError) in try stage.validate() }
      if stages.contains(where: { $0.name.lowercased() == stage.name.lowercased() }) {
        throw StoreError.conflict(
          "pipeline \"\(pipeline.name)\" already has a stage named \"\(stage.name)\"")
      }
      try w.insert(stage)
      return stage
    }
  }

  /// Changes a stage's settings; nil leaves a setting as it is.
  public func editStage(
    _ key: String, pipeline: String? = nil, name: String? = nil, kind: StageKind? = nil,
    probability: Int? = nil, rotDays: Int?? = nil, requiredFields: [String]? = nil,
    now: Date = Date()
  ) throws {
    try mutate("edit stage \(key)", now: now) { w in
      let pipelineId = try pipeline.map { try Self.pipeline(w.db, named: $0).id }
      let old = try Self.stage(w.db, named: key, in: pipelineId)
      var new = old
      if let name { new.name = name.trimmingCharacters(in: .whitespaces) }
      if let kind { new.kind = kind }
      if let probability { new.probability = probability }
      if let rotDays { new.rotDays = rotDays }
      if let requiredFields { new.requiredFields = requiredFields }
      new.updatedAt = w.now
      try validated { () throws(ValidationError) in try new.validate() }
      let siblings = try Self.stages(w.db, pipelineId: old.pipelineId)
      if siblings.contains(where: {
        $0.id != old.id && $0.name.lowercased() == new.name.lowercased()
      }) {
        throw StoreError.conflict("this pipeline already has a stage named \"\(new.name)\"")
      }
      try w.update(new, from: old)
    }
  }

  /// Moves a stage to a 1-based place among its pipeline's stages.
  public func moveStage(_ key: String, pipeline: String? = nil, to place: Int, now: Date = Date())
    throws
  {
    try mutate("move stage \(key)", now: now) { w in
      let pipelineId = try pipeline.map { try Self.pipeline(w.db, named: $0).id }
      let old = try Self.stage(w.db, named: key, in: pipelineId)
      let others = try Self.stages(w.db, pipelineId: old.pipelineId).filter { $0.id != old.id }
      guard (1...(others.count + 1)).contains(place) else {
        throw StoreError.invalid(
          ValidationError(field: "position", "must be between 1 and \(others.count + 1)"))
      }
      let index = place - 1
      var new = old
      new.position = try FractionalIndex.between(
        index > 0 ? others[index - 1].position : nil,
        index < others.count ? others[index].position : nil)
      new.updatedAt = w.now
      try w.update(new, from: old)
    }
  }

  /// Deletes a stage. Its deals must go somewhere: `moveDealsTo` names a stage of the same
  /// pipeline; without it a stage that holds deals is refused.
  public func deleteStage(
    _ key: String, pipeline: String? = nil, moveDealsTo target: String? = nil, now: Date = Date()
  ) throws {
    try mutate("delete stage \(key)", now: now) { w in
      let pipelineId = try pipeline.map { try Self.pipeline(w.db, named: $0).id }
      let stage = try Self.stage(w.db, named: key, in: pipelineId)
      let deals = try Deal.fetchAll(
        w.db, sql: "SELECT * FROM deals WHERE deleted = 0 AND stageId = ? ORDER BY position, id",
        arguments: [stage.id])
      let siblings = try Self.stages(w.db, pipelineId: stage.pipelineId)
      if siblings.count <= 1 {
        throw StoreError.conflict("\"\(stage.name)\" is the pipeline's only stage")
      }
      if !deals.isEmpty {
        guard let target else {
          throw StoreError.conflict(
            "stage \"\(stage.name)\" has \(plural(deals.count, "deal")); say where they go (--move-to STAGE)"
          )
        }
        let destination = try Self.stage(w.db, named: target, in: stage.pipelineId)
        if destination.id == stage.id {
          throw StoreError.conflict("deals cannot move to the stage being deleted")
        }
        for deal in deals {
          _ = try Self.move(w, deal, to: destination, lostReason: nil)
        }
      }
      try w.delete(.stage, stage.id)
    }
  }
}

/// "1 deal", "3 deals".
func plural(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
