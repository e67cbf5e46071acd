import Foundation
import GRDB
import Model

/// Importing contacts (from CSV rows or vCards that Interchange has read) through the one
/// write path, as one mutation: a refused file writes nothing, and one undo takes back the
/// whole import.
///
/// Each row is matched to a stored contact by its source id, else by any of its emails
/// (case-folded, through the `contact_emails` index), else it is a new contact. An update
/// merges: the fields the row gives win, emails, phones and tags are unioned, and a row that
/// would change nothing writes nothing. Companies are matched by domain, then name (both
/// case-folded), else created once per import; owners are found by email.
extension Store {
  /// Imports `rows` as they come (the sequence is read once, row by row). The first problem
  /// refuses the whole import (thrown, nothing written) unless `skipInvalid`, which reports it
  /// in `skipped` and goes on; a problem for which `refuses` is true (a file that cannot be
  /// read past that point) refuses it even then. `dryRun` does everything and writes nothing.
  /// `progress` is called with the number of rows read so far, after each row.
  public func importContacts(
    _ rows: some Sequence<Result<ContactImport, ImportProblem>>, mode: ImportMode = .both,
    dryRun: Bool = false, skipInvalid: Bool = false,
    refuses: (ImportProblem) -> Bool = { _ in false }, now: Date = Date(),
    progress: ((Int) -> Void)? = nil
  ) throws -> ImportReport {
    do {
      return try importMutation("import contacts", now: now) { w in
        let importer = ContactImporter(writer: w, mode: mode)
        var count = 0
        // Rows are read a batch at a time, and the contacts the batch may match are looked up
        // in one query each by id, source id and email before its rows are imported.
        var batch: [Result<ContactImport, ImportProblem>] = []
        batch.reserveCapacity(Store.importLookupRows)
        func importBatch() throws {
          try importer.prefetch(batch.compactMap { try? $0.get() })
          for row in batch {
            count += 1
            do {
              try importer.importRow(try row.get())
            } catch let problem as ImportProblem {
              guard skipInvalid, !refuses(problem) else { throw problem }
              importer.report.skipped.append(problem)
            }
            progress?(count)
          }
          batch.removeAll(keepingCapacity: true)
        }
        for row in rows {
          batch.append(row)
          if batch.count >= Store.importLookupRows { try importBatch() }
        }
        try importBatch()
        try importer.pending.flush()
        // A dry run does all the work, then throws it away: its report is exactly the real one.
        if dryRun { throw DryRun(report: importer.report) }
        return importer.report
      }
    } catch let dry as DryRun {
      return dry.report
    }
  }
}

extension Store {
  /// How many rows of a contacts import are read ahead and looked up together (ids, source
  /// ids and emails: three queries a batch instead of one or more a row).
  static let importLookupRows = 1024

  /// One import's mutation (contacts, activities): `mutate` with the connection set for a
  /// long write (`withBulkWriter`) and the change log written many records at a time
  /// (`MutationWriter.batchesLog`).
  func importMutation<T>(
    _ label: String, now: Date, _ body: (MutationWriter) throws -> T
  ) throws -> T {
    try withBulkWriter(offSQLiteCheckpoints: false) {
      try mutate(label, now: now) { w in
        w.batchesLog = true
        return try body(w)
      }
    }
  }
}

extension Schema {
  /// The id a contact has in the file or system it was imported from (a vCard UID, another
  /// CRM's record id), so a re-import updates the same contact. An ordinary column, written
  /// through the change log like every field; not part of `Contact`, only import reads it.
  static func addContactSources(_ db: Database) throws {
    try db.execute(
      sql: """
        ALTER TABLE contacts ADD COLUMN sourceId TEXT;
        CREATE INDEX contacts_by_source ON contacts(sourceId)
          WHERE deleted = 0 AND sourceId IS NOT NULL;
        """)
  }
}

/// Thrown out of a dry run's transaction so that it rolls back.
private struct DryRun: Error {
  let report: ImportReport
}

