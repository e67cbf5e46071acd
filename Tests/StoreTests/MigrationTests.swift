import Foundation
import Model
import Store
import XCTest

/// A new file is brought up to the current schema and set up once; an existing one keeps its
/// data and its identity.
final class MigrationTests: StoreTestCase {
  override var initializes: Bool { false }

  func testNewFileIsWALAndPassesIntegrityCheck() throws {
    XCTAssertTrue(FileManager.default.fileExists(atPath: path))
    XCTAssertEqual(try store.journalMode(), "wal")
    XCTAssertEqual(try store.integrityCheck(), "ok")
    XCTAssertFalse(try store.isInitialized())
    XCTAssertNil(try store.localUser())
    XCTAssertEqual(try store.pipelines(), [])
    XCTAssertFalse(try store.hasRecords())
    XCTAssertEqual(try logLength(), 0)
  }

  func testStoreCreatesMissingDirectories() throws {
    let nested = directory.appendingPathComponent("a/b/c/crm.sqlite").path
    let other = try Store(path: nested)
    XCTAssertTrue(FileManager.default.fileExists(atPath: nested))
    XCTAssertEqual(try other.journalMode(), "wal")
  }

  func testInitializeCreatesLocalAdminAndDefaultPipeline() throws {
    XCTAssertTrue(try store.initialize(localUserName: "Alex Admin", now: tick()))
    XCTAssertTrue(try store.isInitialized())

    let me = try XCTUnwrap(store.localUser())
    XCTAssertEqual(me.name, "Alex Admin")
    XCTAssertEqual(me.role, .admin)
    XCTAssertEqual(try store.users(), [me])

    let pipelines = try store.pipelines()
    XCTAssertEqual(pipelines.map(\.name), ["Sales"])
    let stages = try store.stages(pipelineId: pipelines[0].id)
    XCTAssertEqual(
      stages.map(\.name),
      ["Qualification", "Contact made", "Proposal", "Negotiation", "Won", "Lost"])
    XCTAssertEqual(stages.map(\.kind), [.open, .open, .open, .open, .won, .lost])
    XCTAssertEqual(stages.map(\.probability), [10, 25, 50, 75, 100, 0])
    XCTAssertEqual(stages.map(\.rotDays), [14, 14, 21, 21, nil, nil])
    XCTAssertTrue(stages.allSatisfy { $0.pipelineId == pipelines[0].id })
    XCTAssertTrue(stages.allSatisfy(\.requiredFields.isEmpty))

    let board = try XCTUnwrap(store.board())
    XCTAssertEqual(board.pipeline, pipelines[0])
    XCTAssertEqual(board.columns.map(\.stage), stages)
    XCTAssertTrue(board.columns.allSatisfy { $0.count == 0 && $0.totals.isEmpty })
    XCTAssertEqual(try store.integrityCheck(), "ok")
  }

  func testInitializeTwiceDoesNothingTheSecondTime() throws {
    XCTAssertTrue(try store.initialize(localUserName: "Alex Admin", now: tick()))
    let before = try snapshot()
    let me = try store.localUser()

    XCTAssertFalse(try store.initialize(localUserName: "Someone Else", now: tick()))

    XCTAssertEqual(try snapshot(), before)
    XCTAssertEqual(try store.localUser(), me)
    XCTAssertEqual(try store.users().map(\.name), ["Alex Admin"])
  }

  func testInitializeRefusesABlankName() throws {
    assertInvalid("name") { try store.initialize(localUserName: "  ", now: tick()) }
    XCTAssertFalse(try store.isInitialized())
    XCTAssertEqual(try store.pipelines(), [])
    XCTAssertEqual(try logLength(), 0)
  }

  func testReopeningKeepsDataSiteAndSetup() throws {
    try store.initialize(localUserName: "Alex Admin", now: tick())
    let deal = try addDeal("Kept across restarts", eur(1_234_56))
    let site = store.site
    let me = try store.localUser()
    let before = try snapshot()
    store = nil

    let reopened = try Store(path: path)
    store = reopened
    XCTAssertEqual(reopened.site, site)
    XCTAssertEqual(try reopened.localUser(), me)
    XCTAssertEqual(try reopened.deal(deal.id), deal)
    XCTAssertEqual(try snapshot(), before)
    XCTAssertEqual(try reopened.journalMode(), "wal")
    XCTAssertEqual(try reopened.integrityCheck(), "ok")
    XCTAssertFalse(try reopened.initialize(localUserName: "Alex Admin", now: tick()))
    XCTAssertEqual(try reopened.pipelines().count, 1)
  }

  func testTwoFilesHaveDifferentSites() throws {
    let other = try Store(path: directory.appendingPathComponent("other.sqlite").path)
    XCTAssertNotEqual(other.site, store.site)
  }

  func testTwoStoresOnOneFileShareTheData() throws {
    try store.initialize(localUserName: "Alex Admin", now: tick())
    let second = try Store(path: path)
    XCTAssertEqual(second.site, store.site)
    let deal = try second.createDeal(DealDraft(title: "From the other window", value: eur(5_00)))
    XCTAssertEqual(try store.deal(deal.id).title, "From the other window")
    XCTAssertEqual(try column("Qualification").count, 1)
  }
}
