import Foundation
import GRDB
import Model

/// The contacts and companies lists of the TUI: one page of rows with the names they show
/// beside each record, sorted by a column, optionally narrowed by full-text search, plus the
/// details (linked deals and contacts, and the timeline) a record opens to.
///
/// Contact pages are in `ContactListPages.swift`: every sort column has an index (migration
/// v5). Companies sort by name and domain through their indexes; their other sorts read
/// every live company (10k companies: a few ms). The page key is always completed by `id`,
/// so paging is stable even where the sort values tie.
public struct ContactRow: Sendable, Hashable {
  public var contact: Contact
  public var companyName: String?
  public var ownerName: String?
  /// The latest note or done activity linked to the contact.
  public var lastInteraction: Date?
}

/// The columns a contact list can be sorted by.
public enum ContactSort: String, CaseIterable, Sendable {
  case name, company, email, phone, owner, lastInteraction
}

public struct CompanyRow: Sendable, Hashable {
  public var company: Company
  public var contactCount: Int
  public var dealCount: Int
  /// The latest note or past activity linked to the company itself.
  public var lastInteraction: Date?
}

/// The columns a company list can be sorted by.
public enum CompanySort: String, CaseIterable, Sendable {
  case name, domain, industry, contacts, deals, lastInteraction
}

/// Everything a contact's detail shows.
public struct ContactDetail: Sendable, Hashable {
  public var row: ContactRow
  public var deals: [DealSummary]
  public var timeline: [TimelineEntry]
}

/// Everything a company's detail shows.
public struct CompanyDetail: Sendable, Hashable {
  public var row: CompanyRow
  public var contacts: [Contact]
  public var deals: [DealSummary]
  public var timeline: [TimelineEntry]
}

extension Store {
  /// The latest interaction with the record in `table` aliased `t`, linked by `column`.
  static func lastInteractionSQL(_ column: String) -> String {
    """
    max(coalesce((SELECT max(n.createdAt) FROM notes n
        WHERE n.\(column) = t.id AND n.deleted = 0), ''),
      coalesce((SELECT max(coalesce(a.doneAt, a.startAt, a.dueAt)) FROM activities a
        WHERE a.\(column) = t.id AND a.deleted = 0
          AND coalesce(a.doneAt, a.startAt, a.dueAt) <= :now), ''))
    """
  }

  static let contactColumns = """
    t.*, t.listCompany AS companyName, t.listOwner AS ownerName, t.listLast AS lastInteraction
    """

  /// A list or detail row; the contact is read from its columns directly, since the Codable
  /// path (a JSONDecoder per email and phone column) was the first page's biggest cost.
  static func contactRow(_ row: Row) throws -> ContactRow {
    let last: String? = row["lastInteraction"]
    return ContactRow(
      contact: try Contact(columns: row), companyName: row["companyName"],
      ownerName: row["ownerName"], lastInteraction: Self.date(last))
  }

  /// A stored date as text ("" when there is none) back to a Date.
  static func date(_ text: String?) -> Date? {
    guard let text, !text.isEmpty else { return nil }
    return Date.fromDatabaseValue(text.databaseValue)
  }

  static func companyOrder(_ sort: CompanySort, ascending: Bool) -> String {
    let direction = ascending ? "ASC" : "DESC"
    let name = "t.name COLLATE NOCASE \(direction), t.id \(direction)"
    switch sort {
    case .name: return name
    case .domain: return "t.domain IS NULL, t.domain COLLATE NOCASE \(direction), " + name
    case .industry: return "t.industry IS NULL, t.industry COLLATE NOCASE \(direction), " + name
    case .contacts: return "contactCount \(direction), " + name
    case .deals: return "dealCount \(direction), " + name
    case .lastInteraction: return "lastInteraction = '', lastInteraction \(direction), " + name
    }
  }

  static let companyColumns = """
    t.*, (SELECT count(*) FROM contacts c WHERE c.companyId = t.id AND c.deleted = 0)
        AS contactCount,
      (SELECT count(*) FROM deals d WHERE d.companyId = t.id AND d.deleted = 0) AS dealCount
    """

  static func companyRow(_ row: Row) throws -> CompanyRow {
    let last: String? = row["lastInteraction"]
    return CompanyRow(
      company: try Company(row: row), contactCount: row["contactCount"],
      dealCount: row["dealCount"], lastInteraction: Self.date(last))
  }

