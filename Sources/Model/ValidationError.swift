import Foundation

/// A value that breaks a rule, named by the field it is in, so the CLI and the TUI can point
/// at the exact input to fix ("title: must not be empty").
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The field as users name it on the command line and in forms (camelCase).
  public let field: String
  public let message: String

  public init(field: String, _ message: String) {
    self.field = field
    self.message = message
  }

  public var description: String { "\(field): \(message)" }
}

/// Shared checks, so every entity words the same rule the same way.
enum Check {
  static func notBlank(_ value: String, field: String) throws(ValidationError) {
    if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw ValidationError(field: field, "must not be empty")
    }
  }

  static func maxLength(_ value: String?, _ limit: Int, field: String) throws(ValidationError) {
    // No more characters than bytes: most values need no count of characters.
    if let value, value.utf8.count > limit, value.count > limit {
      throw ValidationError(field: field, "is longer than \(limit) characters")
    }
  }

  /// Control characters other than newline and tab would corrupt terminals and exports.
  static func printable(_ value: String?, field: String, allowNewlines: Bool = false)
    throws(ValidationError)
  {
    guard let value else { return }
    // Control characters (Cc) are U+0000-U+001F and U+007F-U+009F: in UTF-8 a byte below
    // 0x20, 0x7F, or 0xC2 before 0x80-0x9F. A text with none of those bytes has none.
    let bytes = value.utf8
    var previous: UInt8 = 0
    let mayHaveControl = bytes.contains { byte in
      defer { previous = byte }
      if byte < 0x20 { return !(allowNewlines && (byte == 0x0A || byte == 0x09)) }
      return byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte))
    }
    guard mayHaveControl else { return }
    for scalar in value.unicodeScalars where scalar.properties.generalCategory == .control {
      if allowNewlines && (scalar == "\n" || scalar == "\t") { continue }
      throw ValidationError(field: field, "contains a control character")
    }
  }

  static func id(_ value: String?, field: String) throws(ValidationError) {
    guard let value else { return }
    if value.isEmpty || value.count > 64 {
      throw ValidationError(field: field, "is not a valid id")
    }
  }
}
