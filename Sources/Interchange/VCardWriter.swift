import Model

/// Contacts to vCard text: CRLF line ends, lines folded at 75 octets without splitting a
/// UTF-8 sequence, text escaped; UID is the contact id, ORG the company name, one NOTE per
/// note (vCard 3.0 and 4.0 allow several, and each stays the note it was).
extension VCard {
  public static func write(
    _ contacts: [(contact: Contact, companyName: String?, notes: [String])],
    version: VCardVersion = .v4
  ) -> String {
    var out = ""
    for (contact, companyName, notes) in contacts {
      var lines = ["BEGIN:VCARD", "VERSION:\(version.rawValue)"]
      lines.append("UID:" + VCardEscaping.escape(contact.id))
      lines.append("FN:" + VCardEscaping.escape(contact.fullName))
      lines.append(
        "N:"
          + [contact.lastName, contact.firstName, "", "", ""].map(VCardEscaping.escape)
          .joined(separator: ";"))
      if let companyName, !companyName.isEmpty {
        lines.append("ORG:" + VCardEscaping.escape(companyName))
      }
      if let title = contact.title, !title.isEmpty {
        lines.append("TITLE:" + VCardEscaping.escape(title))
      }
      for email in contact.emails {
        let type = VCardTypeMapping.parameter(email.type, phone: false)
        lines.append(
          "EMAIL" + typeParameter(type, version: version, extra: version == .v3 ? "internet" : nil)
            + ":" + VCardEscaping.escape(email.address))
      }
      for phone in contact.phones {
        let type = VCardTypeMapping.parameter(phone.type, phone: true)
        lines.append(
          "TEL" + typeParameter(type, version: version, extra: nil) + ":"
            + VCardEscaping.escape(phone.number))
      }
      if let address = contact.address, !address.isEmpty {
        let parts = [
          "", "", address.street, address.city, address.region, address.postalCode,
          address.country,
        ]
        lines.append("ADR:" + parts.map(VCardEscaping.escape).joined(separator: ";"))
      }
      if !contact.tags.isEmpty {
        lines.append("CATEGORIES:" + contact.tags.map(VCardEscaping.escape).joined(separator: ","))
      }
      for note in notes where !note.isEmpty {
        lines.append("NOTE:" + VCardEscaping.escape(note))
      }
      lines.append("END:VCARD")
      for line in lines { out += fold(line) }
    }
    return out
  }

  /// One note at most per contact.
  public static func write(
    _ contacts: [(contact: Contact, companyName: String?, note: String?)],
    version: VCardVersion = .v4
  ) -> String {
    write(
      contacts.map { ($0.contact, $0.companyName, $0.note.map { [$0] } ?? []) }, version: version)
  }

  /// `;TYPE=a,b`, or nothing.
  static func typeParameter(_ type: String?, version: VCardVersion, extra: String?) -> String {
    let values = [extra, type].compactMap { $0 }
    return values.isEmpty ? "" : ";TYPE=" + values.joined(separator: ",")
  }

  /// One content line with CRLF, folded at 75 octets (shared with iCalendar).
  static func fold(_ line: String) -> String { ContentLineText.fold(line) }
}
