import Foundation
import Model
import Store
import Terminal

/// The new-activity form of a record's detail: kind, title, when and notes, checked with
/// the Model's rules, the moment read by `DateInput` in the user's zone.
enum ActivityFormFields {
  static let kind = 0
  static let title = 1
  static let when = 2
  static let notes = 3

  static func new(_ state: AppState) -> FormState {
    FormState(
      fields: [
        FormField(state.text("form.kind"), text: ActivityKind.task.rawValue),
        FormField(state.text("form.title")),
        FormField(state.text("form.when")),
        FormField(state.text("form.notes")),
      ], focus: title)
  }

  /// The activity the form describes, or nil with the form's errors marked.
  static func submit(_ form: inout FormState, state: AppState) -> ActivityFields? {
    var kind = ActivityKind.task
    var moment: Date?
    let values = form.values.map { $0.trimmingCharacters(in: .whitespaces) }
    let valid = form.validate { index, _ in
      let text = values[index]
      switch index {
      case Self.kind:
        guard let parsed = ActivityKind(rawValue: text.lowercased()) else {
          return ActivityKind.allCases.map(\.rawValue).joined(separator: " / ")
        }
        kind = parsed
        return nil
      case title:
        if text.isEmpty { return state.text("form.error.empty") }
        return text.count > 200 ? state.text("form.error.long") : nil
      case when:
        guard !text.isEmpty else { return nil }
        do {
          moment = try Self.moment(text, zone: state.timeZone, now: state.now)
          return nil
        } catch {
          return state.text("form.error.when", text)
        }
      default:
        return text.count > 20_000 ? state.text("form.error.long") : nil
      }
    }
    guard valid else { return nil }
    return ActivityFields(
      kind: kind, title: values[title], when: moment, notes: values[notes])
  }

  /// `DateInput`'s moments, plus a relative day with a time (`today 14:00`, `+3d 9:30`):
  /// the day from the word, the time as typed.
  static func moment(_ text: String, zone: TimeZone, now: Date) throws(ValidationError) -> Date {
    let parts = text.split(separator: " ", omittingEmptySubsequences: true)
    if parts.count == 2, parts[1].contains(":"), !parts[0].contains("-") {
      let start = try DateInput.parse(String(parts[0]), field: "when", zone: zone, now: now)
      return try DateInput.parse(
        "\(Day(start, in: zone)) \(parts[1])", field: "when", zone: zone, now: now)
    }
    return try DateInput.parse(text, field: "when", zone: zone, now: now)
  }
}
