import GRDB
import GRDBSQLite
import Synchronization

/// Every contact's search text, folded once as `SearchMatcher` folds it, and its company's
/// rowid, kept in memory so a search walks the list in its sort checking texts in memory.
///
/// Walking the sort index in SQLite read each row's text with a random read of the index's
/// copy (`contacts_fts_content`): 20-40 µs a row on 1M contacts, where the file is larger
/// than SQLite maps. From memory a row costs a fraction of a µs, so a broad prefix finds its
/// page after a few thousand rows in well under a millisecond.
///
/// The texts are read once (the first search), then follow the change log: the contacts
/// logged since are read again, each appended (their old bytes left unused until a reload).
/// A write that moved the list without logging a contact (raw SQL), many changed contacts,
/// or a change log that went back, reads them all again. About 70-90 bytes a contact, twice
/// (by rowid, and laid out in the order of the sort searched): some 160 MB for a million.
final class ContactSearchTexts: Sendable {
  /// The texts as of one point of the change log.
  struct Texts: Sendable {
    /// The last change-log entry they include, and the list's version then.
    var lastChange: Int64
    var version: Int64
    /// Each contact's columns (name, title, emails, phones, tags) folded: token bytes, 0
    /// between tokens, `columnEnd` after each column, so no phrase spans two columns.
    var bytes: [UInt8] = []
    /// `spans[rid]`: where the contact's text starts in `bytes` (high 40 bits) and its
    /// length (low 24); `unknown` for text the matcher cannot fold, or none read.
    var spans: [UInt64] = []
    /// `company[rid]`: the rowid of the contact's company, -1 for none.
    var company: [Int32] = []
    /// Bytes of texts replaced since the last full read.
    var unused = 0

    static let unknown = UInt64.max
    static let columnEnd: UInt8 = 1
  }

  /// The texts in one sort's list order, what the walk reads front to back: read in
  /// order, the memory comes in ahead of the walk, where each row read at random cost it
  /// three or four cache misses (~0.5 µs).
  struct Ordered: Sendable {
    let sort: ContactSort
    /// The list's version of the ranks, and the texts', they were laid out from.
    let ranksVersion: Int64
    let lastChange: Int64
    let textsVersion: Int64
    var bytes: [UInt8] = []
    /// `spans[position]`, `company[position]`: as in `Texts`, by place in the list.
    var spans: [UInt64] = []
    var company: [Int32] = []
  }

  private let kept = Mutex<Texts?>(nil)
  private let keptOrder = Mutex<Ordered?>(nil)

