import Foundation
import GRDB
import Model

/// Which side's value a merged field takes.
public enum MergeSide: String, Sendable, Hashable, CaseIterable {
  /// The kept record's value, even if empty.
  case kept
  /// The removed record's value, even if empty.
  case removed
}

/// What a contact merge keeps, field by field. A field with no pick takes the kept
/// record's value unless that is empty (then the removed one's); emails, phones and tags
/// take the union, kept first, without repeats (emails case-folded, phones normalised,
/// tags case-folded). `emailOptOut` counts false as empty: an opt-out on either side stays.
public struct MergeChoice: Sendable, Hashable {
  public enum Field: String, Sendable, Hashable, CaseIterable {
    case firstName, lastName, title, emails, phones, address, tags, companyId, ownerId,
      emailOptOut
  }

  public var picks: [Field: MergeSide]

  public init(_ picks: [Field: MergeSide] = [:]) {
    self.picks = picks
  }

  /// Every field in `fields` from the removed record, the others by default.
  public static func takingFromRemoved(_ fields: some Sequence<Field>) -> MergeChoice {
    MergeChoice(Dictionary(fields.map { ($0, .removed) }, uniquingKeysWith: { a, _ in a }))
  }

  /// The kept contact with the fields this choice takes.
  public func merged(keep: Contact, remove: Contact) -> Contact {
    var c = keep
    func pick<V>(_ field: Field, _ path: WritableKeyPath<Contact, V>, empty: (V) -> Bool) {
      switch picks[field] {
      case .kept: break
      case .removed: c[keyPath: path] = remove[keyPath: path]
      case nil: if empty(keep[keyPath: path]) { c[keyPath: path] = remove[keyPath: path] }
      }
    }
    func union<V, K: Hashable>(
      _ field: Field, _ path: WritableKeyPath<Contact, [V]>, _ key: (V) -> K
    ) {
      switch picks[field] {
      case .kept: break
      case .removed: c[keyPath: path] = remove[keyPath: path]
      case nil:
        var seen = Set<K>()
        c[keyPath: path] = (keep[keyPath: path] + remove[keyPath: path]).filter {
          seen.insert(key($0)).inserted
        }
      }
    }
    let blank = { (s: String) in s.trimmingCharacters(in: .whitespaces).isEmpty }
    pick(.firstName, \.firstName, empty: blank)
    pick(.lastName, \.lastName, empty: blank)
    pick(.title, \.title, empty: { $0.map(blank) ?? true })
    pick(.address, \.address, empty: { $0?.isEmpty ?? true })
    pick(.companyId, \.companyId, empty: { $0 == nil })
    pick(.ownerId, \.ownerId, empty: { $0 == nil })
    pick(.emailOptOut, \.emailOptOut, empty: { !$0 })
    union(.emails, \.emails) { $0.address.lowercased() }
    union(.phones, \.phones) { $0.normalized }
    union(.tags, \.tags) { $0.lowercased() }
    return c
  }
}

/// Merging duplicates, each one mutation (one undo restores everything): the kept record
/// takes the chosen fields, everything that pointed at the removed record points at the
/// kept one (through the change log), and the removed record is tombstoned.
extension Store {
  /// Merges contact `remove` into `keep` (ids or unique prefixes); returns the kept contact.
  /// Deal links move (a deal linked to both keeps one link, with the kept role unless it
  /// had none), and so do the live activities and notes of the removed contact.
  @discardableResult
  public func mergeContacts(
    keep: String, remove: String, choice: MergeChoice = MergeChoice(), now: Date = Date()
  ) throws -> Contact {
    try mutate("merge contact \(remove) into \(keep)", now: now) { w in
      let old = try Self.fetch(w.db, Contact.self, keep)
      let gone = try Self.fetch(w.db, Contact.self, remove)
      guard old.id != gone.id else {
        throw StoreError.invalid(
          ValidationError(field: "remove", "\"\(remove)\" is the contact to keep"))
      }
      var new = choice.merged(keep: old, remove: gone)
      try validated { () throws(ValidationError) in try new.validate() }
      try Self.checkLinks(w.db, new, unchangedFrom: old)
      if new != old {
        new.updatedAt = w.now
        try w.update(new, from: old)
      }
      try Self.moveDealLinks(w, from: gone.id, to: new.id)
      for table in [Entity.activity, .note] {
        try Self.repoint(w, table, field: "contactId", from: gone.id, to: new.id)
      }
      try w.delete(.contact, gone.id)
      return new
    }
  }

  /// Merges company `remove` into `keep` (ids, unique prefixes or exact names); returns the
  /// kept company. Each field keeps the kept company's value unless it is empty; the live
  /// contacts, deals, activities and notes of the removed company move to the kept one.
  @discardableResult
  public func mergeCompanies(keep: String, remove: String, now: Date = Date()) throws -> Company {
    try mutate("merge company \(remove) into \(keep)", now: now) { w in
      let old = try Self.company(w.db, named: keep)
      let gone = try Self.company(w.db, named: remove)
      guard old.id != gone.id else {
        throw StoreError.invalid(
          ValidationError(field: "remove", "\"\(remove)\" is the company to keep"))
      }
      var new = old
      func fill<V>(_ path: WritableKeyPath<Company, V?>, empty: (V) -> Bool = { _ in false }) {
        if new[keyPath: path].map(empty) ?? true { new[keyPath: path] = gone[keyPath: path] }
      }
      let blank = { (s: String) in s.trimmingCharacters(in: .whitespaces).isEmpty }
      fill(\.domain, empty: blank)
      fill(\.phone, empty: blank)
      fill(\.address, empty: \.isEmpty)
      fill(\.industry, empty: blank)
      fill(\.ownerId)
      try Self.checkLinks(w.db, new, unchangedFrom: old)
      if new != old {
        new.updatedAt = w.now
        try w.update(new, from: old)
      }
      for table in [Entity.contact, .deal, .activity, .note] {
        try Self.repoint(w, table, field: "companyId", from: gone.id, to: new.id)
      }
      try w.delete(.company, gone.id)
      return new
    }
  }

  /// Sets `field` from one id to another on every live row of `entity` (on its index).
  private static func repoint(
    _ w: MutationWriter, _ entity: Entity, field: String, from: String, to: String
  ) throws {
    let ids = try String.fetchAll(
      w.db, sql: "SELECT id FROM \(entity.table) WHERE \(field) = ? AND deleted = 0",
      arguments: [from])
    for id in ids { try w.set(entity, id, [field: to.databaseValue]) }
  }

  /// Moves the live deal links of contact `from` to contact `to`. A link's id names its
  /// contact, so the old link is tombstoned and the new one created (or revived).
  private static func moveDealLinks(_ w: MutationWriter, from: String, to: String) throws {
    let links = try DealContact.fetchAll(
      w.db, sql: "SELECT * FROM deal_contacts WHERE contactId = ? AND deleted = 0 ORDER BY id",
      arguments: [from])
    for link in links {
      let target = DealContact(dealId: link.dealId, contactId: to, role: link.role)
      let existing = try Row.fetchOne(
        w.db, sql: "SELECT role, deleted FROM deal_contacts WHERE id = ?", arguments: [target.id])
      if let existing {
        let old = DealContact(dealId: link.dealId, contactId: to, role: existing["role"])
        if existing["deleted"] as Bool {
          try w.update(target, from: old)
          try w.set(.dealContact, target.id, ["deleted": false.databaseValue])
        } else if old.role == nil, link.role != nil {
          try w.update(target, from: old)
        }
      } else {
        try w.insert(target)
      }
      try w.delete(.dealContact, link.id)
    }
  }
}
