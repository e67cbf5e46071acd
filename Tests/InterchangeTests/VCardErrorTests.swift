import Interchange
import XCTest

/// Broken files are refused whole, naming the line and the reason.
final class VCardErrorTests: XCTestCase {
  private func error(_ text: String) -> VCardError? {
    do {
      _ = try VCard.parse(text)
      return nil
    } catch {
      return error
    }
  }

  func testMissingEnd() {
    let text = "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n"
    XCTAssertEqual(error(text), VCardError(line: 4, reason: "BEGIN:VCARD with no END:VCARD"))
  }

  func testNestedBegin() {
    let text = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\nEND:VCARD\n"
    XCTAssertEqual(
      error(text), VCardError(line: 3, reason: "BEGIN:VCARD inside the card that began on line 1"))
  }

  func testEndWithoutBegin() {
    XCTAssertEqual(
      error("BEGIN:VCARD\nFN:A\nEND:VCARD\nEND:VCARD\n")?.line, 4)
  }

  func testLineWithoutColon() {
    let text = "BEGIN:VCARD\r\nFN:A\r\nthis line has none\r\nEND:VCARD\r\n"
    XCTAssertEqual(error(text), VCardError(line: 3, reason: "no colon in \"this line has none\""))
    XCTAssertEqual(error(text)?.description, "line 3: no colon in \"this line has none\"")
  }

  func testLineNumbersCountPhysicalLinesPastFolds() {
    let text = "BEGIN:VCARD\nNOTE:a\n b\n c\nTEL;TYPE=work\nEND:VCARD\n"
    XCTAssertEqual(error(text), VCardError(line: 5, reason: "no colon after the parameters"))
  }

  func testBadQuotedPrintable() {
    let text = "BEGIN:VCARD\nVERSION:2.1\nNOTE;ENCODING=QUOTED-PRINTABLE:caf=XY\nEND:VCARD\n"
    XCTAssertEqual(error(text), VCardError(line: 3, reason: "bad quoted-printable \"=XY\""))
  }

  func testQuotedPrintableThatIsNotTheCharset() {
    let text = "BEGIN:VCARD\nNOTE;ENCODING=QUOTED-PRINTABLE:caf=E9\nEND:VCARD\n"
    XCTAssertEqual(error(text), VCardError(line: 2, reason: "the value is not valid UTF-8"))
    let unknown = "BEGIN:VCARD\nNOTE;CHARSET=KLINGON;ENCODING=QUOTED-PRINTABLE:a\nEND:VCARD\n"
    XCTAssertEqual(error(unknown), VCardError(line: 2, reason: "unknown charset \"KLINGON\""))
  }

  func testTextOutsideACard() {
    XCTAssertEqual(error("name,email\nAnn,a@b.example\n")?.line, 1)
    XCTAssertEqual(
      error("BEGIN:VCARD\nFN:A\nEND:VCARD\nFN:B\n"),
      VCardError(line: 4, reason: "\"FN:B\" outside BEGIN:VCARD..END:VCARD"))
  }

  func testBadNamesQuotesAndVersions() {
    XCTAssertEqual(error("BEGIN:VCARD\nF N:A\nEND:VCARD")?.line, 2)
    XCTAssertEqual(
      error("BEGIN:VCARD\nNOTE;X=\"open:a\nEND:VCARD"),
      VCardError(line: 2, reason: "a parameter value with no closing quote"))
    XCTAssertEqual(
      error("BEGIN:VCARD\nVERSION:5.0\nEND:VCARD"),
      VCardError(line: 2, reason: "unsupported vCard version \"5.0\""))
    XCTAssertEqual(
      error(" folded first\nBEGIN:VCARD\nEND:VCARD"),
      VCardError(line: 1, reason: "a folded line with no line before it"))
    XCTAssertEqual(error("BEGIN:VCALENDAR\nEND:VCALENDAR")?.line, 1)
  }

  /// Mangled real files either parse or throw a VCardError; nothing traps.
  func testMangledFilesNeverTrap() throws {
    var random = VCardRandom(seed: 7)
    let pieces = Array("\r\n :;=,\"\\^.BEGIN:VCARDEND:VCARD=0=F=C3QUOTED-PRINTABLE€😀")
    for name in ["google.vcf", "icloud.vcf", "khard.vcf", "outlook21.vcf", "v4.vcf"] {
      let original = Array(try VCardTest.fixture(name))
      for _ in 0..<300 {
        var text = original
        for _ in 0..<(1 + random.next(6)) {
          let at = random.next(text.count)
          switch random.next(3) {
          case 0: text.remove(at: at)
          case 1: text.insert(pieces[random.next(pieces.count)], at: at)
          default: text[at] = pieces[random.next(pieces.count)]
          }
        }
        if let cards = try? VCard.parse(String(text)) { _ = VCard.imports(cards) }
      }
    }
  }
}
