import Foundation
import GRDB
import Model

/// A `ReportSpec` compiled to one SQL query: the rows are grouped and measured by SQLite,
/// and only the groups come back. Every field, operator and value is checked here, with an
/// error naming what is wrong; values reach SQL as arguments, never as text.
struct ReportQuery {
  let spec: ReportSpec
  let sql: String
  let arguments: StatementArguments
  /// Whether rows are split by currency (a money measure: money is never summed across
  /// currencies).
  let perCurrency: Bool
  let measures: [(measure: ReportMeasure, field: ReportField?)]

  init(_ spec: ReportSpec, zone: TimeZone, db: Database) throws {
    self.spec = spec
    let entity = spec.entity
    var conditions: [String] = ["t.deleted = 0"]
    var arguments = StatementArguments()
    for filter in spec.filters {
      let (sql, args) = try Self.condition(filter, entity, zone: zone, db: db)
      conditions.append(sql)
      arguments += args
    }
    measures = try spec.measures.map { measure in
      guard let name = measure.field else { return (measure, nil) }
      let field = try entity.field(name, for: "measure")
      guard field.isNumeric else {
        throw ValidationError(
          field: "measure", "\(measure.function.rawValue) needs a number; \(field.name) is not one")
      }
      return (measure, field)
    }
    perCurrency = measures.contains {
      if case .money? = $0.field?.kind { return true } else { return false }
    }
    let group = try Self.grouping(spec.group, entity, zone: zone)
    var from = "\(entity.table) t"
    if group.tags { from += ", json_each(t.tags) tag" }
    var inner = ["\(group.key) AS k"]
    if perCurrency { inner.append("t.currency AS cur") }
    for (index, (measure, field)) in measures.enumerated() {
      let expression: String
      switch measure.function {
      case .count: expression = "count(*)"
      default: expression = "\(measure.function.rawValue)(\(field!.sql))"
      }
      inner.append("\(expression) AS m\(index)")
    }
    let groupBy = perCurrency ? "k, cur" : "k"
    let outerColumns =
      ["\(group.label) AS label", perCurrency ? "cur" : "NULL AS cur"]
      + measures.indices.map { "m\($0)" }
    sql = """
      SELECT \(outerColumns.joined(separator: ", ")) FROM (
        SELECT \(inner.joined(separator: ", ")) FROM \(from)
        WHERE \(conditions.joined(separator: " AND ")) GROUP BY \(groupBy)
      ) ORDER BY \(group.order), cur
      """
    self.arguments = arguments
  }

  // MARK: Grouping

  private struct Grouping {
    var key: String
    var label: String
    var order: String
    var tags = false
  }

  private static func grouping(_ group: ReportGroup?, _ entity: ReportEntity, zone: TimeZone)
    throws -> Grouping
  {
    guard let group else { return Grouping(key: "NULL", label: "NULL", order: "1") }
    if let dateField = group.monthOf {
      let field = try entity.field(dateField, for: "group")
      switch field.kind {
      case .day: return Grouping(key: "substr(\(field.sql), 1, 7)", label: "k", order: "k")
      case .moment:
        // Months in the user's zone, at its offset now (a month boundary near a change of
        // summer time may be an hour off).
        let offset = zone.secondsFromGMT()
        return Grouping(
          key: "strftime('%Y-%m', \(field.sql), '\(offset) seconds')", label: "k", order: "k")
      default:
        throw ValidationError(field: "group", "month: needs a date field; \(field.name) is not one")
      }
    }
    let field = try entity.field(group.field, for: "group")
    guard field.isGroupable else {
      throw ValidationError(
        field: "group",
        "cannot group by \(field.name) (by \(entity.fields.filter(\.isGroupable).map(\.name).joined(separator: ", ")) or month:DATE)"
      )
    }
    switch field.kind {
    case .lookup(let table, let label):
      // Grouped by the id (an index can do it), named after: one lookup per group, not row.
      let name = "(SELECT \(label) FROM \(table) WHERE id = k)"
      let order =
        table == "stages"
        ? "(SELECT p.position FROM stages s JOIN pipelines p ON p.id = s.pipelineId WHERE s.id = k), (SELECT position FROM stages WHERE id = k)"
        : "k IS NULL, label COLLATE NOCASE"
      return Grouping(key: field.sql, label: name, order: order)
    case .tags:
      return Grouping(
        key: "tag.value", label: "k", order: "k IS NULL, k COLLATE NOCASE", tags: true)
    case .choice(let words):
      // In their natural order (low before urgent), not the alphabet's.
      let rank = words.enumerated().map { "WHEN '\($1)' THEN \($0)" }.joined(separator: " ")
      return Grouping(key: field.sql, label: "k", order: "CASE k \(rank) ELSE 99 END")
    default:
      return Grouping(key: field.sql, label: "k", order: "k")
    }
  }

  // MARK: Filters

