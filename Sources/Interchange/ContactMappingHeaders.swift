/// Recognises the header names of the common tools' contact exports (Google Contacts old and
/// new, Outlook, HubSpot, Zoho Bigin, Pipedrive) and this program's own, ignoring case,
/// spaces, punctuation and numbering ("E-mail 2 - Value" is "email value").
enum HeaderKey {
  /// Lower-case letters and digits only.
  static func normalize(_ header: String) -> String {
    String(
      header.lowercased().unicodeScalars.filter {
        $0.properties.isAlphabetic || ("0"..."9").contains($0)
      })
  }

  /// What a header means.
  enum Meaning: Equatable {
    /// A field; address parts carry the group they belong to ("business", "address1").
    case field(ContactField, group: String)
    /// Google's "E-mail 1 - Type": the type of the column whose key is given.
    case typeOf(key: String)
  }

  private static let exact: [String: ContactField] = {
    var table: [String: ContactField] = [:]
    let names: [(ContactField, [String])] = [
      (.firstName, ["firstname", "givenname", "first", "fname"]),
      (.lastName, ["lastname", "familyname", "surname", "last", "lname"]),
      (.fullName, ["fullname", "name", "contactname", "displayname"]),
      (.title, ["jobtitle", "organizationtitle", "position", "role"]),
      (.email, ["email", "emails", "emailaddress", "emailvalue", "mail", "primaryemail"]),
      (.workEmail, ["workemail", "businessemail", "emailwork", "workemailaddress"]),
      (.homeEmail, ["homeemail", "personalemail", "emailhome", "privateemail"]),
      (.otherEmail, ["otheremail", "emailother", "secondaryemail", "alternateemail"]),
      (
        .phone,
        [
          "phone", "phones", "phonenumber", "phonevalue", "telephone", "primaryphone", "otherphone",
          "phoneother",
        ]
      ),
      (.workPhone, ["workphone", "businessphone", "companymainphone", "phonework", "officephone"]),
      (.homePhone, ["homephone", "phonehome", "privatephone"]),
      (
        .mobilePhone,
        [
          "mobile", "mobilephone", "mobilephonenumber", "mobilenumber", "cellphone", "cell",
          "phonemobile",
        ]
      ),
      (.fax, ["fax", "faxnumber", "businessfax", "homefax", "otherfax", "phonefax"]),
      (
        .company,
        [
          "company", "companyname", "organization", "organizationname", "organisation",
          "accountname", "associatedcompany",
        ]
      ),
      (.companyDomain, ["companydomain", "companydomainname", "domain", "organizationdomain"]),
      (
        .tags,
        ["tags", "tag", "labels", "label", "groupmembership", "categories", "groups"]
      ),
      (.note, ["note", "notes", "description", "comments"]),
      (
        .emailOptOut,
        ["emailoptout", "optout", "unsubscribed", "unsubscribedfromallemail", "donotemail"]
      ),
      (.owner, ["owner", "contactowner", "owneremail", "ownername", "recordowner"]),
      (.sourceId, ["sourceid", "id", "recordid", "contactid", "uid"]),
    ]
    for (field, keys) in names {
      for key in keys { table[key] = field }
    }
    // Our own camelCase names always map to themselves.
    for field in ContactField.allCases { table[normalize(field.rawValue)] = field }
    return table
  }()

  private static let addressPrefixes: Set<String> = [
    "", "mailing", "business", "home", "other", "work", "address", "postaladdress", "billing",
    "primary",
  ]

  private static let addressSuffixes: [(String, ContactField)] = [
    ("streetaddress", .street), ("street", .street), ("city", .city), ("town", .city),
    ("stateregion", .region), ("state", .region), ("region", .region), ("province", .region),
    ("postalcode", .postalCode), ("zipcode", .postalCode), ("postcode", .postalCode),
    ("zip", .postalCode), ("countryregion", .country), ("country", .country),
  ]

  /// The meaning of one header, or nil. `honorificTitle`: the file also has a "Job Title"
  /// column, so a plain "Title" is Outlook's Mr./Ms. and means nothing here.
  static func meaning(of header: String, honorificTitle: Bool) -> Meaning? {
    let key = normalize(header)
    if key == "title" { return honorificTitle ? nil : .field(.title, group: "") }
    if let meaning = meaning(ofKey: key) { return meaning }
    // Pipedrive prefixes every column with "Person - ".
    if key.hasPrefix("person"), key.count > 6 {
      return meaning(ofKey: String(key.dropFirst(6)))
    }
    return nil
  }

  private static func meaning(ofKey key: String) -> Meaning? {
    let shape = key.filter { !$0.isNumber }
    // Google: "E-mail 1 - Type", "Phone 2 - Label" give the type of "... - Value".
    for kind in ["email", "phone"] {
      for suffix in ["type", "label"] where shape == kind + suffix {
        return .typeOf(key: String(key.dropLast(suffix.count)) + "value")
      }
    }
    if let field = exact[shape] { return .field(field, group: "") }
    for (suffix, field) in addressSuffixes where shape.hasSuffix(suffix) {
      let prefix = String(shape.dropLast(suffix.count))
      guard addressPrefixes.contains(prefix) else { continue }
      // The group keeps Google's numbering: "Address 1 - City" is in "address1".
      let group = key.range(of: suffix).map { String(key[..<$0.lowerBound]) } ?? prefix
      return .field(field, group: group)
    }
    if shape == "address" || shape == "postaladdress" { return .field(.street, group: shape) }
    return nil
  }
}
