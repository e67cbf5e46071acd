import Foundation
import Model
import XCTest

final class MoneyTests: XCTestCase {
  private let deDE = Locale(identifier: "de_DE")
  private let enUS = Locale(identifier: "en_US")

  private func parse(
    _ text: String, _ currency: Currency = .eur, _ locale: Locale? = nil
  ) throws(MoneyParseError) -> Int64 {
    try Money.parse(text, currency: currency, locale: locale).minorUnits
  }

  func testParseAccepts() throws {
    let cases: [(String, Currency, Locale?, Int64)] = [
      ("1234.56", .eur, nil, 123_456),
      ("1,234.56", .eur, nil, 123_456),
      ("1.234,56", .eur, nil, 123_456),
      ("1 234,56", .eur, nil, 123_456),
      ("1\u{00A0}234,56", .eur, nil, 123_456),
      ("1\u{202F}234,56", .eur, nil, 123_456),
      ("1'234.56", .chf, nil, 123_456),
      ("1\u{2019}234.56", .chf, nil, 123_456),
      ("1234", .eur, nil, 123_400),
      ("1234,5", .eur, nil, 123_450),
      ("1234.5", .eur, nil, 123_450),
      (".5", .eur, nil, 50),
      (",5", .eur, nil, 50),
      ("0", .eur, nil, 0),
      ("-0", .eur, nil, 0),
      ("007", .eur, nil, 700),
      ("-12.34", .eur, nil, -1234),
      ("+12.34", .eur, nil, 1234),
      ("  12.34  ", .eur, nil, 1234),
      ("\u{00A0}12\u{00A0}", .eur, nil, 1200),
      ("$1,234.56", .usd, nil, 123_456),
      ("-$1,234.56", .usd, nil, -123_456),
      ("$-1,234.56", .usd, nil, -123_456),
      ("$ 12", .usd, nil, 1200),
      ("$.5", .usd, nil, 50),
      ("US$12", .usd, nil, 1200),
      ("1.234,56 €", .eur, nil, 123_456),
      ("1.234,56€", .eur, nil, 123_456),
      ("-1.234,56 €", .eur, nil, -123_456),
      ("€12", .eur, nil, 1200),
      ("EUR 12", .eur, nil, 1200),
      ("eur 12", .eur, nil, 1200),
      ("12 EUR", .eur, nil, 1200),
      ("EUR12", .eur, nil, 1200),
      ("CHF 1'234.50", .chf, nil, 123_450),
      ("Fr. 12", .chf, nil, 1200),
      ("12,50 kr.", Currency(code: "DKK")!, nil, 1250),
      ("1,234,567", .eur, nil, 123_456_700),
      ("1.234.567", .eur, nil, 123_456_700),
      ("1 234 567", .eur, nil, 123_456_700),
      ("1,234,567.89", .eur, nil, 123_456_789),
      ("1.234.567,89", .eur, nil, 123_456_789),
      ("¥1,234", .jpy, nil, 1234),
      ("1234", .jpy, nil, 1234),
      ("1.234", Currency(code: "KWD")!, nil, 1234),
      ("1.2345", Currency(code: "CLF")!, nil, 12_345),
      // A single separator followed by exactly three digits: the locale decides.
      ("1,234", .eur, nil, 123_400),
      ("1,234", .eur, Locale(identifier: "en_US"), 123_400),
      ("1.234", .eur, Locale(identifier: "de_DE"), 123_400),
      ("1.234", .jpy, Locale(identifier: "de_DE"), 1234),
      ("1,234", .jpy, nil, 1234),
      // Not ambiguous: two or one fraction digits.
      ("1,23", .eur, nil, 123),
      ("1.23", .eur, Locale(identifier: "de_DE"), 123),
      // Largest and smallest Int64.
      ("92233720368547758.07", .eur, nil, Int64.max),
      ("-92233720368547758.08", .eur, nil, Int64.min),
      ("9223372036854775807", .jpy, nil, Int64.max),
    ]
    for (text, currency, locale, expected) in cases {
      XCTAssertEqual(
        try parse(text, currency, locale), expected,
        "\(text) \(currency) \(locale?.identifier ?? "nil")")
    }
  }

