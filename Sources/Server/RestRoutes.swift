import Foundation
import GRDB
import Hummingbird
import Model
import Sync

/// The read-only REST API over the team's records: `GET /v1/deals`, `/v1/contacts`,
/// `/v1/companies`, `/v1/activities`, each `?limit=` (1...500, default 100) and
/// `?cursor=` (opaque, the previous page's `nextCursor`). Answers
/// `{"items": [{"id": ..., field: value, ...}], "nextCursor": "..." | null}` in record id
/// order (UUIDv7: creation order); deleted records (tombstones) are left out.
///
/// ```swift
/// RestRoutes(pool: services.database.pool).register(on: protected)
/// ```
///
/// Values are plain JSON: integers and reals as numbers, text as strings, blobs as base64
/// strings, dates as the text the clients store.
struct RestRoutes: Sendable {
  /// The collection paths and the change-log entity each lists.
  static let collections: [(path: String, entity: String)] = [
    ("deals", "deal"), ("contacts", "contact"), ("companies", "company"),
    ("activities", "activity"),
  ]
  static let defaultLimit = 100
  static let maxLimit = 500

  let pool: DatabasePool

  func register(on group: RouterGroup<ServerContext>) {
    for collection in Self.collections {
      group.get("v1/\(collection.path)") { request, context in
        guard let identity = context.identity else {
          throw Problem.unauthorized("this route needs an access token")
        }
        let query = try RestQuery(request.uri.queryParameters)
        let page = try await page(team: identity.teamId, entity: collection.entity, query)
        return try AccountJSON.response(page)
      }
    }
  }

  /// One page of the entity's live records after the cursor.
  func page(team: String, entity: String, _ query: RestQuery) async throws -> RestPage {
    try await pool.read { db in
      let ids = try String.fetchAll(
        db,
        sql: """
          SELECT r.recordId FROM records r
          WHERE r.team = ? AND r.entity = ? AND r.recordId > ?
            AND NOT EXISTS (
              SELECT 1 FROM fields f
              WHERE f.team = r.team AND f.entity = r.entity AND f.recordId = r.recordId
                AND f.field = 'deleted' AND f.value = 1)
          ORDER BY r.recordId LIMIT ?
          """,
        arguments: [team, entity, query.after ?? "", query.limit + 1])
      let more = ids.count > query.limit
      let pageIds = Array(ids.prefix(query.limit))
      guard let first = pageIds.first, let last = pageIds.last else {
        return RestPage(items: [], nextCursor: nil)
      }
      var items: [String: RestItem] = [:]
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT recordId, field, value FROM fields
          WHERE team = ? AND entity = ? AND recordId BETWEEN ? AND ?
          """,
        arguments: [team, entity, first, last])
      let wanted = Set(pageIds)
      while let row = try rows.next() {
        let id: String = row["recordId"]
        guard wanted.contains(id) else { continue }
        let field: String = row["field"]
        guard field != "deleted", field != "id" else { continue }
        items[id, default: RestItem(id: id)].fields[field] = FieldValue(
          row["value"] as DatabaseValue)
      }
      return RestPage(
        items: pageIds.compactMap { items[$0] },
        nextCursor: more ? RestQuery.cursor(after: last) : nil)
    }
  }
}

/// `?limit=` and `?cursor=` of a REST list, checked.
struct RestQuery: Sendable {
  var limit: Int
  /// The record id the page starts after; nil: from the start.
  var after: String?

  init(_ parameters: Parameters) throws {
    if let text = parameters["limit"] {
      guard let limit = Int(text), (1...RestRoutes.maxLimit).contains(limit) else {
        throw Problem.badRequest(
          "must be a whole number from 1 to \(RestRoutes.maxLimit)", field: "limit")
      }
      self.limit = limit
    } else {
      limit = RestRoutes.defaultLimit
    }
    if let cursor = parameters["cursor"], !cursor.isEmpty {
      guard let id = Self.recordId(cursor: String(cursor)) else {
        throw Problem.badRequest("is not a cursor this server gave", field: "cursor")
      }
      after = id
    }
  }

  /// The opaque cursor for "after this record": `r1.` and the id in base64url, so
  /// clients do not build their own.
  static func cursor(after id: String) -> String {
    "r1." + Base64URL.encode(Array(id.utf8))
  }

  static func recordId(cursor: String) -> String? {
    guard cursor.hasPrefix("r1."), cursor.utf8.count <= 128 else { return nil }
    var base64 = cursor.dropFirst(3)
      .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    guard let data = Data(base64Encoded: base64),
      let id = String(data: data, encoding: .utf8), UUIDv7.isValid(id)
    else { return nil }
    return id
  }
}

struct RestPage: Encodable, Sendable {
  var items: [RestItem]
  var nextCursor: String?

  enum CodingKeys: String, CodingKey { case items, nextCursor }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(items, forKey: .items)
    // Always present: null on the last page.
    try container.encode(nextCursor, forKey: .nextCursor)
  }
}

/// One record as REST shows it: its id and its fields' current values.
struct RestItem: Encodable, Sendable {
  var id: String
  var fields: [String: FieldValue] = [:]

  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encode(id, forKey: Key("id"))
    for (name, value) in fields {
      let key = Key(name)
      switch value {
      case .null: try container.encodeNil(forKey: key)
      case .integer(let number): try container.encode(number, forKey: key)
      case .real(let real): try container.encode(real, forKey: key)
      case .text(let text): try container.encode(text, forKey: key)
      case .blob(let bytes): try container.encode(Data(bytes).base64EncodedString(), forKey: key)
      }
    }
  }
}
