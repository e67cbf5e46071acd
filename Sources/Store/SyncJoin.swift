import Foundation
import GRDB
import Model

/// Joining a team's server and leaving it.
extension Store {
  /// Whether the database holds nothing but what `initialize` set up: then joining a team
  /// replaces it with the team's data.
  public func isUntouched() throws -> Bool {
    try reader.read { db in try Self.localWork(db) == 0 }
  }

  /// How many mutations other than `initialize`'s own (not undoable, so stored undone).
  private static func localWork(_ db: Database) throws -> Int {
    try Int.fetchOne(
      db,
      sql: """
        SELECT count(*) FROM mutations
        WHERE NOT (label = 'initialize' AND kind = 'do' AND undone = 1 AND origin = 'local')
        """) ?? 0
  }

  /// Makes this database sync as `account`.
  ///
  /// Untouched: every record, mutation and change-log entry goes (the default pipeline and
  /// the local user too), the site id and the clock stay, the cursor and the pushed mark
  /// start again, and the local user becomes `account.userId` (whose record comes with the
  /// first pull): the first sync brings the team's data and pushes nothing of the local
  /// setup. With local work and `mergeLocalWork`: the work stays; the local user's records
  /// pass to `account.userId` in one local mutation (pushed next), the pipelines and stages
  /// `initialize` made are logged again as a mutation of their own (the local deals stand in
  /// them), and `initialize`'s mutation (the local user record, which the server's own
  /// users replace) counts as pushed. With local work and not `mergeLocalWork`: throws,
  /// changing nothing.
  public func joinTeam(_ account: SyncAccount, mergeLocalWork: Bool, now: Date = Date()) throws {
    let accountJSON = String(decoding: try JSONEncoder().encode(account), as: UTF8.self)
    let work = try reader.read { db in try Self.localWork(db) }
    if work == 0 {
      try pool.write { db in
        try Self.empty(db)
        try Meta.set(db, .localUser, account.userId)
        try Meta.set(db, .syncAccount, accountJSON)
        try Meta.set(db, .pullCursor, 0)
        try Meta.set(db, .pushedSeq, 0)
        try db.execute(
          sql: "DELETE FROM meta WHERE key = ?", arguments: [Meta.Key.lastSyncAt.rawValue])
      }
      checkpointer.committed()
      return
    }
    guard mergeLocalWork else {
      throw StoreError.conflict(
        "this database holds local work (\(work) changes): join with merge to share it with the "
          + "team, or join from a new database")
    }
    try merge(into: account, accountJSON: accountJSON, now: now)
  }

  /// Removes every row of every entity table through the tables, so their triggers keep
  /// the search indexes, stage totals, email and phone tables and list counts right, then
  /// the log and what derives from records without a trigger.
  private static func empty(_ db: Database) throws {
    // Children before what they name (contacts' email rows go with them by foreign key).
    let first: [Entity] = [
      .dealContact, .stageChange, .note, .activity, .deal, .contact, .company, .stage,
      .pipeline, .report, .user,
    ]
    // An entity added later is emptied too, last.
    let order = first + Entity.allCases.filter { !first.contains($0) }
    for entity in order { try db.execute(sql: "DELETE FROM \(entity.table)") }
    try db.execute(
      sql: """
        DELETE FROM stage_totals;
        DELETE FROM reminder_marks;
        DELETE FROM change_log;
        DELETE FROM mutations;
        DELETE FROM sync_refusals;
        DELETE FROM sync_conflicts;
        """)
  }

