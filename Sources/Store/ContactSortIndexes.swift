import GRDB

/// Migration "v5: contact list sorts": what paging the contacts list sorted by any column,
/// and counting it, needs at a constant cost whatever the size.
///
/// Three derived columns of `contacts`, kept by triggers in the transaction that writes what
/// they derive from, and backfilled here: `listCompany` (the name of the contact's live
/// company), `listOwner` (its owner's name) and `listLast` (the latest note or done activity
/// linked to the contact). They are not fields: the change log never names them, and an
/// undo, a merge or a delete rewrites them through the triggers like any other write. The
/// first email and phone need no column: their indexes are on the JSON expressions.
///
/// Every sort index holds `(key IS NULL, key, lastName, firstName, id)`, the ORDER BY of
/// `Store.contactOrder`: read forwards it gives A to Z with empty values last, read backwards
/// Z to A with empty values first. `live_counts` holds the number of live contacts, so the
/// list's total costs one row read instead of a count over a million.
extension Schema {
  /// The derived columns of a contact `c` (an SQL expression for its id and company and
  /// owner ids), as the triggers and the backfill compute them.
  static func listCompanySQL(_ companyId: String) -> String {
    "(SELECT name FROM companies WHERE id = \(companyId) AND deleted = 0)"
  }

  static func listOwnerSQL(_ ownerId: String) -> String {
    "(SELECT name FROM users WHERE id = \(ownerId))"
  }

  static func listLastSQL(_ contactId: String) -> String {
    """
    (SELECT max(v) FROM (
      SELECT max(createdAt) AS v FROM notes WHERE contactId = \(contactId) AND deleted = 0
      UNION ALL
      SELECT max(doneAt) FROM activities WHERE contactId = \(contactId) AND deleted = 0))
    """
  }

  /// The index columns of a sort on `key`, completed by the name and id.
  static func sortIndexColumns(_ key: String, nocase: Bool = true) -> String {
    let collate = nocase ? " COLLATE NOCASE" : ""
    return "\(key) IS NULL, \(key)\(collate), lastName COLLATE NOCASE, firstName COLLATE NOCASE, id"
  }

  /// The first email and phone of a contact, as the list shows and sorts them.
  static let firstEmailSQL = "json_extract(emails, '$[0].address')"
  static let firstPhoneSQL = "json_extract(phones, '$[0].number')"

