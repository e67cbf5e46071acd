import Foundation
import GRDB
import Model

/// Search as you type over the contacts list: which contacts match (their name, title,
/// emails, phones or tags in `contacts_fts`, or their live company's name, domain or
/// industry in `companies_fts`), a page of them in the list's sort, and how many.
///
/// Two plans, chosen per query by a capped count of the matches:
/// - few matches (up to `threshold`): read them all from the full-text indexes and sort
///   them (cost grows with the matches);
/// - many: read the list's sort index from the top and keep the contacts that match,
///   checked in Swift against the row by `SearchMatcher` (cost grows with the rows read,
///   about page × contacts / matches).
/// The threshold is where the two cost the same: sqrt(ratio × (offset + limit) × contacts).
/// Measured on 1M contacts: "m" (45% of them) pages in ~2 ms by the walk, where sorting its
/// hits took ~600 ms; "marti" (1.3%) sorts its 13k hits in ~30 ms or walks ~3,400 rows.
extension Store {
  /// Up to this many matches (or the plan threshold, if higher) the count is exact; above,
  /// the list says "at least" instead of counting on.
  public static let searchCountCap = 1000
  /// Cost of reading one row in the walk over sorting one hit, measured on 1M contacts.
  static let walkRowCostRatio = 1.5

  /// The matches of `query`, up to `cap` + 1 of them: exact when `count <= cap`.
  static func searchHits(_ db: Database, query: String, cap: Int) throws -> (
    count: Int, exact: Bool
  ) {
    var seen = Set<Int64>()
    let limit = cap == Int.max ? -1 : cap + 1
    let own = try Int64.fetchCursor(
      db, sql: "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? LIMIT ?",
      arguments: [query, limit])
    while let rid = try own.next() { seen.insert(rid) }
    if seen.count <= cap {
      let byCompany = try Int64.fetchCursor(
        db,
        sql: """
          SELECT t.rid FROM companies_fts f JOIN companies c ON c.rid = f.rowid
          JOIN contacts t ON t.companyId = c.id AND t.deleted = 0
          WHERE companies_fts MATCH ? AND c.deleted = 0
          """, arguments: [query])
      while seen.count <= cap, let rid = try byCompany.next() { seen.insert(rid) }
    }
    return (min(seen.count, cap), seen.count <= cap)
  }

  /// The most matches sorting them costs less than walking the index, for a page ending at
  /// `end` in a list of `contacts`.
  static func sortThreshold(end: Int, contacts: Int) -> Int {
    max(200, Int((walkRowCostRatio * Double(max(1, end)) * Double(contacts)).squareRoot()))
  }

  /// A page of the contacts matching `query` (built from `words`), with their count.
  static func searchPage(
    _ db: Database, query: String, words: String, sort: ContactSort, ascending: Bool,
    limit: Int, offset: Int
  ) throws -> ContactPage {
    let threshold = sortThreshold(end: offset + limit, contacts: try liveContactCount(db))
    let hits = try searchHits(db, query: query, cap: max(threshold, searchCountCap))
    let matcher = SearchMatcher(words)
    let rids: [Int64]
    if hits.exact && hits.count <= threshold || matcher == nil {
      rids = try sortedHits(
        db, query: query, sort: sort, ascending: ascending, limit: limit, offset: offset)
    } else {
      // Matches may bunch in the sort order ("mart": the Martins, half way down the name
      // index): past a few times the rows the count predicts, the walk gives up for a sort.
      let expected = (offset + limit) * max(1, try liveContactCount(db)) / max(1, hits.count)
      let walked = try walkedHits(
        db, query: query, matcher: matcher!, sort: sort, ascending: ascending, limit: limit,
        offset: offset, budget: max(2000, 4 * expected))
      rids =
        try walked
        ?? sortedHits(
          db, query: query, sort: sort, ascending: ascending, limit: limit, offset: offset)
    }
    let count: ListCount
    if hits.exact {
      count = ListCount(hits.count)
    } else if rids.count < limit {
      count = ListCount(offset + rids.count)
    } else {
      count = ListCount(max(searchCountCap, offset + rids.count), atLeast: true)
    }
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
    let companies = Set(
      try String.fetchAll(
        db,
        sql: """
          SELECT c.id FROM companies_fts f JOIN companies c ON c.rid = f.rowid
          WHERE companies_fts MATCH ? AND c.deleted = 0
          """, arguments: [query]))
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
    var rids: [Int64] = []
    var skip = offset
    var read = 0
    for range in sortRanges(sort, ascending: ascending) {
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT t.rid, t.companyId, t.firstName || ' ' || t.lastName, coalesce(t.title, ''),
            \(listedSQL("t.emails", "$.address")), \(listedSQL("t.phones", "$.number")),
            \(listedSQL("t.tags", ""))
          FROM contacts t WHERE t.deleted = 0\(range.condition) ORDER BY \(range.order)
          """)
      while let row = try rows.next() {
        read += 1
        if read > budget { return nil }
        let rid: Int64 = row[0]
        var hit = false
        if let company: String = row[1], companies.contains(company) {
          hit = true
        } else {
          let columns: [String] = (2...6).map { row[$0] ?? "" }
          if let matched = matcher.matches(columns) {
            hit = matched
          } else {
            // Text the matcher cannot fold as the full-text index does: ask the index.
            hit = try inIndex(rid)
          }
        }
        guard hit else { continue }
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

  /// The values at `path` of the JSON array `column` joined by spaces, as `contacts_fts`
  /// indexes them; a single value without `json_each`.
  static func listedSQL(_ column: String, _ path: String) -> String {
    let one = path.isEmpty ? "'$[0]'" : "'$[0]\(path.dropFirst())'"
    let each = path.isEmpty ? "value" : "json_extract(value, '\(path)')"
    return """
      CASE json_array_length(\(column)) WHEN 0 THEN ''
        WHEN 1 THEN coalesce(json_extract(\(column), \(one)), '')
        ELSE (SELECT coalesce(group_concat(\(each), ' '), '') FROM json_each(\(column))) END
      """
  }
}
