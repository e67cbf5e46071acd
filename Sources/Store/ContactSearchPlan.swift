import Foundation
import GRDB
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
/// On a large list a glance comes first: 8,000 matches, then a walk of 400 rows, which is
/// all a broad prefix needs. A page answered is remembered while the file is unchanged
/// (`ContactListOrder.answer`), so erasing a letter costs the rows alone.
/// Measured on 1M contacts (release, load 4 on 2 cores), median: "m" 6.9 ms, "x" 3.2 ms,
/// "mart" 8.7 ms (the Martins, 1.3%, bunched half way down the name index: sorting its 13k
/// hits in SQL read every hit's row, ~4 s with the file out of memory). The costliest band
/// is 73k-190k matches, too many to rank and too sparse for the glance: "mar" (73k) 28 ms.
extension Store {
  /// Up to this many matches (or the plan threshold, if higher) the count is exact; above,
  /// the list says "at least" instead of counting on.
  public static let searchCountCap = 1000
  /// Cost of reading one row in the walk over ranking one hit, measured on 1M contacts:
  /// a walked row is a random read of a contact's row and its JSON (~7 µs of CPU, more
  /// when the file is not in memory), a ranked hit an entry of the full-text index read in
  /// order (~0.1 µs).
  static let walkRowCostRatio = 70.0

  /// The matches a search reads first, and the rows its first walk may read (a page of 76
  /// needs a match in every 5 rows: 8,000 matches and 400 rows cost about the same).
  static let glanceHits = 8000
  static let glanceWalk = 400

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
    // A first look: few matches are ranked at once. Past that, on a large list, a short walk
    // finds the page of a broad prefix ("m", a third of the list: ~250 rows) before reading
    // the tens of thousands of matches the threshold allows would (~7 ms on 1M contacts).
    let glance = min(cap, glanceHits)
    let reader = SearchHitReader(db, query: query)
    var hits = (rids: [Int64](), exact: try reader.read(upTo: glance))
    hits.rids = reader.rids
    var matched = 0
    if !hits.exact, cap > glance, let matcher,
      let walked = try walkedHits(
        db, query: query, matcher: matcher, sort: sort, ascending: ascending, limit: limit,
        offset: offset, budget: glanceWalk, matched: &matched)
    {
      let count =
        walked.count < limit
        ? ListCount(offset + walked.count)
        : ListCount(max(searchCountCap, offset + walked.count), atLeast: true)
      order.remember(.init(rids: walked, count: count), for: question, stamp: stamp)
      return ContactPage(rows: try contactRows(db, rids: walked), count: count)
    }
    // The glance's walk saw `matched` matches in its rows: when the whole list is as dense,
    // there are more than ranking is worth, and the walk goes on without reading them first.
    let estimate = matched * contacts / glanceWalk
    if !hits.exact && cap > glance && estimate <= cap {
      hits.exact = try reader.read(upTo: cap)
      hits.rids = reader.rids
    }
    /// Every match in list order, the page of them.
    func ranked() throws -> [Int64] {
      guard let ranks = try order.ranks(db, sort: sort) else {
        return try sortedHits(
          db, query: query, sort: sort, ascending: ascending, limit: limit, offset: offset)
      }
      if !hits.exact { _ = try reader.read(upTo: .max) }
      let all = reader.rids
      return ranks.page(all, ascending: ascending, limit: limit, offset: offset)
    }
    let rids: [Int64]
    if hits.exact && hits.rids.count <= threshold || matcher == nil {
      rids = try ranked()
    } else {
      // Matches may bunch in the sort order ("mart": the Martins, half way down the name
      // index): past a few times the rows the count predicts, the walk gives up for the
      // ranks.
      let expected =
        (offset + limit) * max(1, contacts) / max(1, hits.rids.count, estimate)
      let walked = try walkedHits(
        db, query: query, matcher: matcher!, sort: sort, ascending: ascending, limit: limit,
        offset: offset, budget: max(2000, 4 * expected))
      rids = try walked ?? ranked()
    }
    let count: ListCount
    if hits.exact {
      count = ListCount(hits.rids.count)
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
    var matched = 0
    return try walkedHits(
      db, query: query, matcher: matcher, sort: sort, ascending: ascending, limit: limit,
      offset: offset, budget: budget, matched: &matched)
  }

  /// The same, counting in `matched` the matches it read (those skipped for `offset` too),
  /// even when it gives up.
  static func walkedHits(
    _ db: Database, query: String, matcher: SearchMatcher, sort: ContactSort, ascending: Bool,
    limit: Int, offset: Int, budget: Int, matched: inout Int
  ) throws -> [Int64]? {
    // The matching companies by rowid (a broad prefix matches thousands: reading their ids
    // took longer than the walk); each walked row names its company's rowid. The index
    // holds live companies only.
    let companies = Set(
      try Int64.fetchAll(
        db, sql: "SELECT rowid FROM companies_fts WHERE companies_fts MATCH ?",
        arguments: [query]))
    let probe = try db.cachedStatement(
      sql: "SELECT 1 FROM contacts_fts WHERE contacts_fts MATCH ? AND rowid = ?")
    // A row the matcher cannot fold asks the index: per row when the prefixes are in its
    // prefix index (up to 3 letters: ~26 µs), else from all the matches read once (a longer
    // prefix merges every term it starts, per probe: tens of ms on 1M contacts).
    let cheapProbe = matcher.phrases.allSatisfy { $0.last!.count <= 3 }
    var indexed: Set<Int64>?
    func inIndex(_ rid: Int64) throws -> Bool {
      if cheapProbe { return try Bool.fetchOne(probe, arguments: [query, rid]) ?? false }
      if indexed == nil {
        indexed = Set(
          try Int64.fetchAll(
            db, sql: "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?",
            arguments: [query]))
      }
      return indexed!.contains(rid)
    }
    // Each row's text as the index holds it (name, title, emails, phones, tags), from the
    // index's own copy: a smaller table than `contacts` and no JSON to take apart (a walked
    // row costs ~1.5x less CPU, ~3x less when the file is not in memory). Without a match
    // among companies (most prefixes of names) the contact's own row is not read at all.
    let company =
      companies.isEmpty ? "NULL" : "(SELECT c.rid FROM companies c WHERE c.id = t.companyId)"
    var rids: [Int64] = []
    var skip = offset
    var read = 0
    for range in sortRanges(sort, ascending: ascending) {
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT t.rid, \(company), f.c0, f.c1, f.c2, f.c3, f.c4
          FROM contacts t LEFT JOIN contacts_fts_content f ON f.id = t.rid
          WHERE t.deleted = 0\(range.condition) ORDER BY \(range.order)
          """)
      while let row = try rows.next() {
        read += 1
        if read > budget { return nil }
        let rid: Int64 = row[0]
        var hit = false
        if let company: Int64 = row[1], companies.contains(company) {
          hit = true
        } else {
          let columns: [String?] = (2...6).map { row[$0] }
          if columns[0] != nil, let matched = matcher.matches(columns.map { $0 ?? "" }) {
            hit = matched
          } else {
            // Text the matcher cannot fold as the full-text index does: ask the index.
            hit = try inIndex(rid)
          }
        }
        guard hit else { continue }
        matched += 1
        if skip > 0 {
          skip -= 1
          continue
        }
        rids.append(rid)
        if rids.count == limit { return rids }
      }
    }
    return rids
  }
}
