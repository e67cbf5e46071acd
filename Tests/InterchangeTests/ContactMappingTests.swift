import Foundation
import Model
import XCTest

@testable import Interchange

/// Header recognition for each tool's export, read from realistic sample files.
final class ContactMappingTests: XCTestCase {
  private func imports(_ fixture: String) throws -> (ContactMapping, [ContactImport]) {
    let (headers, records) = try readFixture("csv/" + fixture)
    let mapping = ContactMapping.automatic(headers: headers)
    return (mapping, try records.map { try mapping.contactImport($0) })
  }

  func testGoogleContacts() throws {
    let (mapping, rows) = try imports("google.csv")
    XCTAssertTrue(mapping.unmapped.contains("Yomi Name"))
    XCTAssertFalse(mapping.unmapped.contains("E-mail 1 - Type"))
    let ann = rows[0]
    XCTAssertEqual(ann.line, 2)
    XCTAssertEqual(ann.contact.firstName, "Ann")
    XCTAssertEqual(ann.contact.lastName, "Lee")
    XCTAssertEqual(ann.contact.title, "Head of Sales")
    XCTAssertEqual(
      ann.contact.emails,
      [
        EmailAddress("ann@acme.example", type: .work),
        EmailAddress("ann.lee@home.example", type: .home),
      ])
    XCTAssertEqual(
      ann.contact.phones,
      [PhoneNumber("+1 555-0100", type: .mobile), PhoneNumber("+1 555-0199", type: .fax)])
    XCTAssertEqual(
      ann.contact.address,
      PostalAddress(
        street: "12 Main St", city: "Springfield", region: "IL", postalCode: "62701", country: "US")
    )
    XCTAssertEqual(ann.contact.tags, ["Customers", "VIP"])
    XCTAssertEqual(ann.companyName, "Acme Corp")
    XCTAssertEqual(ann.note, "Met at the expo, wants a demo")

    let bob = rows[1]
    XCTAssertEqual(bob.line, 5)  // Ann's address spans lines 2-4
    XCTAssertEqual(bob.contact.firstName, "Bob")
    XCTAssertEqual(bob.contact.lastName, "")
    XCTAssertEqual(bob.contact.emails.map(\.type), [.other, .other])
    XCTAssertEqual(bob.contact.emails.map(\.address), ["bob@example.org", "bob@work.example"])
    XCTAssertEqual(bob.contact.phones.map(\.type), [.mobile, .home])
    XCTAssertEqual(bob.contact.tags, [])
    XCTAssertNil(bob.contact.address)
  }

  func testGoogleContacts2024Format() throws {
    let (_, rows) = try imports("google-2024.csv")
    let chloe = rows[0].contact
    XCTAssertEqual([chloe.firstName, chloe.lastName], ["Chloé", "Dubois"])
    XCTAssertEqual(chloe.title, "Directrice")
    XCTAssertEqual(rows[0].companyName, "Société Générale")
    XCTAssertEqual(chloe.emails, [EmailAddress("chloe@sg.example", type: .work)])
    XCTAssertEqual(chloe.phones, [PhoneNumber("+33 6 12 34 56 78", type: .mobile)])
    XCTAssertEqual(chloe.address?.city, "Paris")
    XCTAssertEqual(chloe.tags, ["Partners"])
    XCTAssertEqual(rows[0].note, "Prefers French")
  }

  func testOutlook() throws {
    let (mapping, rows) = try imports("outlook.csv")
    XCTAssertTrue(mapping.unmapped.contains("Title"), "Outlook's Title is Mr./Ms.")
    XCTAssertTrue(mapping.unmapped.contains("E-mail Type"))
    let david = rows[0]
    XCTAssertEqual([david.contact.firstName, david.contact.lastName], ["David", "Okafor"])
    XCTAssertEqual(david.contact.title, "Buyer")
    XCTAssertEqual(david.companyName, "Globex Ltd")
    XCTAssertEqual(
      david.contact.emails.map(\.address), ["david.okafor@globex.example", "dj@okafor.example"])
    XCTAssertEqual(
      david.contact.phones,
      [
        PhoneNumber("+44 113 496 0000", type: .work), PhoneNumber("+44 1904 000000", type: .home),
        PhoneNumber("+44 7700 900123", type: .mobile),
      ])
    XCTAssertEqual(
      david.contact.address,
      PostalAddress(
        street: "1 Industrial Way\nUnit 4", city: "Leeds", region: "West Yorkshire",
        postalCode: "LS1 4AP", country: "United Kingdom"))
    XCTAssertEqual(david.contact.tags, ["Key account", "Leeds"])
    XCTAssertEqual(david.note, "Prefers calls before noon")
  }

