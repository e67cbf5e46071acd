import Foundation
import GRDB
import Model

/// What a built report gives: one row per group (and currency, for money).
public struct ReportResult: Sendable {
  public var spec: ReportSpec
  /// "stage", "month:closeDate", or nil with no group-by.
  public var groupName: String?
  /// "count", "sum:value", ... in the spec's order.
  public var measureNames: [String]
  public var perCurrency: Bool
  public var rows: [ReportRow]
}

public struct ReportRow: Sendable, Hashable {
  /// The group's name ("Proposal", "2026-03", "vip"); nil for no group or an empty one.
  public var label: String?
  public var currency: Currency?
  public var values: [ReportValue]
}

public enum ReportValue: Sendable, Hashable {
  case count(Int)
  case number(Double?)
  case money(Money?)

  /// For tables and CSV: money as its decimal string, other numbers plainly.
  public var text: String {
    switch self {
    case .count(let n): return String(n)
    case .number(let value?):
      return value == value.rounded() && abs(value) < 1e15
        ? String(Int64(value)) : String(format: "%.2f", value)
    case .money(let money?): return money.decimalString
    case .number(nil), .money(nil): return ""
    }
  }

  /// For charts.
  public var magnitude: Double {
    switch self {
    case .count(let n): return Double(n)
    case .number(let value): return value ?? 0
    case .money(let money): return Double(money?.minorUnits ?? 0)
    }
  }
}

extension Store {
  /// Runs a built report in SQL. Bad input (an unknown field, an operator the field does
  /// not take, a value of the wrong kind, a stage that does not exist) is a
  /// `ValidationError` naming it.
  public func runReport(_ spec: ReportSpec, zone: TimeZone = .current) throws -> ReportResult {
    try reader.read { db in
      let query = try ReportQuery(spec, zone: zone, db: db)
      var rows: [ReportRow] = []
      let cursor = try Row.fetchCursor(db, sql: query.sql, arguments: query.arguments)
      while let row = try cursor.next() {
        let currency = (row["cur"] as String?).flatMap(Currency.init(code:))
        let values = query.measures.enumerated().map { index, entry -> ReportValue in
          let value: DatabaseValue = row[2 + index]
          switch (entry.measure.function, entry.field?.kind) {
          case (.count, _): return .count(Int.fromDatabaseValue(value) ?? 0)
          case (_, .money?):
            guard let currency, let amount = Double.fromDatabaseValue(value) else {
              return .money(nil)
            }
            return .money(Money(minorUnits: Int64(amount.rounded()), currency: currency))
          default: return .number(Double.fromDatabaseValue(value))
          }
        }
        let label: DatabaseValue = row[0]
        rows.append(
          ReportRow(
            label: label.isNull ? nil : String.fromDatabaseValue(label) ?? "\(label)",
            currency: currency, values: values))
      }
      return ReportResult(
        spec: spec, groupName: spec.group?.text, measureNames: spec.measures.map(\.text),
        perCurrency: query.perCurrency, rows: rows)
    }
  }
}
