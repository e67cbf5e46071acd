import Interchange
import Model
import XCTest

/// Files as real programs write them (Fixtures/vcard): Google Contacts, iCloud, khard,
/// Outlook's 2.1 with quoted-printable, and a 4.0 card with tel: URIs.
final class VCardDialectTests: XCTestCase {
  func testGoogleContactsExport() throws {
    let imports = try VCardTest.imports(VCardTest.fixture("google.vcf"))
    XCTAssertEqual(imports.count, 2)
    let jane = imports[0]
    XCTAssertEqual(jane.line, 1)
    XCTAssertEqual(jane.contact.firstName, "Jane")
    XCTAssertEqual(jane.contact.lastName, "Doe")
    XCTAssertEqual(
      jane.contact.emails,
      [
        EmailAddress("jane.doe@gmail.com", type: .home),
        EmailAddress("jane@acme.example", type: .work),
        EmailAddress("jd@side.example", type: .other),
      ])
    XCTAssertEqual(
      jane.contact.phones,
      [PhoneNumber("+1 415-555-0100", type: .mobile), PhoneNumber("(415) 555-0101", type: .work)])
    XCTAssertEqual(
      jane.contact.address,
      PostalAddress(
        street: "1600 Amphitheatre Pkwy", city: "Mountain View", region: "CA", postalCode: "94043",
        country: "United States"))
    XCTAssertEqual(jane.companyName, "Acme Corp.")
    XCTAssertEqual(jane.contact.title, "Head of Sales")
    XCTAssertEqual(jane.note, "Met at the trade show, wants a demo.\nCall back in May.")
    XCTAssertEqual(jane.contact.tags, ["myContacts", "Customers"])
    XCTAssertNil(jane.sourceId)
    let li = imports[1]
    XCTAssertEqual(li.line, 20)
    XCTAssertEqual(
      li.contact.phones,
      [PhoneNumber("+86 10 5555 0199", type: .fax), PhoneNumber("+86 10 5555 0100", type: .other)])
  }

  func testICloudGroupsAndLabels() throws {
    let john = try XCTUnwrap(VCardTest.imports(VCardTest.fixture("icloud.vcf")).first)
    XCTAssertEqual(john.contact.fullName, "John Appleseed")
    XCTAssertEqual(john.companyName, "Apple Inc.")
    XCTAssertEqual(
      john.contact.emails,
      [
        EmailAddress("john@icloud.com", type: .other),
        EmailAddress("john@work.example", type: .work),
      ])
    XCTAssertEqual(
      john.contact.phones,
      [
        PhoneNumber("(408) 555-5270", type: .mobile), PhoneNumber("+1 408 555 0000", type: .mobile),
        PhoneNumber("+1 408 555 1111", type: .work), PhoneNumber("+1 408 555 2222", type: .fax),
      ])
    XCTAssertEqual(john.contact.address?.city, "Cupertino")
    XCTAssertEqual(john.contact.address?.street, "1 Infinite Loop")
    XCTAssertNil(john.sourceId, "X-ABUID is not the UID")
  }

  func testKhardCard() throws {
    let max = try XCTUnwrap(VCardTest.imports(VCardTest.fixture("khard.vcf")).first)
    XCTAssertEqual(max.sourceId, "5c1f6a2e-8b1d-4c39-9a0e-2f4b6d8e1a77")
    XCTAssertEqual(max.contact.fullName, "Max Mustermann")
    XCTAssertEqual(max.companyName, "Musterfirma GmbH")
    XCTAssertEqual(max.contact.title, "Vertriebsleiter")
    XCTAssertEqual(
      max.contact.phones,
      [PhoneNumber("+49 170 1234567", type: .mobile), PhoneNumber("+49 30 1234567", type: .work)])
    XCTAssertEqual(max.contact.emails.map(\.type), [.work, .home])
    XCTAssertEqual(max.contact.address?.street, "Musterstraße 1")
    XCTAssertEqual(max.contact.address?.postalCode, "10115")
    XCTAssertEqual(max.contact.tags, ["Kunde", "VIP"])
    XCTAssertEqual(max.note, "Erster Kontakt über die Messe.\nRückruf erbeten; gern vormittags.")
  }

