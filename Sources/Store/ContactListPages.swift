import Foundation
import GRDB
import Model

/// How many records a list has: exact, or "at least `count`" when counting further would
/// cost more than the page (a search matching a large part of a million contacts).
public struct ListCount: Sendable, Hashable {
  public var count: Int
  /// True when there are `count` or more.
  public var atLeast: Bool

  public init(_ count: Int, atLeast: Bool = false) {
    self.count = count
    self.atLeast = atLeast
  }
}

/// One page of the contacts list, with its count.
public struct ContactPage: Sendable, Hashable {
  public var rows: [ContactRow]
  public var count: ListCount
}

/// The contacts list's pages, sorted by any column through the indexes of migration v5.
///
/// A sort other than by name reads two index ranges in turn: the contacts with a value,
/// then those without (by name), so empty values come last in both directions.
extension Store {
  /// One range of a sort: the condition it adds and its ORDER BY (index order).
  struct SortRange {
    var condition: String
    var order: String
  }

  /// The sort key of `sort` as the v5 indexes spell it, and whether it folds case.
  static func sortKey(_ sort: ContactSort) -> (key: String, nocase: Bool)? {
    switch sort {
    case .name: return nil
    case .company: return ("t.listCompany", true)
    case .email: return ("json_extract(t.emails, '$[0].address')", true)
    case .phone: return ("json_extract(t.phones, '$[0].number')", false)
    case .owner: return ("t.listOwner", true)
    case .lastInteraction: return ("t.listLast", false)
    }
  }

  static func nameOrder(_ direction: String) -> String {
    "t.lastName COLLATE NOCASE \(direction), t.firstName COLLATE NOCASE \(direction), t.id \(direction)"
  }

  /// The index ranges a sort reads, in list order.
  static func sortRanges(_ sort: ContactSort, ascending: Bool) -> [SortRange] {
    let direction = ascending ? "ASC" : "DESC"
    guard let (key, nocase) = sortKey(sort) else {
      return [SortRange(condition: "", order: nameOrder(direction))]
    }
    let collate = nocase ? " COLLATE NOCASE" : ""
    // Within a range `key IS NULL` is constant: leaving it out of the ORDER BY lets SQLite
    // read the index in order (with it, it sorts the whole range).
    let order = "\(key)\(collate) \(direction), " + nameOrder(direction)
    return [
      SortRange(condition: " AND (\(key) IS NULL) = 0", order: order),
      SortRange(condition: " AND (\(key) IS NULL) = 1", order: order),
    ]
  }

  /// The whole order in one ORDER BY (empty values last), for sorting a few rows.
  static func contactOrder(_ sort: ContactSort, ascending: Bool) -> String {
    let direction = ascending ? "ASC" : "DESC"
    guard let (key, nocase) = sortKey(sort) else { return nameOrder(direction) }
    let collate = nocase ? " COLLATE NOCASE" : ""
    return "\(key) IS NULL, \(key)\(collate) \(direction), " + nameOrder(direction)
  }

  /// The rows of `rids`, in that order.
  static func contactRows(_ db: Database, rids: [Int64]) throws -> [ContactRow] {
    guard !rids.isEmpty else { return [] }
    let list = rids.map(String.init).joined(separator: ",")
    var byRid: [Int64: ContactRow] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT \(contactColumns) FROM contacts t WHERE t.rid IN (\(list))")
    {
      byRid[row["rid"]] = try contactRow(row)
    }
    return rids.compactMap { byRid[$0] }
  }

  /// The live contacts, from the count the v5 triggers keep.
  static func liveContactCount(_ db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT count FROM live_counts WHERE entity = 'contact'") ?? 0
  }

  /// One page of contacts in `sort` order, narrowed by `search` when it has words.
  public func contactRows(
    sort: ContactSort = .name, ascending: Bool = true, search: String? = nil, limit: Int = 100,
    offset: Int = 0, now: Date = Date()
  ) throws -> [ContactRow] {
    try contactPage(sort: sort, ascending: ascending, search: search, limit: limit, offset: offset)
      .rows
  }

  /// One page of contacts and how many the list has (exact without a search; with one,
  /// exact up to `Store.searchCountCap`, else "at least" that).
  public func contactPage(
    sort: ContactSort = .name, ascending: Bool = true, search: String? = nil, limit: Int = 100,
    offset: Int = 0
  ) throws -> ContactPage {
    try reader.read { db in
      guard let search else {
        let rids = try Self.unfilteredRids(
          db, sort: sort, ascending: ascending, limit: limit, offset: offset)
        return ContactPage(
          rows: try Self.contactRows(db, rids: rids),
          count: ListCount(try Self.liveContactCount(db)))
      }
      guard let query = Self.ftsQuery(search) else {
        return ContactPage(rows: [], count: ListCount(0))
      }
      return try Self.searchPage(
        db, query: query, words: search, sort: sort, ascending: ascending, limit: limit,
        offset: offset, order: contactOrder, texts: contactTexts)
    }
  }

  /// Forgets the search pages already answered, so the next ones are planned again:
  /// `crm-bench` times the plans themselves by asking one prefix over and over.
  public func forgetSearchPages() {
    contactOrder.forgetAnswers()
  }

  /// The rids of a page of the whole list: index ranges read in turn from `offset`.
  static func unfilteredRids(
    _ db: Database, sort: ContactSort, ascending: Bool, limit: Int, offset: Int
  ) throws -> [Int64] {
    var rids: [Int64] = []
    var skip = offset
    for (index, range) in sortRanges(sort, ascending: ascending).enumerated() {
      let want = limit - rids.count
      guard want > 0 else { break }
      let found = try Int64.fetchAll(
        db,
        sql: """
          SELECT t.rid FROM contacts t WHERE t.deleted = 0\(range.condition)
          ORDER BY \(range.order) LIMIT ? OFFSET ?
          """, arguments: [want, skip])
      rids += found
      guard index == 0, found.count < want else { continue }
      // The next range starts where this one ends: past `offset`, count what it skipped.
      if !found.isEmpty || skip == 0 {
        skip = 0
      } else {
        let inRange =
          try Int.fetchOne(
            db,
            sql: "SELECT count(*) FROM contacts t WHERE t.deleted = 0\(range.condition)") ?? 0
        skip = max(0, skip - inRange)
      }
    }
    return rids
  }

  /// How many contacts the list has, with the same `search` as `contactRows`.
  public func contactCount(search: String? = nil) throws -> Int {
    try reader.read { db in
      guard let search else { return try Self.liveContactCount(db) }
      guard let query = Self.ftsQuery(search) else { return 0 }
      return try Self.searchHits(db, query: query, cap: Int.max).rids.count
    }
  }
}
