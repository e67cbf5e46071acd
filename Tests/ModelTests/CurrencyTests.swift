import Foundation
import Model
import XCTest

final class CurrencyTests: XCTestCase {
  func testLookupIsCaseInsensitive() {
    XCTAssertEqual(Currency(code: "eur"), Currency.eur)
    XCTAssertEqual(Currency(code: "Usd")?.code, "USD")
    XCTAssertNil(Currency(code: "XYZ"))
    XCTAssertNil(Currency(code: ""))
    XCTAssertNil(Currency(code: "EURO"))
  }

  func testMinorDigits() {
    let expected: [String: Int] = [
      "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2, "JPY": 0, "KRW": 0, "ISK": 0, "VND": 0,
      "CLP": 0, "BHD": 3, "KWD": 3, "OMR": 3, "TND": 3, "JOD": 3, "IQD": 3, "LYD": 3,
      "CLF": 4, "UYW": 4,
    ]
    for (code, digits) in expected {
      XCTAssertEqual(Currency(code: code)?.minorDigits, digits, code)
    }
    XCTAssertEqual(Currency.jpy.minorDigits, 0)
    XCTAssertEqual(Currency.chf.code, "CHF")
  }

  func testTableIsComplete() {
    XCTAssertGreaterThanOrEqual(Currency.all.count, 150)
    XCTAssertTrue(Currency.all.allSatisfy { $0.code.count == 3 && $0.code == $0.code.uppercased() })
    XCTAssertEqual(Currency.all.map(\.code), Currency.all.map(\.code).sorted())
  }

  func testCodableAsPlainString() throws {
    let data = try JSONEncoder().encode([Currency.eur, Currency.jpy])
    XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["EUR","JPY"]"#)
    XCTAssertEqual(try JSONDecoder().decode([Currency].self, from: data), [.eur, .jpy])
    XCTAssertThrowsError(try JSONDecoder().decode([Currency].self, from: Data(#"["XYZ"]"#.utf8)))
  }

  func testDescription() {
    XCTAssertEqual(Currency.gbp.description, "GBP")
  }
}
