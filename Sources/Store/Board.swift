import Foundation
import GRDB
import Model

/// What the board draws: per stage its totals and the first cards. Built from one indexed
/// read per stage and the trigger-kept totals, never from the whole deals table.
public struct Board: Sendable {
  public var pipeline: Pipeline
  public var columns: [BoardColumn]
}

public struct BoardColumn: Sendable {
  public var stage: Stage
  public var count: Int
  /// One total per currency: money is never summed across currencies.
  public var totals: [Money]
  /// Totals weighted by the stage's probability, rounded half up to the minor unit.
  public var weighted: [Money]
  /// The first cards of the stage, in order; more are paged with `cards(stageId:...)`.
  public var cards: [DealCard]
}

/// A deal as a card: the names it shows and its next open activity.
public struct DealCard: Sendable, Hashable {
  public var deal: Deal
  public var companyName: String?
  public var ownerName: String?
  public var nextActivityTitle: String?
  public var nextActivityAt: Date?
  /// When the next activity becomes overdue by Model's rules (a meeting at its end, an
  /// all-day task after its day), kept as a moment so a board left open turns it red on time.
  public var nextActivityDeadline: Date?
  public var nextActivityAllDay = false

  /// Whether the next activity is overdue at `now`, as `Overdue.isOverdue` decides.
  public func isNextActivityOverdue(now: Date) -> Bool {
    guard let deadline = nextActivityDeadline else { return false }
    return nextActivityAllDay ? now >= deadline : now > deadline
  }
}

extension Store {
  /// The board of a pipeline (the first one when nil) with up to `cardsPerStage` cards each.
  /// With `filter`, only the cards whose title, company, owner or priority contains the text
  /// are shown, and each column counts just those.
  ///
  /// `afterWrite` reads on the connection that just wrote (see below).
  ///
  /// With `cardsOf`, only those stages' cards are read (the others come back with no cards):
  /// after a move only the two columns it touched change, and the counts and totals of all.
  public func board(
    pipelineId: String? = nil, cardsPerStage: Int = 50, filter: String? = nil,
    cardsOf: Set<String>? = nil, afterWrite: Bool = false
  ) throws -> Board? {
    let filter = filter.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
    let read = { (db: Database) throws -> Board? in
      guard let id = try pipelineId ?? Self.firstPipelineId(db),
        let pipeline = try Pipeline.filter(key: ["id": id]).fetchOne(db)
      else { return nil }
      let stages = try Self.stages(db, pipelineId: id)
      var totals: [String: [(String, Int, Int64)]] = [:]
      for row in try Row.fetchAll(
        db,
        sql: """
          SELECT t.stageId, t.currency, t.count, t.total FROM stage_totals t
          JOIN stages s ON s.id = t.stageId
          WHERE s.pipelineId = ? AND t.count > 0 ORDER BY t.currency
          """, arguments: [id])
      {
        totals[row["stageId"], default: []].append((row["currency"], row["count"], row["total"]))
      }
      if let filter {
        totals = try Self.filteredTotals(db, pipelineId: id, filter: filter)
      }
      let columns = try stages.map { stage in
        let sums = totals[stage.id] ?? []
        let money = sums.compactMap { entry in
          Currency(code: entry.0).map { Money(minorUnits: entry.2, currency: $0) }
        }
        return BoardColumn(
          stage: stage, count: sums.reduce(0) { $0 + $1.1 }, totals: money,
          weighted: money.map { Self.weight($0, by: stage.probability) },
          cards: cardsOf.map { !$0.contains(stage.id) } ?? false
            ? []
            : try Self.cards(db, stageId: stage.id, offset: 0, limit: cardsPerStage, filter: filter)
        )
      }
      return Board(pipeline: pipeline, columns: columns)
    }
    // Right after this process wrote, the writer's page cache is the warm one: any other
    // connection must drop its cache and read the pages again (a third of a move's time).
    if afterWrite { return try pool.writeWithoutTransaction { try read($0) } }
    return try reader.read(read)
  }

  /// A page of one stage's cards.
  public func cards(stageId: String, offset: Int, limit: Int, filter: String? = nil) throws
    -> [DealCard]
  {
    try reader.read { db in
      try Self.cards(db, stageId: stageId, offset: offset, limit: limit, filter: filter)
    }
  }

  /// The condition a filtered board adds: the text anywhere in the title, company or owner
  /// name, or the priority's name.
  static let filterCondition = """
    (d.title LIKE ?1 ESCAPE '!' OR d.priority = ?2
      OR EXISTS (SELECT 1 FROM companies c WHERE c.id = d.companyId AND c.name LIKE ?1 ESCAPE '!')
      OR EXISTS (SELECT 1 FROM users u WHERE u.id = d.ownerId AND u.name LIKE ?1 ESCAPE '!'))
    """

