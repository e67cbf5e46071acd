import Foundation
import Interchange
import Model
import XCTest

/// `VCardReader` reads a chunk at a time: every line end, fold, quoted-printable soft break,
/// multi-byte character and byte order mark may fall on a chunk boundary, and the cards (and
/// the errors, with their lines) must be the same as when the whole file is one chunk.
final class VCardStreamTests: XCTestCase {
  /// Chunk sizes small enough that every boundary lands everywhere in these short texts.
  let sizes = [1, 2, 3, 4, 5, 7, 11, 64]

  private func cards(_ text: String, chunkSize: Int) throws -> [VCardCard] {
    let reader = VCardReader(bytes: Array(text.utf8), chunkSize: chunkSize)
    var cards: [VCardCard] = []
    while let card = try reader.next() { cards.append(card) }
    return cards
  }

  private func error(_ text: String, chunkSize: Int) -> VCardError? {
    do {
      _ = try cards(text, chunkSize: chunkSize)
      return nil
    } catch {
      return error as? VCardError
    }
  }

  func testFixturesReadTheSameInAnyChunkSize() throws {
    for name in ["google.vcf", "icloud.vcf", "khard.vcf", "outlook21.vcf", "v4.vcf"] {
      let text = try VCardTest.fixture(name)
      let whole = try cards(text, chunkSize: 1 << 20)
      XCTAssertFalse(whole.isEmpty, name)
      for size in sizes {
        XCTAssertEqual(try cards(text, chunkSize: size), whole, "\(name), chunks of \(size)")
      }
    }
  }

  func testCRLFSplitAcrossChunksIsOneLineEnd() throws {
    // With 12-byte chunks the CR of the first line end is the last byte of the first chunk.
    let text = "BEGIN:VCARD\r\nFN:Ann\r\n\r\nNOTE:x\r\n y\r\nEND:VCARD\r\n"
    XCTAssertEqual(Array(text.utf8)[11], 0x0D)
    for size in [12] + sizes {
      let card = try XCTUnwrap(try cards(text, chunkSize: size).first, "chunks of \(size)")
      XCTAssertEqual(card.properties.map(\.name), ["FN", "NOTE"], "chunks of \(size)")
      XCTAssertEqual(card.properties(named: "NOTE").first?.text, "xy", "chunks of \(size)")
    }
    // A lone CR also ends a line, and the CR LF pair still counts as one line for errors.
    let broken = "BEGIN:VCARD\rFN:A\r\nno colon\rEND:VCARD\r"
    for size in sizes {
      XCTAssertEqual(
        error(broken, chunkSize: size), VCardError(line: 3, reason: "no colon in \"no colon\""),
        "chunks of \(size)")
    }
  }

  func testQuotedPrintableSoftBreaksAcrossChunks() throws {
    let text = """
      BEGIN:VCARD\r
      VERSION:2.1\r
      NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Zeile eins =C3=A4=0D=0AZeile zw=\r
      ei und =\r
      drei\r
      N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FC=\r
      ller;J=F6rg\r
      END:VCARD\r

      """
    for size in sizes {
      let card = try XCTUnwrap(try cards(text, chunkSize: size).first)
      XCTAssertEqual(
        card.properties(named: "NOTE").first?.text, "Zeile eins ä\nZeile zwei und drei",
        "chunks of \(size)")
      XCTAssertEqual(
        card.properties(named: "N").first?.components, ["Müller", "Jörg"], "chunks of \(size)")
    }
  }

  func testMultiByteCharactersAndByteOrderMarkAcrossChunks() throws {
    // Our writer folds at 75 octets between characters; a chunk boundary may still fall
    // inside one (and inside the three bytes of the byte order mark).
    let note = String(repeating: "ab€😀ü", count: 40)
    let text = "\u{FEFF}" + VCard.write([(Contact(firstName: "Fold"), nil, note)])
    for size in sizes {
      let card = try XCTUnwrap(try cards(text, chunkSize: size).first, "chunks of \(size)")
      XCTAssertEqual(card.line, 1)
      XCTAssertEqual(card.properties(named: "NOTE").first?.text, note, "chunks of \(size)")
    }
  }