  private func merge(into account: SyncAccount, accountJSON: String, now: Date) throws {
    let oldUser = try reader.read { db in try Meta.string(db, .localUser) }
    let initialize = try reader.read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT seq, id FROM mutations
          WHERE label = 'initialize' AND kind = 'do' AND undone = 1 AND origin = 'local'
          ORDER BY seq LIMIT 1
          """
      ).map { (seq: $0["seq"] as Int64, id: $0["id"] as String) }
    }
    // The records of the user's own setup, logged again so the team receives them.
    let setUp: [(Entity, String)] = try reader.read { db in
      guard let initialize else { return [] }
      return try Row.fetchAll(
        db,
        sql: """
          SELECT DISTINCT entity, recordId FROM change_log
          WHERE mutation = ? AND entity IN ('pipeline', 'stage') ORDER BY seq
          """, arguments: [initialize.id]
      ).compactMap { row in Entity(rawValue: row["entity"]).map { ($0, row["recordId"]) } }
    }
    try pool.write { db in
      if let initialize, try Self.pushedSeq(db) < initialize.seq {
        // `initialize` is the database's first mutation: everything before the mark is it.
        let earlier =
          try Int.fetchOne(
            db, sql: "SELECT count(*) FROM mutations WHERE seq < ? AND origin = 'local'",
            arguments: [initialize.seq]) ?? 0
        if earlier == 0 { try Meta.set(db, .pushedSeq, initialize.seq) }
      }
      try Meta.set(db, .localUser, account.userId)
      try Meta.set(db, .syncAccount, accountJSON)
    }
    guard let oldUser, oldUser != account.userId else { return }
    try mutate("Share this database's pipelines with the team", now: now, undoable: false) { w in
      for (entity, recordId) in setUp {
        let columns = try SyncFields(w.db, table: entity.table).columns.keys.sorted()
        guard
          let row = try Row.fetchOne(
            w.db,
            sql: "SELECT \(columns.map(SyncSQL.quoted).joined(separator: ", ")) "
              + "FROM \(entity.table) WHERE id = ?", arguments: [recordId])
        else { continue }
        try w.set(
          entity, recordId,
          Dictionary(uniqueKeysWithValues: columns.map { ($0, row[$0] as DatabaseValue) }))
      }
    }
    try pool.write { db in
      // Every user of this database is local (the team's arrive with the first pull), and
      // the server knows none of them: their records go to the joining user, who can hand
      // them on once the team's users are here.
      let localUsers = try String.fetchAll(db, sql: "SELECT id FROM users")
      try Self.reown(db, localUsers: localUsers.filter { $0 != account.userId }, to: account.userId)
      // Who wrote what waits to be pushed: the server sets it from the token anyway. (A
      // record snapshot's own fields carry the row's actor; only a pulled one names others.)
      for table in ["change_log", "mutations"] {
        try db.execute(
          sql: "UPDATE \(table) SET actor = ? WHERE actor = ?",
          arguments: [account.userId, oldUser])
      }
    }
    checkpointer.committed()
  }

  /// The columns that name a user, by entity.
  private static let userReferences: [(Entity, String)] = [
    (.deal, "ownerId"), (.contact, "ownerId"), (.company, "ownerId"),
    (.activity, "assigneeId"), (.note, "authorId"), (.stageChange, "byUserId"),
  ]

  /// Rewrites every reference to one of `localUsers`, in the rows and in the change log
  /// (nothing of which has been pushed: a merge happens when the database first joins), as
  /// `userId`: the records reach the server as the joining user's from their creation.
  /// Handing them over in a later mutation was refused for a rep: the server held them
  /// under an owner it does not know, which a rep does not own.
  private static func reown(_ db: Database, localUsers: [String], to userId: String) throws {
    guard !localUsers.isEmpty else { return }
    let users = try SyncSQL.jsonArray(localUsers)
    for (entity, column) in userReferences {
      try db.execute(
        sql: """
          UPDATE \(entity.table) SET \(column) = ?
          WHERE \(column) IN (SELECT value FROM json_each(?))
          """, arguments: [userId, users])
      try db.execute(
        sql: """
          UPDATE change_log SET value = ?
          WHERE entity = ? AND field = ? AND value IN (SELECT value FROM json_each(?))
          """, arguments: [userId, entity.rawValue, column, users])
    }
    let local = Set(localUsers)
    let columns = Dictionary(
      userReferences.map { ($0.0.rawValue, $0.1) }, uniquingKeysWith: { first, _ in first })
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT \(ChangeLogReader.columns) FROM change_log
        WHERE field = ? AND entity IN (SELECT value FROM json_each(?))
        """, arguments: [RecordSnapshot.field, try SyncSQL.jsonArray(Array(columns.keys))])
    for row in rows {
      let writes = try ChangeLogReader.writes(row)
      guard let last = writes.last, let column = columns[last.entity] else { continue }
      var changed = false
      let entries = writes.map { write -> RecordSnapshot.Entry in
        var value = write.value
        if write.field == column, let user = String.fromDatabaseValue(value), local.contains(user) {
          value = userId.databaseValue
          changed = true
        }
        return RecordSnapshot.Entry(
          field: write.field, value: value, hlc: write.hlc, actor: write.actor)
      }
      guard changed else { continue }
      try db.execute(
        sql: "UPDATE change_log SET value = ? WHERE seq = ?",
        arguments: [RecordSnapshot.encode(entries).json, last.seq])
    }
  }

  /// Logging out: forgets the account; the data and the changes waiting stay.
  public func leaveTeam() throws {
    try pool.write { db in
      try db.execute(
        sql: "DELETE FROM meta WHERE key = ?", arguments: [Meta.Key.syncAccount.rawValue])
    }
  }
}
