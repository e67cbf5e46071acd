import Foundation
import GRDB
import GRDBSQLite
import Model

/// Search as you type over the contacts list: which contacts match (their name, title,
/// emails, phones or tags in `contacts_fts`, or their live company's name, domain or
/// industry in `companies_fts`), a page of them in the list's sort, and how many.
///
/// Two plans, chosen per query by a capped read of the matches' rowids:
/// - few matches (up to `threshold`): those rowids put in list order by the ranks of
///   `ContactListOrder` (cost grows with the matches, ~0.1 µs each, no row read);
/// - many: read the list's sort index from the top and keep the contacts that match,
///   checked in Swift against the index's copy of the text by `SearchMatcher` (cost grows
///   with the rows read, about page × contacts / matches, a few µs each).
/// The threshold is where the two cost the same: sqrt(ratio × (offset + limit) × contacts).
/// On a large list a glance comes first: 8,000 matches, and where they stop in the index
/// (rowid order) estimates how many there are, so a broad prefix walks without reading them
/// all. A page answered is remembered while the file is unchanged
/// (`ContactListOrder.answer`), so erasing a letter costs the rows alone.
/// Measured on 1M contacts (release, CPU time, load 13-18 on 2 cores): a keystroke of the
/// bench's case costs 4-4.6 ms median, 35-39 ms p99; the costliest are prefixes matching
/// 50k-125k contacts, most through their companies ("so": 64k, ~25 ms).
extension Store {
  /// Up to this many matches (or the plan threshold, if higher) the count is exact; above,
  /// the list says "at least" instead of counting on.
  public static let searchCountCap = 1000
  /// Cost of reading one row in the walk over ranking one hit, measured on 1M contacts
  /// (release, CPU time): a walked row is a random read of the index's copy of the
  /// contact's text and, when companies match, of its row (20-40 µs with the page outside
  /// SQLite's map, which stops at 2 GB), a ranked hit an entry of the full-text index read
  /// in order, or a contact of a matching company through its index (~0.1 µs).
  static let walkRowCostRatio = 250.0

  /// The matches a search reads first: all of them for a narrow search, else enough to
  /// tell from where they stop how many there are (`SearchHitReader.estimate`).
  static let glanceHits = 8000

  /// The rowids of the contacts matching `query`, up to `cap` + 1 of them, each once: all of
  /// them when `exact`.
  static func searchHits(_ db: Database, query: String, cap: Int) throws -> (
    rids: [Int64], exact: Bool
  ) {
    let reader = SearchHitReader(db, query: query)
    let exact = try reader.read(upTo: cap)
    return (reader.rids, exact)
  }

  /// The most matches ranking them costs less than walking the index, for a page ending at
  /// `end` in a list of `contacts`.
  /// Past half the list the walk reads at most two rows per row of the page: it always
  /// wins there.
  static func sortThreshold(end: Int, contacts: Int) -> Int {
    let balance = (walkRowCostRatio * Double(max(1, end)) * Double(contacts)).squareRoot()
    return max(200, min(Int(balance), contacts / 2))
  }

