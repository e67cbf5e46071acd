import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// The contacts list's pages (migration v5): every sort column in both directions against
/// an order worked out here, empty values last; search pages the same whichever plan
/// builds them; the derived columns after edits, deletes, merges and undo; the counts.
final class ContactListTests: StoreTestCase {
  private var companies: [String: Company] = [:]
  private var me: String!

  override func setUpWithError() throws {
    try super.setUpWithError()
    me = try store.localUser()!.id
    for name in ["acme", "Globex", "initech", "Umbrella"] {
      companies[name] = try store.createCompany(Company(name: name), now: tick())
    }
    let other = try store.createUser(
      User(name: "bea Boss", email: "bea@example.com", role: .rep), now: tick())
    // Names, companies, emails, phones and owners that tie, differ in case and are missing.
    let firsts = ["Ann", "bob", "Chloé", "dave", "Eve", "Yusuf", "ann", "Zoe"]
    let lasts = ["Young", "archer", "Dubois", "Müller", "young", "Yılmaz", "Archer", "Øster"]
    for i in 0..<24 {
      let company = i % 5 == 4 ? nil : Array(companies.values.sorted { $0.name < $1.name })[i % 4]
      try store.createContact(
        Contact(
          firstName: firsts[i % firsts.count], lastName: lasts[(i * 3) % lasts.count],
          emails: i % 6 == 5
            ? [] : [EmailAddress("\(["Zed", "amy", "Bo"][i % 3])\(i % 4)@x.example")],
          phones: i % 7 == 6 ? [] : [PhoneNumber("+1 555 01\(i % 5)0")],
          tags: i % 3 == 0 ? ["mango"] : [], companyId: company?.id,
          ownerId: i % 4 == 3 ? nil : (i % 2 == 0 ? me : other.id)), now: tick())
    }
    let all = try store.contactRows(limit: 100)
    for (index, row) in all.enumerated() where index % 3 == 0 {
      try store.createNote(Note(body: "n", contactId: row.contact.id, createdAt: tick()))
    }
  }

