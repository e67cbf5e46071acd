import Foundation
import GRDB
import GRDBSQLite
import Model

/// Search as you type over the contacts list: which contacts match (their name, title,
/// emails, phones or tags in `contacts_fts`, or their live company's name, domain or
/// industry in `companies_fts`), a page of them in the list's sort, and how many.
///
/// First the walk: the list read from the top in its sort, from memory (where every
/// contact stands, `ContactListOrder`, and its folded text laid out in that order,
/// `ContactSearchTexts`), each contact checked by `SearchMatcher`, until the page is full
/// and the count passes the cap. A broad prefix ("m": a third of the list) fills a page of
/// 76 in a few hundred rows. When the walk reads `walkBudget` rows first (~27,500 for a
/// page of 76 of 1M contacts), the matches are few: they are read from the full-text index
/// and put in list order by their ranks. A search the matcher cannot fold (ł, ş,
/// Cyrillic) takes that second plan at once.
/// A page answered is remembered while the file is unchanged (`ContactListOrder.answer`),
/// so erasing a letter costs the rows alone.
extension Store {
  /// Up to this many matches (or all of them, when the walk read the whole list) the count
  /// is exact; above, the list says "at least" instead of counting on.
  public static let searchCountCap = 1000

  /// Cost of a row walked over a match ranked, measured on 1M contacts (release, CPU): a
  /// walked row is its span, company and text read in list order from memory (~0.15 µs), a
  /// ranked match a rowid read from the full-text index through GRDB, or a contact of a
  /// matching company through its index, and a bit set (1.5-2 µs with the index's own
  /// cost of opening a prefix of four letters or more, which merges every term it starts).
  static let walkRowCostRatio = 0.1

  /// The rows the walk reads before the search is taken to be narrow, for a page ending at
  /// `end` of a list of `contacts`: where walking on would cost what ranking the matches
  /// costs. With m matches the walk needs end × contacts / m rows, the ranks m matches; they
  /// cost the same at m = sqrt(ratio × end × contacts), a walk of sqrt(end × contacts /
  /// ratio) rows (76 of 1M contacts: ~27,500).
  static func walkBudget(end: Int, contacts: Int) -> Int {
    max(2000, Int((Double(max(1, end)) * Double(contacts) / walkRowCostRatio).squareRoot()))
  }

  /// The rowids of the contacts matching `query`, up to `cap` + 1 of them, each once: all of
  /// them when `exact`.
  static func searchHits(_ db: Database, query: String, cap: Int) throws -> (
    rids: [Int64], exact: Bool
  ) {
    let reader = SearchHitReader(db, query: query)
    let exact = try reader.read(upTo: cap)
    return (reader.rids, exact)
  }

  /// A page of the contacts matching `query` (built from `words`), with their count.
  /// `budget` replaces `walkBudget` (the tests take the second plan on a small list).
  static func searchPage(
    _ db: Database, query: String, words: String, sort: ContactSort, ascending: Bool,
    limit: Int, offset: Int, order: ContactListOrder, texts: ContactSearchTexts,
    budget: Int? = nil
  ) throws -> ContactPage {
    let question = ContactListOrder.Question(
      query: query, sort: sort, ascending: ascending, limit: limit, offset: offset)
    let stamp = try ContactListOrder.stamp(db)
    if let answer = order.answer(question, stamp: stamp) {
      return ContactPage(rows: try contactRows(db, rids: answer.rids), count: answer.count)
    }
    let reader = SearchHitReader(db, query: query)
    /// The count once the page is known: exact up to the cap, else "at least".
    func cappedCount(_ rids: [Int64]) throws -> ListCount {
      try reader.read(upTo: searchCountCap)
        ? ListCount(reader.rids.count)
        : ListCount(max(searchCountCap, offset + rids.count), atLeast: true)
    }
    let rids: [Int64]
    let count: ListCount
    if let ranks = try order.ranks(db, sort: sort) {
      let walk = try SearchMatcher(words).map { matcher in
        try Self.walk(
          db, query: query, matcher: matcher, ranks: ranks, stamp: stamp, texts: texts,
          ascending: ascending, limit: limit, offset: offset, countTo: searchCountCap + 1,
          budget: budget ?? walkBudget(end: offset + limit, contacts: Int(ranks.count)))
      }
      if let walk, walk.ended {
        (rids, count) = (walk.rids, ListCount(walk.matches))
      } else if let walk, walk.rids.count == limit {
        rids = walk.rids
        count =
          walk.matches > searchCountCap
          ? ListCount(max(searchCountCap, offset + limit), atLeast: true) : try cappedCount(rids)
      } else {
        // Few matches (the walk ran out of budget first), or text the matcher cannot fold.
        _ = try reader.read(upTo: .max)
        rids = ranks.page(reader.rids, ascending: ascending, limit: limit, offset: offset)
        count = ListCount(reader.rids.count)
      }
    } else {
      rids = try sortedHits(
        db, query: query, sort: sort, ascending: ascending, limit: limit, offset: offset)
      count = try cappedCount(rids)
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

  /// The walk over `ranks` with the texts as of `stamp`, the companies matching `query`, and
  /// the index asked for texts the matcher cannot fold.
  static func walk(
    _ db: Database, query: String, matcher: SearchMatcher, ranks: ContactListOrder.Ranks,
    stamp: ContactListOrder.Stamp, texts: ContactSearchTexts, ascending: Bool, limit: Int,
    offset: Int, countTo: Int, budget: Int
  ) throws -> ContactSearchWalk {
    let probe = IndexProbe(db, query: query, matcher: matcher)
    return try ContactSearchWalk.walk(
      ranks: ranks, texts: try texts.ordered(db, stamp: stamp, ranks: ranks), matcher: matcher,
      companies: CompanyBits(
        try Int64.fetchAll(
          db, sql: "SELECT rowid FROM companies_fts WHERE companies_fts MATCH ?",
          arguments: [query])),
      ascending: ascending, limit: limit, offset: offset, countTo: countTo, budget: budget,
      inIndex: probe.contains)
  }

  /// The walk alone, for the tests: nil when more than `budget` rows were read first.
  static func walkedHits(
    _ db: Database, query: String, matcher: SearchMatcher, sort: ContactSort, ascending: Bool,
    limit: Int, offset: Int, texts: ContactSearchTexts, budget: Int = .max
  ) throws -> [Int64]? {
    guard let ranks = try ContactListOrder.read(db, sort: sort, version: 0) else { return nil }
    let walk = try Self.walk(
      db, query: query, matcher: matcher, ranks: ranks, stamp: try ContactListOrder.stamp(db),
      texts: texts, ascending: ascending, limit: limit, offset: offset, countTo: 0,
      budget: budget)
    return walk.ended || walk.rids.count == limit ? walk.rids : nil
  }
}

/// Whether a contact whose text the matcher cannot fold matches, asked of the index: per
/// contact when the prefixes are in its prefix index (up to 3 letters: ~26 µs), else from
/// all the matches read once (a longer prefix merges every term it starts, per probe: tens
/// of ms on 1M contacts).
final class IndexProbe {
  private let db: Database
  private let query: String
  private let cheap: Bool
  private var indexed: Set<Int64>?

  init(_ db: Database, query: String, matcher: SearchMatcher) {
    self.db = db
    self.query = query
    cheap = matcher.phrases.allSatisfy { $0.last!.count <= 3 }
  }

  func contains(_ rid: Int64) throws -> Bool {
    if cheap {
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
