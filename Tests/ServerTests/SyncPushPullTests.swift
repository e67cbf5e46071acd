import Foundation
import Model
import Sync
import XCTest

/// Push and pull against a real `crm-server` process: round trips, retries, last writer
/// wins per field, tombstones, paging and clocks from the future.
final class SyncPushPullTests: XCTestCase {
  private var server: ServerProcess!
  private var team: HarnessTeam!

  override func setUp() async throws {
    server = try ServerProcess()
    team = try await HarnessTeam.create(on: server)
  }

  override func tearDown() async throws {
    server?.remove()
  }

  private let dealId = UUIDv7.generate()

  func testPushedChangesComeBackOnPullWithTheirClocksAndTheSenderAsActor() async throws {
    var site = HarnessSite()
    let mutation = site.mutation(
      "deal", dealId,
      [
        "title": .text("ACME \"renewal\"\n\t\u{1} ✓ \\"), "valueMinor": .integer(120_000),
        "deleted": .integer(0), "probability": .real(0.25), "logo": .blob([0, 255, 7]),
        "lostReason": .null,
      ])
    let answer = try await team.adminClient.push(site.request([mutation]))
    XCTAssertEqual(answer.results.map(\.status), [.accepted])
    XCTAssertGreaterThan(answer.serverClock, mutation.changes.map(\.hlc).max()!)

    let pulled = try await team.adminClient.pullAll()
    let deal = pulled.changes.filter { $0.entity == "deal" }
    XCTAssertEqual(
      Set(deal.map(\.field)),
      ["title", "valueMinor", "deleted", "probability", "logo", "lostReason"])
    XCTAssertEqual(Set(deal.map(\.value)), Set(mutation.changes.map(\.value)))
    XCTAssertEqual(Set(deal.map(\.hlc)), Set(mutation.changes.map(\.hlc)))
    XCTAssertEqual(Set(deal.map(\.actor)), [team.admin.user.id])
    XCTAssertEqual(pulled.cursor, answer.latestSeq)
  }

  func testTheServerPublishesTheTeamsUsersAsUserRecords() async throws {
    let pulled = try await team.adminClient.pullAll()
    let values = latestValues(pulled.changes)
    let id = team.admin.user.id
    XCTAssertEqual(values["user/\(id)/name"], .text("Ada Admin"))
    XCTAssertEqual(values["user/\(id)/email"], .text("ada@example.com"))
    XCTAssertEqual(values["user/\(id)/role"], .text("admin"))
    XCTAssertEqual(values["user/\(id)/deleted"], .integer(0))
  }

  func testARetriedPushIsAppliedOnceAndAnswersDuplicate() async throws {
    var site = HarnessSite()
    let request = site.request([site.mutation("deal", dealId, ["title": .text("First")])])
    let first = try await team.adminClient.push(request)
    let again = try await team.adminClient.push(request)
    XCTAssertEqual(first.results.map(\.status), [.accepted])
    XCTAssertEqual(again.results.map(\.status), [.duplicate])
    XCTAssertEqual(again.latestSeq, first.latestSeq, "a duplicate takes no sequence number")
  }

  func testTheLaterClockWinsAFieldWhateverOrderThePushesArriveIn() async throws {
    for laterFirst in [true, false] {
      let id = UUIDv7.generate()
      var early = HarnessSite()
      var late = HarnessSite()
      let earlyPush = early.request([early.mutation("deal", id, ["title": .text("early")])])
      let latePush = late.request([
        late.mutation("deal", id, ["title": .text("late")], offsetMillis: 5_000)
      ])
      for request in laterFirst ? [latePush, earlyPush] : [earlyPush, latePush] {
        _ = try await team.adminClient.push(request)
      }
      let values = latestValues(try await team.adminClient.pullAll().changes)
      XCTAssertEqual(values["deal/\(id)/title"], .text("late"), "later first: \(laterFirst)")
    }
  }

