import Foundation
import GRDB
import Synchronization

/// Where every live contact stands in the contacts list in one sort, kept in memory so a
/// search can put its hits in list order without reading their rows.
///
/// Sorting the hits in SQL reads each hit's row for its sort key: 13k hits of "mart" on 1M
/// contacts took 270–380 ms. With the ranks it is an array lookup per hit: the cost is
/// reading the hits' rowids from the full-text index. The ranks are read once from the
/// sort's index (about 1M rows: a few hundred ms), in the read transaction of the search
/// that needs them, and hold while `list_versions` (v9) has not moved; any write that can
/// move a contact moves it, and the next search reads them again.
///
/// Only the last sort asked for is kept: 8 bytes per contact (8 MB for a million).
final class ContactListOrder: Sendable {
  /// The ranks of one sort at one version of the list.
  struct Ranks: Sendable {
    let sort: ContactSort
    let version: Int64
    /// `rank[rid]`: the contact's place in the ascending list, -1 for a rid not listed.
    let rank: [Int32]
    /// How many contacts have a value in the sort's column: they come first in both
    /// directions, those without after them (as `Store.sortRanges` reads them).
    let withValue: Int32
    let count: Int32

    /// `rids[rank]`: the contacts in ascending list order.
    let rids: [Int32]

    /// The rids of `hits` (repeats allowed) in list order, `limit` of them from `offset`;
    /// rids not listed are left out. One bit per listed contact marks the hits, then the
    /// bits are read in list order: a few ns a hit and 16k words for a million contacts,
    /// where sorting 300k hits took tens of ms.
    func page(_ hits: [Int64], ascending: Bool, limit: Int, offset: Int) -> [Int64] {
      var bits = [UInt64](repeating: 0, count: (Int(count) + 63) / 64)
      for rid in hits where rid >= 0 && rid < rank.count {
        let r = rank[Int(rid)]
        if r >= 0 { bits[Int(r) >> 6] |= 1 << UInt64(r & 63) }
      }
      var found: [Int64] = []
      found.reserveCapacity(limit)
      var skip = offset
      // Each range in the sort's direction, the one with values first either way.
      for (start, end) in [(0, Int(withValue)), (Int(withValue), Int(count))] where start < end {
        var position = ascending ? start : end - 1
        while found.count < limit && (ascending ? position < end : position >= start) {
          let word = bits[position >> 6]
          if word == 0 {
            // A whole empty word: jump to its far end.
            position = ascending ? (position | 63) + 1 : (position & ~63) - 1
            continue
          }
          if word & (1 << UInt64(position & 63)) != 0 {
            if skip > 0 {
              skip -= 1
            } else {
              found.append(Int64(rids[position]))
            }
          }
          position += ascending ? 1 : -1
        }
      }
      return found
    }
  }

  private let kept = Mutex<Ranks?>(nil)

  /// A search page already answered: its rids and count.
  struct Answer: Sendable {
    let rids: [Int64]
    let count: ListCount
  }

  struct Question: Hashable, Sendable {
    let query: String
    let sort: ContactSort
    let ascending: Bool
    let limit: Int
    let offset: Int
  }

  /// The answers of the last searches, for the file as of `stamp`.
  private struct Answers {
    var stamp: Stamp?
    var pages: [Question: Answer] = [:]
  }

  /// What the answers depend on: the list's version, and the last change-log entry for what
  /// it does not cover (a title or tags edited, a company's domain: they change what
  /// matches, not where a contact stands). Every Store write logs its changes.
  struct Stamp: Hashable, Sendable {
    let version: Int64
    let lastChange: Int64
  }

  private let answers = Mutex(Answers())
  /// Searches remembered: typing a prefix and erasing it asks each one twice, and short
  /// prefixes (the costly ones: they walk the index) come back with every name.
  static let answersKept = 256

  static func stamp(_ db: Database) throws -> Stamp {
    Stamp(
      version: try version(db),
      lastChange: try Int64.fetchOne(db, sql: "SELECT max(seq) FROM change_log") ?? 0)
  }

  /// The answer to `question` given when the file was as `stamp` says, if any.
  func answer(_ question: Question, stamp: Stamp) -> Answer? {
    answers.withLock { $0.stamp == stamp ? $0.pages[question] : nil }
  }

  /// Forgets every answer (the ranks stay).
  func forgetAnswers() {
    answers.withLock { $0 = Answers() }
  }

  func remember(_ answer: Answer, for question: Question, stamp: Stamp) {
    answers.withLock { kept in
      if kept.stamp != stamp || kept.pages.count >= Self.answersKept {
        kept = Answers(stamp: stamp)
      }
      kept.pages[question] = answer
    }
  }

  /// The ranks of `sort` as `db` sees the list: the kept ones when the list has not moved
  /// since, else read now (and kept).
  func ranks(_ db: Database, sort: ContactSort) throws -> Ranks? {
    let version = try Self.version(db)
    if let ranks = kept.withLock({ $0 }), ranks.sort == sort, ranks.version == version {
      return ranks
    }
    guard let ranks = try Self.read(db, sort: sort, version: version) else { return nil }
    kept.withLock { $0 = ranks }
    return ranks
  }

  /// The list's version (v9), bumped by every write that can move a contact.
  static func version(_ db: Database) throws -> Int64 {
    try Int64.fetchOne(db, sql: "SELECT version FROM list_versions WHERE list = 'contacts'") ?? 0
  }

  /// Every live contact's place, read in list order from the sort's index.
  /// Nil past 2^31 rowids (they are kept in 32 bits).
  static func read(_ db: Database, sort: ContactSort, version: Int64) throws -> Ranks? {
    let maxRid = try Int64.fetchOne(db, sql: "SELECT max(rid) FROM contacts") ?? 0
    guard maxRid < Int32.max else { return nil }
    var rank = [Int32](repeating: -1, count: Int(maxRid) + 1)
    var rids: [Int32] = []
    rids.reserveCapacity(try Store.liveContactCount(db))
    var next: Int32 = 0
    var withValue: Int32 = 0
    let ranges = Store.sortRanges(sort, ascending: true)
    for (index, range) in ranges.enumerated() {
      let cursor = try Int64.fetchCursor(
        db,
        sql: """
          SELECT t.rid FROM contacts t WHERE t.deleted = 0\(range.condition)
          ORDER BY \(range.order)
          """)
      while let rid = try cursor.next() {
        rank[Int(rid)] = next
        rids.append(Int32(rid))
        next += 1
      }
      // A sort by name is one range, all of it "with a value".
      if index == 0 { withValue = next }
    }
    return Ranks(
      sort: sort, version: version, rank: rank, withValue: withValue, count: next, rids: rids)
  }
}
