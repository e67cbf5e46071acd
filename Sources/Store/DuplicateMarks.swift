import Foundation
import GRDB
import Model

/// Which contacts of a page have possible duplicates: the contacts list marks them, with one
/// query per page (not one per row), on the same reasons as `duplicates(of:)`.
extension Store {
  /// The ids among `ids` of live contacts that share an email, a phone number, or a first and
  /// last name at the same company with another live contact.
  public func duplicateIds(among ids: [String]) throws -> Set<String> {
    guard !ids.isEmpty else { return [] }
    let json = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
    return try pool.read { db in
      let found = try String.fetchAll(
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
      return Set(found)
    }
  }
}
