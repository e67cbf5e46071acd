import Foundation
import Model
import Store
import XCTest

/// Every start of the TUI opens the database: on a file that is set up and up to date the
/// open, the set-up check and a read leave the file and its write-ahead log byte for byte
/// as they were (no dummy transaction at open, no write at all).
final class StoreOpenReadsOnlyTests: StoreTestCase {
  private func bytes(_ suffix: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path + suffix))
  }

  func testReopeningASetUpFileWritesNothing() throws {
    _ = try store.createContact(Contact(firstName: "Ann", lastName: "Archer"), now: tick())
    // The last connection closes: the log is copied into the file and kept, not deleted.
    store = nil
    let file = try bytes("")
    let log = try bytes("-wal")
    XCTAssertFalse(log.isEmpty, "the write-ahead log is kept when the store closes")

    for _ in 0..<2 {
      let again = try Store(path: path, checkpointInBackground: true)
      XCTAssertFalse(try again.initialize(localUserName: "Someone Else", now: tick()))
      XCTAssertEqual(try again.contacts(limit: 10, offset: 0).map(\.lastName), ["Archer"])
    }
    XCTAssertEqual(try bytes(""), file, "the database file was written to")
    XCTAssertEqual(try bytes("-wal"), log, "the write-ahead log was written to")
  }

  func testANewFileIsStillCreatedWithItsDirectory() throws {
    let nested = directory.appendingPathComponent("a/b/crm.sqlite").path
    let created = try Store(path: nested)
    XCTAssertTrue(try created.initialize(localUserName: "Alex Admin", now: tick()))
    XCTAssertEqual(try created.journalMode(), "wal")
  }
}
