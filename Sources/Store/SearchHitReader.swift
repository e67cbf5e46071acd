import GRDB

/// The rowids of the contacts a search matches, read as far as asked and no further, so a
/// search that first glances at a few thousand and then wants more goes on where it
/// stopped: a prefix of four letters or more merges every term it starts in the full-text
/// index (the first name's every email address: thousands), and opening that merge again
/// cost ~4 ms on 1M contacts.
///
/// Its own matches (`contacts_fts`) come first, then the live contacts of the matching
/// companies (`companies_fts`), each contact once.
final class SearchHitReader {
  private let db: Database
  private let query: String
  private var own: FastDatabaseValueCursor<Int64>?
  private var byCompany: FastDatabaseValueCursor<Int64>?
  /// The rids already in `rids` once the companies' contacts are read: one bit per rowid
  /// (a million contacts: 125 KB), where a set of 60k rids cost ~5 ms to build and probe.
  private var seen: [UInt64] = []
  private var started = false
  private(set) var rids: [Int64] = []
  /// Every match has been read.
  private(set) var done = false

  init(_ db: Database, query: String) {
    self.db = db
    self.query = query
  }

  /// Reads until more than `cap` matches are in `rids` or none is left; true when they
  /// are all there (at most `cap` of them).
  func read(upTo cap: Int) throws -> Bool {
    if !started {
      started = true
      own = try Int64.fetchCursor(
        db, sql: "SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?", arguments: [query])
    }
    while !done && rids.count <= cap {
      if let cursor = own {
        if let rid = try cursor.next() {
          rids.append(rid)
          continue
        }
        own = nil
        byCompany = try Int64.fetchCursor(
          db,
          sql: """
            SELECT t.rid FROM companies_fts f JOIN companies c ON c.rid = f.rowid
            JOIN contacts t ON t.companyId = c.id AND t.deleted = 0
            WHERE companies_fts MATCH ? AND c.deleted = 0
            """, arguments: [query])
      }
      guard let cursor = byCompany, let rid = try cursor.next() else {
        done = true
        break
      }
      if seen.isEmpty {
        let maxRid = try Int64.fetchOne(db, sql: "SELECT max(rid) FROM contacts") ?? 0
        seen = [UInt64](repeating: 0, count: Int(max(0, maxRid)) / 64 + 1)
        for own in rids { mark(own) }
      }
      if mark(rid) { rids.append(rid) }
    }
    return done && rids.count <= cap
  }

  /// Marks `rid` seen: true the first time. Rowids come from the contacts table read in the
  /// same transaction, so they are within its largest one.
  @discardableResult
  private func mark(_ rid: Int64) -> Bool {
    let word = Int(rid >> 6)
    guard rid >= 0, word < seen.count else { return true }
    let bit: UInt64 = 1 << UInt64(rid & 63)
    if seen[word] & bit != 0 { return false }
    seen[word] |= bit
    return true
  }
}