  private static func condition(
    _ filter: ReportFilter, _ entity: ReportEntity, zone: TimeZone, db: Database
  ) throws -> (String, StatementArguments) {
    let field = try entity.field(filter.field, for: "filter")
    let op = filter.op
    let value = filter.value
    func refuse(_ allowed: [FilterOperator]) -> ValidationError {
      ValidationError(
        field: "filter",
        "\(field.name) takes \(allowed.map(\.rawValue).joined(separator: " ")), not \(op.rawValue)")
    }
    let equality: [FilterOperator] = [.equal, .notEqual, .contains]
    let ordered: [FilterOperator] = [
      .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual,
    ]
    let compare = op == .notEqual ? "<>" : op.rawValue
    switch field.kind {
    case .text:
      switch op {
      case .equal: return ("\(field.sql) = ? COLLATE NOCASE", [value])
      case .notEqual: return ("(\(field.sql) IS NULL OR \(field.sql) <> ? COLLATE NOCASE)", [value])
      case .contains: return ("\(field.sql) LIKE ? ESCAPE '!'", [Store.likePattern(value)])
      default: throw refuse(equality)
      }
    case .choice(let words):
      guard op == .equal || op == .notEqual else { throw refuse([.equal, .notEqual]) }
      guard words.contains(value.lowercased()) else {
        throw ValidationError(
          field: "filter",
          "\(field.name) is one of \(words.joined(separator: ", ")), not \"\(value)\"")
      }
      if entity == .deals && field.name == "status" {
        // As a set of stages, so an index on stageId answers it (not a lookup per row).
        let stages = "SELECT id FROM stages WHERE kind = ?"
        return ("t.stageId \(op == .equal ? "IN" : "NOT IN") (\(stages))", [value.lowercased()])
      }
      return ("\(field.sql) \(compare) ?", [value.lowercased()])
    case .money:
      guard ordered.contains(op) else { throw refuse(ordered) }
      let parts = value.split(separator: " ").map(String.init)
      guard parts.count == 2, let currency = Currency(code: parts[1].uppercased()),
        let money = Money(decimalString: parts[0], currency: currency)
      else {
        throw ValidationError(
          field: "filter",
          "\(field.name) compares with an amount and its currency, e.g. \(field.name)>=1000 EUR (not \"\(value)\")"
        )
      }
      return ("(t.currency = ? AND \(field.sql) \(compare) ?)", [currency.code, money.minorUnits])
    case .number:
      guard ordered.contains(op) else { throw refuse(ordered) }
      guard let number = Double(value) else {
        throw ValidationError(field: "filter", "\(field.name) needs a number, not \"\(value)\"")
      }
      return ("\(field.sql) \(compare) ?", [number])
    case .day:
      guard ordered.contains(op) else { throw refuse(ordered) }
      let day = try Day.parse(value, field: "filter")
      if op == .notEqual {
        return ("(\(field.sql) IS NULL OR \(field.sql) <> ?)", [day.description])
      }
      return ("\(field.sql) \(compare) ?", [day.description])
    case .moment:
      guard ordered.contains(op) else { throw refuse(ordered) }
      let day = try Day.parse(value, field: "filter")
      let start = day.start(in: zone)
      let end = day.adding(days: 1).start(in: zone)
      switch op {
      case .equal: return ("(\(field.sql) >= ? AND \(field.sql) < ?)", [start, end])
      case .notEqual:
        return ("(\(field.sql) IS NULL OR \(field.sql) < ? OR \(field.sql) >= ?)", [start, end])
      case .less: return ("\(field.sql) < ?", [start])
      case .lessOrEqual: return ("\(field.sql) < ?", [end])
      case .greater: return ("\(field.sql) >= ?", [end])
      default: return ("\(field.sql) >= ?", [start])
      }
    case .bool:
      guard op == .equal || op == .notEqual else { throw refuse([.equal, .notEqual]) }
      let truth: Bool
      switch value.lowercased() {
      case "true", "yes", "1": truth = true
      case "false", "no", "0": truth = false
      default:
        throw ValidationError(field: "filter", "\(field.name) is true or false, not \"\(value)\"")
      }
      return ("coalesce(\(field.sql), 0) \(compare) ?", [truth])
    case .lookup(let table, let label):
      let match: String
      let args: StatementArguments
      if op == .contains {
        match = "SELECT id FROM \(table) WHERE deleted = 0 AND \(label) LIKE ? ESCAPE '!'"
        args = [Store.likePattern(value)]
        return ("\(field.sql) IN (\(match))", args)
      }
      guard op == .equal || op == .notEqual else { throw refuse(equality) }
      if value.isEmpty || value.lowercased() == "none" {
        return ("\(field.sql) IS \(op == .equal ? "" : "NOT ")NULL", [])
      }
      match =
        "SELECT id FROM \(table) WHERE deleted = 0 AND (\(label) = ? COLLATE NOCASE OR id = ?)"
      args = [value, value.lowercased()]
      // A name that matches nothing is a typo more often than a question.
      guard try Bool.fetchOne(db, sql: "SELECT EXISTS (\(match))", arguments: args) ?? false else {
        throw ValidationError(field: "filter", "there is no \(field.name) \"\(value)\"")
      }
      if op == .equal { return ("\(field.sql) IN (\(match))", args) }
      return ("(\(field.sql) IS NULL OR \(field.sql) NOT IN (\(match)))", args)
    case .tags:
      let exists = "EXISTS (SELECT 1 FROM json_each(\(field.sql)) WHERE value "
      switch op {
      case .equal: return (exists + "= ? COLLATE NOCASE)", [value])
      case .notEqual: return ("NOT " + exists + "= ? COLLATE NOCASE)", [value])
      case .contains: return (exists + "LIKE ? ESCAPE '!')", [Store.likePattern(value)])
      default: throw refuse(equality)
      }
    }
  }
}