  func testTwoSitesEditingTwoFieldsOfOneDealBothSurvive() async throws {
    var creator = HarnessSite()
    _ = try await team.adminClient.push(
      creator.request([
        creator.mutation("deal", dealId, ["title": .text("ACME"), "valueMinor": .integer(1)])
      ]))
    var a = HarnessSite()
    var b = HarnessSite()
    _ = try await team.adminClient.push(
      a.request([a.mutation("deal", dealId, ["title": .text("ACME renewal")])]))
    _ = try await team.adminClient.push(
      b.request([b.mutation("deal", dealId, ["valueMinor": .integer(99_00)])]))
    let values = latestValues(try await team.adminClient.pullAll().changes)
    XCTAssertEqual(values["deal/\(dealId)/title"], .text("ACME renewal"))
    XCTAssertEqual(values["deal/\(dealId)/valueMinor"], .integer(99_00))
  }

  func testATombstoneKeepsItsFieldAgainstAnOlderUndeleteAndALaterEditKeepsItsOwn() async throws {
    var a = HarnessSite()
    var b = HarnessSite()
    _ = try await team.adminClient.push(
      a.request([a.mutation("deal", dealId, ["title": .text("ACME"), "deleted": .integer(0)])]))
    // b edits the title later than a deletes, and its stale "deleted = 0" is older.
    let staleUndelete = b.mutation("deal", dealId, ["deleted": .integer(0)], offsetMillis: -2_000)
    let delete = a.mutation("deal", dealId, ["deleted": .integer(1)])
    let laterEdit = b.mutation(
      "deal", dealId, ["title": .text("ACME renewal")], offsetMillis: 3_000)
    _ = try await team.adminClient.push(a.request([delete]))
    _ = try await team.adminClient.push(b.request([staleUndelete, laterEdit]))
    let values = latestValues(try await team.adminClient.pullAll().changes)
    XCTAssertEqual(values["deal/\(dealId)/deleted"], .integer(1))
    XCTAssertEqual(values["deal/\(dealId)/title"], .text("ACME renewal"))
  }

  func testPullPagesCarryWholeRecordsAndTheCursorResumes() async throws {
    let before = try await team.adminClient.pullAll().cursor
    var site = HarnessSite()
    let ids = (0..<5).map { _ in UUIDv7.generate() }
    let mutations = ids.map {
      site.mutation(
        "contact", $0,
        ["firstName": .text("Grace"), "lastName": .text("Hopper"), "deleted": .integer(0)])
    }
    _ = try await team.adminClient.push(site.request(mutations))

    var cursor = before
    var pages: [[FieldChange]] = []
    while true {
      let page = try await team.adminClient.pull(cursor: cursor, limit: 2)
      pages.append(page.changes)
      cursor = page.cursor
      if !page.more { break }
    }
    XCTAssertEqual(pages.map { Set($0.map(\.id)).count }, [2, 2, 1])
    for page in pages {
      for id in Set(page.map(\.id)) {
        XCTAssertEqual(page.filter { $0.id == id }.count, 3, "record \(id) came whole")
      }
    }
    XCTAssertEqual(pages.flatMap { $0 }.map(\.id).uniqued(), ids)

    _ = try await team.adminClient.push(
      site.request([site.mutation("contact", ids[0], ["lastName": .text("Murray Hopper")])]))
    let resumed = try await team.adminClient.pull(cursor: cursor)
    XCTAssertEqual(resumed.changes.map(\.field), ["lastName"])
    XCTAssertEqual(resumed.changes.first?.value, .text("Murray Hopper"))
    XCTAssertFalse(resumed.more)
    let nothing = try await team.adminClient.pull(cursor: resumed.cursor)
    XCTAssertEqual(nothing.changes, [])
    XCTAssertEqual(nothing.cursor, resumed.cursor)
  }

