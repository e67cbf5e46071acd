import Model

/// This program's own contact CSV export: the header row and one row per contact, which
/// `ContactMapping.automatic` maps back without loss (the contact's id comes back as
/// `sourceId`; emails and phones keep their order and types).
extension ContactMapping {
  /// The export's header row. Emails and phones are one cell each, one per line, with a
  /// "home: " style prefix when the type is not work; tags are one per line; opt-out is
  /// "yes" or empty; "ID" is the contact's id.
  public static let exportHeaders: [String] = [
    "First Name", "Last Name", "Title", "Emails", "Phones", "Company", "Street", "City",
    "Region", "Postal Code", "Country", "Tags", "Email Opt Out", "Owner", "ID",
  ]

  /// One contact as a row under `exportHeaders`; write it with `CSVWriter.line`.
  public static func exportRow(_ contact: Contact, companyName: String?, ownerEmail: String?)
    -> [String]
  {
    let address = contact.address ?? PostalAddress()
    return [
      contact.firstName, contact.lastName, contact.title ?? "",
      list(contact.emails.map { typed($0.type, $0.address) }),
      list(contact.phones.map { typed($0.type, $0.number) }),
      companyName ?? "", address.street, address.city, address.region, address.postalCode,
      address.country, list(contact.tags), contact.emailOptOut ? "yes" : "", ownerEmail ?? "",
      contact.id,
    ]
  }

  private static func typed(_ type: ContactPointType, _ value: String) -> String {
    type == .work ? value : "\(type.rawValue): \(value)"
  }

  /// Items one per line; a single item that holds a list separator gets a trailing newline
  /// so the import splits on newlines only.
  private static func list(_ items: [String]) -> String {
    let joined = items.joined(separator: "\n")
    if items.count == 1, joined.contains(where: { ",;:".contains($0) }) { return joined + "\n" }
    return joined
  }
}
