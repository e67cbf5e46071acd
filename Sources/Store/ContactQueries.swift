import Foundation
import GRDB
import Model

/// The contacts and companies lists of the TUI: one page of rows with the names they show
/// beside each record, sorted by a column, optionally narrowed by full-text search, plus the
/// details (linked deals and contacts, and the timeline) a record opens to.
///
/// Speed on 100k contacts: sorting by name pages through `contacts_by_name` (and companies
/// by name and domain through their indexes), so a page costs the same at any depth. The
/// other sorts (company, email, phone, owner, last interaction; a company's counts) have
/// no index to walk and cannot get one without a migration: SQLite reads every live row
/// and keeps the top of the page in a sorter. The page key is always completed by `id`, so
/// paging is stable even where the sort values tie.
public struct ContactRow: Sendable, Hashable {
  public var contact: Contact
  public var companyName: String?
  public var ownerName: String?
  /// The latest note or past activity linked to the contact.
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

  static func contactOrder(_ sort: ContactSort, ascending: Bool) -> String {
    let direction = ascending ? "ASC" : "DESC"
    let name =
      "t.lastName COLLATE NOCASE \(direction), t.firstName COLLATE NOCASE \(direction), t.id \(direction)"
    switch sort {
    case .name: return name
    case .company:
      return "companyName IS NULL, companyName COLLATE NOCASE \(direction), " + name
    case .email:
      return "email IS NULL, email COLLATE NOCASE \(direction), " + name
    case .phone:
      return "phone IS NULL, phone \(direction), " + name
    case .owner:
      return "ownerName IS NULL, ownerName COLLATE NOCASE \(direction), " + name
    case .lastInteraction:
      return "lastInteraction = '', lastInteraction \(direction), " + name
    }
  }

  /// Contacts whose name, title, email, phone or tags match `search`, or whose company's
  /// name, domain or industry does: a condition on `t`, with its `:query` argument.
  static let contactSearchSQL = """
    (t.rid IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :query)
     OR t.companyId IN (SELECT c.id FROM companies_fts f JOIN companies c ON c.rid = f.rowid
       WHERE companies_fts MATCH :query AND c.deleted = 0))
    """

  static let contactColumns = """
    t.*, (SELECT name FROM companies c WHERE c.id = t.companyId AND c.deleted = 0) AS companyName,
      (SELECT name FROM users u WHERE u.id = t.ownerId) AS ownerName,
      json_extract(t.emails, '$[0].address') AS email,
      json_extract(t.phones, '$[0].number') AS phone
    """

  static func contactRow(_ row: Row) throws -> ContactRow {
    let last: String? = row["lastInteraction"]
    return ContactRow(
      contact: try Contact(row: row), companyName: row["companyName"],
      ownerName: row["ownerName"], lastInteraction: Self.date(last))
  }

  /// A stored date as text ("" when there is none) back to a Date.
  static func date(_ text: String?) -> Date? {
    guard let text, !text.isEmpty else { return nil }
    return Date.fromDatabaseValue(text.databaseValue)
  }

  /// One page of contacts in `sort` order, narrowed by `search` when it has words.
  public func contactRows(
    sort: ContactSort = .name, ascending: Bool = true, search: String? = nil, limit: Int = 100,
    offset: Int = 0, now: Date = Date()
  ) throws -> [ContactRow] {
    try pool.read { db in
      var arguments: [String: (any DatabaseValueConvertible)?] = [
        "now": now, "limit": limit, "offset": offset,
      ]
      var condition = "t.deleted = 0"
      if let search {
        guard let query = Self.ftsQuery(search) else { return [] }
        condition += " AND " + Self.contactSearchSQL
        arguments["query"] = query
      }
      let order = Self.contactOrder(sort, ascending: ascending)
      // The page is chosen first (on the name index alone when sorting by name; else on
      // the sort keys only), and only its rows get the joins and the last interaction.
      let page: String
      if sort == .name {
        page = "SELECT t.rid FROM contacts t WHERE \(condition) ORDER BY \(order)"
      } else {
        let last =
          sort == .lastInteraction
          ? ", \(Self.lastInteractionSQL("contactId")) AS lastInteraction" : ""
        page = """
          SELECT t.rid FROM (SELECT \(Self.contactColumns)\(last) FROM contacts t WHERE \(condition))
          AS t ORDER BY \(order)
          """
      }
      let sql = """
        SELECT \(Self.contactColumns), \(Self.lastInteractionSQL("contactId")) AS lastInteraction
        FROM contacts t WHERE t.rid IN (\(page) LIMIT :limit OFFSET :offset)
        ORDER BY \(order)
        """
      return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
        .map(Self.contactRow)
    }
  }

  /// How many contacts the list has, with the same `search` as `contactRows`.
  public func contactCount(search: String? = nil) throws -> Int {
    try pool.read { db in
      guard let search else {
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM contacts WHERE deleted = 0") ?? 0
      }
      guard let query = Self.ftsQuery(search) else { return 0 }
      return try Int.fetchOne(
        db,
        sql: "SELECT count(*) FROM contacts t WHERE t.deleted = 0 AND \(Self.contactSearchSQL)",
        arguments: ["query": query]) ?? 0
    }
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
    try pool.read { db in
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
    try pool.read { db in
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
    return try pool.read { db in
      guard
        let row = try Row.fetchOne(
          db,
          sql: """
            SELECT \(Self.contactColumns), \(Self.lastInteractionSQL("contactId")) AS lastInteraction
            FROM contacts t WHERE t.id = :id
            """, arguments: ["id": id, "now": now])
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
    return try pool.read { db in
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
