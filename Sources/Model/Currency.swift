import Foundation

/// An ISO 4217 currency: its alphabetic code and how many minor-unit digits it has.
///
/// Only codes in the embedded table of active ISO 4217 currencies (List One) are accepted.
/// Precious metals, testing codes and units without minor units ("N.A." in the standard:
/// XAU, XAG, XPD, XPT, XDR, XSU, XUA, XBA…XBD, XTS, XXX) are deliberately left out, because
/// a deal amount in them makes no sense here.
///
/// Encoded as the plain code string, e.g. `"EUR"`; decoding an unknown code throws.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
  /// ISO 4217 alphabetic code, upper case, e.g. "EUR".
  public let code: String
  /// Digits after the decimal separator: 2 for EUR, 0 for JPY, 3 for KWD, 4 for CLF.
  public let minorDigits: Int

  /// Looks `code` up case-insensitively; nil for a code not in the embedded table.
  public init?(code: String) {
    let upper = code.uppercased()
    guard let digits = Currency.table[upper] else { return nil }
    self.code = upper
    self.minorDigits = digits
  }

  private init(known code: String, minorDigits: Int) {
    self.code = code
    self.minorDigits = minorDigits
  }

  public static let usd = Currency(known: "USD", minorDigits: 2)
  public static let eur = Currency(known: "EUR", minorDigits: 2)
  public static let gbp = Currency(known: "GBP", minorDigits: 2)
  public static let jpy = Currency(known: "JPY", minorDigits: 0)
  public static let chf = Currency(known: "CHF", minorDigits: 2)

  public var description: String { code }

  /// Every currency in the embedded table, sorted by code.
  public static var all: [Currency] {
    table.keys.sorted().map { Currency(known: $0, minorDigits: table[$0]!) }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let currency = Currency(code: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "Unknown ISO 4217 currency code \"\(text)\"")
    }
    self = currency
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(code)
  }

  /// ISO 4217 List One: active codes and their minor units, as of the 2024–2025 amendments
  /// (SLE, VED, ZWG and XCG in; withdrawn HRK, SLL, ZWL and CUC out; ANG kept while it is
  /// still being exchanged for XCG).
  static let table: [String: Int] = [
    "AED": 2, "AFN": 2, "ALL": 2, "AMD": 2, "ANG": 2, "AOA": 2, "ARS": 2, "AUD": 2,
    "AWG": 2, "AZN": 2, "BAM": 2, "BBD": 2, "BDT": 2, "BGN": 2, "BHD": 3, "BIF": 0,
    "BMD": 2, "BND": 2, "BOB": 2, "BOV": 2, "BRL": 2, "BSD": 2, "BTN": 2, "BWP": 2,
    "BYN": 2, "BZD": 2, "CAD": 2, "CDF": 2, "CHE": 2, "CHF": 2, "CHW": 2, "CLF": 4,
    "CLP": 0, "CNY": 2, "COP": 2, "COU": 2, "CRC": 2, "CUP": 2, "CVE": 2, "CZK": 2,
    "DJF": 0, "DKK": 2, "DOP": 2, "DZD": 2, "EGP": 2, "ERN": 2, "ETB": 2, "EUR": 2,
    "FJD": 2, "FKP": 2, "GBP": 2, "GEL": 2, "GHS": 2, "GIP": 2, "GMD": 2, "GNF": 0,
    "GTQ": 2, "GYD": 2, "HKD": 2, "HNL": 2, "HTG": 2, "HUF": 2, "IDR": 2, "ILS": 2,
    "INR": 2, "IQD": 3, "IRR": 2, "ISK": 0, "JMD": 2, "JOD": 3, "JPY": 0, "KES": 2,
    "KGS": 2, "KHR": 2, "KMF": 0, "KPW": 2, "KRW": 0, "KWD": 3, "KYD": 2, "KZT": 2,
    "LAK": 2, "LBP": 2, "LKR": 2, "LRD": 2, "LSL": 2, "LYD": 3, "MAD": 2, "MDL": 2,
    "MGA": 2, "MKD": 2, "MMK": 2, "MNT": 2, "MOP": 2, "MRU": 2, "MUR": 2, "MVR": 2,
    "MWK": 2, "MXN": 2, "MXV": 2, "MYR": 2, "MZN": 2, "NAD": 2, "NGN": 2, "NIO": 2,
    "NOK": 2, "NPR": 2, "NZD": 2, "OMR": 3, "PAB": 2, "PEN": 2, "PGK": 2, "PHP": 2,
    "PKR": 2, "PLN": 2, "PYG": 0, "QAR": 2, "RON": 2, "RSD": 2, "RUB": 2, "RWF": 0,
    "SAR": 2, "SBD": 2, "SCR": 2, "SDG": 2, "SEK": 2, "SGD": 2, "SHP": 2, "SLE": 2,
    "SOS": 2, "SRD": 2, "SSP": 2, "STN": 2, "SVC": 2, "SYP": 2, "SZL": 2, "THB": 2,
    "TJS": 2, "TMT": 2, "TND": 3, "TOP": 2, "TRY": 2, "TTD": 2, "TWD": 2, "TZS": 2,
    "UAH": 2, "UGX": 0, "USD": 2, "USN": 2, "UYI": 0, "UYU": 2, "UYW": 4, "UZS": 2,
    "VED": 2, "VES": 2, "VND": 0, "VUV": 0, "WST": 2, "XAF": 0, "XCD": 2, "XCG": 2,
    "XOF": 0, "XPF": 0, "YER": 2, "ZAR": 2, "ZMW": 2, "ZWG": 2,
  ]

  /// Symbols `Money.parse` accepts next to an amount of a currency, besides the code itself
  /// and the symbol the parse locale uses for it. "$" is accepted for every dollar and peso
  /// that writes it so; a symbol listed only under other currencies is a mismatch.
  static let symbols: [String: [String]] = [
    "USD": ["$", "US$"], "EUR": ["€"], "GBP": ["£"], "JPY": ["¥", "￥", "円"],
    "CNY": ["¥", "￥", "CN¥", "元"], "CHF": ["Fr.", "SFr."], "KRW": ["₩", "￦"],
    "INR": ["₹"], "RUB": ["₽"], "TRY": ["₺"], "ILS": ["₪"], "VND": ["₫"], "NGN": ["₦"],
    "PHP": ["₱"], "UAH": ["₴"], "KZT": ["₸"], "PLN": ["zł"], "CAD": ["$", "CA$", "C$"],
    "AUD": ["$", "A$", "AU$"], "NZD": ["$", "NZ$"], "HKD": ["$", "HK$"], "SGD": ["$", "S$"],
    "MXN": ["$", "MX$"], "BRL": ["R$"], "SEK": ["kr"], "NOK": ["kr"], "DKK": ["kr."],
    "ISK": ["kr"], "ZAR": ["R"], "CZK": ["Kč"], "HUF": ["Ft"], "THB": ["฿"],
    "TWD": ["$", "NT$"], "ARS": ["$"], "CLP": ["$"], "COP": ["$"], "GHS": ["₵"],
    "CRC": ["₡"], "PYG": ["₲"], "MNT": ["₮"], "LAK": ["₭"], "AZN": ["₼"], "GEL": ["₾"],
    "AMD": ["֏"], "BDT": ["৳"], "KHR": ["៛"], "LKR": ["Rs"], "PKR": ["Rs"],
    "EGP": ["E£"], "RON": ["lei"], "BGN": ["лв."],
  ]
}
