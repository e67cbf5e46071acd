import Foundation
import GRDB
import Model

/// Create, edit and delete for the entities that need no more than their own rules
/// (contacts, companies, activities, notes, users). Each is one mutation; links to other
/// records are checked inside it, so a record never points at nothing.
extension Store {
  func createRecord<R: StoredRecord>(
    _ record: R, label: String, now: Date, validate: (R) throws(ValidationError) -> Void
  ) throws -> R {
    try mutate(label, now: now) { w in
      try validated { () throws(ValidationError) in try validate(record) }
      try Self.checkLinks(w.db, record)
      try w.insert(record)
      return record
    }
  }

  func editRecord<R: StoredRecord>(
    _ type: R.Type, _ key: String, label: String, now: Date,
    validate: (R) throws(ValidationError) -> Void, _ change: (inout R) throws -> Void
  ) throws -> R {
    try mutate(label, now: now) { w in
      let old = try Self.fetch(w.db, R.self, key)
      var new = old
      try change(&new)
      try validated { () throws(ValidationError) in try validate(new) }
      try Self.checkLinks(w.db, new, unchangedFrom: old)
      if try w.update(new, from: old), let stamped = Self.touch(new, w.now) {
        try w.update(stamped, from: new)
        return stamped
      }
      return new
    }
  }

  func deleteRecord<R: StoredRecord>(_ type: R.Type, _ key: String, label: String, now: Date)
    throws
  {
    try mutate(label, now: now) { w in
      let id = try Self.resolve(w.db, R.entity, key)
      try w.delete(R.entity, id)
    }
  }

  /// Sets `updatedAt` on the record types that carry it.
  static func touch<R>(_ record: R, _ now: Date) -> R? {
    switch record {
    case var r as Contact:
      r.updatedAt = now
      return r as? R
    case var r as Company:
      r.updatedAt = now
      return r as? R
    case var r as Activity:
      r.updatedAt = now
      return r as? R
    case var r as Note:
      r.updatedAt = now
      return r as? R
    case var r as User:
      r.updatedAt = now
      return r as? R
    default: return nil
    }
  }

  /// Every id a record points at must name a live record. On an edit, links that `old`
  /// already had are not checked again: a contact whose company was deleted can still have
  /// its phone number fixed.
  static func checkLinks<R: StoredRecord>(_ db: Database, _ record: R, unchangedFrom old: R? = nil)
    throws
  {
    let kept = Set(
      (old.map { links(of: $0) } ?? []).compactMap { link in link.0.map { "\(link.2)/\($0)" } })
    for (id, entity, field) in links(of: record) {
      guard let id, !kept.contains("\(field)/\(id)") else { continue }
      let exists =
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM \(entity.table) WHERE id = ? AND deleted = 0", arguments: [id])
        ?? false
      if !exists {
        throw StoreError.invalid(ValidationError(field: field, "no \(entity.rawValue) \"\(id)\""))
      }
    }
  }

  /// The ids a record points at, with the entity and the field each is in.
  private static func links(of record: some StoredRecord) -> [(String?, Entity, String)] {
    let links: [(String?, Entity, String)]
    switch record {
    case let r as Contact:
      links = [(r.companyId, .company, "company"), (r.ownerId, .user, "owner")]
    case let r as Company: links = [(r.ownerId, .user, "owner")]
    case let r as Activity:
      links = [
        (r.assigneeId, .user, "assignee"), (r.dealId, .deal, "deal"),
        (r.contactId, .contact, "contact"), (r.companyId, .company, "company"),
      ]
    case let r as Note:
      links = [
        (r.authorId, .user, "author"), (r.dealId, .deal, "deal"),
        (r.contactId, .contact, "contact"), (r.companyId, .company, "company"),
      ]
    default: links = []
    }
    return links
  }

