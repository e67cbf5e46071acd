import Foundation
import GRDB
import Model

/// Why two contacts may be one person.
public enum DuplicateReason: Sendable, Hashable {
  /// The same address, lower-cased (as `contact_emails` keeps it).
  case email(String)
  /// The same number, normalised as `PhoneNumber.normalized`.
  case phone(String)
  /// The same first and last name (trimmed, case-folded) at the company with this id.
  case nameAtCompany(String)
}

/// Two live contacts that may be one person; `a` is the older record (created first).
public struct DuplicatePair: Sendable, Hashable {
  public var a: Contact
  public var b: Contact
  public var reasons: [DuplicateReason]

  public init(a: Contact, b: Contact, reasons: [DuplicateReason]) {
    self.a = a
    self.b = b
    self.reasons = reasons
  }
}

/// Why two companies may be one organisation.
public enum CompanyDuplicateReason: Sendable, Hashable {
  /// The same domain, lower-cased.
  case domain(String)
  /// The same name key: lower-cased, without dots and commas, trimmed, and without a
  /// trailing legal suffix (Inc, Ltd, Limited, LLC, GmbH, PLC, Corp).
  case name(String)
}

/// Two live companies that may be one; `a` is the older record.
public struct CompanyDuplicatePair: Sendable, Hashable {
  public var a: Company
  public var b: Company
  public var reasons: [CompanyDuplicateReason]

  public init(a: Company, b: Company, reasons: [CompanyDuplicateReason]) {
    self.a = a
    self.b = b
    self.reasons = reasons
  }
}

/// Duplicate detection, in SQL on indexes: each reason is a self-join of a side table (or
/// an index) restricted to the values that occur more than once, so the cost follows the
/// duplicates, not the square of the contacts. Each pair appears once, older record first.
extension Store {
  /// Possible duplicate contacts, at most `limit` pairs, ordered by the older record.
  public func contactDuplicates(limit: Int = 1000) throws -> [DuplicatePair] {
    try reader.read { db in
      let rows = try Row.fetchCursor(
        db,
        sql: """
          WITH
          emails AS (SELECT email FROM contact_emails GROUP BY email HAVING count(*) > 1),
          phones AS (SELECT number FROM contact_phones GROUP BY number HAVING count(*) > 1),
          names AS (
            SELECT companyId, lower(trim(firstName)) AS f, lower(trim(lastName)) AS l
            FROM contacts WHERE deleted = 0 AND companyId IS NOT NULL
            GROUP BY 1, 2, 3 HAVING count(*) > 1),
          reasons AS (
            SELECT x.contactRid AS a, y.contactRid AS b, 0 AS kind, e.email AS value
              FROM emails e
              JOIN contact_emails x ON x.email = e.email
              JOIN contact_emails y ON y.email = e.email AND y.contactRid > x.contactRid
            UNION
            SELECT x.contactRid, y.contactRid, 1, p.number
              FROM phones p
              JOIN contact_phones x ON x.number = p.number
              JOIN contact_phones y ON y.number = p.number AND y.contactRid > x.contactRid
            UNION
            SELECT x.rid, y.rid, 2, n.companyId
              FROM names n
              JOIN contacts x ON x.companyId = n.companyId AND x.deleted = 0
                AND lower(trim(x.firstName)) = n.f AND lower(trim(x.lastName)) = n.l
              JOIN contacts y ON y.companyId = n.companyId AND y.deleted = 0
                AND lower(trim(y.firstName)) = n.f AND lower(trim(y.lastName)) = n.l
                AND y.rid > x.rid)
          SELECT r.a, r.b, r.kind, r.value FROM reasons r
          JOIN contacts ca ON ca.rid = r.a AND ca.deleted = 0
          JOIN contacts cb ON cb.rid = r.b AND cb.deleted = 0
          ORDER BY r.a, r.b, r.kind, r.value
          """)
      return try Self.contactPairs(db, Self.reasonRows(rows, limit: limit))
    }
  }

  /// The possible duplicates of one contact (id or unique prefix), each with that contact
  /// as `a`: what a contact screen flags.
  public func duplicates(of contactId: String) throws -> [DuplicatePair] {
    try reader.read { db in
      let id = try Self.resolve(db, .contact, contactId)
      guard
        let me = try Row.fetchOne(
          db,
          sql: """
            SELECT rid, companyId, lower(trim(firstName)) AS f, lower(trim(lastName)) AS l
            FROM contacts WHERE id = ?
            """, arguments: [id])
      else { return [] }
      let rid: Int64 = me["rid"]
      let rows = try Row.fetchCursor(
        db,
        sql: """
          WITH reasons AS (
            SELECT y.contactRid AS b, 0 AS kind, x.email AS value
              FROM contact_emails x JOIN contact_emails y ON y.email = x.email
              WHERE x.contactRid = ?1
            UNION
            SELECT y.contactRid, 1, x.number
              FROM contact_phones x JOIN contact_phones y ON y.number = x.number
              WHERE x.contactRid = ?1
            UNION
            SELECT rid, 2, companyId FROM contacts
              WHERE deleted = 0 AND companyId = ?2
                AND lower(trim(firstName)) = ?3 AND lower(trim(lastName)) = ?4)
          SELECT ?1 AS a, r.b, r.kind, r.value FROM reasons r
          JOIN contacts c ON c.rid = r.b AND c.deleted = 0
          WHERE r.b <> ?1
          ORDER BY r.b, r.kind, r.value
          """,
        arguments: [rid, me["companyId"], me["f"], me["l"]] as StatementArguments)
      return try Self.contactPairs(db, Self.reasonRows(rows, limit: .max))
    }
  }

