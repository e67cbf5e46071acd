import Foundation
import Model

/// Turns one CSV record into a `ContactImport` by a `ContactMapping`: names, typed emails and
/// phones, one address, tags, company, owner, note, source id and opt-out, then validates it.
extension ContactMapping {
  /// Which columns give which field, worked out once for a whole file (`CSVRows` keeps one)
  /// instead of once per record: the columns in order, each field's columns, the email and
  /// phone columns with their type columns, and the address groups.
  struct Plan: Sendable {
    /// Columns of each field, in column order, by `ContactField`'s position in `allCases`.
    var fieldColumns: [[Int]]
    /// The email and phone columns in column order, with the field and its type column.
    var pointColumns: [(index: Int, field: ContactField, typeColumn: Int?)]
    /// Address groups in column order, each with its columns in order.
    var addressGroups: [[(index: Int, field: ContactField)]]
    var width: Int

    func columns(_ field: ContactField) -> [Int] { fieldColumns[Plan.position[field]!] }

    static let position: [ContactField: Int] = Dictionary(
      uniqueKeysWithValues: ContactField.allCases.enumerated().map { ($1, $0) })
  }

  func plan() -> Plan {
    let ordered = columns.sorted { $0.key < $1.key }
    var fieldColumns = Array(repeating: [Int](), count: ContactField.allCases.count)
    for (index, field) in ordered { fieldColumns[Plan.position[field]!].append(index) }
    let points = ordered.filter { $0.value.emailType != nil || $0.value.phoneType != nil }
      .map { (index: $0.key, field: $0.value, typeColumn: typeColumns[$0.key]) }
    var groups: [String] = []
    var groupColumns: [[(index: Int, field: ContactField)]] = []
    for (index, field) in ordered where field.isAddress {
      let group = addressGroups[index] ?? ""
      if let at = groups.firstIndex(of: group) {
        groupColumns[at].append((index, field))
      } else {
        groups.append(group)
        groupColumns.append([(index, field)])
      }
    }
    return Plan(
      fieldColumns: fieldColumns, pointColumns: points, addressGroups: groupColumns, width: width)
  }

  public func contactImport(_ record: CSVRecord) throws(ImportProblem) -> ContactImport {
    try contactImport(record, plan: plan())
  }

  func contactImport(_ record: CSVRecord, plan: Plan) throws(ImportProblem) -> ContactImport {
    let line = record.line
    let width = plan.width
    if record.fields.count > width,
      record.fields[width...].contains(where: { !$0.allSatisfy(\.isWhitespace) })
    {
      throw ImportProblem(
        line: line,
        reason: "the record has \(record.fields.count) fields but the header has \(width)")
    }
    func cell(_ index: Int) -> String {
      guard index < record.fields.count else { return "" }
      return ASCIIFastPath.trimmingWhitespace(CSVWriter.unneutralize(record.fields[index]))
    }
    func values(_ field: ContactField) -> [String] {
      let indices = plan.columns(field)
      if indices.isEmpty { return [] }
      return indices.map(cell).filter { !$0.isEmpty }
    }
    func first(_ field: ContactField) -> String? {
      for index in plan.columns(field) {
        let value = cell(index)
        if !value.isEmpty { return value }
      }
      return nil
    }

    var firstName = first(.firstName) ?? ""
    var lastName = first(.lastName) ?? ""
    if firstName.isEmpty, lastName.isEmpty, let full = first(.fullName) {
      (firstName, lastName) = Self.split(fullName: full)
    }

    var emails: [EmailAddress] = []
    var phones: [PhoneNumber] = []
    for (index, field, typeColumn) in plan.pointColumns {
      let value = cell(index)
      guard !value.isEmpty else { continue }
      let types = typeColumn.map { Self.listItems(cell($0)) } ?? []
      for (position, item) in Self.listItems(value).enumerated() {
        // One label for several values applies to them all.
        let given = (position < types.count ? types[position] : types.last).flatMap(Self.pointType)
        if let base = field.emailType {
          let (type, address) = Self.typed(item, default: given ?? base)
          if !emails.contains(where: { Self.sameAddress($0.address, address) }) {
            emails.append(EmailAddress(address, type: type))
          }
        } else if let base = field.phoneType {
          let (type, number) = Self.typed(item, default: given ?? base)
          if !phones.contains(where: { $0.number == number }) {
            phones.append(PhoneNumber(number, type: type))
          }
        }
      }
    }

    var tags: [String] = []
    for value in values(.tags) {
      for tag in Self.listItems(value, colons: true) {
        let clean = tag.hasPrefix("* ") ? String(tag.dropFirst(2)) : tag
        if clean.isEmpty || Self.isMyContacts(clean) || tags.contains(clean) {
          continue
        }
        tags.append(clean)
      }
    }

    let owner = values(.owner).first { (try? EmailAddress.check($0, field: "owner")) != nil }
    let notes = values(.note)
    let contact = Contact(
      firstName: firstName, lastName: lastName, title: first(.title), emails: emails,
      phones: phones, address: address(cell, plan: plan), tags: tags,
      emailOptOut: values(.emailOptOut).contains { Self.isTrue($0) })
    let imported = ContactImport(
      line: line, contact: contact, companyName: first(.company),
      companyDomain: first(.companyDomain).map(Self.domain), ownerEmail: owner,
      note: notes.isEmpty ? nil : notes.joined(separator: "\n\n"),
      sourceId: first(.sourceId))
    do {
      try contact.validate()
      try Self.check(imported)
    } catch {
      throw ImportProblem(line: line, reason: error.description)
    }
    return imported
  }

