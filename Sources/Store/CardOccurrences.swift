import Foundation
import GRDB
import Model

/// The board card's next activity for a deal with a recurring one: the series' first
/// occurrence missed within the overdue window (`Activity.occurrenceWindow`), else its next
/// one, not the series' start (a weekly meeting that began a year ago is not a year
/// overdue). The card's SQL reads the activities that happen once; this adds the series.
extension Store {
  static func withNextOccurrences(
    _ db: Database, _ cards: [DealCard], now: Date = Date(), zone: TimeZone = .current
  ) throws -> [DealCard] {
    guard !cards.isEmpty else { return cards }
    let ids = cards.map(\.deal.id)
    let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
    let series = try Activity.fetchAll(
      db,
      sql: """
        SELECT * FROM activities
        WHERE deleted = 0 AND doneAt IS NULL AND recurrence IS NOT NULL
          AND dealId IN (\(marks))
        """, arguments: StatementArguments(ids))
    guard !series.isEmpty else { return cards }
    var next: [String: (Date, Activity)] = [:]
    let from = now.addingTimeInterval(-Activity.occurrenceWindow)
    for activity in series {
      guard let dealId = activity.dealId, let start = activity.when,
        let rule = activity.recurrence,
        let at = rule.nextOccurrence(
          start: start, onOrAfter: from, timeZone: rule.zone(fallback: zone))
      else { continue }
      if next[dealId].map({ at < $0.0 }) ?? true { next[dealId] = (at, activity) }
    }
    return cards.map { card in
      guard let (at, activity) = next[card.deal.id],
        card.nextActivityAt.map({ at < $0 }) ?? true
      else { return card }
      var card = card
      card.nextActivityAt = at
      card.nextActivityTitle = activity.title
      // The occurrence keeps the series' length, so a meeting is overdue at its own end.
      let shift = activity.when.map { at.timeIntervalSince($0) } ?? 0
      card.nextActivityAllDay = activity.allDay
      card.nextActivityDeadline = Overdue.deadline(
        kind: activity.kind, dueAt: activity.dueAt?.addingTimeInterval(shift),
        startAt: activity.startAt?.addingTimeInterval(shift),
        endAt: activity.endAt?.addingTimeInterval(shift), allDay: activity.allDay, zone: zone)
      return card
    }
  }
}