  func testOutlook21QuotedPrintable() throws {
    let joerg = try XCTUnwrap(VCardTest.imports(VCardTest.fixture("outlook21.vcf")).first)
    XCTAssertEqual(joerg.contact.firstName, "Jörg")
    XCTAssertEqual(joerg.contact.lastName, "Müller")
    XCTAssertEqual(joerg.contact.title, "Einkäufer")
    XCTAssertEqual(joerg.companyName, "Contoso Ltd.")
    XCTAssertEqual(
      joerg.contact.phones,
      [
        PhoneNumber("+49 89 1234", type: .work), PhoneNumber("+49 171 5555", type: .mobile),
        PhoneNumber("+49 89 1235", type: .fax),
      ])
    XCTAssertEqual(joerg.contact.emails, [EmailAddress("joerg@contoso.example", type: .other)])
    XCTAssertEqual(joerg.contact.address?.street, "Hauptstraße 5\nHinterhaus")
    XCTAssertEqual(joerg.contact.address?.city, "München")
    XCTAssertEqual(
      joerg.note, "Lange Notiz mit Umlauten: äöü und eine weiche Zeilenumbruch.\nZweite Zeile.")
  }

  func testVersion4WithTelURIs() throws {
    let ana = try XCTUnwrap(VCardTest.imports(VCardTest.fixture("v4.vcf")).first)
    XCTAssertEqual(ana.sourceId, "4fbe8971-0bc3-424c-9c26-36c3e1eff6b1")
    XCTAssertEqual(ana.contact.firstName, "Ana María")
    XCTAssertEqual(ana.contact.lastName, "Núñez")
    XCTAssertEqual(ana.companyName, "Núñez & Hijos, S.L.")
    XCTAssertEqual(
      ana.contact.phones,
      [
        PhoneNumber("+34-600-123-456", type: .mobile),
        PhoneNumber("+34-91-555-0100 x12", type: .work),
      ])
    XCTAssertEqual(ana.contact.emails.map(\.type), [.work, .home])
    XCTAssertEqual(ana.contact.address?.country, "España")
    XCTAssertEqual(ana.contact.tags, ["cliente", "prioridad alta"])
    XCTAssertEqual(ana.note, "Prefiere correo, no llamadas.")
  }

  func testFormattedNameOnlyIsSplit() throws {
    let text =
      "BEGIN:VCARD\nVERSION:3.0\nFN:Mary Ann van Dyke\nEND:VCARD\nBEGIN:VCARD\nN:;;;;\nFN:Cher\nEND:VCARD"
    let imports = try VCardTest.imports(text)
    XCTAssertEqual(imports[0].contact.firstName, "Mary Ann van")
    XCTAssertEqual(imports[0].contact.lastName, "Dyke")
    XCTAssertEqual(imports[1].contact.firstName, "Cher")
    XCTAssertEqual(imports[1].contact.lastName, "")
  }

  func testTypesMapToContactPointTypes() throws {
    let text = """
      BEGIN:VCARD
      FN:T T
      TEL;TYPE=work:111
      TEL;TYPE=home:222
      TEL;TYPE=cell:333
      TEL;TYPE=mobile:444
      TEL;TYPE=fax,work:555
      TEL;TYPE=other:666
      TEL;TYPE=voice:777
      EMAIL;TYPE=x-mobile:m@x.example
      END:VCARD
      """
    let contact = try XCTUnwrap(VCardTest.imports(text).first).contact
    XCTAssertEqual(
      contact.phones.map(\.type), [.work, .home, .mobile, .mobile, .fax, .other, .other])
    XCTAssertEqual(contact.emails.map(\.type), [.mobile])
  }

  func testInvalidContactIsAProblemAtItsBeginLine() throws {
    let text =
      "BEGIN:VCARD\nFN:Ok Person\nEND:VCARD\nBEGIN:VCARD\nFN:Bad Email\nEMAIL:not-an-address\nEND:VCARD\nBEGIN:VCARD\nORG:Only A Company\nEND:VCARD"
    let results = VCard.imports(try VCard.parse(text))
    XCTAssertEqual(results.count, 3)
    XCTAssertNotNil(try? results[0].get())
    XCTAssertEqual(
      results[1].vcardFailure,
      ImportProblem(line: 4, reason: "email: \"not-an-address\" is not an email address"))
    XCTAssertEqual(results[2].vcardFailure?.line, 8)
    XCTAssertEqual(
      results[2].vcardFailure?.reason, "firstName: a contact needs a first or last name")
  }
}

extension Result {
  var vcardFailure: Failure? {
    if case .failure(let error) = self { return error }
    return nil
  }
}