  /// Possible duplicate companies, at most `limit` pairs, ordered by the older record.
  public func companyDuplicates(limit: Int = 1000) throws -> [CompanyDuplicatePair] {
    try reader.read { db in
      let rows = try Row.fetchCursor(
        db,
        sql: """
          WITH
          domains AS (
            SELECT domain COLLATE NOCASE AS d FROM companies
            WHERE deleted = 0 AND domain IS NOT NULL AND domain <> ''
            GROUP BY domain COLLATE NOCASE HAVING count(*) > 1),
          names AS (
            SELECT name FROM company_names WHERE name <> ''
            GROUP BY name HAVING count(*) > 1),
          reasons AS (
            SELECT x.rid AS a, y.rid AS b, 0 AS kind, lower(d.d) AS value
              FROM domains d
              JOIN companies x ON x.domain = d.d COLLATE NOCASE AND x.deleted = 0
              JOIN companies y ON y.domain = d.d COLLATE NOCASE AND y.deleted = 0
                AND y.rid > x.rid
            UNION
            SELECT x.companyRid, y.companyRid, 1, n.name
              FROM names n
              JOIN company_names x ON x.name = n.name
              JOIN company_names y ON y.name = n.name AND y.companyRid > x.companyRid)
          SELECT r.a, r.b, r.kind, r.value FROM reasons r
          JOIN companies ca ON ca.rid = r.a AND ca.deleted = 0
          JOIN companies cb ON cb.rid = r.b AND cb.deleted = 0
          ORDER BY r.a, r.b, r.kind, r.value
          """)
      let pairs = try Self.reasonRows(rows, limit: limit)
      let companies = try Self.byRid(db, Company.self, pairs)
      return pairs.compactMap { pair in
        guard let a = companies[pair.a], let b = companies[pair.b] else { return nil }
        return CompanyDuplicatePair(
          a: a, b: b,
          reasons: pair.reasons.map { $0.kind == 0 ? .domain($0.value) : .name($0.value) })
      }
    }
  }

  /// One pair of rids with its reasons, as the queries above return them.
  struct RidPair {
    var a: Int64
    var b: Int64
    var reasons: [(kind: Int, value: String)]
  }

  /// Groups rows ordered by (a, b) into pairs, stopping after `limit` pairs.
  static func reasonRows(_ rows: RowCursor, limit: Int) throws -> [RidPair] {
    var pairs: [RidPair] = []
    while let row = try rows.next() {
      let a: Int64 = row["a"]
      let b: Int64 = row["b"]
      let reason = (kind: row["kind"] as Int, value: row["value"] as String)
      if let last = pairs.last, last.a == a, last.b == b {
        pairs[pairs.count - 1].reasons.append(reason)
      } else {
        if pairs.count == limit { break }
        pairs.append(RidPair(a: a, b: b, reasons: [reason]))
      }
    }
    return pairs
  }

  private static func contactPairs(_ db: Database, _ pairs: [RidPair]) throws -> [DuplicatePair] {
    let contacts = try byRid(db, Contact.self, pairs)
    return pairs.compactMap { pair in
      guard let a = contacts[pair.a], let b = contacts[pair.b] else { return nil }
      return DuplicatePair(
        a: a, b: b,
        reasons: pair.reasons.map { reason -> DuplicateReason in
          switch reason.kind {
          case 0: return .email(reason.value)
          case 1: return .phone(reason.value)
          default: return .nameAtCompany(reason.value)
          }
        })
    }
  }

  /// The records the pairs name, by rid, in one query.
  private static func byRid<R: StoredRecord>(_ db: Database, _ type: R.Type, _ pairs: [RidPair])
    throws -> [Int64: R]
  {
    let rids = Array(Set(pairs.flatMap { [$0.a, $0.b] }))
    guard !rids.isEmpty else { return [:] }
    let json = "[" + rids.map(String.init).joined(separator: ",") + "]"
    var records: [Int64: R] = [:]
    let rows = try Row.fetchCursor(
      db,
      sql: "SELECT * FROM \(R.entity.table) WHERE rid IN (SELECT value FROM json_each(?))",
      arguments: [json])
    while let row = try rows.next() { records[row["rid"]] = try R(row: row) }
    return records
  }
}
