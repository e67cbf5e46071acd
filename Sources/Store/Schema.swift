import GRDB

/// The database schema as named, append-only migrations. Never edit a shipped migration:
/// add a new one, so every database in the field reaches the same shape.
///
/// Every entity table has `rid`, an integer key that full-text indexes point at (a text
/// primary key's rowid may change on VACUUM), `id`, the UUIDv7 that the change log and sync
/// speak of, and `deleted`, the tombstone, so a delete can be synced and undone.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1: entities, change log, indexes") { db in
      try createEntities(db)
      try createChangeLog(db)
      try createBoardTotals(db)
    }
    migrator.registerMigration("v1: full-text search") { db in
      try createSearch(db)
    }
    migrator.registerMigration("v2: indexes for paging, redo and searchable updates") { db in
      try speedUpHotPaths(db)
    }
    migrator.registerMigration("v3: duplicate detection") { db in
      try createDuplicateIndexes(db)
    }
    migrator.registerMigration("v4: contact source ids for import") { db in
      try addContactSources(db)
    }
    migrator.registerMigration("v5: contact list sorts") { db in
      try addContactSortIndexes(db)
    }
    migrator.registerMigration("v6: import speed") { db in
      try speedUpImport(db)
    }
    migrator.registerMigration("v7: activity recurrence, priority and sources") { db in
      try extendActivities(db)
    }
    migrator.registerMigration("v8: recurring activities by time") { db in
      try indexRecurringActivities(db)
    }
    migrator.registerMigration("v9: contact list order version") { db in
      try addContactOrderVersion(db)
    }
    migrator.registerMigration("v11: reminder snoozes and dismissals", migrate: createReminderMarks)
    migrator.registerMigration("v13: saved reports", migrate: createSavedReports)
    migrator.registerMigration("v14: report speed", migrate: addReportSpeedIndexes)
    migrator.registerMigration("v15: sync state", migrate: createSyncState)
    migrator.registerMigration("v16: kept report history", migrate: createReportHistorySummary)
    // The triggers themselves move after every migration (`WriterTriggers.moveOutOfSchema`).
    migrator.registerMigration(
      "v17: triggers on the writer only", migrate: WriterTriggers.createTable)
    return migrator
  }

  private static func entityTable(
    _ db: Database, _ name: String, _ body: (TableDefinition) -> Void
  ) throws {
    try db.create(table: name) { t in
      t.column("rid", .integer).primaryKey(autoincrement: true)
      t.column("id", .text).notNull().unique()
      body(t)
      t.column("deleted", .boolean).notNull().defaults(to: false)
    }
  }

  private static func createEntities(_ db: Database) throws {
    try entityTable(db, "users") { t in
      t.column("name", .text).notNull()
      t.column("email", .text).notNull()
      t.column("role", .text).notNull()
      t.column("createdAt", .datetime).notNull()
      t.column("updatedAt", .datetime).notNull()
    }
    try entityTable(db, "pipelines") { t in
      t.column("name", .text).notNull()
      t.column("position", .text).notNull()
      t.column("createdAt", .datetime).notNull()
      t.column("updatedAt", .datetime).notNull()
    }
    try entityTable(db, "stages") { t in
      t.column("pipelineId", .text).notNull()
      t.column("name", .text).notNull()
      t.column("position", .text).notNull()
      t.column("kind", .text).notNull()
      t.column("probability", .integer).notNull()
      t.column("rotDays", .integer)
      t.column("requiredFields", .text).notNull()
      t.column("createdAt", .datetime).notNull()
      t.column("updatedAt", .datetime).notNull()
    }
    try db.create(index: "stages_by_pipeline", on: "stages", columns: ["pipelineId", "position"])
    try entityTable(db, "companies") { t in
      t.column("name", .text).notNull()
      t.column("domain", .text)
      t.column("phone", .text)
      t.column("address", .text)
      t.column("industry", .text)
      t.column("ownerId", .text)
      t.column("createdAt", .datetime).notNull()
      t.column("updatedAt", .datetime).notNull()
    }
    try db.execute(
      sql: """
        CREATE INDEX companies_by_name ON companies(name COLLATE NOCASE) WHERE deleted = 0;
        CREATE INDEX companies_by_domain ON companies(domain COLLATE NOCASE) WHERE deleted = 0;
        """)
    try entityTable(db, "contacts") { t in
      t.column("firstName", .text).notNull()
      t.column("lastName", .text).notNull()
      t.column("title", .text)
      t.column("emails", .text).notNull()
      t.column("phones", .text).notNull()
      t.column("address", .text)
      t.column("tags", .text).notNull()
      t.column("companyId", .text)
      t.column("ownerId", .text)
      t.column("emailOptOut", .boolean).notNull()
      t.column("createdAt", .datetime).notNull()
      t.column("updatedAt", .datetime).notNull()
    }
    try db.execute(
      sql: """
        CREATE INDEX contacts_by_name ON contacts(lastName COLLATE NOCASE, firstName COLLATE NOCASE)
          WHERE deleted = 0;
        CREATE INDEX contacts_by_company ON contacts(companyId) WHERE deleted = 0;
        -- Every address of every contact, folded to lower case, kept by triggers: the email
        -- index of the lists, and what duplicate detection and import matching look up.
        CREATE TABLE contact_emails (
          contactRid INTEGER NOT NULL REFERENCES contacts(rid) ON DELETE CASCADE,
          email TEXT NOT NULL
        );
        CREATE INDEX contact_emails_by_email ON contact_emails(email);
        CREATE INDEX contact_emails_by_contact ON contact_emails(contactRid);
        CREATE TRIGGER contact_emails_insert AFTER INSERT ON contacts BEGIN
          INSERT INTO contact_emails(contactRid, email)
            SELECT new.rid, lower(json_extract(value, '$.address')) FROM json_each(new.emails);
        END;
        CREATE TRIGGER contact_emails_update AFTER UPDATE OF emails ON contacts BEGIN
          DELETE FROM contact_emails WHERE contactRid = old.rid;
          INSERT INTO contact_emails(contactRid, email)
            SELECT new.rid, lower(json_extract(value, '$.address')) FROM json_each(new.emails);
        END;
        """)
    try entityTable(db, "deals") { t in
      t.column("title", .text).notNull()
      t.column("valueMinor", .integer).notNull()
      t.column("currency", .text).notNull()
      t.column("priority", .text).notNull()
      t.column("closeDate", .text)
      t.column("ownerId", .text)
      t.column("companyId", .text)
      t.column("pipelineId", .text).notNull()
      t.column("stageId", .text).notNull()
      t.column("position", .text).notNull()
      t.column("lostReason", .text)
      t.column("createdAt", .datetime).notNull()
      t.column("updatedAt", .datetime).notNull()
      t.column("stageChangedAt", .datetime).notNull()
    }
    try db.execute(
      sql: """
        -- The board: the cards of a stage in order.
        CREATE INDEX deals_by_stage ON deals(stageId, position, id) WHERE deleted = 0;
        CREATE INDEX deals_by_pipeline ON deals(pipelineId, stageId) WHERE deleted = 0;
        CREATE INDEX deals_by_owner ON deals(ownerId) WHERE deleted = 0;
        CREATE INDEX deals_by_company ON deals(companyId) WHERE deleted = 0;
        CREATE INDEX deals_by_close ON deals(closeDate) WHERE deleted = 0;
        """)
    try entityTable(db, "stage_changes") { t in
      t.column("dealId", .text).notNull()
      t.column("fromStageId", .text)
      t.column("toStageId", .text).notNull()
      t.column("at", .datetime).notNull()
      t.column("byUserId", .text)
    }
    try db.create(index: "stage_changes_by_deal", on: "stage_changes", columns: ["dealId", "at"])
    try entityTable(db, "deal_contacts") { t in
      t.column("dealId", .text).notNull()
      t.column("contactId", .text).notNull()
      t.column("role", .text)
    }
    try db.create(index: "deal_contacts_by_deal", on: "deal_contacts", columns: ["dealId"])
    try db.create(
      index: "deal_contacts_by_contact", on: "deal_contacts", columns: ["contactId"])
    try entityTable(db, "activities") { t in
      t.column("kind", .text).notNull()
      t.column("title", .text).notNull()
      t.column("notes", .text)
      t.column("dueAt", .datetime)
      t.column("startAt", .datetime)
      t.column("endAt", .datetime)
      t.column("allDay", .boolean).notNull()
      t.column("doneAt", .datetime)
      t.column("assigneeId", .text)
      t.column("reminders", .text).notNull()
      t.column("dealId", .text)
      t.column("contactId", .text)
      t.column("companyId", .text)
      t.column("callDurationSeconds", .integer)
      t.column("callDirection", .text)
      t.column("callOutcome", .text)
      t.column("createdAt", .datetime).notNull()
      t.column("updatedAt", .datetime).notNull()
    }
    try db.execute(
      sql: """
        -- The calendar: activities by the moment they are about.
        CREATE INDEX activities_by_when ON activities(coalesce(startAt, dueAt)) WHERE deleted = 0;
        CREATE INDEX activities_by_deal ON activities(dealId) WHERE deleted = 0;
        CREATE INDEX activities_by_contact ON activities(contactId) WHERE deleted = 0;
        CREATE INDEX activities_by_company ON activities(companyId) WHERE deleted = 0;
        CREATE INDEX activities_by_assignee ON activities(assigneeId, doneAt) WHERE deleted = 0;
        """)
    try entityTable(db, "notes") { t in
      t.column("body", .text).notNull()
      t.column("authorId", .text)
      t.column("dealId", .text)
      t.column("contactId", .text)
      t.column("companyId", .text)
      t.column("createdAt", .datetime).notNull()
      t.column("updatedAt", .datetime).notNull()
    }
    try db.execute(
      sql: """
        CREATE INDEX notes_by_deal ON notes(dealId, createdAt) WHERE deleted = 0;
        CREATE INDEX notes_by_contact ON notes(contactId, createdAt) WHERE deleted = 0;
        CREATE INDEX notes_by_company ON notes(companyId, createdAt) WHERE deleted = 0;
        """)
  }

  /// The change log: one row per field written, in the transaction that wrote it. Values
  /// keep their SQLite type (the column has no affinity), so a field can be set back exactly.
  /// A record's creation is one row of field `*`, a record snapshot of all the fields it was
  /// created with (`RecordSnapshot`); rows of databases from before snapshots, one a field,
  /// read the same (`ChangeLogReader`), so no migration is needed. A snapshot's writer sets
  /// `seq` itself: the row takes the last of a range, one number a field.
  private static func createChangeLog(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value) WITHOUT ROWID;
        CREATE TABLE mutations (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL UNIQUE,
          label TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('do', 'undo', 'redo')),
          target TEXT,
          undone INTEGER NOT NULL DEFAULT 0,
          actor TEXT,
          at DATETIME NOT NULL
        );
        CREATE TABLE change_log (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          mutation TEXT NOT NULL,
          entity TEXT NOT NULL,
          recordId TEXT NOT NULL,
          field TEXT NOT NULL,
          value,
          hlc INTEGER NOT NULL,
          site TEXT NOT NULL,
          actor TEXT
        );
        CREATE INDEX change_log_by_field ON change_log(entity, recordId, field, seq);
        CREATE INDEX change_log_by_mutation ON change_log(mutation);
        """)
  }

  /// Count and total per stage and currency, kept by triggers in the same transaction as the
  /// deal rows, so the board's column headers cost one indexed read whatever the size.
  private static func createBoardTotals(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE stage_totals (
          stageId TEXT NOT NULL,
          currency TEXT NOT NULL,
          count INTEGER NOT NULL,
          total INTEGER NOT NULL,
          PRIMARY KEY (stageId, currency)
        ) WITHOUT ROWID;
        CREATE TRIGGER stage_totals_insert AFTER INSERT ON deals WHEN new.deleted = 0 BEGIN
          INSERT INTO stage_totals(stageId, currency, count, total)
            VALUES (new.stageId, new.currency, 1, new.valueMinor)
            ON CONFLICT(stageId, currency) DO UPDATE SET
              count = count + 1, total = total + excluded.total;
        END;
        CREATE TRIGGER stage_totals_update
        AFTER UPDATE OF stageId, currency, valueMinor, deleted ON deals BEGIN
          UPDATE stage_totals SET count = count - 1, total = total - old.valueMinor
            WHERE old.deleted = 0 AND stageId = old.stageId AND currency = old.currency;
          INSERT INTO stage_totals(stageId, currency, count, total)
            SELECT new.stageId, new.currency, 1, new.valueMinor WHERE new.deleted = 0
            ON CONFLICT(stageId, currency) DO UPDATE SET
              count = count + 1, total = total + excluded.total;
        END;
        CREATE TRIGGER stage_totals_delete AFTER DELETE ON deals WHEN old.deleted = 0 BEGIN
          UPDATE stage_totals SET count = count - 1, total = total - old.valueMinor
            WHERE stageId = old.stageId AND currency = old.currency;
        END;
        """)
  }

  /// Measured on 100k records (crm-bench): contact pages sorted in a temp B-tree because the
  /// name index lacked the id tie-break; every mutation scanned `mutations` to end the redo
  /// chain; and every update (a move, a reorder) rewrote the search index row.
  private static func speedUpHotPaths(_ db: Database) throws {
    try db.execute(
      sql: """
        DROP INDEX contacts_by_name;
        CREATE INDEX contacts_by_name
          ON contacts(lastName COLLATE NOCASE, firstName COLLATE NOCASE, id) WHERE deleted = 0;
        DROP INDEX companies_by_name;
        CREATE INDEX companies_by_name ON companies(name COLLATE NOCASE, id) WHERE deleted = 0;
        CREATE INDEX mutations_redoable ON mutations(seq) WHERE kind = 'undo' AND undone = 0;
        CREATE INDEX mutations_undoable ON mutations(seq) WHERE kind IN ('do', 'redo') AND undone = 0;
        """)
    let watched = [
      ("deals", "deals_fts", "title, deleted"),
      ("companies", "companies_fts", "name, domain, industry, deleted"),
      ("contacts", "contacts_fts", "firstName, lastName, title, emails, phones, tags, deleted"),
    ]
    for (table, fts, columns) in watched {
      let body = try String.fetchOne(
        db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        arguments: ["\(fts)_update"])!
      try db.execute(sql: "DROP TRIGGER \(fts)_update")
      try db.execute(
        sql: body.replacingOccurrences(
          of: "AFTER UPDATE ON \(table)", with: "AFTER UPDATE OF \(columns) ON \(table)"))
    }
  }

  /// FTS5 over deals, contacts and companies. The indexes hold their own copy of the text
  /// (a contact's addresses and phones are pulled out of their JSON), keyed by `rid`, and
  /// triggers keep them in step; tombstoned rows leave the index. Prefix indexes make
  /// search-as-you-type cheap.
  private static func createSearch(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE VIRTUAL TABLE deals_fts USING fts5(title, tokenize = 'unicode61 remove_diacritics 2',
          prefix = '1 2 3');
        CREATE VIRTUAL TABLE companies_fts USING fts5(name, domain, industry,
          tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
        CREATE VIRTUAL TABLE contacts_fts USING fts5(name, title, emails, phones, tags,
          tokenize = "unicode61 remove_diacritics 2 tokenchars '@.+'", prefix = '1 2 3');
        """)
    let contactText = """
      new.firstName || ' ' || new.lastName, coalesce(new.title, ''),
      (SELECT coalesce(group_concat(json_extract(value, '$.address'), ' '), '')
         FROM json_each(new.emails)),
      (SELECT coalesce(group_concat(json_extract(value, '$.number'), ' '), '')
         FROM json_each(new.phones)),
      (SELECT coalesce(group_concat(value, ' '), '') FROM json_each(new.tags))
      """
    let specs: [(table: String, fts: String, columns: String, values: String)] = [
      ("deals", "deals_fts", "title", "new.title"),
      (
        "companies", "companies_fts", "name, domain, industry",
        "new.name, coalesce(new.domain, ''), coalesce(new.industry, '')"
      ),
      ("contacts", "contacts_fts", "name, title, emails, phones, tags", contactText),
    ]
    for spec in specs {
      try db.execute(
        sql: """
          CREATE TRIGGER \(spec.fts)_insert AFTER INSERT ON \(spec.table) WHEN new.deleted = 0 BEGIN
            INSERT INTO \(spec.fts)(rowid, \(spec.columns)) VALUES (new.rid, \(spec.values));
          END;
          CREATE TRIGGER \(spec.fts)_update AFTER UPDATE ON \(spec.table) BEGIN
            DELETE FROM \(spec.fts) WHERE rowid = old.rid;
            INSERT INTO \(spec.fts)(rowid, \(spec.columns))
              SELECT new.rid, \(spec.values) WHERE new.deleted = 0;
          END;
          CREATE TRIGGER \(spec.fts)_delete AFTER DELETE ON \(spec.table) BEGIN
            DELETE FROM \(spec.fts) WHERE rowid = old.rid;
          END;
          """)
    }
  }
}
