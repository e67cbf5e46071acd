import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// The direct column encoding of a contact (what inserts and imports write) gives exactly
/// what GRDB's Codable encoding gives, column for column, and reads back as the same contact.
final class ContactColumnsTests: StoreTestCase {
  /// Contacts with every field set, none set, and text JSON must escape or that is not ASCII.
  func samples() -> [Contact] {
    let at = Date(timeIntervalSince1970: 1_750_000_000.123)
    return [
      Contact(firstName: "Ann", createdAt: at),
      Contact(
        firstName: "Zoë", lastName: "Ångström-Lee", title: "Directrice générale",
        emails: [EmailAddress("zoe@exämple.com", type: .home), EmailAddress("z@b.io")],
        phones: [PhoneNumber("+33 1 23 45 67 89", type: .mobile), PhoneNumber("555-0100")],
        address: PostalAddress(
          street: "12 rue de l'Église\nBâtiment B", city: "Orléans", region: "Centre",
          postalCode: "45000", country: "FR"),
        tags: ["vip", "日本語", "a \"quoted\" tag"],
        companyId: UUIDv7.generate(), ownerId: UUIDv7.generate(), emailOptOut: true,
        createdAt: at, updatedAt: at.addingTimeInterval(86_400.5)),
      Contact(
        firstName: "Back\\slash", lastName: "O'Neil", title: "",
        emails: [EmailAddress("a/b@c.io", type: .other)],
        phones: [PhoneNumber("1/2/3", type: .fax)],
        address: PostalAddress(street: "tab\there", city: "a/b"), tags: ["x/y", "\u{7F}del", "é"],
        createdAt: Date(timeIntervalSince1970: 0)),
      Contact(
        firstName: "Emoji 👩‍💻", emails: [EmailAddress("\"odd\"@x.io", type: .work)],
        address: PostalAddress(), tags: ["\u{1}control", "line\r\nbreak"],
        createdAt: Date(timeIntervalSince1970: 1_999_999_999.9999)),
    ]
  }

  func testColumnsAreWhatCodableWrites() throws {
    var dates = DateColumns()
    for contact in samples() {
      let codable = try contact.databaseDictionary
      let direct = try contact.columnValues(dates: &dates)
      XCTAssertEqual(Contact.sortedColumns, codable.keys.sorted(), contact.firstName)
      for (column, value) in zip(Contact.sortedColumns, direct) {
        XCTAssertEqual(value, codable[column], "\(contact.firstName): \(column)")
      }
    }
  }

  /// Read back from their rows, directly and by Codable, the samples are the same contacts,
  /// and so are rows whose JSON the direct reader leaves to the decoder.
  func testRowsReadBackAsCodableReadsThem() throws {
    var dates = DateColumns()
    var rows: [Row] = []
    for contact in samples() {
      let values = try contact.columnValues(dates: &dates)
      rows.append(Row(Dictionary(uniqueKeysWithValues: zip(Contact.sortedColumns, values))))
    }
    var odd = Dictionary(
      uniqueKeysWithValues: zip(
        Contact.sortedColumns, try samples()[1].columnValues(dates: &dates)))
    odd["emails"] = #"[ {"type":"home","address":"a\u00e9@b.io"} ]"#.databaseValue
    odd["phones"] = #"[{"number":"1 2 3","type":"work","extra":1}]"#.databaseValue
    odd["tags"] = #"["a\/b", "c"]"#.databaseValue
    odd["address"] =
      #"{"street":"1 Main","city":"X","region":"","postalCode":"","country":""}"#
      .databaseValue
    rows.append(Row(odd))
    for row in rows {
      XCTAssertEqual(try Contact(columns: row), try Contact(row: row), row.description)
    }
    XCTAssertEqual(try Contact(columns: rows.last!).emails, [EmailAddress("aé@b.io", type: .home)])
  }

  func testDatesAreCachedOnlyForTheSameMoment() throws {
    var dates = DateColumns()
    let a = Date(timeIntervalSince1970: 1_750_000_000.001)
    let b = Date(timeIntervalSince1970: 1_750_000_000.002)
    XCTAssertEqual(dates.value(a), a.databaseValue)
    XCTAssertEqual(dates.value(a), a.databaseValue)
    XCTAssertEqual(dates.value(b), b.databaseValue)
    XCTAssertNotEqual(dates.value(a), dates.value(b))
  }

  /// Written through the one write path and read back by Codable, each contact is itself,
  /// and its emails, phones and search text are indexed (the triggers read the JSON).
  func testInsertedContactsReadBackAndAreIndexed() throws {
    let written = [
      samples()[1],
      Contact(
        firstName: "Slash/Quote", lastName: "O\"Neil\\",
        emails: [EmailAddress("\"odd\"@x.io"), EmailAddress("a/b@c.io", type: .other)],
        phones: [PhoneNumber("1/2/3", type: .fax)],
        address: PostalAddress(street: "1 A/B St", city: "Back\\slash"), tags: ["x/y"],
        createdAt: tick()),
    ].map { contact in
      var unlinked = contact
      unlinked.companyId = nil
      unlinked.ownerId = nil
      // Whole seconds read back as the same Date (a millisecond fraction may not).
      unlinked.createdAt = clock
      unlinked.updatedAt = clock
      return unlinked
    }
    try store.bulkInsert(contacts: written, label: "samples", now: tick())
    for contact in written {
      XCTAssertEqual(try store.contact(contact.id), contact)
    }
    try store.pool.read { db in
      let emails = try String.fetchAll(
        db, sql: "SELECT email FROM contact_emails ORDER BY email")
      XCTAssertEqual(emails, ["\"odd\"@x.io", "a/b@c.io", "z@b.io", "zoe@exämple.com"])
      let phones = try String.fetchAll(db, sql: "SELECT number FROM contact_phones ORDER BY 1")
      XCTAssertEqual(phones, ["+33123456789", "123", "5550100"])
    }
    XCTAssertEqual(try store.search("Ångström").map(\.id), [written[0].id])
    XCTAssertEqual(try store.search("a/b@c.io").map(\.id), [written[1].id])
  }
}
