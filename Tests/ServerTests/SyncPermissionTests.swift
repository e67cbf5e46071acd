import Foundation
import Model
import Sync
import XCTest

/// Roles on push, against a real server: a rep changes only what they own, a manager
/// every record but pipelines and stages, an admin everything.
final class SyncPermissionTests: XCTestCase {
  private var server: ServerProcess!
  private var team: HarnessTeam!
  private var rep: TokenResponse!
  private var otherRep: TokenResponse!
  private var manager: TokenResponse!

  override func setUp() async throws {
    server = try ServerProcess()
    team = try await HarnessTeam.create(on: server)
    rep = try await team.join(email: "rita@example.com", name: "Rita Rep", role: .rep)
    otherRep = try await team.join(email: "otto@example.com", name: "Otto Rep", role: .rep)
    manager = try await team.join(email: "max@example.com", name: "Max Manager", role: .manager)
  }

  override func tearDown() async throws {
    server?.remove()
  }

  /// A deal owned by `owner`, created by the admin.
  private func deal(ownedBy owner: String?) async throws -> String {
    let id = UUIDv7.generate()
    var site = HarnessSite()
    let answer = try await team.adminClient.push(
      site.request([
        site.mutation(
          "deal", id,
          [
            "title": .text("ACME"), "ownerId": owner.map(FieldValue.text) ?? .null,
            "deleted": .integer(0),
          ])
      ]))
    XCTAssertEqual(answer.results.map(\.status), [.accepted])
    return id
  }

  private func edit(
    _ id: String, as user: TokenResponse, entity: String = "deal", field: String = "title"
  )
    async throws -> PushResult
  {
    var site = HarnessSite()
    let answer = try await team.client(user).push(
      site.request([site.mutation(entity, id, [field: .text("edited by \(user.user.name)")])]))
    return answer.results[0]
  }

  func testARepIsRefusedOnAnothersDealWithAReasonNamingTheDeal() async throws {
    let id = try await deal(ownedBy: otherRep.user.id)
    let result = try await edit(id, as: rep)
    XCTAssertEqual(result.status, .refused)
    XCTAssertTrue(result.reason?.contains(id) ?? false, result.reason ?? "")
    XCTAssertEqual(result.refusals?.first?.id, id)
    let values = latestValues(try await team.adminClient.pullAll().changes)
    XCTAssertEqual(values["deal/\(id)/title"], .text("ACME"))
  }

  func testARefusalCarriesTheServersCurrentWriteOfEachFieldItTriedToChange() async throws {
    let id = try await deal(ownedBy: otherRep.user.id)
    // The admin's later title is what the server holds when the rep's edit arrives.
    var admin = HarnessSite()
    let retitle = admin.mutation("deal", id, ["title": .text("ACME renewal")])
    let retitled = try await team.adminClient.push(admin.request([retitle]))
    XCTAssertEqual(retitled.results.map(\.status), [.accepted])
    var site = HarnessSite()
    var mutation = site.mutation(
      "deal", id, ["title": .text("mine now"), "priority": .integer(3)])
    mutation.changes.append(mutation.changes[0])
    let answer = try await team.client(rep).push(site.request([mutation]))
    let result = answer.results[0]
    XCTAssertEqual(result.status, .refused)
    let current = try XCTUnwrap(result.current)
    // The title once (the change was sent twice), with the admin's write; the priority was
    // never written on the server, so it is not there.
    XCTAssertEqual(current.map(\.field), ["title"])
    XCTAssertEqual(current.first?.value, .text("ACME renewal"))
    XCTAssertEqual(current.first?.hlc, retitle.changes[0].hlc)
    XCTAssertEqual(current.first?.actor, team.admin.user.id)
    XCTAssertEqual(current.first?.entity, "deal")
    XCTAssertEqual(current.first?.id, id)
  }

  func testARefusedNewRecordCarriesNoCurrentWrites() async throws {
    var site = HarnessSite()
    let answer = try await team.client(rep).push(
      site.request([site.mutation("pipeline", UUIDv7.generate(), ["name": .text("Mine")])]))
    XCTAssertEqual(answer.results[0].status, .refused)
    XCTAssertEqual(answer.results[0].current, [])
  }

