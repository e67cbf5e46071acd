import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// A large pulled page (a bootstrap's) is written as a long write: its log is copied into
/// the database by the checkpointer, not by the writer at the commit, and the writer's
/// settings are its ordinary ones again afterwards.
final class SyncLargePageTests: SyncTestCase {
  /// A page over `largePullPage` changes: 150 deals, each with its first stage change.
  private func largePage() throws -> [FieldChange] {
    for number in 1...150 { _ = try remoteDeal("Large page deal \(number)") }
    let page = try remoteChanges()
    XCTAssertGreaterThanOrEqual(page.count, Store.largePullPage)
    return page
  }

  private func writerSettings(_ store: Store) throws -> [String: Int] {
    try store.pool.writeWithoutTransaction { db in
      [
        "wal_autocheckpoint": try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? -1,
        "cache_size": try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -1,
      ]
    }
  }

  /// The deals the main file holds by itself, without its write-ahead log: what a copy of
  /// the file taken now would show.
  private func dealsInTheMainFile() throws -> Int {
    let copy = directory.appendingPathComponent("copy.sqlite").path
    try? FileManager.default.removeItem(atPath: copy)
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    let queue = try DatabaseQueue(path: copy)
    return try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM deals") ?? 0 }
  }

  func testALargePageIsCopiedIntoTheDatabaseInTheBackgroundAndTheWriterIsSetBack() throws {
    let before = try writerSettings(store)
    XCTAssertEqual(before["wal_autocheckpoint"], 1000, "a short command's store checkpoints")
    let page = try largePage()
    try store.joinTeam(account, mergeLocalWork: false, now: tick())

    let report = try apply(page)
    XCTAssertEqual(report.skipped, [])
    XCTAssertEqual(try store.count(.deal), 150)
    store.checkpointer.waitUntilIdle()
    // The pulled deals are in the database file itself, not only in its log (a new file's
    // log of this size is under SQLite's own threshold: only the checkpointer copies it).
    XCTAssertEqual(try dealsInTheMainFile(), 150)
    XCTAssertEqual(try writerSettings(store), before)

    // An ordinary write afterwards is an ordinary write: SQLite checkpoints it again.
    _ = try store.createDeal(DealDraft(title: "After the pull", value: eur(1_00)), now: tick())
    XCTAssertEqual(try writerSettings(store), before)
    XCTAssertEqual(try store.integrityCheck(), "ok")
  }

  func testTheTUIsStoreKeepsSQLiteCheckpointsOffThroughALargePage() throws {
    let page = try largePage()
    store = nil
    let tui = try Store(path: path, checkpointInBackground: true)
    let before = try writerSettings(tui)
    XCTAssertEqual(before["wal_autocheckpoint"], 0)
    try tui.joinTeam(account, mergeLocalWork: false, now: tick())
    let report = try tui.applyPulled(page, cursor: 1, serverClock: serverClock, now: tick())
    XCTAssertEqual(report.skipped, [])
    tui.checkpointer.waitUntilIdle()
    XCTAssertEqual(try dealsInTheMainFile(), try tui.count(.deal))
    XCTAssertEqual(try writerSettings(tui), before)
  }
}