  /// Whether two addresses are the same ignoring case (`lowercased()` on both), without
  /// lower-casing copies when both are ASCII.
  static func sameAddress(_ a: String, _ b: String) -> Bool {
    let x = a.utf8
    let y = b.utf8
    if x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) {
      guard x.count == y.count else { return false }
      return zip(x, y).allSatisfy { ASCIIFastPath.lower($0) == ASCIIFastPath.lower($1) }
    }
    return a.lowercased() == b.lowercased()
  }

  /// `tag.lowercased() == "mycontacts"` (Google's label for every contact).
  static func isMyContacts(_ tag: String) -> Bool {
    if tag.utf8.count != 10 && tag.utf8.allSatisfy({ $0 < 0x80 }) { return false }
    return tag.lowercased() == "mycontacts"
  }

  /// The first address group (in column order) that has anything; street lines in a group
  /// ("Business Street", "Business Street 2") are joined with newlines.
  private func address(_ cell: (Int) -> String, plan: Plan) -> PostalAddress? {
    for group in plan.addressGroups {
      var address = PostalAddress()
      for (index, field) in group {
        let value = cell(index)
        guard !value.isEmpty else { continue }
        switch field {
        case .street: address.street += (address.street.isEmpty ? "" : "\n") + value
        case .city where address.city.isEmpty: address.city = value
        case .region where address.region.isEmpty: address.region = value
        case .postalCode where address.postalCode.isEmpty: address.postalCode = value
        case .country where address.country.isEmpty: address.country = value
        default: break
        }
      }
      if !address.isEmpty { return address }
    }
    return nil
  }

  /// Checks for what `Contact.validate()` does not cover.
  private static func check(_ imported: ContactImport) throws(ValidationError) {
    let limits: [(String?, Int, String)] = [
      (imported.companyName, 200, "company"), (imported.companyDomain, 253, "companyDomain"),
      (imported.sourceId, 200, "sourceId"), (imported.note, 100_000, "note"),
    ]
    for (value, limit, field) in limits {
      guard let value else { continue }
      // Visible ASCII has one character per byte and no control characters.
      if value.utf8.count <= limit, ASCIIFastPath.isPrintableASCII(value) { continue }
      if value.count > limit {
        throw ValidationError(field: field, "is longer than \(limit) characters")
      }
      let controls = value.unicodeScalars.contains {
        $0.properties.generalCategory == .control
          && (field != "note" || !"\n\t\r".unicodeScalars.contains($0))
      }
      if controls { throw ValidationError(field: field, "contains a control character") }
    }
  }

  /// "Ann Marie Lee" -> ("Ann Marie", "Lee"); one word is a first name.
  static func split(fullName: String) -> (String, String) {
    let words = fullName.split(whereSeparator: \.isWhitespace)
    guard words.count > 1, let last = words.last else { return (fullName, "") }
    return (words.dropLast().joined(separator: " "), String(last))
  }

  /// The items of a list cell. A cell with newlines (our own export) splits on newlines
  /// only; else on Google's " ::: ", else on "," and ";" (and ":" for tags).
  static func listItems(_ value: String, colons: Bool = false) -> [String] {
    ASCIIFastPath.listItems(value, colons: colons) ?? splitListItems(value, colons: colons)
  }

  /// `listItems` for any text, by Character.
  static func splitListItems(_ value: String, colons: Bool) -> [String] {
    let items: [Substring]
    if value.contains(where: \.isNewline) {
      items = value.split(whereSeparator: \.isNewline)
    } else if value.contains(" ::: ") {
      items = value.components(separatedBy: " ::: ").map { Substring($0) }
    } else {
      items = value.split { $0 == "," || $0 == ";" || (colons && $0 == ":") }
    }
    return items.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// "home: ann@example.com" -> (.home, "ann@example.com"), as our export writes them.
  static func typed(_ item: String, default type: ContactPointType) -> (
    ContactPointType, String
  ) {
    guard let colon = item.firstIndex(of: ":"),
      let given = ContactPointType(rawValue: item[..<colon].lowercased())
    else { return (type, item) }
    return (given, item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces))
  }

  /// Google's and others' type labels ("* Work", "Mobile", "Home Fax"); nil when blank.
  static func pointType(_ label: String) -> ContactPointType? {
    let has: (String) -> Bool
    if let bytes = ASCIIFastPath.typeLabel(label) {
      if bytes.isEmpty { return nil }
      has = { ASCIIFastPath.contains(bytes, $0) }
    } else {
      let text = label.lowercased().replacingOccurrences(of: "*", with: "")
        .trimmingCharacters(in: .whitespaces)
      if text.isEmpty { return nil }
      has = { text.contains($0) }
    }
    if has("fax") { return .fax }
    if has("mobile") || has("cell") { return .mobile }
    if has("home") || has("personal") { return .home }
    if has("work") || has("business") || has("main") { return .work }
    return .other
  }

  static func isTrue(_ value: String) -> Bool {
    ["yes", "y", "true", "1", "x", "on"].contains(value.lowercased())
  }

  /// "https://www.acme.com/about" -> "acme.com".
  static func domain(_ value: String) -> String {
    var text = value.lowercased()
    if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
    if let slash = text.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
      text = String(text[..<slash])
    }
    if text.hasPrefix("www.") { text = String(text.dropFirst(4)) }
    return text
  }
}
