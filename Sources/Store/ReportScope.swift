import Foundation
import GRDB
import Model

/// What the built-in reports are asked: which pipeline and owner, which period, and the
/// moment and zone "now", "overdue" and month boundaries are judged in.
///
///     let options = ReportOptions(pipeline: "Sales", owner: "Ana", now: Date(), zone: .current)
///     let report = try store.pipelineReport(options)
public struct ReportOptions: Sendable {
  /// A pipeline by name or id; nil: the first (pipeline report), every one (the others).
  public var pipeline: String?
  /// A user by name, email or id; nil: everyone.
  public var owner: String?
  /// nil: each report's default (see the report).
  public var period: ReportPeriod?
  public var now: Date
  public var zone: TimeZone
  /// The pipeline report's funnel and time in stage for everyone over all history come
  /// from v16's kept rows; false walks the history as an owner's or a period's do (crm-bench
  /// times both, and tests check they agree).
  public var keptHistory: Bool

  public init(
    pipeline: String? = nil, owner: String? = nil, period: ReportPeriod? = nil,
    now: Date = Date(), zone: TimeZone = .current, keptHistory: Bool = true
  ) {
    self.pipeline = pipeline
    self.owner = owner
    self.period = period
    self.now = now
    self.zone = zone
    self.keptHistory = keptHistory
  }
}

/// The options resolved to ids, and the SQL conditions they add on `deals d`.
struct ReportScope {
  var pipeline: Pipeline?
  var ownerId: String?

  init(_ db: Database, _ options: ReportOptions, defaultToFirstPipeline: Bool) throws {
    if let name = options.pipeline {
      pipeline = try Store.pipeline(db, named: name)
    } else if defaultToFirstPipeline, let id = try Store.firstPipelineId(db) {
      pipeline = try Pipeline.filter(key: ["id": id]).fetchOne(db)
    }
    ownerId = try options.owner.map { try Store.user(db, named: $0).id }
  }

  /// " AND ..." for the deals aliased `d`, and its arguments.
  var dealConditions: (sql: String, arguments: StatementArguments) {
    var sql = ""
    var arguments = StatementArguments()
    if let pipeline {
      // As its stages, so the per-stage report index answers (a deal's stage is always of
      // its pipeline).
      sql += " AND d.stageId IN (SELECT id FROM stages WHERE pipelineId = ?)"
      arguments += [pipeline.id]
    }
    if let ownerId {
      sql += " AND d.ownerId = ?"
      arguments += [ownerId]
    }
    return (sql, arguments)
  }
}

/// `CASE WHEN column < end0 THEN 0 WHEN column < end1 THEN 1 ... END`: which of `buckets`
/// (in order, adjoining) a moment falls in, so one query counts them all.
func bucketCase(_ column: String, _ buckets: [ReportPeriod]) -> (String, StatementArguments) {
  guard !buckets.isEmpty else { return ("0", []) }
  var sql = "CASE"
  var arguments = StatementArguments()
  for (index, bucket) in buckets.enumerated() {
    sql += " WHEN \(column) < ? THEN \(index)"
    arguments += [bucket.end]
  }
  return (sql + " END", arguments)
}

/// Per-currency sums as SQL returns them, made into money in code order.
struct CurrencySums {
  private(set) var minor: [String: Int64] = [:]
  private(set) var counts: [String: Int] = [:]

  mutating func add(_ code: String, _ amount: Int64, count: Int = 0) {
    minor[code, default: 0] += amount
    counts[code, default: 0] += count
  }

  var money: [Money] {
    minor.keys.sorted().compactMap { code in
      Currency(code: code).map { Money(minorUnits: minor[code]!, currency: $0) }
    }
  }
}