  func testParseRefuses() {
    let cases: [(String, Currency, Locale?, MoneyParseError)] = [
      ("", .eur, nil, .empty),
      ("   ", .eur, nil, .empty),
      ("12.345", .eur, nil, .tooManyFractionDigits(allowed: 2)),
      ("12,345", .eur, deDE, .tooManyFractionDigits(allowed: 2)),
      ("0.001", .eur, nil, .tooManyFractionDigits(allowed: 2)),
      ("12.340", .eur, nil, .tooManyFractionDigits(allowed: 2)),
      ("12.5", .jpy, nil, .tooManyFractionDigits(allowed: 0)),
      // "1.234" under en_US rules is 1.234, which EUR cannot hold: refused, not guessed.
      ("1.234", .eur, nil, .tooManyFractionDigits(allowed: 2)),
      ("1.234", .eur, enUS, .tooManyFractionDigits(allowed: 2)),
      ("1,234", .eur, deDE, .tooManyFractionDigits(allowed: 2)),
      ("1.234", .jpy, nil, .tooManyFractionDigits(allowed: 0)),
      ("1,23,4", .eur, nil, .malformed("1,23,4")),
      ("12,34,567", .eur, nil, .malformed("12,34,567")),
      ("1234,567,890", .eur, nil, .malformed("1234,567,890")),
      ("1,2345", .eur, nil, .tooManyFractionDigits(allowed: 2)),
      ("abc", .eur, nil, .malformed("abc")),
      ("--1", .eur, nil, .malformed("--1")),
      ("+-1", .eur, nil, .malformed("+-1")),
      ("-", .eur, nil, .malformed("-")),
      ("$", .usd, nil, .malformed("$")),
      ("12.", .eur, nil, .malformed("12.")),
      ("1..2", .eur, nil, .malformed("1..2")),
      ("1,,234", .eur, nil, .malformed("1,,234")),
      ("1.234.5", .eur, nil, .malformed("1.234.5")),
      ("1,234.5.6", .eur, nil, .malformed("1,234.5.6")),
      ("1.234,567.8", .eur, nil, .malformed("1.234,567.8")),
      ("1,234.567,8", .eur, nil, .malformed("1,234.567,8")),
      ("1 234.567,89", .eur, nil, .malformed("1 234.567,89")),
      ("1.5 0", .eur, nil, .malformed("1.5 0")),
      ("12-", .eur, nil, .malformed("12-")),
      ("1e5", .eur, nil, .malformed("1e5")),
      ("0x10", .eur, nil, .malformed("0x10")),
      ("١٢", .eur, nil, .malformed("١٢")),
      ("$12 USD", .usd, nil, .malformed("$12 USD")),
      ("'123", .eur, nil, .malformed("'123")),
      ("92233720368547758.08", .eur, nil, .overflow),
      ("-92233720368547758.09", .eur, nil, .overflow),
      ("99999999999999999999999", .jpy, nil, .overflow),
      ("GBP 12", .eur, nil, .currencyMismatch("GBP")),
      ("€12", .usd, nil, .currencyMismatch("€")),
      ("12 £", .eur, nil, .currencyMismatch("£")),
    ]
    for (text, currency, locale, expected) in cases {
      XCTAssertThrowsError(try parse(text, currency, locale), text) { error in
        XCTAssertEqual(error as? MoneyParseError, expected, text)
      }
    }
  }

  func testParseErrorIsTyped() {
    do {
      _ = try Money.parse("12.345", currency: .eur)
      XCTFail("parsed")
    } catch {
      // `error` is MoneyParseError here, statically.
      XCTAssertEqual(error, .tooManyFractionDigits(allowed: 2))
      XCTAssertEqual(error.message(for: "12.345"), "\"12.345\" has more than 2 decimal places")
      XCTAssertEqual(error.description, "amount has more than 2 decimal places")
    }
    XCTAssertEqual(MoneyParseError.malformed("abc").description, "\"abc\" is not an amount")
    XCTAssertFalse(MoneyParseError.empty.description.isEmpty)
    XCTAssertFalse(MoneyParseError.overflow.description.isEmpty)
    XCTAssertTrue(MoneyParseError.currencyMismatch("£").description.contains("£"))
  }

  func testDecimalString() {
    XCTAssertEqual(Money(minorUnits: 0, currency: .eur).decimalString, "0.00")
    XCTAssertEqual(Money(minorUnits: 123_456, currency: .eur).decimalString, "1234.56")
    XCTAssertEqual(Money(minorUnits: -5, currency: .eur).decimalString, "-0.05")
    XCTAssertEqual(Money(minorUnits: -123_456, currency: .usd).decimalString, "-1234.56")
    XCTAssertEqual(Money(minorUnits: 1234, currency: .jpy).decimalString, "1234")
    XCTAssertEqual(Money(minorUnits: -7, currency: .jpy).decimalString, "-7")
    XCTAssertEqual(Money(minorUnits: 0, currency: .jpy).decimalString, "0")
    let kwd = Currency(code: "KWD")!
    XCTAssertEqual(Money(minorUnits: 1234, currency: kwd).decimalString, "1.234")
    XCTAssertEqual(Money(minorUnits: 5, currency: kwd).decimalString, "0.005")
    XCTAssertEqual(
      Money(minorUnits: Int64.min, currency: .eur).decimalString, "-92233720368547758.08")
    XCTAssertEqual(
      Money(minorUnits: Int64.max, currency: .eur).decimalString, "92233720368547758.07")
  }