  /// NOCASE: ASCII letters folded, everything else compared as UTF-8 bytes.
  private func nocase(_ s: String) -> [UInt8] {
    s.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }
  }

  private func key(_ row: ContactRow, _ sort: ContactSort) -> [UInt8]? {
    switch sort {
    case .name: return []
    case .company: return row.companyName.map(nocase)
    case .email: return row.contact.emails.first.map { nocase($0.address) }
    case .phone: return row.contact.phones.first.map { Array($0.number.utf8) }
    case .owner: return row.ownerName.map(nocase)
    case .lastInteraction:
      return row.lastInteraction.map { Array(String($0.timeIntervalSince1970).utf8) }
    }
  }

  /// The list order worked out in Swift: the key (empty last in both directions), then
  /// last name, first name and id, all in the sort's direction.
  private func expected(_ rows: [ContactRow], _ sort: ContactSort, ascending: Bool)
    -> [String]
  {
    rows.sorted { a, b in
      let (ka, kb) = (key(a, sort), key(b, sort))
      if (ka == nil) != (kb == nil) { return kb == nil }
      let pairs: [([UInt8], [UInt8])] = [
        (ka ?? [], kb ?? []), (nocase(a.contact.lastName), nocase(b.contact.lastName)),
        (nocase(a.contact.firstName), nocase(b.contact.firstName)),
        (Array(a.contact.id.utf8), Array(b.contact.id.utf8)),
      ]
      for (x, y) in pairs where x != y {
        return ascending ? x.lexicographicallyPrecedes(y) : y.lexicographicallyPrecedes(x)
      }
      return false
    }.map(\.contact.id)
  }

  func testEverySortColumnPagesInOrderBothWays() throws {
    let all = try store.contactRows(limit: 1000)
    XCTAssertEqual(all.count, 24)
    for sort in ContactSort.allCases {
      for ascending in [true, false] {
        let want = expected(all, sort, ascending: ascending)
        var got: [String] = []
        for offset in stride(from: 0, to: 30, by: 7) {
          got += try store.contactRows(sort: sort, ascending: ascending, limit: 7, offset: offset)
            .map(\.contact.id)
        }
        XCTAssertEqual(got, want, "\(sort) \(ascending ? "ascending" : "descending")")
      }
    }
  }

  func testSortsReadTheirIndexes() throws {
    try store.pool.read { db in
      for sort in ContactSort.allCases {
        for ascending in [true, false] {
          for range in Store.sortRanges(sort, ascending: ascending) {
            let plan = try Row.fetchAll(
              db,
              sql: """
                EXPLAIN QUERY PLAN SELECT t.rid FROM contacts t WHERE t.deleted = 0\(range.condition)
                ORDER BY \(range.order) LIMIT 10
                """
            ).map { $0["detail"] as String }.joined(separator: "; ")
            XCTAssertFalse(plan.contains("TEMP B-TREE"), "\(sort) \(ascending): \(plan)")
          }
        }
      }
    }
  }

  /// Both plans give the same rows, the same as the definition (a match in the contact's
  /// text or its company's), for every sort, both directions, and a page further on.
  func testSearchPlansAgree() throws {
    for search in [
      "a", "ann", "ARCH", "mull", "müll", "yıl", "øst", "zed1", "amy2@", "+1 555",
      "mango", "glob", "ann arch", "x.example", "nobody",
    ] {
      let query = try XCTUnwrap(Store.ftsQuery(search))
      // Text the matcher cannot fold (ł, ş) always takes the sort plan.
      guard let matcher = SearchMatcher(search) else {
        XCTAssertFalse(try store.contactRows(search: search).isEmpty, search)
        continue
      }
      for sort in ContactSort.allCases {
        for ascending in [true, false] {
          for offset in [0, 3] {
            try store.pool.read { db in
              let sorted = try Store.sortedHits(
                db, query: query, sort: sort, ascending: ascending, limit: 5, offset: offset)
              let walked = try Store.walkedHits(
                db, query: query, matcher: matcher, sort: sort, ascending: ascending, limit: 5,
                offset: offset, texts: ContactSearchTexts())
              XCTAssertEqual(walked, sorted, "\(search) \(sort) \(ascending) \(offset)")
            }
          }
        }
      }
    }
    XCTAssertEqual(try store.contactCount(search: "nobody"), 0)
    let globex = try store.contactRows(limit: 100).filter { $0.companyName == "Globex" }
    XCTAssertEqual(try store.contactCount(search: "glob"), globex.count, "Globex's contacts")
    XCTAssertEqual(
      try store.contactRows(search: "glob").map(\.contact.id), globex.map(\.contact.id))
  }

  func testMatcherFoldsAsTheIndexOrGivesUp() throws {
    let chloe = try XCTUnwrap(SearchMatcher("chloe"))
    XCTAssertEqual(chloe.matches(["Chloé Dubois"]), true)
    XCTAssertEqual(chloe.matches(["Zoe Chlo"]), false)
    XCTAssertEqual(try XCTUnwrap(SearchMatcher("o'bri")).matches(["Pat O'Brien"]), true)
    XCTAssertEqual(try XCTUnwrap(SearchMatcher("o'bri")).matches(["Pat O Xbrien"]), false)
    XCTAssertEqual(try XCTUnwrap(SearchMatcher("yıl")).matches(["Ayşe Yılmaz"]), nil, "ş")
    XCTAssertEqual(try XCTUnwrap(SearchMatcher("yıl")).matches(["Deniz Yılmaz"]), true)
    XCTAssertEqual(try XCTUnwrap(SearchMatcher("yil")).matches(["Deniz Yılmaz"]), false)
    XCTAssertEqual(try XCTUnwrap(SearchMatcher("øst")).matches(["Lars ØSTER"]), true)
    XCTAssertNil(chloe.matches(["Łukasz"]), "Ł is left to the index")
    XCTAssertNil(SearchMatcher("-"), "no tokens: the sort plan")
  }

  func testDerivedColumnsFollowEditsDeletesMergesAndUndo() throws {
    func row(_ id: String) throws -> ContactRow {
      try XCTUnwrap(store.contactRows(limit: 100).first { $0.contact.id == id })
    }
    let acme = companies["acme"]!
    var ann = try store.createContact(
      Contact(firstName: "Ann", lastName: "Aaa", companyId: acme.id, ownerId: me), now: tick())
    XCTAssertEqual(try row(ann.id).companyName, "acme")
    XCTAssertEqual(try row(ann.id).ownerName, "Alex Admin")
    XCTAssertNil(try row(ann.id).lastInteraction)

    try store.editCompany(acme.id, now: tick()) { $0.name = "Acme Two" }
    XCTAssertEqual(try row(ann.id).companyName, "Acme Two")
    try store.deleteCompany(acme.id, now: tick())
    XCTAssertNil(try row(ann.id).companyName)
    try store.undo(now: tick())
    XCTAssertEqual(try row(ann.id).companyName, "Acme Two")
    ann = try store.editContact(ann.id, now: tick()) { $0.companyId = self.companies["Globex"]!.id }
    XCTAssertEqual(try row(ann.id).companyName, "Globex")

    let noted = tick()
    let note = try store.createNote(Note(body: "hi", contactId: ann.id, createdAt: noted))
    XCTAssertEqual(try row(ann.id).lastInteraction, noted)
    let done = tick()
    let call = try store.createActivity(
      Activity(kind: .call, title: "call", doneAt: done, contactId: ann.id, createdAt: done))
    XCTAssertEqual(try row(ann.id).lastInteraction, done)
    try store.deleteActivity(call.id, now: tick())
    XCTAssertEqual(try row(ann.id).lastInteraction, noted)
    try store.undo(now: tick())
    XCTAssertEqual(try row(ann.id).lastInteraction, done)
    try store.editActivity(call.id, now: tick()) { $0.doneAt = nil }
    XCTAssertEqual(try row(ann.id).lastInteraction, noted, "an activity not done is no contact")
    try store.deleteNote(note.id, now: tick())
    XCTAssertNil(try row(ann.id).lastInteraction)

    // A merge moves the removed contact's notes to the kept one.
    let bob = try store.createContact(Contact(firstName: "Bob", lastName: "Aab"), now: tick())
    let later = tick()
    try store.createNote(Note(body: "bob", contactId: bob.id, createdAt: later))
    try store.mergeContacts(keep: ann.id, remove: bob.id, now: tick())
    XCTAssertEqual(try row(ann.id).lastInteraction, later)
    try store.undo(now: tick())
    XCTAssertNil(try row(ann.id).lastInteraction)
    XCTAssertEqual(try row(bob.id).lastInteraction, later)

    // The counts follow tombstones and their undo.
    let live = try store.contactCount()
    try store.deleteContact(bob.id, now: tick())
    XCTAssertEqual(try store.contactCount(), live - 1)
    XCTAssertEqual(try store.contactPage(limit: 1).count, ListCount(live - 1))
    try store.undo(now: tick())
    XCTAssertEqual(try store.contactCount(), live)
    XCTAssertEqual(try row(bob.id).lastInteraction, later)
  }

  /// A search matching more than the cap says "at least"; a short first page is its count.
  func testSearchCountsAreCappedOrExact() throws {
    try store.pool.write { db in
      for i in 0..<(Store.searchCountCap + 50) {
        try db.execute(
          sql: """
            INSERT INTO contacts(id, firstName, lastName, emails, phones, tags, emailOptOut,
              createdAt, updatedAt)
            VALUES (?, 'Many', ?, '[]', '[]', '[]', 0, '2025-01-01 00:00:00.000',
              '2025-01-01 00:00:00.000')
            """, arguments: [UUIDv7.generate(), "Person\(i)"])
      }
    }
    let many = try store.contactPage(search: "many", limit: 20)
    XCTAssertEqual(many.rows.count, 20)
    XCTAssertTrue(many.rows.allSatisfy { $0.contact.firstName == "Many" })
    XCTAssertEqual(many.count, ListCount(Store.searchCountCap, atLeast: true))
    let wide = try store.contactPage(search: "m", limit: 20)
    XCTAssertTrue(wide.count.atLeast)
    XCTAssertGreaterThanOrEqual(wide.count.count, Store.searchCountCap)
    let few = try store.contactPage(search: "ann", limit: 20)
    XCTAssertFalse(few.count.atLeast)
    XCTAssertEqual(few.count.count, few.rows.count)
    XCTAssertEqual(try store.contactPage(limit: 5).count, ListCount(24 + Store.searchCountCap + 50))
  }
}
