import Model

/// Maps vCard TYPE values (and Apple's X-ABLabel for grouped properties) to
/// `ContactPointType`, and back for writing. Fax wins over mobile, mobile over work or home;
/// a property with no telling type is `other`.
enum VCardTypeMapping {
  static func type(_ property: VCardProperty, in card: VCardCard) -> ContactPointType {
    if let type = type(forWords: property.types) { return type }
    if let group = property.group?.uppercased() {
      let labels = card.properties.filter {
        $0.group?.uppercased() == group && $0.name == "X-ABLABEL"
      }
      for label in labels {
        var word = label.text.lowercased()
        if word.hasPrefix("_$!<") && word.hasSuffix(">!$_") {
          word = String(word.dropFirst(4).dropLast(4))
        }
        if word.contains("fax") { return .fax }
        if let type = type(forWords: [word]) { return type }
      }
    }
    return .other
  }

  static func type(forWords words: Set<String>) -> ContactPointType? {
    if words.contains("fax") || words.contains("workfax") || words.contains("homefax") {
      return .fax
    }
    if !words.isDisjoint(with: ["cell", "mobile", "iphone", "x-mobile", "cellular"]) {
      return .mobile
    }
    if words.contains("work") { return .work }
    if words.contains("home") { return .home }
    if words.contains("other") || words.contains("x-other") { return .other }
    return nil
  }

  /// The TYPE parameter to write for a type: cell for mobile phones, none for `other`.
  static func parameter(_ type: ContactPointType, phone: Bool) -> String? {
    switch type {
    case .work: "work"
    case .home: "home"
    case .mobile: phone ? "cell" : "x-mobile"
    case .fax: "fax"
    case .other: nil
    }
  }
}
