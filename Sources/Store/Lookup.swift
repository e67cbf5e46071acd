import GRDB
import Model

/// Finding records by what users type: an id or a unique prefix of one; stages and pipelines
/// also by name, case-insensitively.
extension Store {
  /// The full id of a live record whose id is `key` or starts with it.
  public func resolve(_ entity: Entity, _ key: String) throws -> String {
    try reader.read { db in try Self.resolve(db, entity, key) }
  }

  static func resolve(_ db: Database, _ entity: Entity, _ key: String) throws -> String {
    let key = key.trimmingCharacters(in: .whitespaces).lowercased()
    guard !key.isEmpty, key.allSatisfy({ $0.isHexDigit || $0 == "-" || $0 == ":" }) else {
      throw StoreError.notFound(entity: entity.rawValue, key: key)
    }
    // The exact id first: one probe of the unique index, the common case of scripts.
    if try Bool.fetchOne(
      db, sql: "SELECT 1 FROM \(entity.table) WHERE id = ? AND deleted = 0", arguments: [key])
      ?? false
    {
      return key
    }
    // A prefix as a range of the unique index (LIKE could not use it): ids are lower-case
    // ASCII, so every id starting with `key` sorts in [key, key + U+007F).
    let matches = try String.fetchAll(
      db,
      sql: """
        SELECT id FROM \(entity.table) WHERE id >= ? AND id < ? AND deleted = 0
        ORDER BY id LIMIT 6
        """,
      arguments: [key, key + "\u{7F}"])
    if matches.contains(key) { return key }
    guard let first = matches.first else {
      throw StoreError.notFound(entity: entity.rawValue, key: key)
    }
    guard matches.count == 1 else {
      throw StoreError.ambiguous(entity: entity.rawValue, key: key, matches: matches)
    }
    return first
  }

  static func fetch<R: StoredRecord>(_ db: Database, _ type: R.Type, _ key: String) throws -> R {
    let id = try resolve(db, R.entity, key)
    guard let record = try R.filter(key: ["id": id]).fetchOne(db) else {
      throw StoreError.notFound(entity: R.entity.rawValue, key: key)
    }
    return record
  }

  /// A pipeline by name (case-insensitive) or id.
  static func pipeline(_ db: Database, named key: String) throws -> Pipeline {
    let byName = try Pipeline.fetchAll(
      db,
      sql: "SELECT * FROM pipelines WHERE deleted = 0 AND name = ? COLLATE NOCASE",
      arguments: [key.trimmingCharacters(in: .whitespaces)])
    if byName.count == 1 { return byName[0] }
    if byName.count > 1 {
      throw StoreError.ambiguous(entity: "pipeline", key: key, matches: byName.map(\.id))
    }
    do {
      return try fetch(db, Pipeline.self, key)
    } catch StoreError.notFound {
      throw StoreError.notFound(entity: "pipeline", key: key)
    }
  }

  /// A stage by name within a pipeline (or among all pipelines when nil), or by id.
  static func stage(_ db: Database, named key: String, in pipelineId: String?) throws -> Stage {
    var sql = "SELECT * FROM stages WHERE deleted = 0 AND name = ? COLLATE NOCASE"
    var arguments: StatementArguments = [key.trimmingCharacters(in: .whitespaces)]
    if let pipelineId {
      sql += " AND pipelineId = ?"
      arguments += [pipelineId]
    }
    let byName = try Stage.fetchAll(db, sql: sql, arguments: arguments)
    if byName.count == 1 { return byName[0] }
    if byName.count > 1 {
      throw StoreError.ambiguous(
        entity: "stage", key: key, matches: byName.map(\.id))
    }
    let stage: Stage
    do {
      stage = try fetch(db, Stage.self, key)
    } catch StoreError.notFound {
      throw StoreError.notFound(entity: "stage", key: key)
    }
    if let pipelineId, stage.pipelineId != pipelineId {
      throw StoreError.notFound(entity: "stage", key: key)
    }
    return stage
  }

  /// A user by name, email (case-insensitive) or id.
  static func user(_ db: Database, named key: String) throws -> User {
    let trimmed = key.trimmingCharacters(in: .whitespaces)
    let byName = try User.fetchAll(
      db,
      sql: """
        SELECT * FROM users WHERE deleted = 0
          AND (name = ? COLLATE NOCASE OR (email <> '' AND email = ? COLLATE NOCASE))
        """,
      arguments: [trimmed, trimmed])
    if byName.count == 1 { return byName[0] }
    if byName.count > 1 {
      throw StoreError.ambiguous(entity: "user", key: key, matches: byName.map(\.id))
    }
    do {
      return try fetch(db, User.self, key)
    } catch StoreError.notFound {
      throw StoreError.notFound(entity: "user", key: key)
    }
  }

  /// A company by exact name (case-insensitive) or id.
  static func company(_ db: Database, named key: String) throws -> Company {
    let byName = try Company.fetchAll(
      db, sql: "SELECT * FROM companies WHERE deleted = 0 AND name = ? COLLATE NOCASE LIMIT 6",
      arguments: [key.trimmingCharacters(in: .whitespaces)])
    if byName.count == 1 { return byName[0] }
    if byName.count > 1 {
      throw StoreError.ambiguous(entity: "company", key: key, matches: byName.map(\.id))
    }
    do {
      return try fetch(db, Company.self, key)
    } catch StoreError.notFound {
      throw StoreError.notFound(entity: "company", key: key)
    }
  }
}
