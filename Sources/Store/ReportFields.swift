import Foundation
import Model

/// The fields the report builder knows per entity, and how each reads in SQL. Only these
/// reach SQL: a field name is looked up here, never pasted into a query.
struct ReportField {
  enum Kind {
    case text
    /// A fixed set of lower-case words (priority, activity kind, stage status).
    case choice([String])
    /// Minor units, with the row's currency in `t.currency`.
    case money
    case number
    /// `YYYY-MM-DD` text.
    case day
    /// A timestamp.
    case moment
    case bool
    /// An id pointing at `table`, shown and matched by `label` (a column of that table).
    case lookup(table: String, label: String)
    /// The JSON array of strings in `t.tags`.
    case tags
  }

  let name: String
  /// The expression on the entity's row, aliased `t`.
  let sql: String
  let kind: Kind

  init(_ name: String, _ sql: String, _ kind: Kind) {
    self.name = name
    self.sql = sql
    self.kind = kind
  }

  var isNumeric: Bool {
    switch kind {
    case .money, .number: return true
    default: return false
    }
  }

  var isDate: Bool {
    switch kind {
    case .day, .moment: return true
    default: return false
    }
  }

  /// Whether rows can be grouped by it: the names of other records, fixed choices, tags,
  /// currency (and a date's month, through `month:`).
  var isGroupable: Bool {
    switch kind {
    case .lookup, .choice, .tags: return true
    default: return name == "currency"
    }
  }
}

extension ReportEntity {
  var table: String {
    switch self {
    case .deals: return "deals"
    case .contacts: return "contacts"
    case .companies: return "companies"
    case .activities: return "activities"
    }
  }

  var fields: [ReportField] {
    let users = ReportField.Kind.lookup(table: "users", label: "name")
    let companies = ReportField.Kind.lookup(table: "companies", label: "name")
    let priorities = ReportField.Kind.choice(Priority.allCases.map(\.rawValue))
    let stamps = [
      ReportField("createdAt", "t.createdAt", .moment),
      ReportField("updatedAt", "t.updatedAt", .moment),
    ]
    switch self {
    case .deals:
      return [
        ReportField("title", "t.title", .text), ReportField("value", "t.valueMinor", .money),
        ReportField("currency", "t.currency", .text),
        ReportField("priority", "t.priority", priorities),
        ReportField("closeDate", "t.closeDate", .day),
        ReportField("stageChangedAt", "t.stageChangedAt", .moment),
        ReportField("stage", "t.stageId", .lookup(table: "stages", label: "name")),
        ReportField(
          "status", "(SELECT kind FROM stages WHERE id = t.stageId)",
          .choice(StageKind.allCases.map(\.rawValue))),
        ReportField("pipeline", "t.pipelineId", .lookup(table: "pipelines", label: "name")),
        ReportField("owner", "t.ownerId", users), ReportField("company", "t.companyId", companies),
        ReportField("lostReason", "t.lostReason", .text),
      ] + stamps
    case .contacts:
      return [
        ReportField("firstName", "t.firstName", .text),
        ReportField("lastName", "t.lastName", .text),
        ReportField("title", "t.title", .text), ReportField("company", "t.companyId", companies),
        ReportField("owner", "t.ownerId", users), ReportField("tag", "t.tags", .tags),
        ReportField("emailOptOut", "t.emailOptOut", .bool),
      ] + stamps
    case .companies:
      return [
        ReportField("name", "t.name", .text), ReportField("domain", "t.domain", .text),
        ReportField("industry", "t.industry", .text), ReportField("phone", "t.phone", .text),
        ReportField("owner", "t.ownerId", users),
      ] + stamps
    case .activities:
      return [
        ReportField("kind", "t.kind", .choice(ActivityKind.allCases.map(\.rawValue))),
        ReportField("title", "t.title", .text), ReportField("priority", "t.priority", priorities),
        ReportField("dueAt", "t.dueAt", .moment), ReportField("startAt", "t.startAt", .moment),
        ReportField("doneAt", "t.doneAt", .moment),
        ReportField("done", "(t.doneAt IS NOT NULL)", .bool),
        ReportField("owner", "t.assigneeId", users),
        ReportField("company", "t.companyId", companies),
        ReportField("deal", "t.dealId", .lookup(table: "deals", label: "title")),
        ReportField("duration", "t.callDurationSeconds", .number),
      ] + stamps
    }
  }

  func field(_ name: String, for role: String) throws(ValidationError) -> ReportField {
    guard let field = fields.first(where: { $0.name.lowercased() == name.lowercased() }) else {
      throw ValidationError(
        field: role,
        "\(rawValue) have no field \"\(name)\" (one of \(fields.map(\.name).joined(separator: ", ")))"
      )
    }
    return field
  }
}

/// What a screen may offer the builder's user for an entity: every check still happens when
/// the report is run, these only spare them typing a name the entity does not have.
extension ReportEntity {
  /// The fields a filter may name, in the order they are listed.
  public var filterFields: [String] { fields.map(\.name) }

  /// Each group the entity takes: its groupable fields, then the month of each date field.
  public var groupChoices: [ReportGroup] {
    fields.filter(\.isGroupable).map { ReportGroup(field: $0.name) }
      + fields.filter(\.isDate).map { ReportGroup(field: "month", monthOf: $0.name) }
  }

  /// count, then sum, avg, min and max of each numeric field.
  public var measureChoices: [ReportMeasure] {
    [ReportMeasure(.count)]
      + fields.filter(\.isNumeric).flatMap { field in
        [MeasureFunction.sum, .avg, .min, .max].map { ReportMeasure($0, field.name) }
      }
  }
}
