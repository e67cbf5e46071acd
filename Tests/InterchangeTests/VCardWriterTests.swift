import Foundation
import Interchange
import Model
import XCTest

/// Writing: CRLF, folding at 75 octets on character boundaries, escaping, and write-then-parse
/// giving back the same contacts.
final class VCardWriterTests: XCTestCase {
  func testWritesAVersion4Card() {
    let contact = Contact(
      id: "0190f0a4-1111-7000-8000-000000000001", firstName: "Ann", lastName: "Lee; Jr, III",
      title: "CEO", emails: [EmailAddress("ann@lee.example", type: .work)],
      phones: [PhoneNumber("+1 555 0100", type: .mobile), PhoneNumber("555 0101", type: .other)],
      address: PostalAddress(street: "1 Main St\nSuite 2", city: "Town", country: "US"),
      tags: ["vip", "a,b"])
    let text = VCard.write([(contact, "Lee & Co", "line 1\nline 2")])
    XCTAssertEqual(
      text,
      [
        "BEGIN:VCARD", "VERSION:4.0", "UID:0190f0a4-1111-7000-8000-000000000001",
        "FN:Ann Lee\\; Jr\\, III", "N:Lee\\; Jr\\, III;Ann;;;", "ORG:Lee & Co", "TITLE:CEO",
        "EMAIL;TYPE=work:ann@lee.example", "TEL;TYPE=cell:+1 555 0100", "TEL:555 0101",
        "ADR:;;1 Main St\\nSuite 2;Town;;;US", "CATEGORIES:vip,a\\,b", "NOTE:line 1\\nline 2",
        "END:VCARD",
      ].map { $0 + "\r\n" }.joined())
  }

  func testVersion3MarksEmailsAsInternet() {
    let contact = Contact(firstName: "A", emails: [EmailAddress("a@b.example", type: .home)])
    let text = VCard.write([(contact, nil, nil)], version: .v3)
    XCTAssertTrue(text.contains("\r\nVERSION:3.0\r\n"))
    XCTAssertTrue(text.contains("\r\nEMAIL;TYPE=internet,home:a@b.example\r\n"))
  }

  func testFoldsAt75OctetsWithoutSplittingCharacters() throws {
    let note = String(repeating: "ab€😀ü", count: 40)
    let text = VCard.write([(Contact(firstName: "Fold"), nil, note)])
    let bytes = Array(text.utf8)
    var lines: [[UInt8]] = []
    var start = 0
    for index in bytes.indices where index > 0 && bytes[index - 1] == 0x0D && bytes[index] == 0x0A {
      lines.append(Array(bytes[start..<(index - 1)]))
      start = index + 1
    }
    XCTAssertEqual(start, bytes.count, "ends in CRLF")
    XCTAssertGreaterThan(lines.count, 8)
    for line in lines {
      XCTAssertLessThanOrEqual(line.count, 75)
      XCTAssertNotNil(String(validating: line, as: UTF8.self), "a line splits a UTF-8 sequence")
      XCTAssertFalse(line.contains(0x0A) || line.contains(0x0D))
    }
    XCTAssertEqual(try VCardTest.imports(text).first?.note, note)
  }

  func testRoundTripOfRandomContacts() throws {
    var random = VCardRandom(seed: 0x5EED)
    for version in [VCardVersion.v3, .v4] {
      let originals = (0..<60).map { _ in Self.randomEntry(&random) }
      let text = VCard.write(originals, version: version)
      let imported = try VCardTest.imports(text)
      XCTAssertEqual(imported.count, originals.count)
      for (original, back) in zip(originals, imported) {
        var contact = back.contact
        contact.id = original.contact.id
        contact.createdAt = original.contact.createdAt
        contact.updatedAt = original.contact.updatedAt
        XCTAssertEqual(contact, original.contact)
        XCTAssertEqual(back.companyName, original.companyName)
        XCTAssertEqual(back.note, original.note)
        XCTAssertEqual(back.sourceId, original.contact.id)
      }
    }
  }

  static func randomEntry(_ random: inout VCardRandom) -> (
    contact: Contact, companyName: String?, note: String?
  ) {
    let types = ContactPointType.allCases
    let contact = Contact(
      firstName: randomText(&random, length: 1 + random.next(12)),
      lastName: random.next(4) == 0 ? "" : randomText(&random, length: 1 + random.next(60)),
      title: random.next(2) == 0 ? nil : randomText(&random, length: 1 + random.next(90)),
      emails: (0..<random.next(4)).map { index in
        EmailAddress("user\(index).\(random.next(999))@example.org", type: types[random.next(5)])
      },
      phones: (0..<random.next(4)).map { _ in
        PhoneNumber(
          "+\(random.next(99)) (\(random.next(999))) \(random.next(99_999)) x1",
          type: types[random.next(5)])
      },
      address: random.next(2) == 0
        ? nil
        : PostalAddress(
          street: randomText(&random, length: 5) + "\n" + randomText(&random, length: 8),
          city: randomText(&random, length: 6), region: "", postalCode: "\(random.next(99_999))",
          country: randomText(&random, length: 3)),
      tags: (0..<random.next(3)).map { _ in randomText(&random, length: 1 + random.next(20)) })
    let company = random.next(2) == 0 ? nil : randomText(&random, length: 1 + random.next(40))
    let note =
      random.next(2) == 0
      ? nil
      : randomText(&random, length: 1 + random.next(300)).replacingOccurrences(of: "|", with: "\n")
    return (contact, company, note)
  }

  /// Printable text from several scripts with the characters vCard must escape; never
  /// starting or ending in whitespace (imports trim names).
  static func randomText(_ random: inout VCardRandom, length: Int) -> String {
    let pool = Array("abcXYZ019 ,;\\:\"'|éßøñçЖжΩπ中文字日本한국어עבריתعربي😀🎉👩‍💻e\u{301}€™…—")
    var text = String((0..<length).map { _ in pool[random.next(pool.count)] })
    text = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if text.hasPrefix("|") || text.hasSuffix("|") || text.isEmpty { text = "x" + text + "x" }
    return text
  }
}

/// SplitMix64, so the random cases are the same on every run.
struct VCardRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Int(z % UInt64(bound))
  }
}
