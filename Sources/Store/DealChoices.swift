import Foundation
import GRDB
import Model

/// What the TUI's link picker and a contact's detail need of deals: the deals matching
/// what is typed (search as you type), and the role a contact has on each of its deals.
extension Store {
  /// Live deals whose title words start with the words of `text`, the last added first;
  /// with no text, the last added deals. At most `limit`. Ordered by rowid, which needs no
  /// sort: by `createdAt` (no index) the first screen took half a second on 100k deals.
  public func dealChoices(matching text: String, limit: Int = 20) throws -> [DealSummary] {
    try reader.read { db in
      guard let query = Self.ftsQuery(text) else {
        return try Row.fetchAll(
          db,
          sql: Self.summarySelect
            + " WHERE d.deleted = 0 ORDER BY d.rid DESC LIMIT ?",
          arguments: [limit]
        ).map(Self.summary)
      }
      return try Row.fetchAll(
        db,
        sql: Self.summarySelect + """
           WHERE d.deleted = 0 AND d.rid IN (
            SELECT rowid FROM deals_fts WHERE deals_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
          ORDER BY d.rid DESC
          """, arguments: [query, limit]
      ).map(Self.summary)
    }
  }

  /// The roles contact `key` has on its live deal links, by deal id (links without a role
  /// are left out).
  public func dealRoles(contact key: String) throws -> [String: String] {
    try reader.read { db in
      let id = try Self.resolve(db, .contact, key)
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT dealId, role FROM deal_contacts
          WHERE contactId = ? AND deleted = 0 AND role IS NOT NULL AND role <> ''
          """, arguments: [id])
      return Dictionary(
        rows.map { ($0["dealId"] as String, $0["role"] as String) }, uniquingKeysWith: { a, _ in a }
      )
    }
  }
}