  func testErrorsNameTheSameLineInAnyChunkSize() {
    let broken: [(String, VCardError)] = [
      (
        "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n",
        VCardError(line: 4, reason: "BEGIN:VCARD with no END:VCARD")
      ),
      (
        "BEGIN:VCARD\nNOTE:a\n b\n c\nTEL;TYPE=work\nEND:VCARD\n",
        VCardError(line: 5, reason: "no colon after the parameters")
      ),
      (
        "BEGIN:VCARD\nVERSION:2.1\nNOTE;ENCODING=QUOTED-PRINTABLE:caf=XY\nEND:VCARD\n",
        VCardError(line: 3, reason: "bad quoted-printable \"=XY\"")
      ),
      (
        "BEGIN:VCARD\r\nFN:A\r\nEND:VCARD\r\nFN:B\r\n",
        VCardError(line: 4, reason: "\"FN:B\" outside BEGIN:VCARD..END:VCARD")
      ),
      (
        " folded first\nBEGIN:VCARD\nEND:VCARD",
        VCardError(line: 1, reason: "a folded line with no line before it")
      ),
      (
        "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\nEND:VCARD\n",
        VCardError(line: 3, reason: "BEGIN:VCARD inside the card that began on line 1")
      ),
    ]
    for (text, expected) in broken {
      XCTAssertEqual(error(text, chunkSize: 1 << 16), expected, text.debugDescription)
      for size in sizes {
        XCTAssertEqual(error(text, chunkSize: size), expected, "\(text.debugDescription), \(size)")
      }
    }
  }

  func testCardsComeOneAtATimeBeforeALaterError() throws {
    // The first card is handed out before the reader has seen the broken line after it.
    let text = "BEGIN:VCARD\nFN:Ann\nEND:VCARD\nBEGIN:VCARD\nbroken\nEND:VCARD\n"
    let reader = VCardReader(bytes: Array(text.utf8), chunkSize: 4)
    XCTAssertEqual(try reader.next()?.properties.first?.text, "Ann")
    XCTAssertThrowsError(try reader.next()) { error in
      XCTAssertEqual(error as? VCardError, VCardError(line: 5, reason: "no colon in \"broken\""))
    }
    XCTAssertNil(try reader.next(), "after an error the reader ends")
  }

  func testRandomCardsRoundTripThroughSmallChunks() throws {
    var random = VCardRandom(seed: 11)
    let entries = (0..<40).map { _ in VCardWriterTests.randomEntry(&random) }
    for version in [VCardVersion.v3, .v4] {
      let text = VCard.write(entries, version: version)
      let whole = try VCard.parse(text)
      XCTAssertEqual(whole.count, entries.count)
      for size in [1, 3, 7, 100, 4096] {
        XCTAssertEqual(try cards(text, chunkSize: size), whole, "\(version), chunks of \(size)")
      }
    }
  }

  // MARK: - Files

  private func file(_ text: String) throws -> (path: String, directory: URL) {
    let directory = try VCardTest.temporaryDirectory()
    let url = directory.appendingPathComponent("cards.vcf")
    try Data(text.utf8).write(to: url)
    return (url.path, directory)
  }

  func testContactFileReaderStreamsAndALaterErrorRefusesTheImport() throws {
    let text =
      "BEGIN:VCARD\nFN:Ann Lee\nEMAIL:ann@x.example\nEND:VCARD\n"
      + "BEGIN:VCARD\nFN:Bo\nEND:VCARD\nBEGIN:VCARD\nFN:Cy\n"
    let (path, directory) = try file(text)
    defer { try? FileManager.default.removeItem(at: directory) }
    let contacts = try ContactFileReader.vcard(path: path, chunkSize: 5)
    let rows = Array(contacts.rows)
    XCTAssertEqual(rows.count, 3)
    XCTAssertEqual(try rows[0].get().contact.fullName, "Ann Lee")
    XCTAssertEqual(try rows[1].get().line, 5)
    let problem = ImportProblem(line: 8, reason: "BEGIN:VCARD with no END:VCARD")
    XCTAssertEqual(rows[2], .failure(problem))
    XCTAssertTrue(contacts.refuses(problem), "a structural error refuses even --skip-invalid")
    XCTAssertFalse(contacts.refuses(ImportProblem(line: 5, reason: "name: missing")))
  }

  func testContactFileReaderRefusesAFileThatIsNotVCardsUpFront() throws {
    let (path, directory) = try file("Name: Ann Lee\nEmail: ann@x.example\n")
    defer { try? FileManager.default.removeItem(at: directory) }
    XCTAssertThrowsError(try ContactFileReader.vcard(path: path)) { error in
      XCTAssertEqual(
        (error as? ContactFileError)?.message,
        "\(path) line 1: \"Name: Ann Lee\" outside BEGIN:VCARD..END:VCARD")
    }
    XCTAssertThrowsError(try ContactFileReader.vcard(path: path + ".missing")) { error in
      XCTAssertTrue(
        (error as? ContactFileError)?.message.hasPrefix("cannot read \(path).missing") ?? false,
        "\(error)")
    }
  }
}