  func testAnAcceptedMutationCarriesNoCurrentWrites() async throws {
    let id = try await deal(ownedBy: rep.user.id)
    let result = try await edit(id, as: rep)
    XCTAssertEqual(result.status, .accepted)
    XCTAssertNil(result.current)
  }

  /// Pushes one record of `entity` as the admin with `field` set to `user`; the result.
  private func assign(_ entity: String, _ field: String, to user: String) async throws
    -> PushResult
  {
    var site = HarnessSite()
    let answer = try await team.adminClient.push(
      site.request([
        site.mutation(entity, UUIDv7.generate(), [field: .text(user), "deleted": .integer(0)])
      ]))
    return answer.results[0]
  }

  func testAnOwnerOrAssigneeFromAnotherTeamIsRefusedNamingTheField() async throws {
    let other = try await HarnessTeam.create(on: server, email: "eve@example.com")
    let eve = other.admin.user.id
    for (entity, field) in [
      ("deal", "ownerId"), ("contact", "ownerId"), ("company", "ownerId"),
      ("activity", "assigneeId"), ("note", "authorId"), ("stageChange", "byUserId"),
    ] {
      let refused = try await assign(entity, field, to: eve)
      XCTAssertEqual(refused.status, .refused, "\(entity).\(field)")
      XCTAssertEqual(refused.refusals?.first?.field, field)
      XCTAssertTrue(refused.reason?.contains(field) ?? false, refused.reason ?? "")
      XCTAssertTrue(refused.reason?.contains(eve) ?? false, refused.reason ?? "")
      let accepted = try await assign(entity, field, to: rep.user.id)
      XCTAssertEqual(accepted.status, .accepted, "\(entity).\(field): \(accepted.reason ?? "")")
    }
    let notAnId = try await assign("deal", "ownerId", to: "rita's")
    XCTAssertEqual(notAnId.status, .refused)
    XCTAssertTrue(notAnId.reason?.contains("ownerId") ?? false, notAnId.reason ?? "")
    // An id no server user has is refused too: a database merging its local work rewrites
    // its local users as the joining one before it pushes.
    let unknown = try await assign("deal", "ownerId", to: UUIDv7.generate())
    XCTAssertEqual(unknown.status, .refused)
    XCTAssertTrue(unknown.reason?.contains("not a member") ?? false, unknown.reason ?? "")
  }

  func testAnOwnerFromAnotherTeamOrDeactivatedIsRefusedAndNothingIsApplied() async throws {
    let other = try await HarnessTeam.create(on: server, email: "eve@example.com")
    let id = try await deal(ownedBy: rep.user.id)
    var site = HarnessSite()
    let foreign = try await team.adminClient.push(
      site.request([
        site.mutation("deal", id, ["ownerId": .text(other.admin.user.id), "title": .text("X")])
      ]))
    XCTAssertEqual(foreign.results[0].status, .refused)
    XCTAssertEqual(foreign.results[0].refusals?.map(\.field), ["ownerId"])

    let patch = try await team.adminClient.send(
      "PATCH", "/v1/users/\(otherRep.user.id)", UserPatch(active: false))
    XCTAssertEqual(patch.status, 200, patch.text)
    let gone = try await team.adminClient.push(
      site.request([site.mutation("deal", id, ["ownerId": .text(otherRep.user.id)])]))
    XCTAssertEqual(gone.results[0].status, .refused)
    XCTAssertTrue(gone.results[0].reason?.contains("ownerId") ?? false)

    let values = latestValues(try await team.adminClient.pullAll().changes)
    XCTAssertEqual(values["deal/\(id)/ownerId"], .text(rep.user.id))
    XCTAssertEqual(values["deal/\(id)/title"], .text("ACME"))
    let none = try await team.adminClient.push(
      site.request([site.mutation("deal", id, ["ownerId": .null])]))
    XCTAssertEqual(none.results[0].status, .accepted, "no owner is allowed")
  }