  /// A page of the contacts matching `query` (built from `words`), with their count.
  static func searchPage(
    _ db: Database, query: String, words: String, sort: ContactSort, ascending: Bool,
    limit: Int, offset: Int, order: ContactListOrder
  ) throws -> ContactPage {
    let question = ContactListOrder.Question(
      query: query, sort: sort, ascending: ascending, limit: limit, offset: offset)
    let stamp = try ContactListOrder.stamp(db)
    if let answer = order.answer(question, stamp: stamp) {
      return ContactPage(rows: try contactRows(db, rids: answer.rids), count: answer.count)
    }
    let contacts = try liveContactCount(db)
    let threshold = sortThreshold(end: offset + limit, contacts: contacts)
    let cap = max(threshold, searchCountCap)
    let matcher = SearchMatcher(words)
    // A first look: few matches are ranked at once. Past that, where the look stopped in
    // the index tells how many there are: up to the threshold they are read and ranked,
    // beyond it the walk finds the page (a broad prefix, "m", a third of the list: ~250
    // rows) without reading them.
    let glance = min(cap, glanceHits)
    let reader = SearchHitReader(db, query: query)
    var exact = try reader.read(upTo: glance)
    var estimate = reader.rids.count
    if !exact {
      let maxRid = try Int64.fetchOne(db, sql: "SELECT max(rid) FROM contacts") ?? 0
      estimate = reader.estimate(maxRid: maxRid)
      if estimate <= cap || matcher == nil { exact = try reader.read(upTo: cap) }
    }
    /// Every match in list order, the page of them.
    func ranked() throws -> [Int64] {
      guard let ranks = try order.ranks(db, sort: sort) else {
        return try sortedHits(
          db, query: query, sort: sort, ascending: ascending, limit: limit, offset: offset)
      }
      if !reader.done { _ = try reader.read(upTo: .max) }
      return ranks.page(reader.rids, ascending: ascending, limit: limit, offset: offset)
    }
    let rids: [Int64]
    if let matcher, !(exact && reader.rids.count <= threshold) {
      // Matches may bunch in the sort order ("mart": the Martins, half way down the name
      // index): past a few times the rows the count predicts, the walk gives up for the
      // ranks.
      let expected =
        (offset + limit) * max(1, contacts) / max(1, reader.rids.count, estimate)
      let walk = try SortWalk(
        db, query: query, matcher: matcher, sort: sort, ascending: ascending, offset: offset)
      rids =
        try walk.walk(limit: limit, budget: max(2000, 4 * expected)) ? walk.rids : try ranked()
    } else {
      rids = try ranked()
    }
    let count: ListCount
    if exact {
      count = ListCount(reader.rids.count)
    } else if rids.count < limit {
      count = ListCount(offset + rids.count)
    } else {
      count = ListCount(max(searchCountCap, offset + rids.count), atLeast: true)
    }
    order.remember(.init(rids: rids, count: count), for: question, stamp: stamp)
    return ContactPage(rows: try contactRows(db, rids: rids), count: count)
  }

  /// Plan one: every match read from the indexes, then sorted.
  static func sortedHits(
    _ db: Database, query: String, sort: ContactSort, ascending: Bool, limit: Int, offset: Int
  ) throws -> [Int64] {
    try Int64.fetchAll(
      db,
      sql: """
        WITH hits(rid) AS MATERIALIZED (
          SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH :query
          UNION
          SELECT t.rid FROM companies_fts f JOIN companies c ON c.rid = f.rowid
          JOIN contacts t ON t.companyId = c.id AND t.deleted = 0
          WHERE companies_fts MATCH :query AND c.deleted = 0)
        SELECT t.rid FROM hits h CROSS JOIN contacts t ON t.rid = h.rid WHERE t.deleted = 0
        ORDER BY \(contactOrder(sort, ascending: ascending)) LIMIT :limit OFFSET :offset
        """, arguments: ["query": query, "limit": limit, "offset": offset])
  }

  /// Plan two: the sort index read from the top, each row checked against the query; nil
  /// when more than `budget` rows were read.
  static func walkedHits(
    _ db: Database, query: String, matcher: SearchMatcher, sort: ContactSort, ascending: Bool,
    limit: Int, offset: Int, budget: Int = .max
  ) throws -> [Int64]? {
    let walk = try SortWalk(
      db, query: query, matcher: matcher, sort: sort, ascending: ascending, offset: offset)
    return try walk.walk(limit: limit, budget: budget) ? walk.rids : nil
  }
}

/// Plan two: the list's sort index read from the top, each row checked against the query
/// (its text read as SQLite holds it, without making strings), until the page is full or
/// the budget of rows is spent.
final class SortWalk {
  private let db: Database
  private let query: String
  private let matcher: SearchMatcher
  private let ranges: [Store.SortRange]
  private let selection: String
  /// The matching companies by rowid (a broad prefix matches thousands: reading their ids
  /// took longer than the walk); each walked row names its company's rowid. The index
  /// holds live companies only.
  private let companies: Set<Int64>
  private var range = 0
  private var rows: Statement?
  private var skip: Int
  /// Rows read, from the top of the list.
  private(set) var read = 0
  /// The page's matches so far.
  private(set) var rids: [Int64] = []
  /// Rows whose text the matcher cannot fold ask the index: per row when the prefixes are
  /// in its prefix index (up to 3 letters: ~26 µs), else from all the matches read once (a
  /// longer prefix merges every term it starts, per probe: tens of ms on 1M contacts).
  private let cheapProbe: Bool
  private var indexed: Set<Int64>?
  private var folded: [UInt8] = []

