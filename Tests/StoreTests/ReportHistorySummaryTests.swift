import Foundation
import GRDB
import Model
import Store
import XCTest

/// v16 keeps the pipeline dashboard's funnel and time in stage in step with the history:
/// after every kind of write, the kept figures are the ones a walk of the history gives
/// (`keptHistory: false`), and the hand-worked ones where they change.
final class ReportHistorySummaryTests: ReportTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try buildTeam()
  }

  private func walked(_ pipeline: String? = nil) -> ReportOptions {
    var options = options()
    options.pipeline = pipeline
    options.keptHistory = false
    return options
  }

  private func kept(_ pipeline: String? = nil) -> ReportOptions {
    var options = options()
    options.pipeline = pipeline
    return options
  }

  /// The kept figures of every pipeline against the walk, step by step and stage by stage.
  private func assertKeptMatchesWalk(file: StaticString = #filePath, line: UInt = #line) throws {
    for pipeline in try store.pipelines() {
      let kept = try store.pipelineReport(kept(pipeline.id))
      let walked = try store.pipelineReport(walked(pipeline.id))
      XCTAssertEqual(
        kept.funnel.map(\.reached), walked.funnel.map(\.reached), "funnel of \(pipeline.name)",
        file: file, line: line)
      XCTAssertEqual(
        kept.funnel.map(\.stage.id), walked.funnel.map(\.stage.id), file: file, line: line)
      for (a, b) in zip(kept.stages, walked.stages) {
        XCTAssertEqual(a.stays, b.stays, "stays in \(a.stage.name)", file: file, line: line)
        XCTAssertEqual(
          a.averageDays ?? -1, b.averageDays ?? -1, accuracy: 1e-6,
          "days in \(a.stage.name)", file: file, line: line)
      }
    }
  }

  private func id(_ title: String) throws -> String {
    try XCTUnwrap(store.deals().first { $0.deal.title == title }).deal.id
  }

  private func reached() throws -> [Int] {
    try store.pipelineReport(kept()).funnel.map(\.reached)
  }

  func testKeptFiguresAreTheWalksOnTheTeam() throws {
    XCTAssertEqual(try reached(), [7, 4, 3, 2, 1])
    let qualification = try XCTUnwrap(
      store.pipelineReport(kept()).stages.first { $0.stage.name == "Qualification" })
    // Beta 2 d, Gamma 1 d, Delta 21 d 11.5 h, and Alpha 31 d, Zeta and Eta 5 d up to now.
    let days: [Double] = [2, 1, 21 + 11.5 / 24, 31, 5, 5]
    XCTAssertEqual(qualification.stays, 6)
    XCTAssertEqual(qualification.averageDays ?? 0, days.reduce(0, +) / 6, accuracy: 1e-6)
    try assertKeptMatchesWalk()
  }

  func testAMoveAndItsUndoAndRedo() throws {
    let alpha = try id("Alpha")
    try store.moveDeal(alpha, toStage: "Proposal", now: t0 + 20 * days)
    // Alpha now went furthest to Proposal.
    XCTAssertEqual(try reached(), [7, 5, 4, 2, 1])
    try assertKeptMatchesWalk()
    // The undo moves it back, a new entry: what it reached stays reached.
    _ = try store.undo(now: t0 + 21 * days)
    XCTAssertEqual(try reached(), [7, 5, 4, 2, 1])
    try assertKeptMatchesWalk()
    _ = try store.redo(now: t0 + 22 * days)
    XCTAssertEqual(try reached(), [7, 5, 4, 2, 1])
    try assertKeptMatchesWalk()
  }

  func testADeletedDealLeavesAndItsUndoBringsItBack() throws {
    try store.deleteDeal(try id("Beta"), now: t0 + 20 * days)
    XCTAssertEqual(try reached(), [6, 3, 2, 2, 1])
    let proposal = try XCTUnwrap(
      store.pipelineReport(kept()).stages.first { $0.stage.name == "Proposal" })
    XCTAssertEqual(proposal.stays, 0)
    XCTAssertNil(proposal.averageDays)
    try assertKeptMatchesWalk()
    _ = try store.undo(now: t0 + 21 * days)
    XCTAssertEqual(try reached(), [7, 4, 3, 2, 1])
    try assertKeptMatchesWalk()
  }

  func testADealMovedToAnotherPipelineCountsThereOnly() throws {
    let renewals = try store.createPipeline(name: "Renewals", now: t0)
    try store.moveDeal(
      try id("Gamma II"), toStage: "Qualification", pipeline: renewals.id, now: t0 + 20 * days)
    XCTAssertEqual(try reached(), [6, 3, 2, 1, 1])
    XCTAssertEqual(
      try store.pipelineReport(kept(renewals.id)).funnel.map(\.reached), [1, 0, 0, 0, 0])
    try assertKeptMatchesWalk()
  }

  func testStagesReorderedAddedAndDeletedRenumberTheSteps() throws {
    // Proposal before Contact made: Epsilon (Contact made) now went further than Beta.
    try store.moveStage("Proposal", to: 2, now: t0 + 20 * days)
    XCTAssertEqual(
      try store.pipelineReport(kept()).funnel.map(\.stage.name),
      ["Qualification", "Proposal", "Contact made", "Negotiation", "Won"])
    try assertKeptMatchesWalk()
    _ = try store.addStage(name: "Demo", pipeline: "Sales", after: "Qualification", now: t0)
    try assertKeptMatchesWalk()
    try store.deleteStage("Demo", now: t0 + 21 * days)
    try assertKeptMatchesWalk()
    _ = try store.undo(now: t0 + 22 * days)
    try assertKeptMatchesWalk()
  }

  func testABulkImportOfDealsIsCounted() throws {
    // Lost takes a reason: the import fills every other stage.
    let stages = try store.stages(pipelineId: try store.pipeline(named: "Sales").id)
      .filter { $0.kind != .lost }
    let me = try XCTUnwrap(store.localUser())
    let deals = (0..<40).map { i in
      Deal(
        title: "Imported \(i)", value: euros(Int64(100 + i)), ownerId: me.id,
        pipelineId: stages[0].pipelineId, stageId: stages[i % stages.count].id, position: "a0",
        createdAt: t0 + Double(i) * 3600)
    }
    try store.bulkInsert(deals: deals, label: "import deals", now: t0 + 2 * days)
    try assertKeptMatchesWalk()
    XCTAssertEqual(try reached().first, 47)
  }

  func testAnOlderDatabaseGetsItsSummaryFromTheHistoryOnOpen() throws {
    // As a file made before v16: the kept tables, their triggers and the migration's record
    // gone, then a move written without them.
    try store.moveDeal(try id("Alpha"), toStage: "Negotiation", now: t0 + 20 * days)
    store = nil
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      let triggers = try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report_%'")
      for name in triggers { try db.execute(sql: "DROP TRIGGER \(name)") }
      try db.execute(
        sql: """
          DROP TABLE report_stays; DROP TABLE report_reach;
          DELETE FROM grdb_migrations WHERE identifier LIKE 'v16:%';
          """)
    }
    try queue.close()
    store = try Store(path: path)
    XCTAssertEqual(try reached(), [7, 5, 4, 3, 1])
    try assertKeptMatchesWalk()
  }
}