/// The state of one import: what it has found and created so far, and its counts.
private final class ContactImporter {
  let w: MutationWriter
  let mode: ImportMode
  var report = ImportReport()
  /// Companies by case-folded domain and name, and users by case-folded email: each looked up
  /// (or created) once per import.
  private var companiesByDomain: [String: String] = [:]
  private var companiesByName: [String: String] = [:]
  private var usersByEmail: [String: String] = [:]
  /// Ids known to name live records (found or created by this import), so links to them need
  /// no check.
  private var liveIds: Set<String> = []
  /// New contacts not yet written, with their source ids.
  let pending: PendingInserts<Contact>
  /// The live contacts the current batch's rows may match, by key (`keys`), as the database
  /// held them when the batch began: the first by id, by source id and by each email.
  private var prefetched: [String: StoredContact] = [:]
  /// Keys of the contacts written or held since `prefetched` was read: a row that has one
  /// looks itself up again, one query at a time, as what it may match has changed.
  private var stale: Set<String> = []

  init(writer: MutationWriter, mode: ImportMode) {
    self.w = writer
    self.mode = mode
    self.pending = PendingInserts(writer: writer, extraColumns: ["sourceId"])
  }

  func importRow(_ item: ContactImport) throws {
    var incoming = item.contact
    if let email = nonEmpty(item.ownerEmail) {
      // An owner this database does not know (a file from another team) is left out: the
      // contact keeps its owner, or gets the local user, rather than refusing the file.
      incoming.ownerId = try user(email: email)
    }
    let match = try findMatch(item)
    switch (match, mode) {
    case (let stored?, .create):
      try precheck(incoming, line: item.line)
      return skip(
        item.line, "matches contact \(stored.contact.id); --mode create adds only new ones")
    case (nil, .update):
      try precheck(incoming, line: item.line)
      return skip(item.line, "matches no contact; --mode update changes only existing ones")
    default: break
    }
    let company = try company(for: item, ownerId: incoming.ownerId)
    if let company { incoming.companyId = company.id }
    let notes = try notes(item)
    if let stored = match {
      try update(stored, with: incoming, newCompany: company?.new, notes: notes, item: item)
    } else {
      try create(incoming, newCompany: company?.new, notes: notes, item: item)
    }
  }

  // MARK: - Writing

  private func create(
    _ incoming: Contact, newCompany: Company?, notes: [String], item: ContactImport
  ) throws {
    var contact = incoming
    contact.createdAt = w.now
    contact.updatedAt = w.now
    if contact.ownerId == nil { contact.ownerId = w.actor }
    try check(contact, line: item.line, creating: newCompany)
    try insert(newCompany)
    let sourceId = nonEmpty(item.sourceId)
    let keys = Self.keys(id: contact.id, sourceId: sourceId, emails: contact.emails)
    stale.formUnion(keys)
    try pending.add(contact, extra: [sourceId?.databaseValue ?? .null], keys: keys)
    if !notes.isEmpty {
      // A note's triggers update its contact's row, which must be there.
      try pending.flush()
      for note in notes { try w.insert(makeNote(note, contactId: contact.id)) }
    }
    report.created += 1
  }

  private func update(
    _ stored: StoredContact, with incoming: Contact, newCompany: Company?, notes: [String],
    item: ContactImport
  ) throws {
    let old = stored.contact
    var merged = Self.merge(incoming, into: old)
    let changed = merged != old
    if changed {
      merged.updatedAt = w.now
      try check(merged, line: item.line, unchangedFrom: old, creating: newCompany)
    }
    let sourceId = nonEmpty(item.sourceId)
    let setsSource = sourceId != nil && stored.sourceId == nil
    // A note the contact already has (the same text) is not added again: re-importing our
    // own export, one NOTE per note, adds none.
    let newNotes = try notes.filter { try !hasNote($0, contactId: old.id) }
    guard changed || setsSource || !newNotes.isEmpty else {
      report.unchanged += 1
      return
    }
    // What this contact may be matched by, before and after: later rows look it up again.
    stale.formUnion(
      Self.keys(id: old.id, sourceId: stored.sourceId, emails: old.emails + merged.emails))
    if let sourceId { stale.insert("s:" + sourceId) }
    if changed {
      // Only a company the contact now points at is created.
      if merged.companyId == newCompany?.id { try insert(newCompany) }
      try w.update(merged, from: old)
    }
    if setsSource, let sourceId {
      try w.set(.contact, old.id, ["sourceId": sourceId.databaseValue])
    }
    for note in newNotes { try w.insert(makeNote(note, contactId: old.id)) }
    report.updated += 1
  }

