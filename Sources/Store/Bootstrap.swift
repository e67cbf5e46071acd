import Foundation
import GRDB
import Model

/// The first run: a new database gets its local admin and the default pipeline, so the
/// board has columns from the first second.
extension Store {
  /// Whether the database has been set up (it has a local user).
  public func isInitialized() throws -> Bool {
    try reader.read { db in try Meta.get(db, .localUser) != nil }
  }

  /// Sets up a new database; does nothing to one that is set up already. Returns whether it
  /// did anything.
  @discardableResult
  public func initialize(localUserName: String, now: Date = Date()) throws -> Bool {
    // Every start but the first: known from the open (see `setUpAtOpen`), else a read on
    // the writer's connection, without the write lock (and without opening a reader).
    if setUpAtOpen { return false }
    let done = try pool.writeWithoutTransaction { db in try Meta.get(db, .localUser) != nil }
    if done { return false }
    // Not undoable: undo on a new database must not take away its user and pipeline.
    return try mutate("initialize", now: now, undoable: false) { w in
      guard try Meta.get(w.db, .localUser) == nil else { return false }
      let user = User(name: localUserName, email: "", role: .admin, createdAt: w.now)
      try validated { () throws(ValidationError) in try user.validate() }
      try w.insert(user)
      try Meta.set(w.db, .localUser, user.id)
      _ = try Self.createPipeline(w, name: "Sales", stages: StageTemplate.defaults)
      return true
    }
  }

  /// Whether the database holds any deals, contacts or companies.
  public func hasRecords() throws -> Bool {
    try reader.read { db in
      try Bool.fetchOne(
        db,
        sql: """
          SELECT EXISTS(SELECT 1 FROM deals) OR EXISTS(SELECT 1 FROM contacts)
            OR EXISTS(SELECT 1 FROM companies)
          """) ?? false
    }
  }
}
