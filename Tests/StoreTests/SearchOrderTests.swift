import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// Search pages put their hits in list order through ranks kept in memory
/// (`ContactListOrder`) and the list's version (migration v9). After every kind of write
/// (insert, edit, delete, merge, undo, redo, import, a company renamed, a note, even raw
/// SQL) the next search page is the one the SQL sort gives, in every sort and direction.
final class SearchOrderTests: StoreTestCase {
  private var acme: Company!

  override func setUpWithError() throws {
    try super.setUpWithError()
    acme = try store.createCompany(Company(name: "Acme"), now: tick())
    let people = [
      ("Mara", "Young"), ("mark", "archer"), ("Marek", "Müller"), ("Ann", "Martin"),
      ("Bob", "Marsh"), ("Maria", "Abbott"), ("Zoe", "Marten"), ("Mo", "Ng"),
    ]
    for (index, (first, last)) in people.enumerated() {
      try store.createContact(
        Contact(
          firstName: first, lastName: last,
          emails: index % 3 == 2 ? [] : [EmailAddress("\(first.lowercased())\(index)@x.example")],
          phones: index % 4 == 3 ? [] : [PhoneNumber("+1 555 01\(index)")],
          companyId: index % 2 == 0 ? acme.id : nil), now: tick())
    }
  }

  /// Every search page, in every sort and direction, as the SQL sort of all the matches
  /// gives it (what the plans must agree with).
  private func assertPagesAreInListOrder(
    _ message: String, _ searches: [String] = ["mar", "m", "acme", "ma mar"],
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    for search in searches {
      let query = try XCTUnwrap(Store.ftsQuery(search))
      for sort in ContactSort.allCases {
        for ascending in [true, false] {
          for offset in [0, 2] {
            let got = try store.contactPage(
              sort: sort, ascending: ascending, search: search, limit: 3, offset: offset
            ).rows.map(\.contact.id)
            let want = try store.pool.read { db in
              try Store.contactRows(
                db,
                rids: try Store.sortedHits(
                  db, query: query, sort: sort, ascending: ascending, limit: 3, offset: offset)
              ).map(\.contact.id)
            }
            XCTAssertEqual(
              got, want, "\(message): \(search) \(sort) \(ascending) \(offset)", file: file,
              line: line)
          }
        }
      }
    }
  }

  private func id(_ lastName: String) throws -> String {
    try XCTUnwrap(
      store.contactRows(limit: 100).first { $0.contact.lastName == lastName }?.contact.id,
      lastName)
  }

  func testRanksFollowEveryWrite() throws {
    try assertPagesAreInListOrder("at the start")
    try store.createContact(
      Contact(firstName: "Marta", lastName: "Aaron", emails: [EmailAddress("a@a.example")]),
      now: tick())
    try assertPagesAreInListOrder("after an insert")
    try store.editContact(try id("Aaron"), now: tick()) { $0.lastName = "Zzyzx" }
    try assertPagesAreInListOrder("after a rename")
    try store.editContact(try id("Zzyzx"), now: tick()) {
      $0.emails = [EmailAddress("0first@a.example")]
      $0.phones = [PhoneNumber("+0 000")]
      $0.companyId = self.acme.id
    }
    try assertPagesAreInListOrder("after an email, phone and company edit")
    try store.deleteContact(try id("Martin"), now: tick())
    try assertPagesAreInListOrder("after a delete")
    try store.undo(now: tick())
    try assertPagesAreInListOrder("after its undo")
    try store.redo(now: tick())
    try assertPagesAreInListOrder("after its redo")
    try store.mergeContacts(keep: try id("Marsh"), remove: try id("Marten"), now: tick())
    try assertPagesAreInListOrder("after a merge")
    try store.editCompany(acme.id, now: tick()) { $0.name = "Acme Zed" }
    try assertPagesAreInListOrder("after a company rename", ["mar", "acme", "zed"])
    try store.createNote(Note(body: "n", contactId: try id("Young"), createdAt: tick()))
    try assertPagesAreInListOrder("after a note (last interaction)")
    let rows: [Result<ContactImport, ImportProblem>] = [
      .success(
        ContactImport(
          line: 2,
          contact: Contact(
            firstName: "Marco", lastName: "Aardvark", emails: [EmailAddress("m@i.example")]),
          companyName: "Acme Zed", companyDomain: nil, ownerEmail: nil, note: nil,
          sourceId: nil)),
      .success(
        ContactImport(
          line: 3,
          contact: Contact(
            firstName: "Mark", lastName: "Archer", emails: [EmailAddress("mark1@x.example")]),
          companyName: nil, companyDomain: nil, ownerEmail: nil, note: nil, sourceId: nil)),
    ]
    _ = try store.importContacts(rows, now: tick())
    try assertPagesAreInListOrder("after an import")
    try store.pool.write { db in
      try db.execute(sql: "UPDATE contacts SET lastName = 'Aa' WHERE lastName = 'Young'")
    }
    try assertPagesAreInListOrder("after a raw SQL update")
  }

