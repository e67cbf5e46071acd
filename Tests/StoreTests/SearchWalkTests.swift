import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// A search walks the list from memory (`ContactSearchWalk` over `ContactSearchTexts`) and,
/// past its budget, ranks the full-text index's matches. Both give the page and the count
/// the index and the SQL sort give, in every sort and direction; the texts in memory follow
/// every write, from the change log or, for a write it does not tell of, read again.
final class SearchWalkTests: StoreTestCase {
  private var companies: [Company] = []

  override func setUpWithError() throws {
    try super.setUpWithError()
    for name in ["Mango Ltd", "Globex", "Marsh & Co"] {
      companies.append(try store.createCompany(Company(name: name), now: tick()))
    }
    let firsts = [
      "Mara", "mark", "Ann", "Zoe", "Mo", "Chloé", "Yusuf", "Bob", "maria", "Æsa", "Guðrún",
    ]
    let lasts = [
      "Young", "Archer", "Müller", "Yılmaz", "Martin", "Øster", "Ng", "Marsh", "STRAUß",
      "Þórsdóttir",
    ]
    for i in 0..<45 {
      try store.createContact(
        Contact(
          firstName: firsts[i % firsts.count], lastName: lasts[(i * 3) % lasts.count],
          title: i % 4 == 0 ? "Marketing lead" : nil,
          emails: i % 6 == 5 ? [] : [EmailAddress("\(["mo", "ann", "zed"][i % 3])\(i)@x.example")],
          phones: i % 7 == 6 ? [] : [PhoneNumber("+1 555 01\(i % 9)")],
          tags: i % 5 == 0 ? ["vip"] : [], companyId: i % 4 == 3 ? nil : companies[i % 3].id),
        now: tick())
    }
  }

  /// The page as the index and the SQL sort give it, and the exact count.
  private func expected(
    _ search: String, _ sort: ContactSort, _ ascending: Bool, limit: Int, offset: Int
  ) throws -> (ids: [String], count: Int) {
    let query = try XCTUnwrap(Store.ftsQuery(search))
    return try store.pool.read { db in
      (
        try Store.contactRows(
          db,
          rids: try Store.sortedHits(
            db, query: query, sort: sort, ascending: ascending, limit: limit, offset: offset)
        ).map(\.contact.id),
        try Store.searchHits(db, query: query, cap: .max).rids.count
      )
    }
  }

  /// The page the plans give, with `budget` rows for the walk (nil: the store's own).
  private func page(
    _ search: String, _ sort: ContactSort, _ ascending: Bool, limit: Int, offset: Int,
    budget: Int?
  ) throws -> (ids: [String], count: ListCount) {
    let query = try XCTUnwrap(Store.ftsQuery(search))
    let page = try store.pool.read { db in
      try Store.searchPage(
        db, query: query, words: search, sort: sort, ascending: ascending, limit: limit,
        offset: offset, order: ContactListOrder(), texts: store.contactTexts, budget: budget)
    }
    return (page.rows.map(\.contact.id), page.count)
  }

  func testTheWalkAndTheRanksGiveTheIndexsPagesAndCounts() throws {
    let searches = [
      "m", "ma", "mar", "MARK", "mull", "müll", "yıl", "yil", "øst", "ost", "strauß", "strau", "æs",
      "þór", "guð", "gud", "ann", "zed1", "mo1@",
      "+1 555", "vip", "mango", "marsh", "glob", "ann arch", "marketing le", "nobody",
    ]
    // No budget: the walk reads the whole small list. 1 and 7 rows: the ranks take over
    // at once, or after a page of the broad searches.
    for budget in [nil, 1, 7] as [Int?] {
      for search in searches {
        for sort in ContactSort.allCases {
          for ascending in [true, false] {
            for offset in [0, 4] {
              let want = try expected(search, sort, ascending, limit: 5, offset: offset)
              let got = try page(
                search, sort, ascending, limit: 5, offset: offset, budget: budget)
              let label =
                "\(search) \(sort) \(ascending) \(offset) budget \(String(describing: budget))"
              XCTAssertEqual(got.ids, want.ids, label)
              XCTAssertEqual(got.count, ListCount(want.count), label)
            }
          }
        }
      }
    }
  }

