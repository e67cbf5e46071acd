import Foundation
import GRDB
import Model
import Synchronization

/// Which contacts of a page have possible duplicates: the contacts list marks them, with one
/// query per page (not one per row), on the same reasons as `duplicates(of:)`.
///
/// The answers are kept per contact while the list's version (v9) stands, which every write
/// to a contact's names, emails, phones, company or tombstone moves: typing a search and
/// erasing it shows the same pages again, and a page's marks read on a million contacts
/// took 10-30 ms (random reads of three indexes per contact).
final class DuplicateMarkMemory: Sendable {
  private struct Kept {
    var version: Int64 = -1
    var marked: [String: Bool] = [:]
  }

  private let kept = Mutex(Kept())
  /// Past this many contacts the memory starts again (about 4 MB).
  static let limit = 50_000

  /// The kept answers for `ids` at `version`, nil for those not kept.
  func known(_ ids: [String], version: Int64) -> [String: Bool] {
    kept.withLock { kept in
      guard kept.version == version else { return [:] }
      var known: [String: Bool] = [:]
      for id in ids { if let mark = kept.marked[id] { known[id] = mark } }
      return known
    }
  }

  func keep(_ marks: [String: Bool], version: Int64) {
    kept.withLock { kept in
      if kept.version != version || kept.marked.count + marks.count > Self.limit {
        kept = Kept(version: version)
      }
      kept.marked.merge(marks) { _, new in new }
    }
  }
}

extension Store {
  /// The ids among `ids` of live contacts that share an email, a phone number, or a first and
  /// last name at the same company with another live contact.
  public func duplicateIds(among ids: [String]) throws -> Set<String> {
    guard !ids.isEmpty else { return [] }
    return try reader.read { db in
      let version = try ContactListOrder.version(db)
      var marks = duplicateMarks.known(ids, version: version)
      let asked = ids.filter { marks[$0] == nil }
      if !asked.isEmpty {
        let found = Set(try Self.duplicateIds(db, among: asked))
        var answers: [String: Bool] = [:]
        for id in asked { answers[id] = found.contains(id) }
        duplicateMarks.keep(answers, version: version)
        marks.merge(answers) { _, new in new }
      }
      return Set(ids.filter { marks[$0] == true })
    }
  }

  /// The query itself, for `ids` not known.
  static func duplicateIds(_ db: Database, among ids: [String]) throws -> [String] {
    let json = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
    return try String.fetchAll(
      db,
      sql: """
        WITH me AS (
          SELECT rid, id, companyId, lower(trim(firstName)) AS f, lower(trim(lastName)) AS l
          FROM contacts WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?)))
        SELECT me.id FROM me
        WHERE EXISTS (
            SELECT 1 FROM contact_emails x
            JOIN contact_emails y ON y.email = x.email AND y.contactRid <> x.contactRid
            JOIN contacts o ON o.rid = y.contactRid AND o.deleted = 0
            WHERE x.contactRid = me.rid)
          OR EXISTS (
            SELECT 1 FROM contact_phones x
            JOIN contact_phones y ON y.number = x.number AND y.contactRid <> x.contactRid
            JOIN contacts o ON o.rid = y.contactRid AND o.deleted = 0
            WHERE x.contactRid = me.rid)
          OR (me.companyId IS NOT NULL AND EXISTS (
            SELECT 1 FROM contacts o
            WHERE o.deleted = 0 AND o.companyId = me.companyId AND o.rid <> me.rid
              AND lower(trim(o.firstName)) = me.f AND lower(trim(o.lastName)) = me.l))
        """, arguments: [json])
  }
}
