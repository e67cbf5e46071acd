import Foundation
import Model
import Store
import XCTest

/// A hand-built team whose report figures are worked out by hand in the tests.
///
/// Pipeline "Sales" (the defaults): Qualification 10% rot 14 d, Contact made 25% rot 14,
/// Proposal 50% rot 21, Negotiation 75% rot 21, Won, Lost. Owners Alex Admin and Bea.
/// All on 2026-01-10 12:00 UTC (t0) unless said:
///
/// | deal    | value    | owner | history                                   | close      |
/// |---------|----------|-------|-------------------------------------------|------------|
/// | Alpha   | 1000 EUR | Alex  | Qualification                             | 2026-02-15 |
/// | Beta    | 2000 EUR | Alex  | Qual, Proposal +2 d (skips Contact made)  | 2026-03-10 |
/// | Gamma   |  500 USD | Alex  | Qual, Contact made +1 d, Negotiation +3 d; edited 02-01 | 2026-02-20 |
/// | Delta   | 3000 EUR | Bea   | Qual, Won 2026-01-31 23:30 UTC (1 Feb in Berlin) | -    |
/// | Epsilon |  700 USD | Bea   | Contact made, Lost +5 d                   | -          |
/// | Zeta    |  400 EUR | Bea   | Qual, created 2026-02-05 12:00            | 2026-01-05 |
/// | Eta     |  300 USD | Alex  | Qual, created 2026-02-05 12:00            | 2026-02-28 |
///
/// Reports are asked at 2026-02-10 12:00 UTC.
class ReportTestCase: StoreTestCase {
  let utc = TimeZone(identifier: "UTC")!
  let berlin = TimeZone(identifier: "Europe/Berlin")!

  func at(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text)!
  }

  var t0: Date { at("2026-01-10T12:00:00Z") }
  var reportNow: Date { at("2026-02-10T12:00:00Z") }
  var days: TimeInterval { 86_400 }

  func euros(_ units: Int64) -> Money { Money(minorUnits: units * 100, currency: .eur) }
  func dollars(_ units: Int64) -> Money { Money(minorUnits: units * 100, currency: .usd) }

  func options(
    owner: String? = nil, period: ReportPeriod? = nil, zone: TimeZone? = nil
  ) -> ReportOptions {
    ReportOptions(owner: owner, period: period, now: reportNow, zone: zone ?? utc)
  }

  func buildTeam() throws {
    try store.createUser(User(name: "Bea", email: "bea@example.com", role: .rep), now: t0)
    func deal(
      _ title: String, _ value: Money, _ owner: String, stage: String = "Qualification",
      close: String?, at: Date? = nil
    ) throws -> Deal {
      try store.createDeal(
        DealDraft(
          title: title, value: value, stage: stage, owner: owner,
          closeDate: try close.map { try Day.parse($0) }), now: at ?? t0)
    }
    _ = try deal("Alpha", euros(1000), "Alex Admin", close: "2026-02-15")
    let beta = try deal("Beta", euros(2000), "Alex Admin", close: "2026-03-10")
    try store.moveDeal(beta.id, toStage: "Proposal", now: t0 + 2 * days)
    let gamma = try deal("Gamma", dollars(500), "Alex Admin", close: "2026-02-20")
    try store.moveDeal(gamma.id, toStage: "Contact made", now: t0 + 1 * days)
    try store.moveDeal(gamma.id, toStage: "Negotiation", now: t0 + 3 * days)
    try store.editDeal(gamma.id, DealChanges(title: "Gamma II"), now: at("2026-02-01T12:00:00Z"))
    let delta = try deal("Delta", euros(3000), "Bea", close: nil)
    try store.moveDeal(delta.id, toStage: "Won", now: at("2026-01-31T23:30:00Z"))
    let epsilon = try deal("Epsilon", dollars(700), "Bea", stage: "Contact made", close: nil)
    try store.moveDeal(
      epsilon.id, toStage: "Lost", lostReason: "No budget", now: t0 + 5 * days)
    let feb5 = at("2026-02-05T12:00:00Z")
    _ = try deal("Zeta", euros(400), "Bea", close: "2026-01-05", at: feb5)
    _ = try deal("Eta", dollars(300), "Alex Admin", close: "2026-02-28", at: feb5)
  }
}
