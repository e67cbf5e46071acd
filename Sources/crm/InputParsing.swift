import Foundation
import Model

/// Turning flag text into Model values, with errors that name the flag.
enum InputParsing {
  static var defaultCurrency: Currency {
    let env = ProcessInfo.processInfo.environment
    if let code = env["CRM_CURRENCY"], let currency = Currency(code: code) { return currency }
    if let code = Locale.current.currency?.identifier, let currency = Currency(code: code) {
      return currency
    }
    return .usd
  }

  static func currency(_ code: String) throws -> Currency {
    guard let currency = Currency(code: code) else {
      throw ValidationError(field: "currency", "\"\(code)\" is not an ISO 4217 currency code")
    }
    return currency
  }

  static func money(_ text: String, currency: Currency) throws -> Money {
    do {
      return try Money.parse(text, currency: currency, locale: Locale.current)
    } catch {
      throw ValidationError(field: "value", error.message(for: text))
    }
  }

  static func day(_ text: String, field: String) throws -> Day {
    try Day.parse(text, field: field)
  }

  static func date(_ text: String, field: String) throws -> Date {
    try DateInput.parse(text, field: field, zone: .current, now: Date())
  }

  static func priority(_ text: String) throws -> Priority {
    guard let priority = Priority(rawValue: text.lowercased()) else {
      throw ValidationError(
        field: "priority",
        "\"\(text)\" is not a priority (\(Priority.allCases.map(\.rawValue).joined(separator: ", ")))"
      )
    }
    return priority
  }

  static func kind<T: RawRepresentable & CaseIterable>(
    _ text: String, _ type: T.Type, field: String
  )
    throws -> T where T.RawValue == String
  {
    guard let value = T(rawValue: text.lowercased()) else {
      throw ValidationError(
        field: field,
        "\"\(text)\" is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    return value
  }

  /// `work:ann@example.com` or just `ann@example.com` (work).
  static func typed(_ text: String) throws -> (ContactPointType, String) {
    if let colon = text.firstIndex(of: ":"),
      let type = ContactPointType(rawValue: text[..<colon].lowercased())
    {
      return (type, String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
    }
    return (.work, text.trimmingCharacters(in: .whitespaces))
  }

  /// Empty text clears an optional field.
  static func optional(_ text: String?) -> String?? {
    guard let text else { return nil }
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return .some(trimmed.isEmpty ? nil : trimmed)
  }
}