  func testAClockMoreThanAMinuteAheadIsRefusedNamingTheClock() async throws {
    var site = HarnessSite()
    let ahead = site.mutation(
      "deal", dealId, ["title": .text("from the future")], offsetMillis: 120_000)
    let answer = try await team.adminClient.push(site.request([ahead]))
    XCTAssertEqual(answer.results.first?.status, .refused)
    let reason = try XCTUnwrap(answer.results.first?.reason)
    XCTAssertTrue(reason.contains("clock"), reason)
    XCTAssertTrue(reason.contains(dealId), reason)
    let values = latestValues(try await team.adminClient.pullAll().changes)
    XCTAssertNil(values["deal/\(dealId)/title"], "nothing of a refused mutation is applied")

    // Re-stamped on a clock reset to the wall and sent again with the same seq, it is
    // judged again and accepted.
    site.clock = HybridClock(site: site.site)
    var fixed = ahead
    fixed.changes = ahead.changes.map {
      var change = $0
      change.hlc = site.tick(offsetMillis: 0)
      return change
    }
    let retry = try await team.adminClient.push(site.request([fixed]))
    XCTAssertEqual(retry.results.first?.status, .accepted)
  }

  func testATextHoldingANulIsRefusedNotStoredCutShort() async throws {
    var site = HarnessSite()
    let mutation = site.mutation("deal", dealId, ["title": .text("ACME\u{0} renewal")])
    let answer = try await team.adminClient.push(site.request([mutation]))
    XCTAssertEqual(answer.results.first?.status, .refused)
    let reason = try XCTUnwrap(answer.results.first?.reason)
    XCTAssertTrue(reason.contains("field title"), reason)
    XCTAssertTrue(reason.contains("NUL"), reason)
    let values = latestValues(try await team.adminClient.pullAll().changes)
    XCTAssertNil(values["deal/\(dealId)/title"], "no shortened \"ACME\" is stored")
  }

  func testAChangeWithAnotherSitesClockIsRefusedWhole() async throws {
    var site = HarnessSite()
    var other = HarnessSite()
    var mutation = site.mutation("deal", dealId, ["title": .text("mine")])
    mutation.changes.append(
      FieldChange(
        entity: "deal", id: dealId, field: "valueMinor", value: .integer(5), hlc: other.tick()))
    let answer = try await team.adminClient.push(site.request([mutation]))
    XCTAssertEqual(answer.results.first?.status, .refused)
    XCTAssertTrue(answer.results.first?.reason?.contains("site") ?? false)
    let pulled = try await team.adminClient.pullAll()
    XCTAssertNil(latestValues(pulled.changes)["deal/\(dealId)/title"])
  }

  func testMalformedPushesAndPullsAreRefusedNamingTheProblem() async throws {
    let bad = try await team.adminClient.send(
      "POST", "/v1/sync/push", json: Data(#"{"site":"nothex","mutations":[]}"#.utf8))
    XCTAssertEqual(bad.status, 400)
    XCTAssertTrue(bad.text.contains("site"), bad.text)
    let limit = try await team.adminClient.send("GET", "/v1/sync/pull?cursor=0&limit=99999")
    XCTAssertEqual(limit.status, 400)
    XCTAssertTrue(limit.text.contains("limit"), limit.text)

    var site = HarnessSite()
    let unknown = site.mutation("spaceship", dealId, ["name": .text("x")])
    let badField = site.mutation("deal", dealId, ["ti tle": .text("x")])
    let users = site.mutation("user", team.admin.user.id, ["role": .text("rep")])
    let answer = try await team.adminClient.push(site.request([unknown, badField, users]))
    XCTAssertEqual(answer.results.map(\.status), [.refused, .refused, .refused])
    XCTAssertTrue(answer.results[0].reason?.contains("spaceship") ?? false)
    XCTAssertTrue(answer.results[1].reason?.contains("field") ?? false)
    XCTAssertTrue(answer.results[2].reason?.contains("user") ?? false)
  }
}

extension Array where Element: Hashable {
  /// The elements in first-seen order, each once.
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