  /// The walk looks for a search's longest token in blocks of `TextBlockScan.size` rows at
  /// once: on a list of several blocks, with texts it cannot fold (asked of the index)
  /// among them, and pages that end past a block's end, it still gives the index's pages.
  func testTheWalkFindsMatchesAcrossBlocksOfRows() throws {
    let firsts = ["Mark", "Łukasz", "Anna", "Maja", "Kim", "Zuzanna", "Tom"]
    let rows: [Result<ContactImport, ImportProblem>] = (0..<(TextBlockScan.size * 3)).map { i in
      .success(
        ContactImport(
          line: i + 2,
          contact: Contact(
            firstName: firsts[i % firsts.count], lastName: "Family\(i % 41)",
            title: i % 29 == 0 ? "Mayor" : nil, emails: [EmailAddress("p\(i)@blocks.example")],
            tags: i % 13 == 0 ? ["markets"] : []),
          companyName: nil, companyDomain: nil, ownerEmail: nil, note: nil, sourceId: nil))
    }
    _ = try store.importContacts(rows, now: tick())
    for search in ["m", "ma", "mar", "mark m", "luk", "łuk", "zuz", "fam", "family4", "may"] {
      for sort in ContactSort.allCases {
        for ascending in [true, false] {
          for offset in [0, 250, 300] {
            let want = try expected(search, sort, ascending, limit: 60, offset: offset)
            let got = try page(search, sort, ascending, limit: 60, offset: offset, budget: nil)
            let label = "\(search) \(sort) \(ascending) \(offset)"
            XCTAssertEqual(got.ids, want.ids, label)
            XCTAssertEqual(got.count, ListCount(want.count), label)
          }
        }
      }
    }
  }

  /// FTS5 matches a phrase ("o'bri": o then bri) within one column: the walk keeps each
  /// column apart in memory, so a name ending in O and a title starting Bri do not match.
  func testAPhraseDoesNotSpanTwoColumns() throws {
    let split = try store.createContact(
      Contact(firstName: "Pat", lastName: "O", title: "Brian's manager"), now: tick())
    let whole = try store.createContact(
      Contact(firstName: "Pat", lastName: "O'Brien"), now: tick())
    XCTAssertEqual(try expected("o'bri", .name, true, limit: 10, offset: 0).count, 1)
    let found = try store.contactPage(search: "o'bri").rows.map(\.contact.id)
    XCTAssertEqual(found, [whole.id])
    XCTAssertFalse(found.contains(split.id))
  }

  func testTextsFollowLoggedWritesByReadingOnlyThoseContacts() throws {
    func names(_ search: String) throws -> [String] {
      try store.contactPage(search: search, limit: 100).rows.map(\.contact.lastName)
    }
    XCTAssertFalse(try names("m").isEmpty, "the texts are read")
    let young = try XCTUnwrap(
      store.contactRows(limit: 100).first { $0.contact.lastName == "Young" })
    try store.editContact(young.contact.id, now: tick()) {
      $0.title = "Zeppelin pilot"
      $0.tags = ["balloon"]
    }
    XCTAssertEqual(try names("zepp"), ["Young"])
    XCTAssertEqual(try names("ballo"), ["Young"])
    let texts = try store.pool.read { db in
      try store.contactTexts.texts(db, stamp: try ContactListOrder.stamp(db))
    }
    XCTAssertGreaterThan(texts.unused, 0, "the edited contact was read again, not every one")
    try store.deleteContact(young.contact.id, now: tick())
    XCTAssertEqual(try names("zepp"), [])
    try store.undo(now: tick())
    XCTAssertEqual(try names("zepp"), ["Young"])
    try store.editContact(young.contact.id, now: tick()) { $0.companyId = self.companies[1].id }
    XCTAssertTrue(try names("globex").contains("Young"), "its new company matches")
    let rows: [Result<ContactImport, ImportProblem>] = [
      .success(
        ContactImport(
          line: 2,
          contact: Contact(
            firstName: "Quentin", lastName: "Quarrel", emails: [EmailAddress("q@i.example")]),
          companyName: nil, companyDomain: nil, ownerEmail: nil, note: nil, sourceId: nil))
    ]
    _ = try store.importContacts(rows, now: tick())
    XCTAssertEqual(try names("quar"), ["Quarrel"])
  }

  /// A write the change log does not tell of (raw SQL) still moves the list's version:
  /// every text is read again.
  func testAWriteOutsideTheLogReadsEveryTextAgain() throws {
    XCTAssertFalse(try store.contactPage(search: "ng").rows.isEmpty)
    try store.pool.write { db in
      try db.execute(sql: "UPDATE contacts SET lastName = 'Xylophone' WHERE lastName = 'Ng'")
    }
    XCTAssertEqual(
      Set(try store.contactPage(search: "xylo", limit: 100).rows.map(\.contact.lastName)),
      ["Xylophone"])
    XCTAssertEqual(try store.contactPage(search: "ng", limit: 100).rows.map(\.contact.lastName), [])
  }
}
