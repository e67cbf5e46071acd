import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// What the import does for speed changes nothing a user sees: the connection is set back
/// after it, and an imported contact's row and change log are what a single create writes.
final class ImportSpeedTests: StoreTestCase {
  func pragmas() throws -> [Int?] {
    try store.pool.write { db in
      [
        try Int.fetchOne(db, sql: "PRAGMA cache_size"),
        try Int.fetchOne(db, sql: "PRAGMA temp_store"),
      ]
    }
  }

  func importRow(_ contact: Contact, line: Int = 2) throws -> ImportReport {
    try store.importContacts([.success(ContactImport(line: line, contact: contact))], now: tick())
  }

  func testTheConnectionIsSetBackAfterAnImportAndARefusedOne() throws {
    let before = try pragmas()
    XCTAssertEqual(try importRow(Contact(firstName: "Ann")).created, 1)
    XCTAssertEqual(try pragmas(), before)
    XCTAssertThrowsError(try importRow(Contact(firstName: "")))
    XCTAssertEqual(try pragmas(), before)
  }

  func testAnImportedContactIsLoggedFieldByField() throws {
    let contact = Contact(
      firstName: "Zoë", lastName: "Lee", title: "CTO", emails: [EmailAddress("zoe@acme.com")],
      phones: [PhoneNumber("+1 555 0100", type: .mobile)],
      address: PostalAddress(street: "1 Main St", city: "Springfield"), tags: ["vip"])
    XCTAssertEqual(try importRow(contact).created, 1)
    let stored = try store.contact(contact.id)
    let entries = try log().filter { $0.recordId == contact.id }
    XCTAssertEqual(
      entries.map(\.field), Contact.sortedColumns.filter { $0 != "id" } + ["deleted"])
    XCTAssertEqual(entries.map(\.hlc), entries.map(\.hlc).sorted())
    XCTAssertEqual(Set(entries.map(\.mutation)).count, 1)
    let row = try store.pool.read { db in
      try XCTUnwrap(
        Row.fetchOne(db, sql: "SELECT * FROM contacts WHERE id = ?", arguments: [contact.id]))
    }
    for entry in entries where entry.field != "deleted" {
      let value = row[entry.field] as DatabaseValue
      XCTAssertEqual(
        entry.value, value.isNull ? nil : String(describing: value.storage.value ?? ""), entry.field
      )
    }
    XCTAssertEqual(entries.last?.value, "0")
    XCTAssertEqual(stored.emails, contact.emails)
    XCTAssertEqual(stored.address, contact.address)
  }
}