  private func insert(_ company: Company?) throws {
    guard let company else { return }
    try w.insert(company)
    if let domain = company.domain { companiesByDomain[domain] = company.id }
    companiesByName[company.name.lowercased()] = company.id
    liveIds.insert(company.id)
    report.companiesCreated += 1
  }

  private func makeNote(_ body: String, contactId: String) -> Note {
    Note(body: body, authorId: w.actor, contactId: contactId, createdAt: w.now)
  }

  private func skip(_ line: Int, _ reason: String) {
    report.skipped.append(ImportProblem(line: line, reason: reason))
  }

  /// The fields the row gives win; emails, phones and tags are unioned; an opt-out stays.
  static func merge(_ new: Contact, into old: Contact) -> Contact {
    var merged = old
    if !new.firstName.isEmpty { merged.firstName = new.firstName }
    if !new.lastName.isEmpty { merged.lastName = new.lastName }
    if let title = new.title, !title.isEmpty { merged.title = title }
    var emails = Set(old.emails.map { $0.address.lowercased() })
    for email in new.emails where emails.insert(email.address.lowercased()).inserted {
      merged.emails.append(email)
    }
    var phones = Set(old.phones.map(\.normalized))
    for phone in new.phones where phones.insert(phone.normalized).inserted {
      merged.phones.append(phone)
    }
    var tags = Set(old.tags.map { $0.lowercased() })
    for tag in new.tags where tags.insert(tag.lowercased()).inserted { merged.tags.append(tag) }
    if let address = new.address, !address.isEmpty {
      var result = old.address ?? PostalAddress()
      for part in [
        \PostalAddress.street, \.city, \.region, \.postalCode, \.country,
      ] where !address[keyPath: part].isEmpty {
        result[keyPath: part] = address[keyPath: part]
      }
      merged.address = result
    }
    if let companyId = new.companyId { merged.companyId = companyId }
    if let ownerId = new.ownerId { merged.ownerId = ownerId }
    merged.emailOptOut = old.emailOptOut || new.emailOptOut
    return merged
  }

  // MARK: - Checks

  /// Validates a contact as its single create does and checks the links the import did not
  /// resolve itself.
  private func check(
    _ contact: Contact, line: Int, unchangedFrom old: Contact? = nil, creating company: Company?
  ) throws {
    try validate(line) { () throws(ValidationError) in try contact.validate() }
    for (id, entity, field) in [
      (contact.companyId, Entity.company, "company"), (contact.ownerId, .user, "owner"),
    ] {
      guard let id, !liveIds.contains(id), id != w.actor, id != company?.id else { continue }
      if let old, id == (entity == .company ? old.companyId : old.ownerId) { continue }
      let statement = try w.db.cachedStatement(
        sql: "SELECT 1 FROM \(entity.table) WHERE id = ? AND deleted = 0")
      guard try Bool.fetchOne(statement, arguments: [id]) ?? false else {
        throw ImportProblem(line: line, reason: "\(field): no \(entity.rawValue) \"\(id)\"")
      }
      liveIds.insert(id)
    }
  }

  /// The checks of a row that the mode leaves out, bar the name (an update may give none):
  /// a bad value refuses the file whatever the mode.
  private func precheck(_ contact: Contact, line: Int) throws {
    var probe = contact
    if probe.fullName.trimmingCharacters(in: .whitespaces).isEmpty { probe.firstName = "-" }
    try validate(line) { () throws(ValidationError) in try probe.validate() }
  }

  private func validate(_ line: Int, _ body: () throws(ValidationError) -> Void) throws {
    do { try body() } catch { throw ImportProblem(line: line, reason: error.description) }
  }

