import Foundation
import Model
import XCTest

final class ExchangeRatesTests: XCTestCase {
  func testConvertsExactlyAcrossMinorUnits() throws {
    let rates = try ExchangeRates(table: ["base": "eur", "USD": "0.9", "JPY": "0.0062"])
    XCTAssertEqual(rates.base, .eur)
    let usd = Money(minorUnits: 30_000, currency: .usd)
    XCTAssertEqual(rates.convert(usd), Money(minorUnits: 27_000, currency: .eur))
    // JPY has no minor unit: 10,000 yen at 0.0062 is 62.00 EUR.
    XCTAssertEqual(
      rates.convert(Money(minorUnits: 10_000, currency: .jpy)),
      Money(minorUnits: 6_200, currency: .eur))
    XCTAssertEqual(
      rates.total([Money(minorUnits: 140_000, currency: .eur), usd]),
      Money(minorUnits: 167_000, currency: .eur))
    // Half a cent rounds away from zero.
    XCTAssertEqual(
      rates.convert(Money(minorUnits: 5, currency: .usd)), Money(minorUnits: 5, currency: .eur))
  }

  func testNoTotalWhenARateIsMissing() throws {
    let rates = try ExchangeRates(table: ["base": "EUR", "USD": "0.9"])
    let amounts = [Money(minorUnits: 100, currency: .gbp), Money(minorUnits: 100, currency: .usd)]
    XCTAssertNil(rates.total(amounts))
    XCTAssertEqual(rates.missing(amounts), ["GBP"])
  }

  func testBadTablesNameTheSetting() {
    for (table, field) in [
      (["USD": "0.9"], "rates.base"), (["base": "EURO"], "rates.base"),
      (["base": "EUR", "USD": "1e3"], "rates.USD"), (["base": "EUR", "USD": "-1"], "rates.USD"),
      (["base": "EUR", "XX": "1"], "rates.XX"),
    ] {
      XCTAssertThrowsError(try ExchangeRates(table: table)) { error in
        XCTAssertEqual((error as? ValidationError)?.field, field, "\(table)")
      }
    }
  }
}
