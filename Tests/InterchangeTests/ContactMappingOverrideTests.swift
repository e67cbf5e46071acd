import Foundation
import Model
import XCTest

@testable import Interchange

/// `--map` overrides, their errors, and our own export's lossless round trip.
final class ContactMappingOverrideTests: XCTestCase {
  func testOverridesRemapAndIgnore() throws {
    let headers = ["Name", "Work Email", "Private Notes", "Fax"]
    let mapping = try ContactMapping(
      headers: headers,
      overrides: ["work email": "email", "Private Notes": "note", "Fax": "ignore"])
    XCTAssertEqual(mapping.columns, [0: .fullName, 1: .email, 2: .note])
    XCTAssertEqual(mapping.unmapped, [])
    let row = try mapping.contactImport(
      CSVRecord(line: 2, fields: ["Ann Lee", "ann@x.example", "secret", "+1 555 0100"]))
    XCTAssertEqual(row.note, "secret")
    XCTAssertEqual(row.contact.phones, [])
  }

  func testOverrideErrorsNameTheProblem() {
    XCTAssertThrowsError(try ContactMapping(headers: ["Name"], overrides: ["Mail": "email"])) {
      error in
      XCTAssertTrue(
        (error as? MappingError)?.message.contains("no column \"Mail\"") == true, "\(error)")
    }
    XCTAssertThrowsError(try ContactMapping(headers: ["Name"], overrides: ["Name": "nickname"])) {
      error in
      XCTAssertTrue(
        (error as? MappingError)?.message.contains("unknown field \"nickname\"") == true, "\(error)"
      )
    }
  }

  func testParseOverrides() throws {
    XCTAssertEqual(
      try ContactMapping.parseOverrides(["Work Email=email", "a=b=note"]),
      ["Work Email": "email", "a=b": "note"])
    XCTAssertThrowsError(try ContactMapping.parseOverrides(["email"]))
    XCTAssertThrowsError(try ContactMapping.parseOverrides(["=email"]))
  }

  func testCamelCaseNamesMapToThemselves() {
    let headers = ContactField.allCases.map(\.rawValue)
    let mapping = ContactMapping.automatic(headers: headers)
    XCTAssertEqual(mapping.unmapped, [])
    for (index, field) in ContactField.allCases.enumerated() {
      XCTAssertEqual(mapping.columns[index], field, field.rawValue)
    }
  }

  func testExportHeadersMapBack() {
    let mapping = ContactMapping.automatic(headers: ContactMapping.exportHeaders)
    XCTAssertEqual(mapping.unmapped, [])
    XCTAssertEqual(mapping.columns.count, ContactMapping.exportHeaders.count)
  }

  func testOwnExportRoundTrip() throws {
    let contacts = [
      Contact(
        firstName: "Ann", lastName: "O'Neil", title: "VP, Sales",
        emails: [EmailAddress("ann@acme.example"), EmailAddress("ann@home.example", type: .home)],
        phones: [
          PhoneNumber("+1 555-0100", type: .mobile), PhoneNumber("-555 0101"),
          PhoneNumber("555 0102", type: .fax),
        ],
        address: PostalAddress(
          street: "12 Main St\nSuite 5", city: "Springfield", region: "IL", postalCode: "62701",
          country: "US"),
        tags: ["vip", "trade show, 2024", "a:b"], emailOptOut: true),
      Contact(firstName: "=cmd|'/c calc'!A1", lastName: "", tags: ["only; one"]),
      Contact(
        firstName: "", lastName: "Zoë \"Z\" 東京", emails: [EmailAddress("z@x.example", type: .other)]
      ),
    ]
    var text = CSVWriter.line(ContactMapping.exportHeaders)
    for (index, contact) in contacts.enumerated() {
      let row = ContactMapping.exportRow(
        contact, companyName: index == 0 ? "Acme, Inc." : nil,
        ownerEmail: index == 0 ? "rep@us.example" : nil)
      XCTAssertEqual(row.count, ContactMapping.exportHeaders.count)
      text += CSVWriter.line(row)
    }
    let records = try readRecords(Data(text.utf8))
    let mapping = ContactMapping.automatic(headers: records[0].fields)
    let imported = try records.dropFirst().map { try mapping.contactImport($0) }
    XCTAssertEqual(imported.count, contacts.count)
    for (original, back) in zip(contacts, imported) {
      var expected = original
      expected.id = back.contact.id
      expected.createdAt = back.contact.createdAt
      expected.updatedAt = back.contact.updatedAt
      XCTAssertEqual(back.contact, expected)
      XCTAssertEqual(back.sourceId, original.id)
    }
    XCTAssertEqual(imported[0].companyName, "Acme, Inc.")
    XCTAssertEqual(imported[0].ownerEmail, "rep@us.example")
    XCTAssertNil(imported[1].companyName)
    XCTAssertTrue(text.contains("'=cmd"), "the formula is neutralised in the file")
  }
}
