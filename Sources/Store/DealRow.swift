import Foundation
import GRDB
import Model

/// Decoding a deal straight from its row. The board reads a hundred cards per frame, and
/// the generic Codable path cost about 20 µs a card; reading the columns directly is a
/// fraction of that. Columns are the same as Deal's coding keys (see Schema.swift).
extension Deal {
  public init(row: Row) throws {
    let code: String = row["currency"]
    guard let currency = Currency(code: code) else {
      throw StoreError.conflict("deal \(row["id"] as String? ?? "?") has unknown currency \(code)")
    }
    let priority: String = row["priority"]
    let closeDate: String? = row["closeDate"]
    self.init(
      id: row["id"], title: row["title"],
      value: Money(minorUnits: row["valueMinor"], currency: currency),
      priority: Priority(rawValue: priority) ?? .normal,
      closeDate: try closeDate.map { try Day.parse($0, field: "closeDate") },
      ownerId: row["ownerId"], companyId: row["companyId"], pipelineId: row["pipelineId"],
      stageId: row["stageId"], position: row["position"], lostReason: row["lostReason"],
      createdAt: row["createdAt"], updatedAt: row["updatedAt"],
      stageChangedAt: row["stageChangedAt"])
  }
}
