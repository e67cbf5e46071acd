import Interchange
import Model
import XCTest

/// Reading content lines: unfolding, escaping, parameters, groups, quoted-printable, charset.
final class VCardParseTests: XCTestCase {
  func testUnfoldsCRLFAndLFWithSpaceOrTab() throws {
    let text =
      "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:This is a lo\r\n ng note\n\tthat goes on\r\nFN:A\r\n B\r\nEND:VCARD\r\n"
    let card = try XCTUnwrap(VCard.parse(text).first)
    XCTAssertEqual(card.properties(named: "NOTE").first?.text, "This is a long notethat goes on")
    XCTAssertEqual(card.properties(named: "FN").first?.text, "AB")
  }

  func testUnfoldingKeepsCharactersWhole() throws {
    let text = "BEGIN:VCARD\nFN:Ren\n é\nEND:VCARD\n"
    XCTAssertEqual(try VCard.parse(text).first?.properties.first?.text, "René")
  }

  func testUnescapesBackslashCommaSemicolonNewline() throws {
    let text = #"""
      BEGIN:VCARD
      NOTE:a\\b\,c\;d\ne\Nf
      N:O\;Brien;Pat\, Jr;;;
      END:VCARD
      """#
    let card = try XCTUnwrap(VCard.parse(text).first)
    XCTAssertEqual(card.properties(named: "NOTE").first?.text, "a\\b,c;d\ne\nf")
    XCTAssertEqual(
      card.properties(named: "N").first?.components, ["O;Brien", "Pat, Jr", "", "", ""])
  }

  func testParametersInEveryStyle() throws {
    let text = """
      BEGIN:VCARD
      TEL;TYPE=work,voice:1
      TEL;TYPE=WORK;TYPE=PREF:2
      TEL;WORK;FAX:3
      EMAIL;PREF=1;TYPE="home,internet":a@b.example
      item1.EMAIL;type=INTERNET:c@d.example
      NOTE;LANGUAGE=en;X-TEXT="a;b:c":hi
      END:VCARD
      """
    let properties = try XCTUnwrap(VCard.parse(text).first).properties
    XCTAssertEqual(properties[0].types, ["work", "voice"])
    XCTAssertEqual(properties[1].types, ["work", "pref"])
    XCTAssertEqual(properties[2].types, ["work", "fax"])
    XCTAssertEqual(properties[3].parameters["PREF"], ["1"])
    XCTAssertEqual(properties[3].types, ["home", "internet"])
    XCTAssertEqual(properties[4].group, "item1")
    XCTAssertEqual(properties[4].name, "EMAIL")
    XCTAssertEqual(properties[5].parameters["X-TEXT"], ["a;b:c"])
    XCTAssertEqual(properties[5].value, "hi")
  }

  func testCaretEscapesInParameterValues() throws {
    let text = "BEGIN:VCARD\nADR;LABEL=\"1 Main^nTown ^'A^'\":;;1 Main;Town;;;\nEND:VCARD"
    let property = try XCTUnwrap(VCard.parse(text).first?.properties.first)
    XCTAssertEqual(property.parameters["LABEL"], ["1 Main\nTown \"A\""])
  }

  func testQuotedPrintableWithSoftLineBreaksAndCharsets() throws {
    let text = """
      BEGIN:VCARD\r
      VERSION:2.1\r
      N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=F6rg\r
      NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Zeile eins =C3=A4=0D=0AZeile zw=\r
      ei und =\r
      drei\r
      TEL;CELL:+49 171 1\r
      END:VCARD\r

      """
    let card = try XCTUnwrap(VCard.parse(text).first)
    XCTAssertEqual(card.properties(named: "N").first?.components, ["Müller", "Jörg"])
    XCTAssertEqual(
      card.properties(named: "NOTE").first?.text, "Zeile eins ä\nZeile zwei und drei")
    XCTAssertEqual(card.properties(named: "TEL").first?.value, "+49 171 1")
  }

  func testAcceptsLowercaseNamesBlankLinesAndByteOrderMark() throws {
    let text = "\u{FEFF}begin:vcard\n\nfn:Ann Lee\nend:vcard\n\n\nBEGIN:VCARD\nFN:Bo\nEND:VCARD"
    let cards = try VCard.parse(text)
    XCTAssertEqual(cards.count, 2)
    XCTAssertEqual(cards[0].properties, [VCardProperty(name: "FN", value: "Ann Lee")])
    XCTAssertEqual(cards[1].line, 7)
  }

  func testCardsCarryTheirBeginLine() throws {
    let text = "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n C\nEND:VCARD\n"
    XCTAssertEqual(try VCard.parse(text).map(\.line), [1, 4])
  }

  func testEmptyTextHasNoCards() throws {
    XCTAssertEqual(try VCard.parse(""), [])
    XCTAssertEqual(try VCard.parse("\r\n\r\n"), [])
  }
}