  func testARepMayEditTheirOwnDealAndHandItToSomeoneElseOnce() async throws {
    let id = try await deal(ownedBy: rep.user.id)
    let value1 = try await edit(id, as: rep).status
    XCTAssertEqual(value1, .accepted)
    var site = HarnessSite()
    let handOver = try await team.client(rep).push(
      site.request([site.mutation("deal", id, ["ownerId": .text(otherRep.user.id)])]))
    XCTAssertEqual(handOver.results[0].status, .accepted)
    let value2 = try await edit(id, as: rep).status
    XCTAssertEqual(value2, .refused, "no longer theirs")
    let value3 = try await edit(id, as: otherRep).status
    XCTAssertEqual(value3, .accepted)
  }

  func testARepCreatesRecordsAndOwnsTheOnesWithoutAnOwner() async throws {
    let id = UUIDv7.generate()
    var site = HarnessSite()
    let created = try await team.client(rep).push(
      site.request([site.mutation("contact", id, ["firstName": .text("Grace"), "ownerId": .null])]))
    XCTAssertEqual(created.results[0].status, .accepted)
    let own = try await edit(id, as: rep, entity: "contact", field: "firstName")
    XCTAssertEqual(own.status, .accepted)
    let other = try await edit(id, as: otherRep, entity: "contact", field: "firstName")
    XCTAssertEqual(other.status, .refused)
  }

  func testARepMayMoveOnlyTheirOwnDealsThroughStageChanges() async throws {
    let mine = try await deal(ownedBy: rep.user.id)
    let theirs = try await deal(ownedBy: otherRep.user.id)
    var site = HarnessSite()
    let answer = try await team.client(rep).push(
      site.request([
        site.mutation(
          "stageChange", UUIDv7.generate(), ["dealId": .text(mine), "toStageId": .text("s2")]),
        site.mutation(
          "stageChange", UUIDv7.generate(), ["dealId": .text(theirs), "toStageId": .text("s2")]),
      ]))
    XCTAssertEqual(answer.results.map(\.status), [.accepted, .refused])
    XCTAssertTrue(answer.results[1].reason?.contains(theirs) ?? false)
  }

  func testARepMayNotTouchPipelines() async throws {
    var site = HarnessSite()
    let answer = try await team.client(rep).push(
      site.request([site.mutation("pipeline", UUIDv7.generate(), ["name": .text("Mine")])]))
    XCTAssertEqual(answer.results[0].status, .refused)
    XCTAssertTrue(answer.results[0].reason?.contains("admin") ?? false)
  }

  func testAManagerMayEditAnyDealButNotAPipeline() async throws {
    let id = try await deal(ownedBy: rep.user.id)
    let value4 = try await edit(id, as: manager).status
    XCTAssertEqual(value4, .accepted)
    var admin = HarnessSite()
    let pipeline = UUIDv7.generate()
    _ = try await team.adminClient.push(
      admin.request([admin.mutation("pipeline", pipeline, ["name": .text("Sales")])]))
    let result = try await edit(pipeline, as: manager, entity: "pipeline", field: "name")
    XCTAssertEqual(result.status, .refused)
    XCTAssertTrue(result.reason?.contains(pipeline) ?? false)
  }

  func testAMutationWithOneRefusedChangeAppliesNothing() async throws {
    let mine = try await deal(ownedBy: rep.user.id)
    let theirs = try await deal(ownedBy: otherRep.user.id)
    var site = HarnessSite()
    var mutation = site.mutation("deal", mine, ["title": .text("both")])
    mutation.changes.append(
      FieldChange(
        entity: "deal", id: theirs, field: "title", value: .text("both"), hlc: site.tick()))
    let answer = try await team.client(rep).push(site.request([mutation]))
    XCTAssertEqual(answer.results[0].status, .refused)
    let values = latestValues(try await team.adminClient.pullAll().changes)
    XCTAssertEqual(values["deal/\(mine)/title"], .text("ACME"))
  }
}