  // MARK: - Lookups

  /// A stored contact with the source id the import reads and the model does not carry.
  struct StoredContact {
    var contact: Contact
    var sourceId: String?
  }

  /// What a contact may be matched by: its id, its source id, its emails (case-folded). The
  /// lookups of a row ask `pending` for the same keys, so a row that matches a contact held
  /// back still finds it.
  static func keys(id: String?, sourceId: String?, emails: [EmailAddress]) -> [String] {
    var keys = emails.map { "e:" + $0.address.lowercased() }
    if let id { keys.append("i:" + id) }
    if let sourceId { keys.append("s:" + sourceId) }
    return keys
  }

  /// Reads the live contacts that `items` (the next batch of rows) may match: three queries
  /// for the batch instead of one to three per row. What the import held back or writes from
  /// here on is marked `stale`.
  func prefetch(_ items: [ContactImport]) throws {
    prefetched.removeAll(keepingCapacity: true)
    stale = pending.keys
    var sourceIds: [String] = []
    var emails: [String] = []
    for item in items {
      if let sourceId = nonEmpty(item.sourceId) { sourceIds.append(sourceId) }
      for email in item.contact.emails {
        let key = email.address.lowercased()
        if !key.isEmpty { emails.append(key) }
      }
    }
    if !sourceIds.isEmpty {
      let list = try Self.jsonList(sourceIds)
      for row in try fetchRows(
        "SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND deleted = 0",
        list)
      {
        var own = StoredContact(contact: try Contact(columns: row), sourceId: row["sourceId"])
        own.sourceId = own.sourceId ?? own.contact.id
        prefetched["i:" + own.contact.id] = own
      }
      for row in try fetchRows(
        """
        SELECT * FROM contacts WHERE sourceId IN (SELECT value FROM json_each(?))
          AND deleted = 0 ORDER BY rid
        """, list)
      {
        let key = "s:" + (row["sourceId"] as String)
        guard prefetched[key] == nil else { continue }
        prefetched[key] = StoredContact(
          contact: try Contact(columns: row), sourceId: row["sourceId"])
      }
    }
    if !emails.isEmpty {
      for row in try fetchRows(
        """
        SELECT contacts.*, contact_emails.email AS matchedEmail
        FROM contact_emails JOIN contacts ON contacts.rid = contact_emails.contactRid
        WHERE contact_emails.email IN (SELECT value FROM json_each(?)) AND contacts.deleted = 0
        ORDER BY contacts.rid
        """, try Self.jsonList(emails))
      {
        let key = "e:" + (row["matchedEmail"] as String)
        guard prefetched[key] == nil else { continue }
        prefetched[key] = StoredContact(
          contact: try Contact(columns: row), sourceId: row["sourceId"])
      }
    }
  }

  private func fetchRows(_ sql: String, _ list: String) throws -> [Row] {
    try Row.fetchAll(w.db.cachedStatement(sql: sql), arguments: [list])
  }

  /// A JSON array of strings, for `json_each(?)`.
  static func jsonList(_ values: [String]) throws -> String {
    String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
  }

  private func findMatch(_ item: ContactImport) throws -> StoredContact? {
    let sourceId = nonEmpty(item.sourceId)
    let keys = Self.keys(id: sourceId, sourceId: sourceId, emails: item.contact.emails)
    // What the batch's queries read is still what the database holds for these keys.
    if !keys.contains(where: stale.contains) {
      if let sourceId, let found = prefetched["i:" + sourceId] ?? prefetched["s:" + sourceId] {
        return found
      }
      for email in item.contact.emails {
        let key = email.address.lowercased()
        if !key.isEmpty, let found = prefetched["e:" + key] { return found }
      }
      return nil
    }
    // A source id may name a contact by its id (our own export) or by its source id.
    try pending.flush(ifHolding: keys)
    if let sourceId {
      // Our own export gives the contact's id as its source id.
      if var own = try fetchContact("SELECT * FROM contacts WHERE id = ? AND deleted = 0", sourceId)
      {
        own.sourceId = own.sourceId ?? sourceId
        return own
      }
      if let found = try fetchContact(
        "SELECT * FROM contacts WHERE sourceId = ? AND deleted = 0 ORDER BY rid LIMIT 1", sourceId)
      {
        return found
      }
    }
    for email in item.contact.emails {
      let key = email.address.lowercased()
      guard !key.isEmpty else { continue }
      if let found = try fetchContact(
        """
        SELECT contacts.* FROM contact_emails JOIN contacts ON contacts.rid = contact_emails.contactRid
        WHERE contact_emails.email = ? AND contacts.deleted = 0 ORDER BY contacts.rid LIMIT 1
        """, key)
      {
        return found
      }
    }
    return nil
  }