  init(
    _ db: Database, query: String, matcher: SearchMatcher, sort: ContactSort, ascending: Bool,
    offset: Int
  ) throws {
    self.db = db
    self.query = query
    self.matcher = matcher
    ranges = Store.sortRanges(sort, ascending: ascending)
    skip = offset
    companies = Set(
      try Int64.fetchAll(
        db, sql: "SELECT rowid FROM companies_fts WHERE companies_fts MATCH ?",
        arguments: [query]))
    cheapProbe = matcher.phrases.allSatisfy { $0.last!.count <= 3 }
    // Each row's text as the index holds it (name, title, emails, phones, tags), from the
    // index's own copy: a smaller table than `contacts` and no JSON to take apart. Without
    // a match among companies (most prefixes of names) the contact's own row is not read.
    let company =
      companies.isEmpty ? "NULL" : "(SELECT c.rid FROM companies c WHERE c.id = t.companyId)"
    selection = "SELECT t.rid, \(company), f.c0, f.c1, f.c2, f.c3, f.c4"
  }

  /// Reads on until the page has `limit` matches, the list ends, or `budget` rows from the
  /// top have been read: false when the budget ran out first.
  func walk(limit: Int, budget: Int) throws -> Bool {
    while rids.count < limit {
      guard let rows = try currentRows() else { return true }
      if read >= budget { return false }
      let s = rows.sqliteStatement
      let code = sqlite3_step(s)
      if code == SQLITE_DONE {
        self.rows = nil
        range += 1
        continue
      }
      guard code == SQLITE_ROW else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code),
          message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
      }
      read += 1
      guard try isMatch(s) else { continue }
      if skip > 0 {
        skip -= 1
        continue
      }
      rids.append(sqlite3_column_int64(s, 0))
    }
    return true
  }

  /// The statement of the range being read, prepared when it starts; nil past the last.
  private func currentRows() throws -> Statement? {
    if let rows { return rows }
    guard range < ranges.count else { return nil }
    let statement = try db.makeStatement(
      sql: """
        \(selection)
        FROM contacts t LEFT JOIN contacts_fts_content f ON f.id = t.rid
        WHERE t.deleted = 0\(ranges[range].condition) ORDER BY \(ranges[range].order)
        """)
    rows = statement
    return statement
  }

  private func isMatch(_ s: SQLiteStatement) throws -> Bool {
    if sqlite3_column_type(s, 1) != SQLITE_NULL, companies.contains(sqlite3_column_int64(s, 1)) {
      return true
    }
    if sqlite3_column_type(s, 2) != SQLITE_NULL {
      var found: UInt64 = 0
      for column in Int32(2)...6 {
        let bytes = sqlite3_column_text(s, column)
        let count = Int(sqlite3_column_bytes(s, column))
        let text = UnsafeBufferPointer(start: count > 0 ? bytes : nil, count: count)
        switch matcher.matches(column: text, buffer: &folded, found: &found) {
        case true: return true
        case false: continue
        case nil: return try inIndex(sqlite3_column_int64(s, 0))
        }
      }
      return false
    }
    // No text in the index's copy: ask the index.
    return try inIndex(sqlite3_column_int64(s, 0))
  }

  private func inIndex(_ rid: Int64) throws -> Bool {
    if cheapProbe {
      let probe = try db.cachedStatement(
        sql: "SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH ? AND rowid = ?")
      return try Bool.fetchOne(probe, arguments: [query, rid]) ?? false
    }
    if indexed == nil {
      indexed = Set(
        try Int64.fetchAll(
          db, sql: "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?",
          arguments: [query]))
    }
    return indexed!.contains(rid)
  }
}
