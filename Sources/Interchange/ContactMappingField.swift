import Model

/// The contact fields a CSV column can map to, named as `--map "Header=field"` takes them.
public enum ContactField: String, CaseIterable, Sendable {
  case firstName, lastName, fullName, title, email, workEmail, homeEmail, otherEmail, phone,
    workPhone, homePhone, mobilePhone, fax, company, companyDomain, street, city, region,
    postalCode, country, tags, note, emailOptOut, owner, sourceId

  /// The field named by an override's right-hand side: its camelCase name, any case or
  /// spacing ("work email" is `workEmail`).
  public init?(named name: String) {
    let key = HeaderKey.normalize(name)
    guard let field = Self.allCases.first(where: { HeaderKey.normalize($0.rawValue) == key })
    else { return nil }
    self = field
  }

  /// The type an email column gives its addresses when nothing else says.
  var emailType: ContactPointType? {
    switch self {
    case .email, .workEmail: .work
    case .homeEmail: .home
    case .otherEmail: .other
    default: nil
    }
  }

  /// The type a phone column gives its numbers when nothing else says.
  var phoneType: ContactPointType? {
    switch self {
    case .phone, .workPhone: .work
    case .homePhone: .home
    case .mobilePhone: .mobile
    case .fax: .fax
    default: nil
    }
  }

  var isAddress: Bool {
    switch self {
    case .street, .city, .region, .postalCode, .country: true
    default: false
    }
  }
}
