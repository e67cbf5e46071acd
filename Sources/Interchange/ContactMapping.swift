import Foundation
import Model

/// A bad `--map` override: the header or field it names does not exist.
public struct MappingError: Error, Equatable, Sendable, CustomStringConvertible {
  public let message: String

  public init(message: String) { self.message = message }

  public var description: String { message }
}

/// Which CSV column holds which contact field: recognised from the header row of the common
/// tools' exports, then adjusted by the user's "Header=field" overrides. Turns records into
/// `ContactImport`s (ContactMappingImport.swift) and writes our own export
/// (ContactMappingExport.swift).
public struct ContactMapping: Sendable, Equatable {
  /// Column index -> field. Several columns may give the same field (E-mail 1, E-mail 2).
  public var columns: [Int: ContactField]
  /// Headers that map to nothing: reported to the user, not fatal.
  public var unmapped: [String]
  /// Value column -> the column that gives its type (Google's "E-mail 1 - Type" for
  /// "E-mail 1 - Value"; values like "* Work" or "Home ::: Mobile").
  public var typeColumns: [Int: Int]
  /// Address column -> its group ("business", "home", "address1"), so one contact's street
  /// and city come from the same address.
  var addressGroups: [Int: String]
  /// How many columns the header row has.
  var width: Int

  private init(
    columns: [Int: ContactField], unmapped: [String], typeColumns: [Int: Int],
    addressGroups: [Int: String], width: Int
  ) {
    self.columns = columns
    self.unmapped = unmapped
    self.typeColumns = typeColumns
    self.addressGroups = addressGroups
    self.width = width
  }

  /// Recognises each header; what is not recognised goes to `unmapped`.
  public static func automatic(headers: [String]) -> ContactMapping {
    let keys = headers.map(HeaderKey.normalize)
    let honorific = keys.contains {
      ["jobtitle", "organizationtitle", "personjobtitle"].contains($0)
    }
    var mapping = ContactMapping(
      columns: [:], unmapped: [], typeColumns: [:], addressGroups: [:], width: headers.count)
    var pendingTypes: [(column: Int, key: String)] = []
    for (index, header) in headers.enumerated() {
      switch HeaderKey.meaning(of: header, honorificTitle: honorific) {
      case .field(let field, let group):
        mapping.columns[index] = field
        if field.isAddress { mapping.addressGroups[index] = group }
      case .typeOf(let key):
        pendingTypes.append((index, key))
      case nil:
        if !header.allSatisfy(\.isWhitespace) { mapping.unmapped.append(header) }
      }
    }
    for (column, key) in pendingTypes {
      let partner = keys.indices.first { keys[$0] == key && mapping.columns[$0] != nil }
      if let partner {
        mapping.typeColumns[partner] = column
      } else {
        mapping.unmapped.append(headers[column])
      }
    }
    return mapping
  }

  /// `automatic(headers:)`, then the overrides: header -> field name (camelCase, any case) or
  /// "ignore" to drop the column. A header or field that does not exist is an error.
  public init(headers: [String], overrides: [String: String]) throws(MappingError) {
    self = Self.automatic(headers: headers)
    for (header, fieldName) in overrides.sorted(by: { $0.key < $1.key }) {
      let indices = Self.columns(named: header, in: headers)
      guard !indices.isEmpty else {
        throw MappingError(
          message: "--map: no column \"\(header)\" in the file (columns: "
            + headers.map { "\"\($0)\"" }.joined(separator: ", ") + ")")
      }
      let trimmed = fieldName.trimmingCharacters(in: .whitespaces)
      let field: ContactField?
      if trimmed.lowercased() == "ignore" {
        field = nil
      } else if let named = ContactField(named: trimmed) {
        field = named
      } else {
        throw MappingError(
          message: "--map: unknown field \"\(fieldName)\" for column \"\(header)\" (fields: "
            + ContactField.allCases.map(\.rawValue).joined(separator: ", ") + ", ignore)")
      }
      for index in indices {
        columns[index] = field
        unmapped.removeAll { $0 == headers[index] }
        typeColumns = typeColumns.filter { $0.key != index && $0.value != index }
        if field?.isAddress == true {
          addressGroups[index] = addressGroups[index] ?? ""
        } else {
          addressGroups[index] = nil
        }
      }
    }
  }

  /// Parses `--map` arguments ("Work Email=email"; the last "=" splits, so a header may hold
  /// one) into the overrides `init(headers:overrides:)` takes.
  public static func parseOverrides(_ specs: [String]) throws(MappingError) -> [String: String] {
    var overrides: [String: String] = [:]
    for spec in specs {
      guard let equals = spec.lastIndex(of: "="),
        !spec[..<equals].trimmingCharacters(in: .whitespaces).isEmpty
      else {
        throw MappingError(message: "--map: \"\(spec)\" is not \"Header=field\"")
      }
      let header = spec[..<equals].trimmingCharacters(in: .whitespaces)
      overrides[header] = String(spec[spec.index(after: equals)...])
    }
    return overrides
  }

  /// Columns whose header is `name`: exactly, else ignoring case, else ignoring punctuation.
  private static func columns(named name: String, in headers: [String]) -> [Int] {
    let trimmed = name.trimmingCharacters(in: .whitespaces)
    let tests: [(String) -> Bool] = [
      { $0 == name },
      { $0.trimmingCharacters(in: .whitespaces).lowercased() == trimmed.lowercased() },
      {
        HeaderKey.normalize($0) == HeaderKey.normalize(trimmed)
          && !HeaderKey.normalize(trimmed).isEmpty
      },
    ]
    for test in tests {
      let found = headers.indices.filter { test(headers[$0]) }
      if !found.isEmpty { return found }
    }
    return []
  }
}
