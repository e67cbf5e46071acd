import Foundation
import GRDB
import Model
import XCTest

@testable import Store

/// The derived tables' triggers live on the writer only (`WriterTriggers`): the file's
/// schema holds none, every write still keeps search, duplicates and lists in step, and a
/// file whose schema still holds them (an older file, a move cut short) has them moved
/// once, never fired twice.
final class WriterTriggersTests: StoreTestCase {
  private func schemaTriggers() throws -> [String] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
      try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    }
  }

  private func addAnn() throws -> Contact {
    try store.createContact(
      Contact(firstName: "Ann", lastName: "Archer", emails: [EmailAddress("ann@acme.com")]),
      now: tick())
  }

  /// What the triggers keep for Ann: her search hits and her rows in the email index.
  private func annEverywhere() throws -> (hits: Int, emails: Int) {
    let hits = try store.search("archer", in: [.contact]).count
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    let emails = try queue.read { db in
      try Int.fetchOne(
        db, sql: "SELECT count(*) FROM contact_emails WHERE email = 'ann@acme.com'") ?? 0
    }
    return (hits, emails)
  }

  func testTheFileHoldsNoTriggerAndWritesStillKeepTheDerivedTables() throws {
    _ = try addAnn()
    XCTAssertEqual(try schemaTriggers(), [])
    XCTAssertEqual(try annEverywhere().hits, 1)
    XCTAssertEqual(try annEverywhere().emails, 1)
    // A start on the up-to-date file: its writer, opened by the first write, has them too.
    store = nil
    store = try Store(path: path)
    let ben = try store.createContact(
      Contact(firstName: "Ben", lastName: "Baker", emails: [EmailAddress("ann@acme.com")]),
      now: tick())
    XCTAssertEqual(try store.search("baker", in: [.contact]).map(\.id), [ben.id])
    XCTAssertEqual(try store.duplicates(of: ben.id).count, 1, "the shared email is not seen")
    XCTAssertEqual(try schemaTriggers(), [])
  }

  /// An import changes the writer's page cache, and once changed its temp_store, which
  /// drops every TEMP trigger: a write after an import must still fire them.
  func testWritesAfterAnImportStillFireTheTriggers() throws {
    _ = try store.importContacts(
      [
        .success(
          ContactImport(line: 2, contact: Contact(firstName: "Cy", lastName: "Fox")))
      ], mode: .both, dryRun: false, skipInvalid: false, now: tick())
    _ = try addAnn()
    XCTAssertEqual(try annEverywhere().hits, 1)
    XCTAssertEqual(try store.search("fox", in: [.contact]).count, 1)
  }

  /// Closes the store and makes every trigger of `store_triggers` part of the file's schema
  /// again, as before the move, then runs `sql`.
  private func triggersBackInSchema(then sql: String = "") throws {
    store = nil
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      for row in try Row.fetchAll(db, sql: "SELECT sql FROM store_triggers ORDER BY position") {
        try db.execute(sql: row["sql"])
      }
      if !sql.isEmpty { try db.execute(sql: sql) }
    }
    try queue.close()
  }

  /// A file made before the move (its triggers in its schema) has them moved on its first
  /// open, and each fires once.
  func testAnOlderFileHasItsTriggersMovedOnce() throws {
    try triggersBackInSchema(
      then: """
        DROP TABLE store_triggers;
        DELETE FROM grdb_migrations WHERE identifier LIKE 'v17:%';
        """)
    XCTAssertEqual(try schemaTriggers().count, 53)
    store = try Store(path: path)
    XCTAssertEqual(try schemaTriggers(), [])
    _ = try addAnn()
    XCTAssertEqual(try annEverywhere().hits, 1)
    XCTAssertEqual(try annEverywhere().emails, 1, "a trigger fired twice")
  }

  /// A move cut short (its triggers both in the schema and in `store_triggers`, every
  /// migration done) is not taken for up to date: the open finishes the move.
  func testAMoveCutShortIsFinishedBeforeAnyWrite() throws {
    try triggersBackInSchema()
    store = try Store(path: path)
    XCTAssertNotNil(store.connections.openedPool, "the open took the file for up to date")
    XCTAssertEqual(try schemaTriggers(), [])
    _ = try addAnn()
    XCTAssertEqual(try annEverywhere().emails, 1, "a trigger fired twice")
  }

  func testATriggerThatIsNotACreateTriggerIsRefused() {
    XCTAssertThrowsError(try WriterTriggers.temporary("DROP TABLE contacts", name: "bad")) {
      XCTAssertTrue("\($0)".contains("bad"), "\($0)")
    }
    XCTAssertEqual(
      try WriterTriggers.temporary(
        "CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END", name: "t"),
      "CREATE TEMP TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END")
  }
}
