import Foundation
import GRDB
import Model

extension SavedReport: StoredRecord {
  static let entity = Entity.report
  public static let databaseTableName = Entity.report.table
}

extension Store {
  /// Saves `spec` as `name`: a new report, or with `replace` a new definition for the one
  /// of that name. The spec is checked first (every field, operator and value), so a report
  /// that cannot run is never saved.
  @discardableResult
  public func saveReport(
    name: String, spec: ReportSpec, replace: Bool = false, now: Date = Date()
  ) throws -> SavedReport {
    let name = name.trimmingCharacters(in: .whitespaces)
    return try mutate("save report \(name)", now: now) { w in
      _ = try ReportQuery(spec, zone: .current, db: w.db)
      var report = SavedReport(name: name, spec: spec, createdAt: w.now)
      try validated { () throws(ValidationError) in try report.validate() }
      if let old = try Self.savedReport(w.db, name: name) {
        guard replace else {
          throw StoreError.conflict(
            "a report named \"\(old.name)\" exists (save with --replace to change it)")
        }
        report = old
        report.definition = spec.json()
        report.updatedAt = w.now
        try w.update(report, from: old)
        return report
      }
      try w.insert(report)
      return report
    }
  }

  /// Saved reports by name.
  public func savedReports() throws -> [SavedReport] {
    try reader.read { db in
      try SavedReport.fetchAll(
        db, sql: "SELECT * FROM saved_reports WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id")
    }
  }

  public func savedReport(named name: String) throws -> SavedReport {
    try reader.read { db in
      guard let report = try Self.savedReport(db, name: name) else {
        throw StoreError.notFound(entity: "report", key: name)
      }
      return report
    }
  }

  public func deleteReport(named name: String, now: Date = Date()) throws {
    try mutate("delete report \(name)", now: now) { w in
      guard let report = try Self.savedReport(w.db, name: name) else {
        throw StoreError.notFound(entity: "report", key: name)
      }
      try w.delete(.report, report.id)
    }
  }

  /// Runs the saved report `name`. A definition that no longer reads (damaged, or naming a
  /// stage since deleted) is an error that names the report and what is wrong.
  public func runSavedReport(named name: String, zone: TimeZone = .current) throws -> ReportResult {
    let report = try savedReport(named: name)
    let spec: ReportSpec
    do {
      spec = try ReportSpec(json: report.definition)
    } catch {
      throw StoreError.conflict("saved report \"\(report.name)\": \(error.description)")
    }
    do {
      return try runReport(spec, zone: zone)
    } catch let error as ValidationError {
      throw StoreError.conflict("saved report \"\(report.name)\": \(error.description)")
    }
  }

  static func savedReport(_ db: Database, name: String) throws -> SavedReport? {
    try SavedReport.fetchOne(
      db,
      sql: "SELECT * FROM saved_reports WHERE deleted = 0 AND name = ? COLLATE NOCASE LIMIT 1",
      arguments: [name.trimmingCharacters(in: .whitespaces)])
  }
}
