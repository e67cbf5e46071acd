import GRDB

/// The schema duplicate detection reads (migration "v3: duplicate detection"): every phone
/// number of every contact normalised, every company name reduced to a matching key, and
/// an index on a contact's folded name within its company. Side tables are kept by
/// triggers, like `contact_emails`, and hold tombstoned records too: readers join the
/// entity table on `deleted = 0`.
extension Schema {
  /// A phone number as `PhoneNumber.normalized` spells it, for numbers that pass
  /// `PhoneNumber.check`: the digits, with a leading + kept.
  static func normalizedPhoneSQL(_ number: String) -> String {
    var digits = number
    for mark in ["+", "-", "(", ")", " ", ".", "/", "x", "X"] {
      digits = "replace(\(digits), '\(mark)', '')"
    }
    return "(CASE WHEN \(number) LIKE '+%' THEN '+' ELSE '' END || \(digits))"
  }

  /// The legal suffixes a company name is matched without ("Acme, Inc." is "acme").
  static let legalSuffixes = ["inc", "ltd", "limited", "llc", "gmbh", "plc", "corp"]

  /// A company's name key: lower-cased, without dots and commas, trimmed, and without one
  /// trailing legal suffix. `folded` names a column holding the first three steps.
  static func companyNameKeySQL(folded p: String) -> String {
    let cases = legalSuffixes.map { suffix in
      "WHEN \(p) LIKE '% \(suffix)' THEN rtrim(substr(\(p), 1, length(\(p)) - \(suffix.count + 1)))"
    }
    return "(CASE \(cases.joined(separator: " ")) ELSE \(p) END)"
  }

  static func createDuplicateIndexes(_ db: Database) throws {
    let phones = """
      SELECT new.rid, \(normalizedPhoneSQL("json_extract(value, '$.number')"))
        FROM json_each(new.phones)
      """
    let names = """
      SELECT new.rid, \(companyNameKeySQL(folded: "p")) FROM (
        SELECT trim(replace(replace(lower(new.name), '.', ''), ',', '')) AS p)
      """
    try db.execute(
      sql: """
        CREATE TABLE contact_phones (
          contactRid INTEGER NOT NULL REFERENCES contacts(rid) ON DELETE CASCADE,
          number TEXT NOT NULL
        );
        CREATE INDEX contact_phones_by_number ON contact_phones(number);
        CREATE INDEX contact_phones_by_contact ON contact_phones(contactRid);
        CREATE TRIGGER contact_phones_insert AFTER INSERT ON contacts BEGIN
          INSERT INTO contact_phones(contactRid, number) \(phones);
        END;
        CREATE TRIGGER contact_phones_update AFTER UPDATE OF phones ON contacts BEGIN
          DELETE FROM contact_phones WHERE contactRid = old.rid;
          INSERT INTO contact_phones(contactRid, number) \(phones);
        END;
        CREATE TABLE company_names (
          companyRid INTEGER NOT NULL REFERENCES companies(rid) ON DELETE CASCADE,
          name TEXT NOT NULL
        );
        CREATE INDEX company_names_by_name ON company_names(name);
        CREATE INDEX company_names_by_company ON company_names(companyRid);
        CREATE TRIGGER company_names_insert AFTER INSERT ON companies BEGIN
          INSERT INTO company_names(companyRid, name) \(names);
        END;
        CREATE TRIGGER company_names_update AFTER UPDATE OF name ON companies BEGIN
          DELETE FROM company_names WHERE companyRid = old.rid;
          INSERT INTO company_names(companyRid, name) \(names);
        END;
        CREATE INDEX contacts_by_company_name
          ON contacts(companyId, lower(trim(firstName)), lower(trim(lastName)))
          WHERE deleted = 0 AND companyId IS NOT NULL;
        """)
    // The records that exist already.
    try db.execute(
      sql: """
        INSERT INTO contact_phones(contactRid, number)
          SELECT c.rid, \(normalizedPhoneSQL("json_extract(p.value, '$.number')"))
          FROM contacts c, json_each(c.phones) p;
        INSERT INTO company_names(companyRid, name)
          SELECT rid, \(companyNameKeySQL(folded: "p")) FROM (
            SELECT rid, trim(replace(replace(lower(name), '.', ''), ',', '')) AS p FROM companies);
        """)
  }
}
