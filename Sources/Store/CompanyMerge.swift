import Foundation
import GRDB
import Model

/// What a company merge keeps, field by field: a field with no pick takes the kept
/// company's value unless that is empty (then the removed one's), as
/// `mergeCompanies(keep:remove:)` does; a pick takes that side's value even when empty.
public struct CompanyMergeChoice: Sendable, Hashable {
  public enum Field: String, Sendable, Hashable, CaseIterable {
    case name, domain, phone, industry, address, ownerId
  }

  public var picks: [Field: MergeSide]

  public init(_ picks: [Field: MergeSide] = [:]) { self.picks = picks }

  /// The kept company with the fields this choice takes.
  public func merged(keep: Company, remove: Company) -> Company {
    var c = keep
    func pick<V>(_ field: Field, _ path: WritableKeyPath<Company, V>, empty: (V) -> Bool) {
      switch picks[field] {
      case .kept: break
      case .removed: c[keyPath: path] = remove[keyPath: path]
      case nil: if empty(keep[keyPath: path]) { c[keyPath: path] = remove[keyPath: path] }
      }
    }
    let blank = { (s: String?) in s?.trimmingCharacters(in: .whitespaces).isEmpty ?? true }
    pick(.name, \.name, empty: { blank($0) })
    pick(.domain, \.domain, empty: blank)
    pick(.phone, \.phone, empty: blank)
    pick(.industry, \.industry, empty: blank)
    pick(.address, \.address, empty: { $0?.isEmpty ?? true })
    pick(.ownerId, \.ownerId, empty: { $0 == nil })
    return c
  }
}

/// The company side of the TUI's merge screen: one company's possible duplicates, which
/// companies of a page have any (for the list's mark), and a merge with fields picked.
extension Store {
  /// Merges company `remove` into `keep` with the fields `choice` picks, as one mutation:
  /// the live contacts, deals, activities and notes of the removed company move to the kept
  /// one, and the removed company is tombstoned. Returns the kept company.
  @discardableResult
  public func mergeCompanies(
    keep: String, remove: String, choice: CompanyMergeChoice, now: Date = Date()
  ) throws -> Company {
    try mutate("merge company \(remove) into \(keep)", now: now) { w in
      let old = try Self.company(w.db, named: keep)
      let gone = try Self.company(w.db, named: remove)
      guard old.id != gone.id else {
        throw StoreError.invalid(
          ValidationError(field: "remove", "\"\(remove)\" is the company to keep"))
      }
      var new = choice.merged(keep: old, remove: gone)
      try validated { () throws(ValidationError) in try new.validate() }
      try Self.checkLinks(w.db, new, unchangedFrom: old)
      if new != old {
        new.updatedAt = w.now
        try w.update(new, from: old)
      }
      for entity in [Entity.contact, .deal, .activity, .note] {
        let ids = try String.fetchAll(
          w.db,
          sql: "SELECT id FROM \(entity.table) WHERE companyId = ? AND deleted = 0",
          arguments: [gone.id])
        for id in ids { try w.set(entity, id, ["companyId": new.id.databaseValue]) }
      }
      try w.delete(.company, gone.id)
      return new
    }
  }

  /// The possible duplicates of one company (id, unique prefix or exact name), each with
  /// that company as `a`, on the reasons of `companyDuplicates`: the same domain, or the
  /// same name key.
  public func companyDuplicates(of companyKey: String) throws -> [CompanyDuplicatePair] {
    try reader.read { db in
      let me = try Self.company(db, named: companyKey)
      guard
        let rid = try Int64.fetchOne(
          db, sql: "SELECT rid FROM companies WHERE id = ?", arguments: [me.id])
      else { return [] }
      let rows = try Row.fetchCursor(
        db,
        sql: """
          WITH reasons AS (
            SELECT y.rid AS b, 0 AS kind, lower(y.domain) AS value FROM companies y
              WHERE ?2 IS NOT NULL AND ?2 <> '' AND y.deleted = 0
                AND y.domain = ?2 COLLATE NOCASE
            UNION
            SELECT y.companyRid, 1, x.name
              FROM company_names x JOIN company_names y ON y.name = x.name
              WHERE x.companyRid = ?1 AND x.name <> '')
          SELECT ?1 AS a, r.b, r.kind, r.value FROM reasons r
          JOIN companies c ON c.rid = r.b AND c.deleted = 0
          WHERE r.b <> ?1
          ORDER BY r.b, r.kind, r.value
          """, arguments: [rid, me.domain])
      let pairs = try Self.reasonRows(rows, limit: .max)
      var others: [Int64: Company] = [:]
      for pair in pairs {
        others[pair.b] = try Company.fetchOne(
          db, sql: "SELECT * FROM companies WHERE rid = ?", arguments: [pair.b])
      }
      return pairs.compactMap { pair in
        guard let b = others[pair.b] else { return nil }
        return CompanyDuplicatePair(
          a: me, b: b,
          reasons: pair.reasons.map { $0.kind == 0 ? .domain($0.value) : .name($0.value) })
      }
    }
  }

  /// The ids among `ids` of live companies that share a domain or a name key with another
  /// live company: one query per page of the companies list.
  public func companyDuplicateIds(among ids: [String]) throws -> Set<String> {
    guard !ids.isEmpty else { return [] }
    let json = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
    return try reader.read { db in
      let found = try String.fetchAll(
        db,
        sql: """
          WITH me AS (
            SELECT rid, id, domain FROM companies
            WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?)))
          SELECT me.id FROM me
          WHERE (me.domain IS NOT NULL AND me.domain <> '' AND EXISTS (
              SELECT 1 FROM companies o
              WHERE o.deleted = 0 AND o.rid <> me.rid AND o.domain = me.domain COLLATE NOCASE))
            OR EXISTS (
              SELECT 1 FROM company_names x
              JOIN company_names y ON y.name = x.name AND y.companyRid <> x.companyRid
              JOIN companies o ON o.rid = y.companyRid AND o.deleted = 0
              WHERE x.companyRid = me.rid AND x.name <> '')
          """, arguments: [json])
      return Set(found)
    }
  }
}