  /// A search asked again is answered from memory only while nothing it reads changed:
  /// edits that change what matches without moving anyone (a title, tags, a company's
  /// domain) are seen at once.
  func testRememberedPagesFollowEditsThatChangeMatches() throws {
    func names(_ search: String) throws -> [String] {
      try store.contactPage(search: search).rows.map(\.contact.lastName)
    }
    XCTAssertEqual(try names("ceo"), [])
    XCTAssertEqual(try names("ceo"), [], "asked again")
    try store.editContact(try id("Ng"), now: tick()) { $0.title = "CEO" }
    XCTAssertEqual(try names("ceo"), ["Ng"])
    try store.editContact(try id("Ng"), now: tick()) { $0.tags = ["vip"] }
    XCTAssertEqual(try names("vip"), ["Ng"])
    XCTAssertEqual(try names("zeta"), [])
    try store.editCompany(acme.id, now: tick()) { $0.domain = "zeta.example" }
    XCTAssertEqual(try names("zeta"), ["Marsh", "Marten", "Müller", "Young"])
  }

  /// Duplicate marks asked again come from memory until a write to a contact moves the
  /// list's version: a shared email, an undo, a delete are seen at once.
  func testDuplicateMarksFollowWrites() throws {
    let ids = try store.contactRows(limit: 100).map(\.contact.id)
    XCTAssertEqual(try store.duplicateIds(among: ids), [])
    XCTAssertEqual(try store.duplicateIds(among: ids), [], "asked again")
    let (young, ng) = (try id("Young"), try id("Ng"))
    try store.editContact(ng, now: tick()) { $0.emails = [EmailAddress("MARA0@x.example")] }
    XCTAssertEqual(try store.duplicateIds(among: ids), [young, ng])
    try store.undo(now: tick())
    XCTAssertEqual(try store.duplicateIds(among: ids), [])
    try store.redo(now: tick())
    XCTAssertEqual(try store.duplicateIds(among: ids), [young, ng])
    try store.deleteContact(ng, now: tick())
    XCTAssertEqual(try store.duplicateIds(among: ids), [])
  }

  /// The version moves for writes that can move a contact, and not for reads.
  func testVersionMovesOnWritesOnly() throws {
    func version() throws -> Int64 { try store.pool.read(ContactListOrder.version) }
    let start = try version()
    _ = try store.contactPage(search: "mar")
    XCTAssertEqual(try version(), start, "a search writes nothing")
    try store.editContact(try id("Ng"), now: tick()) { $0.lastName = "Nguyen" }
    XCTAssertGreaterThan(try version(), start)
  }

  /// The ranks give the list's own order (empty values last in both directions) for every
  /// sort, each contact once however often it is a hit.
  func testRanksAreTheListOrder() throws {
    try store.pool.read { db in
      let all = try Int64.fetchAll(db, sql: "SELECT rid FROM contacts WHERE deleted = 0")
      for sort in ContactSort.allCases {
        let ranks = try XCTUnwrap(ContactListOrder.read(db, sort: sort, version: 0))
        for ascending in [true, false] {
          XCTAssertEqual(
            ranks.page(all + all.reversed(), ascending: ascending, limit: 100, offset: 0),
            try Store.unfilteredRids(db, sort: sort, ascending: ascending, limit: 100, offset: 0),
            "\(sort) \(ascending)")
        }
      }
    }
  }
}