  func testDecimalStringRoundTrips() throws {
    let kwd = Currency(code: "KWD")!
    for currency in [Currency.eur, .jpy, kwd] {
      for value: Int64 in [0, 1, -1, 9, 10, 99, 100, 101, -12_345, 1_000_000, .max, .min] {
        let money = Money(minorUnits: value, currency: currency)
        XCTAssertEqual(try Money.parse(money.decimalString, currency: currency), money)
        XCTAssertEqual(Money(decimalString: money.decimalString, currency: currency), money)
      }
    }
    XCTAssertEqual(Money(decimalString: "12.5", currency: .eur)?.minorUnits, 1250)
    for bad in ["", "-", "12.", ".5", "1,000", "12.345", "+1", " 1", "1e3", "--1"] {
      XCTAssertNil(Money(decimalString: bad, currency: .eur), bad)
    }
  }

  func testCodable() throws {
    let money = Money(minorUnits: -123_456, currency: .eur)
    let data = try JSONEncoder().encode(money)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: String]
    XCTAssertEqual(object, ["amount": "-1234.56", "currency": "EUR"])
    XCTAssertEqual(try JSONDecoder().decode(Money.self, from: data), money)
    let bad = Data(#"{"amount":"1.234","currency":"EUR"}"#.utf8)
    XCTAssertThrowsError(try JSONDecoder().decode(Money.self, from: bad))
  }

  func testFormatted() {
    let kwd = Currency(code: "KWD")!
    XCTAssertEqual(Money(minorUnits: 123_456, currency: .usd).formatted(locale: enUS), "$1,234.56")
    XCTAssertEqual(
      Money(minorUnits: -123_456, currency: .usd).formatted(locale: enUS), "-$1,234.56")
    XCTAssertEqual(Money(minorUnits: 5, currency: .usd).formatted(locale: enUS), "$0.05")
    XCTAssertEqual(
      Money(minorUnits: 123_456_789_012, currency: .usd).formatted(locale: enUS),
      "$1,234,567,890.12")
    XCTAssertEqual(Money(minorUnits: 123_456, currency: .eur).formatted(locale: deDE), "1.234,56 €")
    XCTAssertEqual(
      Money(minorUnits: -123_456, currency: .eur).formatted(locale: deDE), "-1.234,56 €")
    XCTAssertEqual(Money(minorUnits: 100, currency: .eur).formatted(locale: deDE), "1,00 €")
    XCTAssertEqual(Money(minorUnits: 123_456, currency: .eur).formatted(locale: enUS), "€1,234.56")
    XCTAssertEqual(Money(minorUnits: 123_456, currency: .usd).formatted(locale: deDE), "1.234,56 $")
    // Digits come from the currency, not the locale's default.
    XCTAssertEqual(Money(minorUnits: 1234, currency: .jpy).formatted(locale: enUS), "¥1,234")
    XCTAssertTrue(Money(minorUnits: 1234, currency: kwd).formatted(locale: enUS).hasSuffix("1.234"))
    XCTAssertEqual(
      Money(minorUnits: Int64.min, currency: .eur).formatted(locale: enUS),
      "-€92,233,720,368,547,758.08")
  }

  func testFormattedParsesBack() throws {
    let locales = ["en_US", "de_DE", "fr_FR", "de_CH", "nl_NL", "en_GB", "ja_JP", "sv_SE"]
    for identifier in locales {
      let locale = Locale(identifier: identifier)
      for currency in [Currency.eur, .usd, .chf, .jpy, .gbp] {
        for value: Int64 in [0, 5, -5, 123_456, -123_456_789, 100_000] {
          let money = Money(minorUnits: value, currency: currency)
          let text = money.formatted(locale: locale)
          XCTAssertEqual(
            try Money.parse(text, currency: currency, locale: locale), money,
            "\(identifier) \(text)")
        }
      }
    }
  }

  func testArithmetic() {
    let a = Money(minorUnits: 150, currency: .eur)
    let b = Money(minorUnits: -50, currency: .eur)
    XCTAssertEqual(a + b, Money(minorUnits: 100, currency: .eur))
    XCTAssertEqual(a - b, Money(minorUnits: 200, currency: .eur))
    XCTAssertEqual(
      Money.zero(.jpy) + Money(minorUnits: 3, currency: .jpy), Money(minorUnits: 3, currency: .jpy))
    XCTAssertEqual(a.description, "1.50 EUR")
  }
}