  func testHubSpot() throws {
    let (_, rows) = try imports("hubspot.csv")
    let erin = rows[0]
    XCTAssertEqual([erin.contact.firstName, erin.contact.lastName], ["Erin", "Novak"])
    XCTAssertEqual(erin.sourceId, "51")
    XCTAssertEqual(erin.contact.emails, [EmailAddress("erin@initech.example")])
    XCTAssertEqual(erin.contact.phones.map(\.type), [.work, .mobile])
    XCTAssertEqual(erin.companyName, "Initech")
    XCTAssertEqual(erin.contact.title, "CTO")
    XCTAssertNil(erin.ownerEmail, "HubSpot's owner is a name, not an email")
    XCTAssertEqual(erin.contact.address?.region, "CA")
    XCTAssertEqual(erin.contact.address?.country, "United States")
  }

  func testBigin() throws {
    let (_, rows) = try imports("bigin.csv")
    let farah = rows[0]
    XCTAssertEqual(farah.sourceId, "zcrm_4876000000345012")
    XCTAssertEqual(farah.ownerEmail, "owner@ourteam.example")
    XCTAssertEqual(farah.companyName, "Cedar Trading")
    XCTAssertEqual(farah.contact.title, "Operations Manager")
    XCTAssertEqual(farah.contact.phones.map(\.type), [.work, .mobile])
    XCTAssertTrue(farah.contact.emailOptOut)
    XCTAssertEqual(farah.contact.address?.street, "Office 12 Bay Square")
    XCTAssertEqual(farah.contact.address?.postalCode, "00000")
    XCTAssertEqual(farah.contact.tags, ["Trade show", "Gulf"])
    XCTAssertEqual(farah.note, "Imported from a trade show")
  }

  func testPipedrive() throws {
    let (mapping, rows) = try imports("pipedrive.csv")
    XCTAssertEqual(mapping.unmapped, ["Person - Open deals", "Person - Update time"])
    let gustav = rows[0]
    XCTAssertEqual(gustav.sourceId, "1042")
    XCTAssertEqual([gustav.contact.firstName, gustav.contact.lastName], ["Gustav", "Berg"])
    XCTAssertEqual(gustav.companyName, "Nordic Tools AB")
    XCTAssertEqual(
      gustav.contact.emails,
      [
        EmailAddress("gustav@nordic.example", type: .work),
        EmailAddress("gb@privat.example", type: .other),
      ])
    XCTAssertEqual(gustav.contact.phones.map(\.type), [.work, .mobile])
    XCTAssertEqual(gustav.contact.tags, ["Hot lead"])
    XCTAssertEqual(gustav.contact.title, "Purchasing")
    XCTAssertEqual(gustav.contact.address?.city, "Stockholm")
    let hanna = rows[1]
    XCTAssertEqual([hanna.contact.firstName, hanna.contact.lastName], ["Hanna", "Lind"])
    XCTAssertEqual(hanna.contact.emails.count, 2)
  }

  func testFullNameSplit() {
    XCTAssertEqual(ContactMapping.split(fullName: "Ann Marie Lee").0, "Ann Marie")
    XCTAssertEqual(ContactMapping.split(fullName: "Ann Marie Lee").1, "Lee")
    XCTAssertEqual(ContactMapping.split(fullName: "Cher").0, "Cher")
  }

  func testValidationFailureNamesLineAndField() throws {
    let mapping = ContactMapping.automatic(headers: ["First Name", "Email"])
    XCTAssertThrowsError(
      try mapping.contactImport(CSVRecord(line: 7, fields: ["Ann", "not-an-email"]))
    ) {
      error in
      let problem = error as? ImportProblem
      XCTAssertEqual(problem?.line, 7)
      XCTAssertEqual(problem?.reason, "email: \"not-an-email\" is not an email address")
    }
    XCTAssertThrowsError(
      try mapping.contactImport(CSVRecord(line: 3, fields: ["", "a@b.example"]))
    ) {
      error in
      XCTAssertEqual(
        (error as? ImportProblem)?.reason, "firstName: a contact needs a first or last name")
    }
    XCTAssertThrowsError(
      try mapping.contactImport(CSVRecord(line: 4, fields: ["Ann", "a@b.example", "extra"])))
    XCTAssertNoThrow(
      try mapping.contactImport(CSVRecord(line: 5, fields: ["Ann", "a@b.example", ""])))
    XCTAssertEqual(
      try mapping.contactImport(CSVRecord(line: 6, fields: ["Ann"])).contact.emails, [])
  }

  func testOptOutValues() throws {
    let mapping = ContactMapping.automatic(headers: ["Name", "Email Opt Out"])
    for (value, expected) in [
      ("yes", true), ("TRUE", true), ("1", true), ("x", true), ("no", false), ("", false),
      ("false", false),
    ] {
      let row = try mapping.contactImport(CSVRecord(line: 2, fields: ["Ann", value]))
      XCTAssertEqual(row.contact.emailOptOut, expected, value)
    }
  }

  func testCompanyDomainIsCleaned() throws {
    let mapping = ContactMapping.automatic(headers: ["Name", "Company Domain Name"])
    let row = try mapping.contactImport(
      CSVRecord(line: 2, fields: ["Ann", "https://www.Acme.example/about"]))
    XCTAssertEqual(row.companyDomain, "acme.example")
  }
}
