import Foundation
import Model
import Store
import XCTest

/// A board card's next activity when the deal has a recurring one: its first occurrence
/// missed in the last 14 days, else its next, not the series' start; the earlier of that and
/// the activities that happen once.
final class CardOccurrenceTests: StoreTestCase {
  let day: TimeInterval = 86_400

  func card(_ dealId: String) throws -> DealCard? {
    try store.board()?.columns.flatMap(\.cards).first { $0.deal.id == dealId }
  }

  func testASeriesThatBeganLongAgoShowsItsNextOccurrence() throws {
    let now = Date()
    let deal = try store.createDeal(
      DealDraft(title: "Renewal", value: Money(minorUnits: 100_00, currency: .eur)), now: tick())
    let start = now.addingTimeInterval(-365 * day + 3_600)
    let weekly = try store.createActivity(
      Activity(
        kind: .meeting, title: "Weekly sync", startAt: start, dealId: deal.id,
        recurrence: Recurrence(.weekly)), now: tick())
    // Every occurrence of the last 14 days done on its own: the next one is in the future.
    for occurrence in Recurrence(.weekly).occurrences(
      start: start, in: now.addingTimeInterval(-15 * day)..<now, timeZone: .current)
    {
      try store.setOccurrenceDone(weekly.id, occurrence: occurrence, now: tick())
    }
    let shown = try XCTUnwrap(try card(deal.id))
    XCTAssertEqual(shown.nextActivityTitle, "Weekly sync")
    let next = try XCTUnwrap(shown.nextActivityAt)
    XCTAssertGreaterThanOrEqual(next, now)
    XCTAssertLessThan(next, now.addingTimeInterval(7 * day))
    // An earlier task that happens once comes first.
    try store.createActivity(
      Activity(
        kind: .task, title: "Send terms", dueAt: now.addingTimeInterval(-day), dealId: deal.id),
      now: tick())
    XCTAssertEqual(try card(deal.id)?.nextActivityTitle, "Send terms")
  }

  func testAMissedOccurrenceShowsOverdueButNotTheSeriesStart() throws {
    let now = Date()
    let deal = try store.createDeal(
      DealDraft(title: "Upsell", value: Money(minorUnits: 100_00, currency: .eur)), now: tick())
    let start = now.addingTimeInterval(-100 * day)
    try store.createActivity(
      Activity(
        kind: .task, title: "Daily check", dueAt: start, dealId: deal.id,
        recurrence: Recurrence(.daily)), now: tick())
    let next = try XCTUnwrap(try card(deal.id)?.nextActivityAt)
    XCTAssertLessThan(next, now, "missed: the card shows it overdue")
    XCTAssertGreaterThanOrEqual(next, now.addingTimeInterval(-14 * day), "not 100 days ago")
  }
}
