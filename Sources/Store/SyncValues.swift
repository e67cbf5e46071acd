import Foundation
import GRDB
import GRDBSQLite
import Model

/// FieldValue (the wire's form of a field) and DatabaseValue (the change log's) are the same
/// storage classes: converting is exact both ways.
extension FieldValue {
  init(_ value: DatabaseValue) {
    switch value.storage {
    case .null: self = .null
    case .int64(let number): self = .integer(number)
    case .double(let real): self = .real(real)
    case .string(let text): self = .text(text)
    case .blob(let data): self = .blob(Array(data))
    }
  }

  var databaseValue: DatabaseValue {
    switch self {
    case .null: return .null
    case .integer(let number): return number.databaseValue
    case .real(let real): return real.databaseValue
    case .text(let text): return text.databaseValue
    case .blob(let bytes): return Data(bytes).databaseValue
    }
  }
}

/// Statements of sync's multi-row writes: prepared once per shape in the connection's cache,
/// values bound straight to SQLite (as `MutationWriter` does: building `StatementArguments`
/// of thousands of values is a good part of a big write's cost).
enum SyncSQL {
  static func statement(_ db: Database, _ sql: String) throws -> Statement {
    let statement = try db.cachedStatement(sql: sql)
    statement.setUncheckedArguments(StatementArguments())
    return statement
  }

  /// Binds `values` to the statement's parameters in order and runs it.
  static func run(_ statement: Statement, _ values: some Collection<DatabaseValue>) throws {
    let handle = statement.sqliteStatement
    _ = sqlite3_reset(handle)
    precondition(values.count == Int(sqlite3_bind_parameter_count(handle)))
    var index: CInt = 1
    for value in values {
      let code = bind(value, to: handle, at: index)
      guard code == SQLITE_OK else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)",
          sql: statement.sql)
      }
      index += 1
    }
    try statement.execute()
  }

  /// SQLite copies the bytes before `sqlite3_bind_text` returns.
  private static let transient = unsafeBitCast(
    OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

  /// A text is bound from its own UTF-8 with its length: GRDB's binding makes a C string of
  /// it first (a copy of every text of a bootstrap) and would end it at a NUL.
  private static func bind(_ value: DatabaseValue, to handle: SQLiteStatement, at index: CInt)
    -> CInt
  {
    guard case .string(var text) = value.storage else { return value.bind(to: handle, at: index) }
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress, !bytes.isEmpty else {
        return sqlite3_bind_text(handle, index, "", 0, transient)
      }
      return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
        sqlite3_bind_text(handle, index, $0, CInt(bytes.count), transient)
      }
    }
  }

  /// `"name"`: only ever for names checked against the table's own columns.
  static func quoted(_ column: String) -> String { "\"\(column)\"" }

  /// A JSON array of strings, bound as one value and read back with `json_each`.
  static func jsonArray(_ strings: [String]) throws -> String {
    // Written by hand: JSONEncoder took a twentieth of a bootstrap's apply for its ids.
    var out: [UInt8] = [UInt8(ascii: "[")]
    out.reserveCapacity(2 + strings.reduce(0) { $0 + $1.utf8.count + 3 })
    for (index, text) in strings.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      RecordSnapshot.appendString(text, to: &out)
    }
    out.append(UInt8(ascii: "]"))
    return String(decoding: out, as: UTF8.self)
  }

  /// Network text shown in a report: at most 60 characters, control characters escaped.
  static func shown(_ text: String) -> String {
    let short = text.count > 60 ? String(text.prefix(60)) + "…" : text
    return short.unicodeScalars.map { scalar in
      scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
        ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }.joined()
  }
}
