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

  /// What the deal fields hold once checked.
  struct Parsed {
    var title: String
    var money: Money
    var closeDate: Day?
    var priority: Priority
  }

  /// The effect the form asks for, or the form with its errors marked.
  static func submit(_ form: inout FormState, state: AppState, editing: String?) -> Result<
    Effect, Invalid
  > {
    guard let parsed = parse(&form, state: state) else { return .failure(Invalid()) }
    if let editing {
      return .success(
        .editDeal(
          editing,
          DealChanges(
            title: parsed.title, value: parsed.money, priority: parsed.priority,
            closeDate: .some(parsed.closeDate))))
    }
    return .success(
      .createDeal(
        DealDraft(
          title: parsed.title, value: parsed.money, pipeline: state.board?.pipeline.id,
          stage: state.focusedColumn?.stage.id, priority: parsed.priority,
          closeDate: parsed.closeDate)))
  }

  // MARK: - From a contact's or company's detail

  /// Index of the company field the detail's deal form adds.
  static let company = 5

  /// The deal form of a record's detail: the board's fields and the company, prefilled
  /// with the record's (a contact's company, or the company itself).
  static func forRecord(_ detail: RecordDetail, _ state: AppState) -> FormState {
    var fields = Self.form(
      state, title: "", value: "", currency: state.locale.currency?.identifier ?? "USD",
      close: "", priority: Priority.normal.rawValue)
    fields.fields.append(FormField(state.text("form.company"), text: companyName(detail) ?? ""))
    return fields
  }

  private static func companyName(_ detail: RecordDetail) -> String? {
    switch detail {
    case .contact(let d): return d.row.companyName
    case .company(let d): return d.row.company.name
    }
  }

  private static func companyId(_ detail: RecordDetail) -> String? {
    switch detail {
    case .contact(let d): return d.row.contact.companyId
    case .company(let d): return d.row.company.id
    }
  }

  /// The new deal the detail's form describes, in the board's pipeline (its first stage),
  /// linked to the contact; or nil with the form's errors marked. The company typed is
  /// looked up by name, the prefilled one by id (two companies may share a name).
  static func submitForRecord(_ form: inout FormState, _ detail: RecordDetail, state: AppState)
    -> DetailWrite?
  {
    guard let parsed = parse(&form, state: state) else { return nil }
    let typed = form.fields[company].text.trimmingCharacters(in: .whitespaces)
    let company =
      typed.isEmpty ? nil : (typed == companyName(detail) ? companyId(detail) ?? typed : typed)
    var contacts: [String] = []
    if case .contact(let d) = detail { contacts = [d.row.contact.id] }
    return .deal(
      DealDraft(
        title: parsed.title, value: parsed.money, pipeline: state.board?.pipeline.id,
        priority: parsed.priority, closeDate: parsed.closeDate, company: company,
        contacts: contacts))
  }

  /// Checks the board's five fields with the Model's parsing; nil with the errors marked.
  static func parse(_ form: inout FormState, state: AppState) -> Parsed? {
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
      case company:
        return trimmed.count > 200 ? state.text("form.error.long") : nil
      default: return nil
      }
    }
    guard valid, let money else { return nil }
    let titleText = form.fields[title].text.trimmingCharacters(in: .whitespaces)
    return Parsed(title: titleText, money: money, closeDate: closeDate, priority: priority)
  }
}
