import GRDB
import Model

/// A record found by full-text search.
public struct SearchHit: Sendable, Hashable {
  public var entity: Entity
  public var id: String
  /// What a list shows for it: a deal's title, a contact's name, a company's name.
  public var label: String
}

extension Store {
  /// Search as you type: every word of `text` must start a word of the record (prefix
  /// match), best matches first. Typed text is quoted, so FTS syntax in it is harmless.
  public func search(
    _ text: String, in entities: [Entity] = [.deal, .contact, .company],
    limit: Int = 20
  ) throws -> [SearchHit] {
    guard let query = Self.ftsQuery(text) else { return [] }
    return try reader.read { db in
      var hits: [SearchHit] = []
      for entity in entities {
        let (fts, label): (String, String)
        switch entity {
        case .deal: (fts, label) = ("deals_fts", "t.title")
        case .contact: (fts, label) = ("contacts_fts", "trim(t.firstName || ' ' || t.lastName)")
        case .company: (fts, label) = ("companies_fts", "t.name")
        default: continue
        }
        // Ranking scores every match: fine for a few hundred, 180 ms for the 27k contacts
        // that "ma" matches. A short prefix that matches that many gets the newest first.
        let matches =
          try Int.fetchOne(
            db,
            sql: "SELECT count(*) FROM (SELECT 1 FROM \(fts) WHERE \(fts) MATCH ? LIMIT ?)",
            arguments: [query, Self.rankedMatchLimit + 1]) ?? 0
        let order = matches > Self.rankedMatchLimit ? "f.rowid DESC" : "f.rank"
        let rows = try Row.fetchAll(
          db,
          sql: """
            SELECT t.id AS id, \(label) AS label FROM \(fts) f JOIN \(entity.table) t ON t.rid = f.rowid
            WHERE \(fts) MATCH ? ORDER BY \(order) LIMIT ?
            """, arguments: [query, limit])
        hits += rows.map { SearchHit(entity: entity, id: $0["id"], label: $0["label"]) }
      }
      return hits
    }
  }

  /// Above this many matches, results come newest first instead of ranked.
  static let rankedMatchLimit = 1000

  /// `jo smi` becomes `"jo"* "smi"*`; nil when nothing searchable is left.
  static func ftsQuery(_ text: String) -> String? {
    let words = ftsWords(text)
    guard !words.isEmpty else { return nil }
    return words.map { "\"\($0)\"*" }.joined(separator: " ")
  }

  /// The words of a search as `ftsQuery` quotes them: at most 8, without quotes, stars,
  /// line breaks and control characters (FTS5 reads a NUL as the end of the query).
  static func ftsWords(_ text: String) -> [String] {
    let words = text.split(whereSeparator: { $0.isWhitespace }).map {
      $0.filter { c in
        c != "\"" && c != "*" && !c.isNewline
          && !c.unicodeScalars.contains { $0.properties.generalCategory == .control }
      }
    }.filter { !$0.isEmpty }
    return Array(words.prefix(8))
  }
}
