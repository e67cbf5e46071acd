import Foundation
import Model
import XCTest

@testable import Store

/// A start on an up-to-date file reads on one read-only connection and opens the writer
/// only when something writes (or the TUI asks, after its first screen): what it reads and
/// writes is the same either way.
final class StoreConnectionsTests: StoreTestCase {
  private func reopened() throws -> Store {
    store = nil
    return try Store(path: path, checkpointInBackground: true)
  }

  func testAStartThatOnlyReadsOpensNoWriter() throws {
    _ = try store.createContact(Contact(firstName: "Ann", lastName: "Archer"), now: tick())
    let again = try reopened()
    XCTAssertFalse(try again.initialize(localUserName: "Someone Else", now: tick()))
    XCTAssertEqual(try again.contacts(limit: 10, offset: 0).map(\.lastName), ["Archer"])
    XCTAssertEqual(try again.localUser()?.name, "Alex Admin")
    XCTAssertNil(again.connections.openedPool, "reading opened the writer")
  }

  func testTheFirstWriteOpensTheWriterAndReadsSeeIt() throws {
    _ = try store.createContact(Contact(firstName: "Ann", lastName: "Archer"), now: tick())
    let again = try reopened()
    XCTAssertEqual(try again.contacts(limit: 10, offset: 0).count, 1)
    _ = try again.createContact(Contact(firstName: "Ben", lastName: "Baker"), now: tick())
    XCTAssertNotNil(again.connections.openedPool)
    XCTAssertEqual(
      try again.contacts(limit: 10, offset: 0).map(\.lastName), ["Archer", "Baker"])
    // And the next start reads both, on its own first connection.
    let third = try reopened()
    XCTAssertEqual(
      try third.contacts(limit: 10, offset: 0).map(\.lastName), ["Archer", "Baker"])
    XCTAssertEqual(third.site, again.site, "the replica's site id changed")
  }

  /// Reads go on, and answer the same, while the writer opens on another thread.
  func testReadsGoOnWhileTheWriterOpensInTheBackground() throws {
    for n in 0..<20 {
      _ = try store.createContact(Contact(firstName: "P\(n)", lastName: "Person"), now: tick())
    }
    let again = try reopened()
    again.openForWritesInBackground()
    let deadline = Date().addingTimeInterval(20)
    var reads = 0
    repeat {
      XCTAssertEqual(try again.contacts(limit: 100, offset: 0).count, 20)
      reads += 1
    } while again.connections.openedPool == nil && Date() < deadline
    XCTAssertNotNil(again.connections.openedPool, "the writer did not open in the background")
    XCTAssertGreaterThan(reads, 0)
    _ = try again.createContact(Contact(firstName: "Last", lastName: "Person"), now: tick())
    XCTAssertEqual(try again.contacts(limit: 100, offset: 0).count, 21)
  }

  /// A file whose log files were removed (copied without them, say) opens and reads as it
  /// is: the read-only connection, or else the writer, recreates them.
  func testAFileWithoutItsLogFilesOpens() throws {
    _ = try store.createContact(Contact(firstName: "Ann", lastName: "Archer"), now: tick())
    store = nil
    for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    let again = try Store(path: path)
    XCTAssertEqual(try again.contacts(limit: 10, offset: 0).map(\.lastName), ["Archer"])
    _ = try again.createContact(Contact(firstName: "Ben", lastName: "Baker"), now: tick())
    XCTAssertEqual(try again.journalMode(), "wal")
    XCTAssertEqual(try again.contacts(limit: 10, offset: 0).count, 2)
  }

  /// A file that is not a database is refused with SQLite's reason, as before.
  func testAFileThatIsNoDatabaseIsRefused() throws {
    store = nil
    let junk = directory.appendingPathComponent("junk.sqlite").path
    try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: junk))
    XCTAssertThrowsError(try Store(path: junk)) { error in
      XCTAssertTrue("\(error)".contains("not a database"), "\(error)")
    }
  }
}
