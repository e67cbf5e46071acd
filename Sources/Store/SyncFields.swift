import GRDB

/// The fields of each entity that a pulled change may write: the table's own columns but
/// `rid` (a local key), `id` (the record's name, never a field) and the columns triggers
/// derive (the contacts list's company, owner and last interaction). Read from the schema
/// itself, once per apply, so a name from the network is only ever compared with these,
/// never put into SQL.
struct SyncFields {
  /// What a column accepts, from its declared type.
  enum Kind {
    case integer, boolean, real, text, date, any
  }

  struct Column {
    let kind: Kind
    let notNull: Bool
    /// NOT NULL without a default: a new record must bring it.
    let required: Bool
  }

  static let notFields: Set<String> = ["rid", "id", "listCompany", "listOwner", "listLast"]

  let table: String
  let columns: [String: Column]
  /// The names a new record must bring, sorted.
  let required: [String]

  init(_ db: Database, table: String) throws {
    self.table = table
    var columns: [String: Column] = [:]
    for info in try db.columns(in: table) where !Self.notFields.contains(info.name) {
      let kind: Kind
      switch info.type.uppercased() {
      case "INTEGER", "INT": kind = .integer
      case "BOOLEAN": kind = .boolean
      case "DOUBLE", "REAL", "FLOAT": kind = .real
      case "TEXT": kind = .text
      case "DATETIME", "DATE": kind = .date
      default: kind = .any
      }
      columns[info.name] = Column(
        kind: kind, notNull: info.isNotNull,
        required: info.isNotNull && info.defaultValueSQL == nil)
    }
    self.columns = columns
    required = columns.filter(\.value.required).map(\.key).sorted()
  }

  /// Why `value` cannot go into `column`, or nil if it can.
  static func problem(_ value: DatabaseValue, for column: Column) -> String? {
    switch value.storage {
    case .null:
      return column.notNull ? "cannot be empty" : nil
    case .int64(let number):
      switch column.kind {
      case .integer, .real, .any: return nil
      case .boolean: return number == 0 || number == 1 ? nil : "is not 0 or 1"
      case .text, .date: return "is a number, not text"
      }
    case .double:
      return column.kind == .real || column.kind == .any ? nil : "is a real number"
    case .string(let text):
      // SQLite's text binding ends at a NUL: the field would be written cut short.
      if UTF8Scan.contains(text, 0) { return "holds a NUL character (U+0000)" }
      switch column.kind {
      case .text, .any: return nil
      case .date: return isDate(text) ? nil : "is not a date"
      case .integer, .boolean, .real: return "is text, not a number"
      }
    case .blob:
      return column.kind == .any ? nil : "is binary"
    }
  }

  /// "yyyy-MM-dd" then, if anything, a time: what GRDB writes and reads back as a Date.
  static func isDate(_ text: String) -> Bool {
    let bytes = Array(text.utf8.prefix(40))
    guard bytes.count >= 10, bytes.count <= 32, bytes[4] == UInt8(ascii: "-"),
      bytes[7] == UInt8(ascii: "-")
    else { return false }
    let digits = [0, 1, 2, 3, 5, 6, 8, 9]
    return digits.allSatisfy { bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }
  }
}
