import Foundation
import GRDB
import Model

/// Sales performance: per owner, what they won and lost in a period.
public struct PerformanceReport: Sendable {
  public var period: ReportPeriod
  /// The trend's buckets: weeks for a period up to about three months, else months.
  public var buckets: [ReportPeriod]
  /// Owners with a deal won or lost in the period, most won first; "no owner" last.
  public var owners: [OwnerPerformance]
}

public struct OwnerPerformance: Sendable {
  /// nil: deals with no owner.
  public var ownerId: String?
  public var ownerName: String?
  public var won: Int
  public var lost: Int
  /// Won value per currency.
  public var wonValue: [Money]
  /// Won value over won count, per currency (rounded half up).
  public var averageDeal: [Money]
  /// Won over won plus lost; nil when nothing closed.
  public var winRate: Double?
  /// Mean days from a won deal's creation to its win.
  public var cycleDays: Double?
  /// Deals won per bucket of the report's trend.
  public var trend: [Int]
}

extension Store {
  /// Performance over `options.period` (default: this month). A deal counts as won (or
  /// lost) in the period when it is in a won (lost) stage now and entered it in the period:
  /// a deal won and reopened is not a win.
  public func performanceReport(_ options: ReportOptions) throws -> PerformanceReport {
    try reader.read { db in
      let scope = try ReportScope(db, options, defaultToFirstPipeline: false)
      let period =
        options.period ?? ReportPeriod.month(containing: options.now, zone: options.zone)
      let buckets = period.trendBuckets(zone: options.zone)
      let (conditions, arguments) = scope.dealConditions
      struct Totals {
        var name: String?
        var won = 0
        var lost = 0
        var value = CurrencySums()
        var perCurrency: [String: Int] = [:]
        var cycle = 0.0
        var trend: [Int]
      }
      var owners: [String: Totals] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT coalesce(d.ownerId, '') AS owner, u.name AS ownerName, s.kind, d.currency,
            count(*) AS n, sum(d.valueMinor) AS total,
            sum(julianday(d.stageChangedAt) - julianday(d.createdAt)) AS cycle
          FROM deals d JOIN stages s ON s.id = d.stageId
          LEFT JOIN users u ON u.id = d.ownerId
          WHERE d.deleted = 0 AND s.kind IN ('won', 'lost')
            AND d.stageId IN (SELECT id FROM stages WHERE kind IN ('won', 'lost'))
            AND d.stageChangedAt >= ?
            AND d.stageChangedAt < ?\(conditions)
          GROUP BY owner, s.kind, d.currency
          """, arguments: [period.start, period.end] + arguments)
      {
        let owner: String = row["owner"]
        var entry = owners[owner] ?? Totals(trend: [Int](repeating: 0, count: buckets.count))
        entry.name = row["ownerName"]
        let n: Int = row["n"]
        if row["kind"] == "won" {
          entry.won += n
          entry.value.add(row["currency"], row["total"])
          entry.perCurrency[row["currency"], default: 0] += n
          entry.cycle += row["cycle"] as Double
        } else {
          entry.lost += n
        }
        owners[owner] = entry
      }
      let (bucket, bucketArguments) = bucketCase("d.stageChangedAt", buckets)
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT coalesce(d.ownerId, '') AS owner, \(bucket) AS bucket, count(*) AS n
          FROM deals d
          WHERE d.deleted = 0 AND d.stageId IN (SELECT id FROM stages WHERE kind = 'won')
            AND d.stageChangedAt >= ? AND d.stageChangedAt < ?\(conditions)
          GROUP BY owner, bucket
          """, arguments: bucketArguments + [period.start, period.end] + arguments)
      {
        let index: Int = row["bucket"]
        if buckets.indices.contains(index) { owners[row["owner"]]?.trend[index] = row["n"] }
      }
      let figures = owners.map { id, t in
        OwnerPerformance(
          ownerId: id.isEmpty ? nil : id, ownerName: t.name, won: t.won, lost: t.lost,
          wonValue: t.value.money,
          averageDeal: t.value.money.map { money in
            let n = Int64(t.perCurrency[money.currency.code] ?? 1)
            return Money(minorUnits: (money.minorUnits + n / 2) / n, currency: money.currency)
          },
          winRate: t.won + t.lost > 0 ? Double(t.won) / Double(t.won + t.lost) : nil,
          cycleDays: t.won > 0 ? t.cycle / Double(t.won) : nil, trend: t.trend)
      }
      return PerformanceReport(
        period: period, buckets: buckets,
        owners: figures.sorted { a, b in
          if (a.ownerId == nil) != (b.ownerId == nil) { return b.ownerId == nil }
          if a.won != b.won { return a.won > b.won }
          return (a.ownerName ?? "") < (b.ownerName ?? "")
        })
    }
  }
}
