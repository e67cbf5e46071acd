import Foundation
import Model
import Store
import XCTest

/// Joining a team: an untouched database takes the team's data; local work is merged only
/// when asked.
final class SyncJoinTests: SyncTestCase {
  func testJoiningUntouchedEmptiesTheDatabaseAndPushesNothing() throws {
    XCTAssertTrue(try store.isUntouched())
    let site = store.site
    try store.joinTeam(account, mergeLocalWork: false, now: tick())
    for entity in Entity.allCases { XCTAssertEqual(try store.count(entity), 0, "\(entity)") }
    XCTAssertEqual(try store.pipelines(), [])
    XCTAssertEqual(try store.users(), [])
    XCTAssertEqual(try logLength(), 0)
    XCTAssertEqual(try store.syncStatus().pending, 0)
    XCTAssertEqual(try store.syncStatus().account, account)
    XCTAssertNil(try store.undoLabel())
    XCTAssertEqual(try store.integrityCheck(), "ok")
    XCTAssertEqual(try Store(path: path).site, site)

    // The first pull brings the team; the local user is the account's.
    _ = try remote.createUser(
      User(
        id: account.userId, name: "Alex Admin", email: account.email, role: .admin,
        createdAt: clock), now: tick())
    _ = try remoteDeal("Team deal")
    try apply(remoteChanges())
    XCTAssertEqual(try store.localUser()?.id, account.userId)
    XCTAssertEqual(try column("Qualification").cards.map(\.deal.title), ["Team deal"])
    XCTAssertEqual(try store.syncStatus().pending, 0)
    // Work after joining is pending, and done as the account's user.
    let mine = try addDeal("Mine")
    XCTAssertEqual(try store.pendingMutations(limit: 10).map(\.label), ["add deal Mine"])
    XCTAssertEqual(try store.pendingMutations(limit: 10)[0].changes[0].actor, account.userId)
    XCTAssertEqual(try store.deal(mine.id).title, "Mine")
  }

  func testJoiningWithLocalWorkWithoutMergeRefusesAndChangesNothing() throws {
    _ = try addDeal("Offline work")
    XCTAssertFalse(try store.isUntouched())
    let before = try snapshot()
    XCTAssertThrowsError(try store.joinTeam(account, mergeLocalWork: false, now: tick())) { error in
      XCTAssertTrue("\(error)".contains("local work"), "\(error)")
    }
    XCTAssertEqual(try snapshot(), before)
    XCTAssertNil(try store.syncStatus().account)
    XCTAssertEqual(try store.localUser()?.name, "Alex Admin")
  }

  func testJoiningWithMergeHandsTheWorkToTheAccountAndPushesNoSetUpUser() throws {
    let oldUser = try me()
    let deal = try addDeal("Offline work")
    let note = try store.createNote(
      Note(body: "Called them", authorId: oldUser.id, dealId: deal.id), now: tick())
    try store.joinTeam(account, mergeLocalWork: true, now: tick())

    XCTAssertEqual(try store.syncStatus().account, account)
    XCTAssertEqual(try store.deal(deal.id).ownerId, account.userId)
    XCTAssertEqual(try store.note(note.id).authorId, account.userId)
    XCTAssertEqual(try store.deal(deal.id).title, "Offline work")
    let pending = try store.pendingMutations(limit: 100)
    let changes = pending.flatMap(\.changes)
    XCTAssertFalse(pending.map(\.label).contains("initialize"))
    XCTAssertFalse(changes.contains { $0.entity == "user" })
    XCTAssertTrue(changes.allSatisfy { $0.actor == account.userId })
    // The deal's pipeline and stages go to the team with it.
    let stageIds = Set(changes.filter { $0.entity == "stage" }.map(\.id))
    XCTAssertTrue(stageIds.contains(try store.deal(deal.id).stageId))
    XCTAssertTrue(changes.contains { $0.entity == "pipeline" && $0.field == "name" })
    XCTAssertTrue(
      changes.contains {
        $0.entity == "deal" && $0.field == "ownerId" && $0.value == .text(account.userId)
      })
    // The records go to the server as the joining user's from their creation: a rep may
    // create records but not take over those the server holds under an unknown owner.
    let userColumns: Set<String> = ["ownerId", "assigneeId", "authorId", "byUserId"]
    let references = changes.filter { userColumns.contains($0.field) }
    XCTAssertFalse(references.isEmpty)
    XCTAssertTrue(
      references.allSatisfy { $0.value == .text(account.userId) },
      "\(references.filter { $0.value != .text(account.userId) })")
    XCTAssertFalse(pending.map(\.label).contains { $0.contains("Hand") })
    XCTAssertNil(try store.undoLabel().flatMap { $0.contains("Hand") ? $0 : nil })
  }
}
