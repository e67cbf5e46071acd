import Foundation
import Model
import Store
import XCTest

/// A real SQLite store in a fresh temporary directory, removed when the test ends.
class StoreTestCase: XCTestCase {
  var directory: URL!
  var store: Store!
  /// The test's own wall clock: whole milliseconds (what SQLite keeps), one second per tick,
  /// so records read back compare equal to the ones written.
  var clock = Date(timeIntervalSince1970: 1_750_000_000)

  /// Whether `setUp` runs `initialize(localUserName:)`.
  var initializes: Bool { true }

  var path: String { directory.appendingPathComponent("crm.sqlite").path }

  override func setUpWithError() throws {
    try super.setUpWithError()
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("storetests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    store = try Store(path: path)
    if initializes {
      XCTAssertTrue(try store.initialize(localUserName: "Alex Admin", now: tick()))
    }
  }

  override func tearDownWithError() throws {
    store = nil
    if let directory { try? FileManager.default.removeItem(at: directory) }
    try super.tearDownWithError()
  }

  /// The next moment of the test clock.
  @discardableResult
  func tick(_ seconds: TimeInterval = 1) -> Date {
    clock = clock.addingTimeInterval(seconds)
    return clock
  }

  // MARK: - Reading

  /// Every change-log entry, oldest first.
  func log(after seq: Int64 = 0) throws -> [ChangeEntry] {
    try store.changes(limit: 1_000_000, afterSeq: seq)
  }

  func logLength() throws -> Int { try log().count }

  func lastSeq() throws -> Int64 { try log().last?.seq ?? 0 }

  /// What a write appended to the log, run as `try appended { try store.… }`.
  func appended(_ write: () throws -> Void) throws -> [ChangeEntry] {
    let before = try lastSeq()
    try write()
    return try log(after: before)
  }

  func me() throws -> User { try XCTUnwrap(store.localUser()) }

  func sales() throws -> Pipeline { try store.pipeline(named: "Sales") }

  func stage(_ name: String, pipeline: String = "Sales") throws -> Stage {
    try store.stage(named: name, pipeline: pipeline)
  }

  func column(_ stageName: String, pipeline: String = "Sales", cards: Int = 50) throws
    -> BoardColumn
  {
    let id = try store.pipeline(named: pipeline).id
    let board = try XCTUnwrap(store.board(pipelineId: id, cardsPerStage: cards))
    return try XCTUnwrap(board.columns.first { $0.stage.name == stageName })
  }

  func history(_ dealId: String) throws -> [StageHistoryEntry] {
    try store.dealDetail(dealId, now: clock).stageHistory
  }

  // MARK: - Writing

  func eur(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }
  func usd(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .usd) }

  @discardableResult
  func addDeal(
    _ title: String, _ value: Money? = nil, stage: String? = nil, pipeline: String? = nil,
    owner: String? = nil, closeDate: Day? = nil, company: String? = nil,
    contacts: [String] = []
  ) throws -> Deal {
    try store.createDeal(
      DealDraft(
        title: title, value: value ?? eur(100_00), pipeline: pipeline, stage: stage, owner: owner,
        closeDate: closeDate, company: company, contacts: contacts),
      now: tick())
  }

  // MARK: - Snapshots

  /// Everything a user could see change: the log, live counts, the boards and the lists.
  struct Snapshot: Equatable {
    var logLength: Int
    var counts: [String: Int]
    var boards: [[ColumnSnapshot]]
    var deals: [Deal]
    var contacts: [Contact]
    var companies: [Company]
    var activities: [Activity]
    var notes: [Note]
    var pipelines: [Pipeline]
    var stages: [[Stage]]
    var undoLabel: String?
  }

  struct ColumnSnapshot: Equatable {
    var stage: Stage
    var count: Int
    var totals: [Money]
    var weighted: [Money]
    var cards: [String]

    init(_ column: BoardColumn) {
      stage = column.stage
      count = column.count
      totals = column.totals
      weighted = column.weighted
      cards = column.cards.map(\.deal.id)
    }
  }

  func snapshot() throws -> Snapshot {
    let pipelines = try store.pipelines()
    var counts: [String: Int] = [:]
    for entity in Entity.allCases { counts[entity.rawValue] = try store.count(entity) }
    return Snapshot(
      logLength: try logLength(), counts: counts,
      boards: try pipelines.map { pipeline in
        try XCTUnwrap(store.board(pipelineId: pipeline.id)).columns.map(ColumnSnapshot.init)
      },
      deals: try store.deals(limit: 10_000).map(\.deal),
      contacts: try store.contacts(limit: 10_000), companies: try store.companies(limit: 10_000),
      activities: try store.activities(limit: 10_000), notes: try store.notes(limit: 10_000),
      pipelines: pipelines, stages: try pipelines.map { try store.stages(pipelineId: $0.id) },
      undoLabel: try store.undoLabel())
  }

  /// What a user sees of the records, leaving out the log, the undo menu and stage history
  /// (which only grows): undo must bring this back exactly.
  func visibleState() throws -> Snapshot {
    var state = try snapshot()
    state.logLength = 0
    state.undoLabel = nil
    state.counts[Entity.stageChange.rawValue] = nil
    return state
  }

  // MARK: - Errors

  /// Asserts that `body` throws exactly `expected`.
  func assertThrows<T>(
    _ expected: StoreError, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> T
  ) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
      XCTAssertEqual(error as? StoreError, expected, "\(error)", file: file, line: line)
    }
  }

  /// Asserts that `body` is refused as invalid, naming `field`.
  func assertInvalid<T>(
    _ field: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
  ) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
      guard case .invalid(let validation)? = error as? StoreError else {
        return XCTFail("expected an invalid \(field), got \(error)", file: file, line: line)
      }
      XCTAssertEqual(validation.field, field, "\(validation)", file: file, line: line)
    }
  }

  /// Asserts that `body` is refused with a conflict whose message contains `words`.
  func assertConflict<T>(
    _ words: String, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T
  ) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
      guard case .conflict(let message)? = error as? StoreError else {
        return XCTFail("expected a conflict, got \(error)", file: file, line: line)
      }
      XCTAssertTrue(message.contains(words), message, file: file, line: line)
    }
  }

  /// Runs `body` (which asserts a refusal) and asserts that nothing a user can see changed.
  func assertNothingChanges(
    file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
  ) throws {
    let before = try snapshot()
    try body()
    let after = try snapshot()
    XCTAssertEqual(before, after, "a refused write changed the store", file: file, line: line)
  }
}

extension Day {
  static func ymd(_ y: Int, _ m: Int, _ d: Int) -> Day { try! Day(year: y, month: m, day: d) }
}
