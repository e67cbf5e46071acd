import GRDB

/// Migration "v9: contact list order version": a number that changes whenever a write may
/// move a contact in the contacts list, in any sort, or take one in or out of it.
///
/// Search as you type sorts its hits by where they stand in the list, and where every live
/// contact stands is read once from the sort's index and kept in memory
/// (`ContactListOrder`). Reading this one row in the search's own read transaction tells
/// whether that copy still holds, whatever wrote the file (this process, another one, a
/// raw SQL statement): triggers bump it for every insert or delete of a contact and every
/// update of a column a sort reads (the names, the first email and phone through their
/// JSON, the derived company, owner and last-interaction columns, the tombstone). A
/// company renamed or a note added reaches it through the v5 triggers, which update
/// `listCompany` and `listLast`.
///
/// The duplicate marks of the list's pages (`DuplicateMarks.swift`) hold while it holds too:
/// they read the names, emails, phones, company and tombstone of contacts.
///
/// The cost on the write path is one update of a one-row table per contact row written.
extension Schema {
  static func addContactOrderVersion(_ db: Database) throws {
    let bump = "UPDATE list_versions SET version = version + 1 WHERE list = 'contacts';"
    try db.execute(
      sql: """
        CREATE TABLE list_versions (list TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL)
          WITHOUT ROWID;
        INSERT INTO list_versions(list, version) VALUES ('contacts', 0);
        CREATE TRIGGER contacts_order_insert AFTER INSERT ON contacts BEGIN \(bump) END;
        CREATE TRIGGER contacts_order_delete AFTER DELETE ON contacts BEGIN \(bump) END;
        CREATE TRIGGER contacts_order_update
        AFTER UPDATE OF id, firstName, lastName, emails, phones, companyId, listCompany, listOwner,
          listLast, deleted ON contacts
        BEGIN \(bump) END;
        """)
  }
}
