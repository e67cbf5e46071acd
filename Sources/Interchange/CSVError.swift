/// The values the CSV reader hands out: a record with the line it starts on, and the error
/// that refuses a file, naming the line and the reason.

/// A CSV file that cannot be read: the 1-based physical line and why. Line 0 means the file
/// itself (it could not be opened); its description then has no line prefix.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
  public let line: Int
  public let reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { line > 0 ? "line \(line): \(reason)" : reason }
}

/// One record of a CSV file: its fields as text, and the physical line where it starts
/// (a quoted field with newlines makes a record span several lines).
public struct CSVRecord: Sendable, Equatable {
  public let line: Int
  public let fields: [String]

  public init(line: Int, fields: [String]) {
    self.line = line
    self.fields = fields
  }

  /// Every field is empty or whitespace (a spreadsheet's ",,,," row); importers skip these.
  public var isBlank: Bool {
    fields.allSatisfy { $0.allSatisfy(\.isWhitespace) }
  }
}