  static func likePattern(_ text: String) -> String {
    let escaped = text.trimmingCharacters(in: .whitespaces)
      .replacingOccurrences(of: "!", with: "!!")
      .replacingOccurrences(of: "%", with: "!%")
      .replacingOccurrences(of: "_", with: "!_")
    return "%" + escaped + "%"
  }

  static func filteredTotals(_ db: Database, pipelineId: String, filter: String) throws
    -> [String: [(String, Int, Int64)]]
  {
    var totals: [String: [(String, Int, Int64)]] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT d.stageId, d.currency, count(*) AS count, sum(d.valueMinor) AS total FROM deals d
        WHERE d.deleted = 0 AND d.pipelineId = ?3 AND \(filterCondition)
        GROUP BY d.stageId, d.currency ORDER BY d.currency
        """, arguments: [likePattern(filter), filter.lowercased(), pipelineId])
    {
      totals[row["stageId"], default: []].append((row["currency"], row["count"], row["total"]))
    }
    return totals
  }

  static func cards(
    _ db: Database, stageId: String, offset: Int, limit: Int, filter: String? = nil
  ) throws -> [DealCard] {
    guard let filter else {
      return try cardRows(db, where: "stageId = ?", [stageId], limit: limit, offset: offset)
    }
    let ids = try String.fetchAll(
      db,
      sql: """
        SELECT d.id FROM deals d WHERE d.deleted = 0 AND d.stageId = ?3 AND \(filterCondition)
        ORDER BY d.position, d.id LIMIT ?4 OFFSET ?5
        """, arguments: [likePattern(filter), filter.lowercased(), stageId, limit, offset])
    return try ids.flatMap { id in try cardRows(db, where: "id = ?", [id], limit: 1, offset: 0) }
  }

  private static func cardRows(
    _ db: Database, where condition: String, _ arguments: StatementArguments, limit: Int,
    offset: Int
  ) throws -> [DealCard] {
    // A cursor, not fetchAll: its rows look columns up through the statement's index,
    // where copied rows search by name; per card that was most of the board's time.
    let rows = try Row.fetchCursor(
      db,
      sql: """
        SELECT d.*, c.name AS companyName, u.name AS ownerName, a.title AS nextTitle,
          a.nextAt AS nextAt, a.kind AS nextKind, a.dueAt AS nextDueAt,
          a.startAt AS nextStartAt, a.endAt AS nextEndAt, a.allDay AS nextAllDay
        FROM (SELECT * FROM deals WHERE deleted = 0 AND \(condition)
              ORDER BY position, id LIMIT ? OFFSET ?) d
        LEFT JOIN companies c ON c.id = d.companyId
        LEFT JOIN users u ON u.id = d.ownerId
        LEFT JOIN (
          SELECT dealId, title, kind, dueAt, startAt, endAt, allDay,
            min(coalesce(startAt, dueAt)) AS nextAt FROM activities
          WHERE deleted = 0 AND doneAt IS NULL AND recurrence IS NULL AND dealId IN (
            SELECT id FROM deals WHERE deleted = 0 AND \(condition)
            ORDER BY position, id LIMIT ? OFFSET ?)
          GROUP BY dealId
        ) a ON a.dealId = d.id
        ORDER BY d.position, d.id
        """, arguments: arguments + [limit, offset] + arguments + [limit, offset])
    var cards: [DealCard] = []
    while let row = try rows.next() {
      var card = DealCard(
        deal: try Deal(row: row), companyName: row["companyName"], ownerName: row["ownerName"],
        nextActivityTitle: row["nextTitle"], nextActivityAt: row["nextAt"])
      // SQLite gives the bare columns of the row that holds min(): the next activity's own.
      if let kindName: String = row["nextKind"], let kind = ActivityKind(rawValue: kindName) {
        let allDay: Bool = row["nextAllDay"] ?? false
        card.nextActivityAllDay = allDay
        card.nextActivityDeadline = Overdue.deadline(
          kind: kind, dueAt: row["nextDueAt"], startAt: row["nextStartAt"],
          endAt: row["nextEndAt"], allDay: allDay, zone: .current)
      }
      cards.append(card)
    }
    return try withNextOccurrences(db, cards)
  }

  static func weight(_ money: Money, by probability: Int) -> Money {
    let (product, overflow) = money.minorUnits.multipliedReportingOverflow(by: Int64(probability))
    let weighted = overflow ? money.minorUnits / 100 * Int64(probability) : (product + 50) / 100
    return Money(minorUnits: weighted, currency: money.currency)
  }
}
