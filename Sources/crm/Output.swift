import Foundation
import Model

/// Printing for the CLI: aligned tables for people, JSON for scripts.
enum Output {
  /// Columns padded to their widest cell; the last column is not padded.
  static func table(_ header: [String], _ rows: [[String]]) {
    let all = [header] + rows
    var widths = [Int](repeating: 0, count: header.count)
    for row in all {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    var text = ""
    for row in all {
      let cells = row.enumerated().map { index, cell in
        index == row.count - 1
          ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
      }
      text += cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// "Field: value" lines for `show`.
  static func fields(_ pairs: [(String, String?)]) {
    let width = pairs.map(\.0.count).max() ?? 0
    var text = ""
    for (name, value) in pairs {
      guard let value, !value.isEmpty else { continue }
      text += name + ":" + String(repeating: " ", count: width - name.count + 1) + value + "\n"
    }
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  /// Pretty JSON with sorted keys, so output is stable from run to run.
  static func json(_ value: Any) throws {
    let data = try JSONSerialization.data(
      withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    FileHandle.standardOutput.write(data + Data("\n".utf8))
  }

  static func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }

  /// ISO 8601 in UTC, to the second.
  static func iso(_ date: Date?) -> Any {
    guard let date else { return NSNull() }
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }

  /// A moment for people: local time, minutes.
  static func local(_ date: Date?) -> String {
    guard let date else { return "" }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.string(from: date)
  }

  static func money(_ money: Money) -> String { "\(money.decimalString) \(money.currency.code)" }

  /// `nil` becomes JSON null, so every key is present in every object.
  static func orNull(_ value: (any Sendable)?) -> Any { value ?? NSNull() }

  static func duration(_ seconds: TimeInterval) -> String {
    let minutes = Int(seconds / 60)
    if minutes < 60 { return "\(minutes)m" }
    if minutes < 60 * 48 { return "\(minutes / 60)h" }
    return "\(minutes / 1440)d"
  }
}
