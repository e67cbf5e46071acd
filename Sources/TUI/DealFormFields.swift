import Foundation
import Model
import Store
import Terminal

/// The new/edit deal form: its fields, and turning what was typed into a Store request with
/// the Model's own parsing, so a bad value is named in the form before anything is written.
enum DealFormFields {
  static let title = 0
  static let value = 1
  static let currency = 2
  static let close = 3
  static let priority = 4

  static func new(_ state: AppState) -> FormState {
    let currency =
      state.focusedCard?.deal.value.currency.code ?? state.locale.currency?.identifier ?? "USD"
    return form(
      state, title: "", value: "", currency: currency, close: "", priority: Priority.normal.rawValue
    )
  }

  static func edit(_ deal: Deal, _ state: AppState) -> FormState {
    form(
      state, title: deal.title, value: deal.value.decimalString, currency: deal.value.currency.code,
      close: deal.closeDate?.description ?? "", priority: deal.priority.rawValue)
  }

  private static func form(
    _ state: AppState, title: String, value: String, currency: String, close: String,
    priority: String
  ) -> FormState {
    FormState(fields: [
      FormField(state.text("form.title"), text: title),
      FormField(state.text("form.value"), text: value),
      FormField(state.text("form.currency"), text: currency),
      FormField(state.text("form.close"), text: close),
      FormField(state.text("form.priority"), text: priority),
    ])
  }

  struct Invalid: Error {}

  /// The effect the form asks for, or the form with its errors marked.
  static func submit(_ form: inout FormState, state: AppState, editing: String?) -> Result<
    Effect, Invalid
  > {
    var money: Money?
    var closeDate: Day?
    var priority = Priority.normal
    let currencyText = form.fields[currency].text.trimmingCharacters(in: .whitespaces)
    let valid = form.validate { index, text in
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      switch index {
      case title:
        return trimmed.isEmpty ? state.text("form.error.empty") : nil
      case currency:
        return Currency(code: trimmed) == nil ? state.text("form.error.currency", trimmed) : nil
      case value:
        guard let currency = Currency(code: currencyText) else { return nil }
        if trimmed.isEmpty {
          money = Money(minorUnits: 0, currency: currency)
          return nil
        }
        do {
          money = try Money.parse(trimmed, currency: currency, locale: state.locale)
          return money!.minorUnits < 0 ? state.text("form.error.negative") : nil
        } catch {
          if case .tooManyFractionDigits(let allowed)? = error as? MoneyParseError {
            return state.text("form.error.decimals", trimmed, String(allowed))
          }
          return state.text("form.error.amount", trimmed)
        }
      case close:
        guard !trimmed.isEmpty else { return nil }
        do {
          closeDate = try Day.parse(trimmed, field: "close")
          return nil
        } catch {
          return state.text("form.error.date", trimmed)
        }
      case Self.priority:
        guard let parsed = Priority(rawValue: trimmed.lowercased()) else {
          return Priority.allCases.map(\.rawValue).joined(separator: " / ")
        }
        priority = parsed
        return nil
      default: return nil
      }
    }
    guard valid, let money else { return .failure(Invalid()) }
    let titleText = form.fields[title].text.trimmingCharacters(in: .whitespaces)
    if let editing {
      return .success(
        .editDeal(
          editing,
          DealChanges(
            title: titleText, value: money, priority: priority, closeDate: .some(closeDate))))
    }
    return .success(
      .createDeal(
        DealDraft(
          title: titleText, value: money, pipeline: state.board?.pipeline.id,
          stage: state.focusedColumn?.stage.id, priority: priority, closeDate: closeDate)))
  }
}
