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
  /// VERSION. `VCardReader` reads the same a chunk and a card at a time, for large files.
  public static func parse(_ text: String) throws(VCardError) -> [VCardCard] {
    let reader = VCardReader(bytes: Array(text.utf8))
    var cards: [VCardCard] = []
    while let card = try reader.next() { cards.append(card) }
    return cards
  }
}
