import Foundation
import HummingbirdTesting
import Model
import Sync
import XCTest

/// The read-only REST API over records pushed through the sync protocol.
final class RestTests: XCTestCase {
  /// Pushes `count` deals (title, value, deleted 0), one mutation each, and deletes
  /// `deleting` of them; answers their ids in creation order.
  static func pushDeals(
    _ api: AuthAPI, token: String, count: Int, deleting: Set<Int> = []
  ) async throws -> [String] {
    let site = SiteID.random()
    var millis = UInt64(Date().timeIntervalSince1970 * 1000) - 10_000
    var mutations: [PushMutation] = []
    var ids: [String] = []
    func clock() -> HLC {
      millis += 1
      return HLC(millis: millis, counter: 0, site: site)
    }
    for index in 0..<count {
      let id = UUIDv7.generate()
      ids.append(id)
      let changes = [
        FieldChange(
          entity: "deal", id: id, field: "title", value: .text("Deal \(index)"), hlc: clock()),
        FieldChange(
          entity: "deal", id: id, field: "value", value: .integer(Int64(index) * 100), hlc: clock()),
        FieldChange(entity: "deal", id: id, field: "probability", value: .real(0.5), hlc: clock()),
        FieldChange(entity: "deal", id: id, field: "deleted", value: .integer(0), hlc: clock()),
      ]
      mutations.append(
        PushMutation(
          seq: Int64(mutations.count + 1), id: UUIDv7.generate(), label: "Add deal",
          changes: changes))
    }
    for index in deleting.sorted() {
      mutations.append(
        PushMutation(
          seq: Int64(mutations.count + 1), id: UUIDv7.generate(), label: "Delete deal",
          changes: [
            FieldChange(
              entity: "deal", id: ids[index], field: "deleted", value: .integer(1), hlc: clock())
          ]))
    }
    let response = try await api.send(
      .post, "/v1/sync/push", token: token, json: PushRequest(site: site, mutations: mutations))
    XCTAssertEqual(response.status, .ok, String(buffer: response.body))
    let pushed = try api.decode(PushResponse.self, response)
    XCTAssertEqual(Set(pushed.results.map(\.status)), [.accepted], String(buffer: response.body))
    return ids
  }

  struct Page: Decodable {
    struct Item: Decodable {
      var id: String
      var title: String?
      var value: Int64?
      var probability: Double?
    }
    var items: [Item]
    var nextCursor: String?
  }

  func testDealsPageInCreationOrderWithoutDeletedOnes() async throws {
    try await AuthServer().run { api in
      let ada = try await api.signup("ada@example.com")
      let ids = try await Self.pushDeals(api, token: ada.accessToken, count: 7, deleting: [2])
      var seen: [Page.Item] = []
      var cursor: String?
      var pages = 0
      repeat {
        let query = "limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
        let response = try await api.send(.get, "/v1/deals?\(query)", token: ada.accessToken)
        XCTAssertEqual(response.status, .ok, String(buffer: response.body))
        let page = try api.decode(Page.self, response)
        XCTAssertLessThanOrEqual(page.items.count, 2)
        seen += page.items
        cursor = page.nextCursor
        pages += 1
      } while cursor != nil && pages < 10
      XCTAssertEqual(seen.map(\.id), ids.enumerated().filter { $0.offset != 2 }.map(\.element))
      XCTAssertEqual(seen.first?.title, "Deal 0")
      XCTAssertEqual(seen.last?.value, 600)
      XCTAssertEqual(seen.first?.probability, 0.5)
      XCTAssertEqual(pages, 3)

      // Another team sees none of them; the other collections are empty.
      let bob = try await api.signup("bob@example.com")
      let theirs = try api.decode(
        Page.self, try await api.send(.get, "/v1/deals", token: bob.accessToken))
      XCTAssertTrue(theirs.items.isEmpty)
      XCTAssertNil(theirs.nextCursor)
      for path in ["contacts", "companies", "activities"] {
        let page = try api.decode(
          Page.self, try await api.send(.get, "/v1/\(path)", token: ada.accessToken))
        XCTAssertTrue(page.items.isEmpty, path)
      }
    }
  }

  func testBadLimitsAndCursorsAreRefusedNamingTheParameter() async throws {
    try await AuthServer().run { api in
      let ada = try await api.signup("ada@example.com")
      for query in ["limit=0", "limit=501", "limit=ten"] {
        let response = try await api.send(.get, "/v1/deals?\(query)", token: ada.accessToken)
        XCTAssertEqual(try api.problem(response, .badRequest).field, "limit", query)
      }
      for cursor in ["garbage", "r1.AAAA", "r1.@@@"] {
        let response = try await api.send(
          .get, "/v1/contacts?cursor=\(cursor)", token: ada.accessToken)
        XCTAssertEqual(try api.problem(response, .badRequest).field, "cursor", cursor)
      }
    }
  }
}
