import Foundation
import GRDB
import GRDBSQLite
import Model

extension SyncStore {
  public static let defaultPullLimit = 1000
  public static let maxPullLimit = 5000

  /// One page of a pull, already encoded as `PullResponse` JSON.
  public struct PullPage: Sendable {
    public var json: [UInt8]
    public var cursor: Int64
    public var more: Bool
    public var changeCount: Int
  }

  /// The records of `team` whose latest server seq is after `cursor`, at most `limit` of
  /// them, in seq order, each with every field written after `since` (≤ `cursor`: where the
  /// client's pull began). From 0 a record comes whole; and a record whose latest change lies
  /// past a page, and so is met on a later one, still brings the older fields the client has
  /// not seen (filtering them by the page's cursor left such records partial). Encoded straight from the rows: a page of 5,000 records is ~75,000
  /// changes, too many for Codable to be cheap.
  public func pull(team: String, cursor: Int64, since: Int64, limit: Int) async throws
    -> PullPage
  {
    precondition(since <= cursor, "a pull's since is at or before its cursor")
    let clock = currentClock()
    return try await database.pool.read { db in
      let pageEnd = try Int64.fetchOne(
        db,
        sql: """
          SELECT max(seq) FROM (SELECT seq FROM records WHERE team = ? AND seq > ?
            ORDER BY seq LIMIT ?)
          """, arguments: [team, cursor, limit])
      var json = PullJSON()
      json.open()
      var count = 0
      if let pageEnd {
        let statement = try db.cachedStatement(
          sql: """
            SELECT f.entity, f.recordId, f.field, f.value, f.hlc, f.site, f.actor
            FROM records r JOIN fields f
              ON f.team = r.team AND f.entity = r.entity AND f.recordId = r.recordId
            WHERE r.team = ? AND r.seq > ? AND r.seq <= ? AND f.seq > ?
            ORDER BY r.seq
            """)
        // Stepped by hand: each column's bytes go straight into the JSON, no row values.
        try statement.setArguments([team, cursor, pageEnd, since])
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
          let code = sqlite3_step(handle)
          if code == SQLITE_DONE { break }
          guard code == SQLITE_ROW else {
            throw DatabaseError(
              resultCode: ResultCode(rawValue: code),
              message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
          }
          json.change(handle)
          count += 1
        }
      }
      let next = pageEnd ?? cursor
      let more =
        try Bool.fetchOne(
          db, sql: "SELECT EXISTS (SELECT 1 FROM records WHERE team = ? AND seq > ?)",
          arguments: [team, next]) ?? false
      json.close(cursor: next, more: more, serverClock: clock)
      return PullPage(json: json.bytes, cursor: next, more: more, changeCount: count)
    }
  }
}

/// Writes `PullResponse` JSON (the shape `Codable` reads back: changes with entity, id,
/// field, value, hlc, actor) byte by byte.
struct PullJSON {
  var bytes: [UInt8] = []
  private var first = true

  init() { bytes.reserveCapacity(1 << 16) }

  mutating func open() {
    append(#"{"changes":["#)
  }

  /// The current row of a statement selecting (entity, recordId, field, value, hlc, site,
  /// actor).
  mutating func change(_ row: SQLiteStatement) {
    if !first { bytes.append(UInt8(ascii: ",")) }
    first = false
    append(#"{"entity":"#)
    textColumn(row, 0)
    append(#","id":"#)
    textColumn(row, 1)
    append(#","field":"#)
    textColumn(row, 2)
    append(#","value":"#)
    switch sqlite3_column_type(row, 3) {
    case SQLITE_NULL:
      append("null")
    case SQLITE_INTEGER:
      decimal(sqlite3_column_int64(row, 3))
    case SQLITE_FLOAT:
      let real = sqlite3_column_double(row, 3)
      append(#"{"real":"#)
      append(real.isFinite ? "\(real)" : "0")
      bytes.append(UInt8(ascii: "}"))
    case SQLITE_BLOB:
      let count = Int(sqlite3_column_bytes(row, 3))
      let data =
        count == 0
        ? Data() : Data(bytes: sqlite3_column_blob(row, 3), count: count)
      append(#"{"blob":""#)
      append(data.base64EncodedString())
      append("\"}")
    default:
      textColumn(row, 3)
    }
    append(#","hlc":""#)
    hex16(UInt64(bitPattern: sqlite3_column_int64(row, 4)))
    bytes.append(UInt8(ascii: "-"))
    rawColumn(row, 5)
    bytes.append(UInt8(ascii: "\""))
    if sqlite3_column_type(row, 6) != SQLITE_NULL {
      append(#","actor":"#)
      textColumn(row, 6)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  /// A text column's UTF-8 bytes as they are (the site id: hex digits).
  private mutating func rawColumn(_ row: SQLiteStatement, _ index: Int32) {
    guard let text = sqlite3_column_text(row, index) else { return }
    let count = Int(sqlite3_column_bytes(row, index))
    bytes.append(contentsOf: UnsafeBufferPointer(start: text, count: count))
  }

  /// A text column as a JSON string.
  private mutating func textColumn(_ row: SQLiteStatement, _ index: Int32) {
    guard let text = sqlite3_column_text(row, index) else {
      append(#""""#)
      return
    }
    let count = Int(sqlite3_column_bytes(row, index))
    escaped(UnsafeBufferPointer(start: text, count: count))
  }

  mutating func close(cursor: Int64, more: Bool, serverClock: HLC) {
    append(#"],"cursor":"#)
    append(String(cursor))
    append(more ? #","more":true"# : #","more":false"#)
    append(#","serverClock":""#)
    append(serverClock.description)
    append("\"}")
  }

  private mutating func append(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// An integer's decimal digits, written without making a String.
  private mutating func decimal(_ value: Int64) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = 20
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
    }
  }

  private mutating func hex16(_ value: UInt64) {
    for shift in stride(from: 60, through: 0, by: -4) {
      bytes.append(Self.hexDigits[Int((value >> UInt64(shift)) & 0xF)])
    }
  }

  /// A JSON string: quotes, backslashes and control characters escaped, the rest as is.
  private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(UInt8(ascii: "\""))
    var start = 0
    for index in 0..<utf8.count {
      let byte = utf8[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        continue
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
      start = index + 1
      switch byte {
      case UInt8(ascii: "\""): append(#"\""#)
      case UInt8(ascii: "\\"): append(#"\\"#)
      case 0x0A: append(#"\n"#)
      case 0x0D: append(#"\r"#)
      case 0x09: append(#"\t"#)
      default:
        append(#"\u00"#)
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 0xF)])
      }
    }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
    bytes.append(UInt8(ascii: "\""))
  }
}