  /// The texts as of `stamp` in the list order of `ranks`.
  func ordered(_ db: Database, stamp: ContactListOrder.Stamp, ranks: ContactListOrder.Ranks)
    throws -> Ordered
  {
    let texts = try texts(db, stamp: stamp)
    if let ordered = keptOrder.withLock({ $0 }), ordered.sort == ranks.sort,
      ordered.ranksVersion == ranks.version, ordered.lastChange == texts.lastChange,
      ordered.textsVersion == texts.version
    {
      return ordered
    }
    var ordered = Ordered(
      sort: ranks.sort, ranksVersion: ranks.version, lastChange: texts.lastChange,
      textsVersion: texts.version)
    let count = Int(ranks.count)
    ordered.spans.reserveCapacity(count)
    ordered.company.reserveCapacity(count)
    ordered.bytes.reserveCapacity(texts.bytes.count - texts.unused)
    texts.bytes.withUnsafeBufferPointer { bytes in
      for position in 0..<count {
        let rid = Int(ranks.rids[position])
        let span = rid < texts.spans.count ? texts.spans[rid] : Texts.unknown
        ordered.company.append(rid < texts.company.count ? texts.company[rid] : -1)
        guard span != Texts.unknown else {
          ordered.spans.append(Texts.unknown)
          continue
        }
        let start = Int(span >> 24)
        let length = Int(span & 0xFF_FFFF)
        ordered.spans.append(UInt64(ordered.bytes.count) << 24 | UInt64(length))
        ordered.bytes.append(
          contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<start + length]))
      }
    }
    keptOrder.withLock { $0 = ordered }
    return ordered
  }

  /// Past this many contacts logged since the texts were read, all of them are read again.
  static let rereadAll = 20_000

  /// The texts as `db` sees the contacts, as of `stamp`: the kept ones brought up to date.
  func texts(_ db: Database, stamp: ContactListOrder.Stamp) throws -> Texts {
    // Taken out while brought up to date, so its arrays are not copied on write.
    var texts = kept.withLock { kept in
      defer { kept = nil }
      return kept
    }
    if let current = texts, current.lastChange == stamp.lastChange,
      current.version == stamp.version
    {
      kept.withLock { if $0 == nil { $0 = current } }
      return current
    }
    var updated = false
    if texts != nil { updated = try Self.update(&texts!, db, stamp: stamp) }
    let result = updated ? texts! : try Self.readAll(db, stamp: stamp)
    kept.withLock { $0 = result }
    return result
  }

  /// Every live contact's text and company.
  static func readAll(_ db: Database, stamp: ContactListOrder.Stamp) throws -> Texts {
    let maxRid = try Int64.fetchOne(db, sql: "SELECT max(rid) FROM contacts") ?? 0
    var texts = Texts(lastChange: stamp.lastChange, version: stamp.version)
    texts.spans = [UInt64](repeating: Texts.unknown, count: Int(maxRid) + 1)
    texts.company = [Int32](repeating: -1, count: Int(maxRid) + 1)
    texts.bytes.reserveCapacity(try Store.liveContactCount(db) * 80)
    // Two reads in storage order, not a row of each joined to the other: the index's
    // copy of every text (the live contacts'), then each company's contacts through
    // their index. Joined per contact, the same took ~7.5 s on 1M contacts.
    try read(
      &texts, db, sql: "SELECT f.id, NULL, f.c0, f.c1, f.c2, f.c3, f.c4 FROM contacts_fts_content f"
    )
    let companies = try db.makeStatement(
      sql: """
        SELECT t.rid, c.rid FROM companies c CROSS JOIN contacts t
          ON t.companyId = c.id AND t.deleted = 0
        """)
    let s = companies.sqliteStatement
    while try nextRow(s, db) {
      let (rid, company) = (sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1))
      if rid >= 0, rid < texts.company.count, company <= Int32.max {
        texts.company[Int(rid)] = Int32(company)
      }
    }
    return texts
  }

  /// Reads again the contacts logged since `texts` were read: false when that would cost
  /// more than reading them all, or cannot be told from the log.
  private static func update(_ texts: inout Texts, _ db: Database, stamp: ContactListOrder.Stamp)
    throws -> Bool
  {
    guard stamp.lastChange >= texts.lastChange, texts.unused < texts.bytes.count / 2 else {
      return false
    }
    let ids = try String.fetchAll(
      db,
      sql: """
        SELECT DISTINCT recordId FROM change_log WHERE seq > ? AND entity = 'contact' LIMIT ?
        """, arguments: [texts.lastChange, rereadAll + 1])
    // The list moved, and no contact was logged: a write the log does not tell of.
    guard ids.count <= rereadAll, !(ids.isEmpty && stamp.version != texts.version) else {
      return false
    }
    let maxRid = try Int64.fetchOne(db, sql: "SELECT max(rid) FROM contacts") ?? 0
    if Int(maxRid) >= texts.spans.count {
      let more = Int(maxRid) + 1 - texts.spans.count
      texts.spans += repeatElement(Texts.unknown, count: more)
      texts.company += repeatElement(-1, count: more)
    }
    for start in stride(from: 0, to: ids.count, by: 500) {
      let batch = ids[start..<min(ids.count, start + 500)]
      let marks = databaseQuestionMarks(count: batch.count)
      for rid in try Int64.fetchAll(
        db, sql: "SELECT rid FROM contacts WHERE id IN (\(marks))",
        arguments: StatementArguments(Array(batch)))
      where rid >= 0 && rid < texts.spans.count {
        let span = texts.spans[Int(rid)]
        if span != Texts.unknown { texts.unused += Int(span & 0xFF_FFFF) }
        texts.spans[Int(rid)] = Texts.unknown
        texts.company[Int(rid)] = -1
      }
      try read(
        &texts, db, sql: "\(joined) WHERE t.deleted = 0 AND t.id IN (\(marks))", Array(batch))
    }
    texts.lastChange = stamp.lastChange
    texts.version = stamp.version
    return true
  }

  /// Steps `s` (read without GRDB's row values, as SQLite holds them): false at its end.
  private static func nextRow(_ s: SQLiteStatement, _ db: Database) throws -> Bool {
    let code = sqlite3_step(s)
    if code == SQLITE_DONE { return false }
    guard code == SQLITE_ROW else {
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code),
        message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
    return true
  }

  /// Each contact's rowid, its company's and its text, joined: for a few contacts.
  private static let joined = """
    SELECT t.rid, (SELECT c.rid FROM companies c WHERE c.id = t.companyId),
      f.c0, f.c1, f.c2, f.c3, f.c4
    FROM contacts t LEFT JOIN contacts_fts_content f ON f.id = t.rid
    """

  /// Reads into `texts` the rows of `sql`: a contact's rowid, its company's rowid (or
  /// NULL) and the five columns of its text (NULL when the index has no copy).
  private static func read(
    _ texts: inout Texts, _ db: Database, sql: String, _ arguments: [String] = []
  ) throws {
    let statement = try db.makeStatement(sql: sql)
    try statement.setArguments(StatementArguments(arguments))
    let s = statement.sqliteStatement
    var folded: [UInt8] = []
    while try nextRow(s, db) {
      let rid = Int(sqlite3_column_int64(s, 0))
      guard rid >= 0, rid < texts.spans.count else { continue }
      if sqlite3_column_type(s, 1) != SQLITE_NULL {
        let company = sqlite3_column_int64(s, 1)
        texts.company[rid] = company <= Int32.max ? Int32(company) : -1
      }
      // No row in the index's copy: the walk asks the index.
      guard sqlite3_column_type(s, 2) != SQLITE_NULL else { continue }
      folded.removeAll(keepingCapacity: true)
      var foldable = true
      for column in Int32(2)...6 {
        let count = Int(sqlite3_column_bytes(s, column))
        let text = UnsafeBufferPointer(
          start: count > 0 ? sqlite3_column_text(s, column) : nil, count: count)
        var iterator = text.makeIterator()
        guard SearchMatcher.fold(&iterator, into: &folded) else {
          foldable = false
          break
        }
        folded.append(Texts.columnEnd)
      }
      guard foldable, folded.count < 0xFF_FFFF else { continue }
      texts.spans[rid] = UInt64(texts.bytes.count) << 24 | UInt64(folded.count)
      texts.bytes += folded
    }
  }
}