  /// One page of companies in `sort` order, narrowed by search over name, domain and
  /// industry when `search` has words.
  public func companyRows(
    sort: CompanySort = .name, ascending: Bool = true, search: String? = nil, limit: Int = 100,
    offset: Int = 0, now: Date = Date()
  ) throws -> [CompanyRow] {
    try reader.read { db in
      var arguments: [String: (any DatabaseValueConvertible)?] = [
        "now": now, "limit": limit, "offset": offset,
      ]
      var condition = "t.deleted = 0"
      if let search {
        guard let query = Self.ftsQuery(search) else { return [] }
        condition +=
          " AND t.rid IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH :query)"
        arguments["query"] = query
      }
      let order = Self.companyOrder(sort, ascending: ascending)
      let columns =
        "\(Self.companyColumns), \(Self.lastInteractionSQL("companyId")) AS lastInteraction"
      let sql: String
      if sort == .name || sort == .domain {
        sql = """
          SELECT \(columns) FROM companies t WHERE t.rid IN (
            SELECT t.rid FROM companies t WHERE \(condition) ORDER BY \(order)
            LIMIT :limit OFFSET :offset)
          ORDER BY \(order)
          """
      } else {
        sql = """
          SELECT * FROM (SELECT \(columns) FROM companies t WHERE \(condition))
          AS t ORDER BY \(order) LIMIT :limit OFFSET :offset
          """
      }
      return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        .map(Self.companyRow)
    }
  }

  /// How many companies the list has, with the same `search` as `companyRows`.
  public func companyCount(search: String? = nil) throws -> Int {
    try reader.read { db in
      guard let search else {
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM companies WHERE deleted = 0") ?? 0
      }
      guard let query = Self.ftsQuery(search) else { return 0 }
      return try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM companies t WHERE t.deleted = 0
            AND t.rid IN (SELECT rowid FROM companies_fts WHERE companies_fts MATCH ?)
          """, arguments: [query]) ?? 0
    }
  }

  /// A contact with its company, owner, deals (newest first) and timeline.
  public func contactDetail(_ key: String, now: Date = Date()) throws -> ContactDetail {
    let id = try resolve(.contact, key)
    let timeline = try self.timeline(contact: id)
    return try reader.read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT \(Self.contactColumns) FROM contacts t WHERE t.id = :id
            """, arguments: ["id": id])
      else { throw StoreError.notFound(entity: "contact", key: key) }
      let deals = try Row.fetchAll(
        db,
        sql: Self.summarySelect + """
           WHERE d.deleted = 0 AND d.id IN
            (SELECT dealId FROM deal_contacts WHERE contactId = ? AND deleted = 0)
          ORDER BY d.createdAt DESC, d.id LIMIT 200
          """, arguments: [id]
      ).map(Self.summary)
      return ContactDetail(row: try Self.contactRow(row), deals: deals, timeline: timeline)
    }
  }

  /// A company with its contacts, deals (newest first) and timeline.
  public func companyDetail(_ key: String, now: Date = Date()) throws -> CompanyDetail {
    let id = try resolve(.company, key)
    let timeline = try self.timeline(company: id)
    return try reader.read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT \(Self.companyColumns), \(Self.lastInteractionSQL("companyId")) AS lastInteraction
            FROM companies t WHERE t.id = :id
            """, arguments: ["id": id, "now": now])
      else { throw StoreError.notFound(entity: "company", key: key) }
      let contacts = try Contact.fetchAll(
        db,
        sql: """
          SELECT * FROM contacts WHERE companyId = ? AND deleted = 0
          ORDER BY lastName COLLATE NOCASE, firstName COLLATE NOCASE, id LIMIT 200
          """, arguments: [id])
      let deals = try Row.fetchAll(
        db,
        sql: Self.summarySelect + """
           WHERE d.deleted = 0 AND d.companyId = ? ORDER BY d.createdAt DESC, d.id LIMIT 200
          """, arguments: [id]
      ).map(Self.summary)
      return CompanyDetail(
        row: try Self.companyRow(row), contacts: contacts, deals: deals, timeline: timeline)
    }
  }
}