  /// A page in `orderBy` order. The page is chosen on the index alone (rid is in every
  /// index), and only its rows are read: OFFSET deep into 100k rows then skips index
  /// entries, not table rows.
  static func page<R: StoredRecord>(
    _ db: Database, _ type: R.Type, where condition: String = "1",
    _ arguments: StatementArguments = [],
    orderBy: String, limit: Int, offset: Int
  ) throws -> [R] {
    try R.fetchAll(
      db,
      sql: """
        SELECT * FROM \(R.entity.table) WHERE rid IN (
          SELECT rid FROM \(R.entity.table) WHERE deleted = 0 AND (\(condition))
          ORDER BY \(orderBy) LIMIT ? OFFSET ?)
        ORDER BY \(orderBy)
        """, arguments: arguments + [limit, offset])
  }
}

// MARK: - Contacts

extension Store {
  @discardableResult
  public func createContact(_ contact: Contact, now: Date = Date()) throws -> Contact {
    try createRecord(contact, label: "add contact \(contact.fullName)", now: now) {
      (c) throws(ValidationError) in try c.validate()
    }
  }

  @discardableResult
  public func editContact(
    _ key: String, now: Date = Date(), _ change: (inout Contact) throws -> Void
  )
    throws -> Contact
  {
    try editRecord(
      Contact.self, key, label: "edit contact \(key)", now: now,
      validate: { (c) throws(ValidationError) in try c.validate() }, change)
  }

  public func deleteContact(_ key: String, now: Date = Date()) throws {
    try deleteRecord(Contact.self, key, label: "delete contact \(key)", now: now)
  }

  public func contact(_ key: String) throws -> Contact {
    try reader.read { db in try Self.fetch(db, Contact.self, key) }
  }

  /// A page of contacts by last name, then first name.
  public func contacts(company: String? = nil, limit: Int = 100, offset: Int = 0) throws
    -> [Contact]
  {
    try reader.read { db in
      var condition = "1"
      var arguments = StatementArguments()
      if let company {
        condition = "companyId = ?"
        arguments = [try Self.company(db, named: company).id]
      }
      return try Self.page(
        db, Contact.self, where: condition, arguments,
        orderBy: "lastName COLLATE NOCASE, firstName COLLATE NOCASE, id", limit: limit,
        offset: offset)
    }
  }
}

// MARK: - Companies

extension Store {
  @discardableResult
  public func createCompany(_ company: Company, now: Date = Date()) throws -> Company {
    try createRecord(company, label: "add company \(company.name)", now: now) {
      (c) throws(ValidationError) in try c.validate()
    }
  }

  @discardableResult
  public func editCompany(
    _ key: String, now: Date = Date(), _ change: (inout Company) throws -> Void
  )
    throws -> Company
  {
    try editRecord(
      Company.self, key, label: "edit company \(key)", now: now,
      validate: { (c) throws(ValidationError) in try c.validate() }, change)
  }

  public func deleteCompany(_ key: String, now: Date = Date()) throws {
    try deleteRecord(Company.self, key, label: "delete company \(key)", now: now)
  }

  /// A company by exact name or id.
  public func company(_ key: String) throws -> Company {
    try reader.read { db in try Self.company(db, named: key) }
  }

  public func companies(limit: Int = 100, offset: Int = 0) throws -> [Company] {
    try reader.read { db in
      try Self.page(
        db, Company.self, orderBy: "name COLLATE NOCASE, id", limit: limit, offset: offset)
    }
  }
}

// MARK: - Users

extension Store {
  @discardableResult
  public func createUser(_ user: User, now: Date = Date()) throws -> User {
    try createRecord(user, label: "add user \(user.name)", now: now) {
      (u) throws(ValidationError) in try u.validate()
    }
  }

  public func users() throws -> [User] {
    try reader.read { db in
      try User.fetchAll(
        db, sql: "SELECT * FROM users WHERE deleted = 0 ORDER BY name COLLATE NOCASE")
    }
  }

  public func user(named key: String) throws -> User {
    try reader.read { db in try Self.user(db, named: key) }
  }
}
