import Foundation

/// vCard (2.1 read, 3.0 and 4.0 read and write; RFC 6350): `parse` finds the cards and
/// refuses a structurally broken file whole, `imports` turns cards into validated Model
/// imports, `write` exports contacts. The parts live in VCard*.swift beside this file.
public enum VCard {
  /// Every BEGIN:VCARD..END:VCARD in the text: lines unfolded (CRLF, LF or CR, then a
  /// space or tab), parameters read (TYPE=work,voice, TYPE=WORK;TYPE=PREF, 2.1 bare WORK,
  /// PREF=1, CHARSET, ENCODING=QUOTED-PRINTABLE with soft line breaks), groups kept
  /// (item1.EMAIL). Values stay escaped: read them through `VCardProperty.text`,
  /// `components` or `list`. Throws on no END, a nested BEGIN, END without BEGIN, a line
  /// without a colon, a bad name or quoted-printable, text outside a card, an unknown
  /// VERSION.
  public static func parse(_ text: String) throws(VCardError) -> [VCardCard] {
    var cards: [VCardCard] = []
    var open: VCardCard?
    for line in try VCardLines.logicalLines(text) {
      let property = try VCardContentLine.parse(line)
      let word = property.value.trimmingCharacters(in: .whitespaces).uppercased()
      switch property.name {
      case "BEGIN":
        if let card = open {
          throw VCardError(
            line: line.number,
            reason: word == "VCARD"
              ? "BEGIN:VCARD inside the card that began on line \(card.line)"
              : "BEGIN:\(word) inside the card that began on line \(card.line)")
        }
        guard word == "VCARD" else {
          throw VCardError(line: line.number, reason: "BEGIN:\(word) where BEGIN:VCARD belongs")
        }
        open = VCardCard(line: line.number, properties: [])
      case "END":
        guard let card = open else {
          throw VCardError(line: line.number, reason: "END:\(word) with no BEGIN:VCARD before it")
        }
        guard word == "VCARD" else {
          throw VCardError(
            line: line.number, reason: "END:\(word) in the card that began on line \(card.line)")
        }
        cards.append(card)
        open = nil
      default:
        guard open != nil else {
          throw VCardError(
            line: line.number,
            reason: "\"\(VCardContentLine.preview(line.bytes))\" outside BEGIN:VCARD..END:VCARD")
        }
        if property.name == "VERSION", !["2.1", "3.0", "4.0"].contains(word) {
          throw VCardError(line: line.number, reason: "unsupported vCard version \"\(word)\"")
        }
        open!.properties.append(property)
      }
    }
    if let card = open {
      throw VCardError(line: card.line, reason: "BEGIN:VCARD with no END:VCARD")
    }
    return cards
  }
}
