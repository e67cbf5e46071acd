import Foundation

/// Rates the user sets (the config's `[rates]` table) to show one total in a base currency
/// beside the per-currency ones. Reports never add two currencies otherwise.
///
///     [rates]
///     base = "EUR"
///     USD = "0.92"      # 1 USD is 0.92 EUR
///
/// Rates are decimal strings, read exactly (no binary floating point); converted amounts
/// are rounded half away from zero to the base currency's minor unit.
public struct ExchangeRates: Hashable, Sendable {
  public var base: Currency
  /// How many units of `base` one unit of the currency is worth.
  public var rates: [String: Decimal]

  public init(base: Currency, rates: [String: Decimal] = [:]) {
    self.base = base
    self.rates = rates
  }

  /// Parses the `[rates]` table: `base` and one decimal string per currency code.
  public init(table: [String: String]) throws(ValidationError) {
    guard let baseCode = table["base"] else {
      throw ValidationError(field: "rates.base", "is missing (the currency totals convert to)")
    }
    guard let base = Currency(code: baseCode.uppercased()) else {
      throw ValidationError(field: "rates.base", "\"\(baseCode)\" is not a currency code")
    }
    var rates: [String: Decimal] = [:]
    for (key, text) in table where key != "base" {
      guard let currency = Currency(code: key.uppercased()) else {
        throw ValidationError(field: "rates.\(key)", "\"\(key)\" is not a currency code")
      }
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
        trimmed.filter({ $0 == "." }).count <= 1,
        let rate = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")),
        rate > 0
      else {
        throw ValidationError(field: "rates.\(key)", "\"\(text)\" is not a positive decimal rate")
      }
      rates[currency.code] = rate
    }
    self.init(base: base, rates: rates)
  }

  /// The rate of `currency` to the base: 1 for the base itself, nil when none is set.
  public func rate(_ currency: Currency) -> Decimal? {
    currency == base ? 1 : rates[currency.code]
  }

  /// One amount in the base currency, nil when its currency has no rate.
  public func convert(_ money: Money) -> Money? {
    guard let rate = rate(money.currency) else { return nil }
    var value = Decimal(money.minorUnits) * rate
    let shift = base.minorDigits - money.currency.minorDigits
    // Minor units differ (JPY has none, KWD three): scale to the base's.
    if shift > 0 { value *= pow(Decimal(10), shift) }
    if shift < 0 { value /= pow(Decimal(10), -shift) }
    var rounded = Decimal()
    NSDecimalRound(&rounded, &value, 0, .plain)
    return Money(
      minorUnits: NSDecimalNumber(decimal: rounded).int64Value, currency: base)
  }

  /// The sum of amounts in several currencies, in the base: nil when any lacks a rate (a
  /// total that quietly left one out would be wrong).
  public func total(_ amounts: [Money]) -> Money? {
    var sum = Money.zero(base)
    for money in amounts {
      guard let converted = convert(money) else { return nil }
      sum = sum + converted
    }
    return sum
  }

  /// The currencies among `amounts` that have no rate, for the note that says why no
  /// converted total is shown.
  public func missing(_ amounts: [Money]) -> [String] {
    Array(Set(amounts.filter { rate($0.currency) == nil }.map(\.currency.code))).sorted()
  }
}
