import Foundation

/// A report built by the user: an entity, filters combined with and, an optional group-by
/// and the measures to compute. Saved by name as JSON; Store turns it into one SQL query.
///
///     var spec = ReportSpec(entity: .deals)
///     spec.filters = [try ReportFilter(parsing: "value>=1000 EUR")]
///     spec.group = try ReportGroup(parsing: "month:closeDate")
///     spec.measures = [try ReportMeasure(parsing: "sum:value")]
public struct ReportSpec: Codable, Hashable, Sendable {
  public var entity: ReportEntity
  public var filters: [ReportFilter]
  public var group: ReportGroup?
  /// At least one; `count` when none is given.
  public var measures: [ReportMeasure]

  public init(
    entity: ReportEntity, filters: [ReportFilter] = [], group: ReportGroup? = nil,
    measures: [ReportMeasure] = [ReportMeasure(.count)]
  ) {
    self.entity = entity
    self.filters = filters
    self.group = group
    self.measures = measures.isEmpty ? [ReportMeasure(.count)] : measures
  }

  /// The JSON a saved report keeps (sorted keys, so the same report is the same text).
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
  }

  /// A saved report's JSON read back; the error says what is wrong with it.
  public init(json: String) throws(ValidationError) {
    do {
      self = try JSONDecoder().decode(ReportSpec.self, from: Data(json.utf8))
    } catch let DecodingError.dataCorrupted(context) {
      throw ValidationError(field: "definition", "is not valid JSON (\(context.debugDescription))")
    } catch let DecodingError.keyNotFound(key, _) {
      throw ValidationError(field: "definition", "lacks \"\(key.stringValue)\"")
    } catch let DecodingError.typeMismatch(_, context) {
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw ValidationError(field: "definition", "has a wrong value at \(path)")
    } catch {
      throw ValidationError(field: "definition", "cannot be read: \(error)")
    }
  }
}

public enum ReportEntity: String, Codable, CaseIterable, Hashable, Sendable {
  case deals, contacts, companies, activities

  public static func parse(_ text: String) throws(ValidationError) -> ReportEntity {
    guard let entity = ReportEntity(rawValue: text.lowercased()) else {
      throw ValidationError(
        field: "entity",
        "\"\(text)\" is not one of \(allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return entity
  }
}

public enum FilterOperator: String, Codable, CaseIterable, Hashable, Sendable {
  case equal = "="
  case notEqual = "!="
  case lessOrEqual = "<="
  case greaterOrEqual = ">="
  case less = "<"
  case greater = ">"
  /// Contains, ignoring case.
  case contains = "~"
}

/// One condition: a field, an operator and a value as typed (`stage=Proposal`,
/// `value>=1000 EUR`, `closeDate<2026-04-01`, `title~acme`, `tag=vip`).
public struct ReportFilter: Codable, Hashable, Sendable {
  public var field: String
  public var op: FilterOperator
  public var value: String

  public init(field: String, op: FilterOperator, value: String) {
    self.field = field
    self.op = op
    self.value = value
  }

  public init(parsing text: String) throws(ValidationError) {
    // The first operator in the text; two-character ones before their one-character starts.
    let operators: [FilterOperator] = [
      .notEqual, .lessOrEqual, .greaterOrEqual, .equal, .less, .greater, .contains,
    ]
    var best: (Range<String.Index>, FilterOperator)?
    for op in operators {
      if let range = text.range(of: op.rawValue),
        best == nil || range.lowerBound < best!.0.lowerBound
          || (range.lowerBound == best!.0.lowerBound && op.rawValue.count > best!.1.rawValue.count)
      {
        best = (range, op)
      }
    }
    guard let (range, op) = best else {
      throw ValidationError(
        field: "filter",
        "\"\(text)\" has no operator (one of \(FilterOperator.allCases.map(\.rawValue).joined(separator: " ")))"
      )
    }
    let field = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
    let value = text[range.upperBound...].trimmingCharacters(in: .whitespaces)
    guard !field.isEmpty else {
      throw ValidationError(field: "filter", "\"\(text)\" names no field")
    }
    self.init(field: field, op: op, value: value)
  }

  public var text: String { field + op.rawValue + value }
}

/// What rows are grouped by: a field such as stage or owner, or the month of a date field
/// (`month:closeDate`).
public struct ReportGroup: Codable, Hashable, Sendable {
  public var field: String
  /// Set for a month group: the date field.
  public var monthOf: String?

  public init(field: String, monthOf: String? = nil) {
    self.field = field
    self.monthOf = monthOf
  }

  public init(parsing text: String) throws(ValidationError) {
    let parts = text.split(separator: ":", maxSplits: 1).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    if parts.count == 2, parts[0].lowercased() == "month" {
      guard !parts[1].isEmpty else {
        throw ValidationError(field: "group", "\"\(text)\" names no date field")
      }
      self.init(field: "month", monthOf: parts[1])
    } else {
      guard parts.count == 1, !parts[0].isEmpty else {
        throw ValidationError(
          field: "group", "\"\(text)\" is not a group (e.g. stage, month:closeDate)")
      }
      self.init(field: parts[0])
    }
  }

  public var text: String { monthOf.map { "month:\($0)" } ?? field }
}

public enum MeasureFunction: String, Codable, CaseIterable, Hashable, Sendable {
  case count, sum, avg, min, max
}

/// A figure per group: `count`, or `sum|avg|min|max:FIELD` of a numeric field.
public struct ReportMeasure: Codable, Hashable, Sendable {
  public var function: MeasureFunction
  public var field: String?

  public init(_ function: MeasureFunction, _ field: String? = nil) {
    self.function = function
    self.field = field
  }

  public init(parsing text: String) throws(ValidationError) {
    let parts = text.split(separator: ":", maxSplits: 1).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard let function = MeasureFunction(rawValue: parts.first?.lowercased() ?? "") else {
      throw ValidationError(
        field: "measure",
        "\"\(text)\" is not one of \(MeasureFunction.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    if function == .count {
      guard parts.count == 1 else {
        throw ValidationError(field: "measure", "count takes no field (\"\(text)\")")
      }
      self.init(.count)
    } else {
      guard parts.count == 2, !parts[1].isEmpty else {
        throw ValidationError(
          field: "measure", "\(function.rawValue) needs a field, e.g. \(function.rawValue):value")
      }
      self.init(function, parts[1])
    }
  }

  public var text: String { field.map { "\(function.rawValue):\($0)" } ?? function.rawValue }
}

/// A report saved by name.
public struct SavedReport: Identifiable, Hashable, Sendable, Codable {
  public var id: String
  public var name: String
  /// The `ReportSpec` as JSON: read when run, so a damaged one is reported, not hidden.
  public var definition: String
  public var createdAt: Date
  public var updatedAt: Date

  public init(
    id: String = UUIDv7.generate(), name: String, spec: ReportSpec, createdAt: Date = Date()
  ) {
    self.id = id
    self.name = name
    self.definition = spec.json()
    self.createdAt = createdAt
    self.updatedAt = createdAt
  }

  public func validate() throws(ValidationError) {
    try Check.notBlank(name, field: "name")
    try Check.maxLength(name, 100, field: "name")
    try Check.printable(name, field: "name")
  }
}
