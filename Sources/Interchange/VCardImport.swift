import Foundation
import Model

/// Cards to Model imports: N (or FN split), EMAIL and TEL with their TYPE (or an Apple
/// X-ABLabel in the same group), ORG's first component as the company, TITLE, the first
/// (or preferred) ADR, NOTE, CATEGORIES as tags, UID as the source id. Other properties are
/// ignored. Each contact is validated; a failure names the card's BEGIN line.
extension VCard {
  public static func imports(_ cards: [VCardCard]) -> [Result<ContactImport, ImportProblem>] {
    cards.map(contactImport)
  }

  /// One card as a validated import, or the problem that names its BEGIN line.
  public static func contactImport(_ card: VCardCard) -> Result<ContactImport, ImportProblem> {
    do throws(ImportProblem) {
      return .success(try makeImport(card))
    } catch {
      return .failure(error)
    }
  }

  static func makeImport(_ card: VCardCard) throws(ImportProblem) -> ContactImport {
    let (first, last) = names(card)
    var contact = Contact(firstName: first, lastName: last)
    contact.title = card.properties(named: "TITLE").map { clean($0.text) }.first { !$0.isEmpty }
    for property in card.properties(named: "EMAIL") {
      var address = clean(property.text)
      if address.lowercased().hasPrefix("mailto:") { address = String(address.dropFirst(7)) }
      guard !address.isEmpty else { continue }
      contact.emails.append(EmailAddress(address, type: VCardTypeMapping.type(property, in: card)))
    }
    for property in card.properties(named: "TEL") {
      let number = phoneNumber(property.text)
      guard !number.isEmpty else { continue }
      contact.phones.append(PhoneNumber(number, type: VCardTypeMapping.type(property, in: card)))
    }
    contact.address = address(card)
    var tags: [String] = []
    for property in card.properties(named: "CATEGORIES") {
      for tag in property.list.map(clean) where !tag.isEmpty && !tags.contains(tag) {
        tags.append(tag)
      }
    }
    contact.tags = tags
    let company = card.properties(named: "ORG").lazy.compactMap { $0.components.first }
      .map(clean).first { !$0.isEmpty }
    let notes = card.properties(named: "NOTE").map(\.text)
      .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    var uid = card.properties(named: "UID").first.map { clean($0.text) }
    if let value = uid, value.lowercased().hasPrefix("urn:uuid:") {
      uid = String(value.dropFirst(9))
    }
    do {
      try contact.validate()
    } catch {
      throw ImportProblem(line: card.line, reason: error.description)
    }
    return ContactImport(
      line: card.line, contact: contact, companyName: company,
      notes: notes,
      sourceId: uid?.isEmpty == false ? uid : nil)
  }

  /// Given (with any additional names) and family name from N; from FN split at the last
  /// space when N is missing or empty.
  static func names(_ card: VCardCard) -> (first: String, last: String) {
    if let n = card.properties(named: "N").first {
      // A component may list several names at unescaped commas ("Anne,Marie").
      let parts = VCardEscaping.split(n.value, at: ";").map { component in
        VCardEscaping.split(component, at: ",").map(VCardEscaping.unescape)
          .joined(separator: " ")
      }
      let family = clean(parts.first ?? "")
      let given = [parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : ""]
        .map(clean).filter { !$0.isEmpty }.joined(separator: " ")
      if !family.isEmpty || !given.isEmpty { return (given, family) }
    }
    let full = card.properties(named: "FN").map { clean($0.text) }.first { !$0.isEmpty } ?? ""
    guard let space = full.lastIndex(of: " ") else { return (full, "") }
    return (
      String(full[..<space]).trimmingCharacters(in: .whitespaces),
      String(full[full.index(after: space)...])
    )
  }

  /// The preferred ADR, else the first non-empty one: street lines (street, extended, PO
  /// box) joined by newlines.
  static func address(_ card: VCardCard) -> PostalAddress? {
    let candidates = card.properties(named: "ADR").map { property in
      let parts = property.components.map { $0.trimmingCharacters(in: .whitespaces) }
      func part(_ index: Int) -> String { index < parts.count ? parts[index] : "" }
      let street = [part(2), part(1), part(0)].filter { !$0.isEmpty }.joined(separator: "\n")
      let address = PostalAddress(
        street: street, city: part(3), region: part(4), postalCode: part(5), country: part(6))
      let preferred = property.types.contains("pref") || property.parameters["PREF"] != nil
      return (address, preferred)
    }.filter { !$0.0.isEmpty }
    return (candidates.first { $0.1 } ?? candidates.first)?.0
  }

  /// A TEL value as a number: a `tel:` URI's scheme dropped and its `;ext=` kept as "x",
  /// no-break spaces as spaces.
  static func phoneNumber(_ raw: String) -> String {
    var number = clean(raw).replacingOccurrences(of: "\u{00A0}", with: " ")
    if number.lowercased().hasPrefix("tel:") {
      number = String(number.dropFirst(4))
      let parts = number.split(separator: ";", omittingEmptySubsequences: true)
      number = parts.first.map(String.init) ?? ""
      if let ext = parts.dropFirst().first(where: { $0.lowercased().hasPrefix("ext=") }) {
        number += " x" + ext.dropFirst(4)
      }
    }
    return number
  }

  /// Surrounding whitespace and newlines trimmed.
  static func clean(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