  private func fetchContact(_ sql: String, _ key: String) throws -> StoredContact? {
    let statement = try w.db.cachedStatement(sql: sql)
    guard let row = try Row.fetchOne(statement, arguments: [key]) else { return nil }
    return StoredContact(contact: try Contact(columns: row), sourceId: row["sourceId"])
  }

  private func user(email: String) throws -> String? {
    let key = email.lowercased()
    if let id = usersByEmail[key] { return id }
    let statement = try w.db.cachedStatement(
      sql: """
        SELECT id FROM users WHERE deleted = 0 AND email <> '' AND email = ? COLLATE NOCASE
        ORDER BY rid LIMIT 1
        """)
    guard let id = try String.fetchOne(statement, arguments: [email]) else { return nil }
    usersByEmail[key] = id
    liveIds.insert(id)
    return id
  }

  /// The company a row names: found by domain, then by name, else a new one to create (not
  /// yet written, so a row refused later leaves no company behind).
  private func company(for item: ContactImport, ownerId: String?) throws -> (
    id: String, new: Company?
  )? {
    let domain = nonEmpty(item.companyDomain)?.lowercased()
    let name = nonEmpty(item.companyName)
    guard domain != nil || name != nil else { return nil }
    if let domain, let id = companiesByDomain[domain] { return (id, nil) }
    if let name, let id = companiesByName[name.lowercased()] { return (id, nil) }
    let byDomain = "SELECT id FROM companies WHERE deleted = 0 AND domain = ? COLLATE NOCASE"
    let byName = "SELECT id FROM companies WHERE deleted = 0 AND name = ? COLLATE NOCASE"
    if let domain, let id = try fetchId(byDomain + " ORDER BY rid LIMIT 1", domain) {
      companiesByDomain[domain] = id
      liveIds.insert(id)
      return (id, nil)
    }
    if let name, let id = try fetchId(byName + " ORDER BY rid LIMIT 1", name) {
      companiesByName[name.lowercased()] = id
      liveIds.insert(id)
      return (id, nil)
    }
    let company = Company(
      name: name ?? domain ?? "", domain: domain, ownerId: ownerId ?? w.actor, createdAt: w.now)
    try validate(item.line) { () throws(ValidationError) in try company.validate() }
    return (company.id, company)
  }

  private func fetchId(_ sql: String, _ key: String) throws -> String? {
    try String.fetchOne(w.db.cachedStatement(sql: sql), arguments: [key])
  }

  /// The row's notes, each trimmed and validated, empty ones and repeats left out.
  private func notes(_ item: ContactImport) throws -> [String] {
    var bodies: [String] = []
    for body in item.notes.compactMap(nonEmpty) where !bodies.contains(body) {
      let probe = Note(body: body, contactId: item.contact.id)
      try validate(item.line) { () throws(ValidationError) in try probe.validate() }
      bodies.append(body)
    }
    return bodies
  }

  private func hasNote(_ body: String, contactId: String) throws -> Bool {
    let statement = try w.db.cachedStatement(
      sql: "SELECT 1 FROM notes WHERE contactId = ? AND body = ? AND deleted = 0 LIMIT 1")
    return try Bool.fetchOne(statement, arguments: [contactId, body]) ?? false
  }

  private func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    // Most values need no trimming: nothing but visible ASCII at either end.
    if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first),
      (0x21...0x7E).contains(last)
    {
      return text
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }
}