  static func addContactSortIndexes(_ db: Database) throws {
    let refresh = { (contact: String) in
      "UPDATE contacts SET listLast = \(listLastSQL(contact)) WHERE id = \(contact);"
    }
    try db.execute(
      sql: """
        ALTER TABLE contacts ADD COLUMN listCompany TEXT;
        ALTER TABLE contacts ADD COLUMN listOwner TEXT;
        ALTER TABLE contacts ADD COLUMN listLast TEXT;
        CREATE TABLE live_counts (entity TEXT PRIMARY KEY NOT NULL, count INTEGER NOT NULL)
          WITHOUT ROWID;
        INSERT INTO live_counts(entity, count)
          SELECT 'contact', count(*) FROM contacts WHERE deleted = 0;
        UPDATE contacts SET listCompany = \(listCompanySQL("contacts.companyId")),
          listOwner = \(listOwnerSQL("contacts.ownerId"))
          WHERE companyId IS NOT NULL OR ownerId IS NOT NULL;
        UPDATE contacts SET listLast = \(listLastSQL("contacts.id"))
          WHERE id IN (SELECT contactId FROM notes WHERE deleted = 0
            UNION SELECT contactId FROM activities WHERE deleted = 0 AND doneAt IS NOT NULL);

        -- A contact's own writes: its company, its owner, its tombstone (an undone delete
        -- comes back with what changed while it was gone).
        CREATE TRIGGER contacts_list_insert AFTER INSERT ON contacts BEGIN
          UPDATE live_counts SET count = count + 1 WHERE entity = 'contact' AND new.deleted = 0;
          UPDATE contacts SET listCompany = \(listCompanySQL("new.companyId")),
            listOwner = \(listOwnerSQL("new.ownerId")), listLast = \(listLastSQL("new.id"))
            WHERE rid = new.rid
              AND (new.companyId IS NOT NULL OR new.ownerId IS NOT NULL
                OR EXISTS (SELECT 1 FROM notes WHERE contactId = new.id)
                OR EXISTS (SELECT 1 FROM activities WHERE contactId = new.id));
        END;
        CREATE TRIGGER contacts_list_delete AFTER DELETE ON contacts BEGIN
          UPDATE live_counts SET count = count - 1 WHERE entity = 'contact' AND old.deleted = 0;
        END;
        CREATE TRIGGER contacts_list_tombstone AFTER UPDATE OF deleted ON contacts
        WHEN new.deleted <> old.deleted BEGIN
          UPDATE live_counts SET count = count + (CASE WHEN new.deleted = 0 THEN 1 ELSE -1 END)
            WHERE entity = 'contact';
          UPDATE contacts SET listCompany = \(listCompanySQL("new.companyId")),
            listOwner = \(listOwnerSQL("new.ownerId")), listLast = \(listLastSQL("new.id"))
            WHERE rid = new.rid AND new.deleted = 0;
        END;
        CREATE TRIGGER contacts_list_company AFTER UPDATE OF companyId ON contacts BEGIN
          UPDATE contacts SET listCompany = \(listCompanySQL("new.companyId")) WHERE rid = new.rid;
        END;
        CREATE TRIGGER contacts_list_owner AFTER UPDATE OF ownerId ON contacts BEGIN
          UPDATE contacts SET listOwner = \(listOwnerSQL("new.ownerId")) WHERE rid = new.rid;
        END;

        -- A company's name or tombstone shows in the list of its live contacts.
        CREATE TRIGGER companies_list_insert AFTER INSERT ON companies BEGIN
          UPDATE contacts SET listCompany = \(listCompanySQL("new.id"))
            WHERE companyId = new.id AND deleted = 0;
        END;
        CREATE TRIGGER companies_list_update AFTER UPDATE OF name, deleted ON companies BEGIN
          UPDATE contacts SET listCompany = \(listCompanySQL("new.id"))
            WHERE companyId = new.id AND deleted = 0;
        END;
        CREATE TRIGGER companies_list_delete AFTER DELETE ON companies BEGIN
          UPDATE contacts SET listCompany = NULL WHERE companyId = old.id AND deleted = 0;
        END;

        -- A user's name (rare: a full scan, as there is no index by owner).
        CREATE TRIGGER users_list_insert AFTER INSERT ON users BEGIN
          UPDATE contacts SET listOwner = new.name WHERE ownerId = new.id;
        END;
        CREATE TRIGGER users_list_update AFTER UPDATE OF name ON users BEGIN
          UPDATE contacts SET listOwner = new.name WHERE ownerId = new.id;
        END;

        -- Notes and done activities: the last interaction of the contacts they name (both,
        -- when a merge moves one to another contact).
        CREATE TRIGGER notes_list_insert AFTER INSERT ON notes WHEN new.contactId IS NOT NULL
        BEGIN \(refresh("new.contactId")) END;
        CREATE TRIGGER notes_list_update AFTER UPDATE OF contactId, createdAt, deleted ON notes
        BEGIN \(refresh("old.contactId")) \(refresh("new.contactId")) END;
        CREATE TRIGGER notes_list_delete AFTER DELETE ON notes WHEN old.contactId IS NOT NULL
        BEGIN \(refresh("old.contactId")) END;
        CREATE TRIGGER activities_list_insert AFTER INSERT ON activities
        WHEN new.contactId IS NOT NULL AND new.doneAt IS NOT NULL
        BEGIN \(refresh("new.contactId")) END;
        CREATE TRIGGER activities_list_update
        AFTER UPDATE OF contactId, doneAt, deleted ON activities
        BEGIN \(refresh("old.contactId")) \(refresh("new.contactId")) END;
        CREATE TRIGGER activities_list_delete AFTER DELETE ON activities
        WHEN old.contactId IS NOT NULL
        BEGIN \(refresh("old.contactId")) END;

        CREATE INDEX contacts_by_list_company ON contacts(
          \(sortIndexColumns("listCompany"))) WHERE deleted = 0;
        CREATE INDEX contacts_by_list_email ON contacts(
          \(sortIndexColumns(firstEmailSQL)))
          WHERE deleted = 0;
        CREATE INDEX contacts_by_list_phone ON contacts(
          \(sortIndexColumns(firstPhoneSQL, nocase: false))) WHERE deleted = 0;
        CREATE INDEX contacts_by_list_owner ON contacts(
          \(sortIndexColumns("listOwner"))) WHERE deleted = 0;
        CREATE INDEX contacts_by_list_last ON contacts(\(sortIndexColumns("listLast", nocase: false)))
          WHERE deleted = 0;
        """)
  }
}
