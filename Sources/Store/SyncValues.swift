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
      let code = value.bind(to: handle, at: index)
      guard code == SQLITE_OK else {
        throw DatabaseError(
          resultCode: ResultCode(rawValue: code), message: "cannot bind argument \(index)",
          sql: statement.sql)
      }
      index += 1
    }
    try statement.execute()
  }

  /// `"name"`: only ever for names checked against the table's own columns.
  static func quoted(_ column: String) -> String { "\"\(column)\"" }

  /// A JSON array of strings, bound as one value and read back with `json_each`.
  static func jsonArray(_ strings: [String]) throws -> String {
    String(decoding: try JSONEncoder().encode(strings), as: UTF8.self)
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
