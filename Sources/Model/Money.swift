import Foundation
import Synchronization

/// An exact amount of money: a whole number of minor units (cents, pence, fils) of one
/// currency. Never goes through `Double`: parsing, the decimal string and display
/// formatting are all integer arithmetic.
///
/// Codable as `{"amount": "1234.56", "currency": "EUR"}`, where `amount` is
/// `decimalString`. Decoding accepts only that strict form (see `init?(decimalString:)`).
public struct Money: Hashable, Sendable, Codable {
  public var minorUnits: Int64
  public var currency: Currency

  public init(minorUnits: Int64, currency: Currency) {
    self.minorUnits = minorUnits
    self.currency = currency
  }

  /// Zero of `currency`.
  public static func zero(_ currency: Currency) -> Money {
    Money(minorUnits: 0, currency: currency)
  }

  /// Sum of two amounts of the same currency. Precondition: same currency; traps on Int64
  /// overflow like any integer addition.
  public static func + (lhs: Money, rhs: Money) -> Money {
    precondition(
      lhs.currency == rhs.currency, "Adding \(lhs.currency) to \(rhs.currency)")
    return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
  }

  /// Difference of two amounts of the same currency. Precondition: same currency.
  public static func - (lhs: Money, rhs: Money) -> Money {
    precondition(
      lhs.currency == rhs.currency, "Subtracting \(rhs.currency) from \(lhs.currency)")
    return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
  }

  // MARK: Decimal string (JSON / CSV form)

  /// "1234.56", "-0.05", "1234" for JPY, "1.234" for KWD: no grouping, '.' as decimal
  /// separator, always exactly `currency.minorDigits` fraction digits.
  public var decimalString: String {
    let (integer, fraction) = digitStrings()
    let sign = minorUnits < 0 ? "-" : ""
    return fraction.isEmpty ? sign + integer : sign + integer + "." + fraction
  }

  /// Strict inverse of `decimalString`: `-?[0-9]+(\.[0-9]{1,minorDigits})?`. Fewer fraction
  /// digits than the currency has are accepted ("12.5" EUR is 12.50); nothing else is.
  public init?(decimalString text: String, currency: Currency) {
    var bytes = Array(text.utf8)[...]
    let negative = bytes.first == UInt8(ascii: "-")
    if negative { bytes = bytes.dropFirst() }
    let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard parts.count == 1 || parts.count == 2, !parts[0].isEmpty else { return nil }
    let fraction = parts.count == 2 ? Array(parts[1]) : []
    if parts.count == 2 && fraction.isEmpty { return nil }
    guard parts.allSatisfy({ $0.allSatisfy(Money.isASCIIDigit) }),
      let value = Money.combine(
        integer: Array(parts[0]), fraction: fraction, minorDigits: currency.minorDigits,
        negative: negative)
    else { return nil }
    self.init(minorUnits: value, currency: currency)
  }

  private enum CodingKeys: String, CodingKey {
    case amount
    case currency
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let currency = try container.decode(Currency.self, forKey: .currency)
    let amount = try container.decode(String.self, forKey: .amount)
    guard let money = Money(decimalString: amount, currency: currency) else {
      throw DecodingError.dataCorruptedError(
        forKey: .amount, in: container,
        debugDescription: "\"\(amount)\" is not a \(currency) amount")
    }
    self = money
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(decimalString, forKey: .amount)
    try container.encode(currency, forKey: .currency)
  }

  /// The integer digits and the zero-padded fraction digits of |minorUnits|.
  private func digitStrings() -> (integer: String, fraction: String) {
    let magnitude = minorUnits.magnitude
    var divisor: UInt64 = 1
    for _ in 0..<currency.minorDigits { divisor *= 10 }
    let integer = String(magnitude / divisor)
    guard currency.minorDigits > 0 else { return (integer, "") }
    let fraction = String(magnitude % divisor)
    let padding = String(repeating: "0", count: currency.minorDigits - fraction.count)
    return (integer, padding + fraction)
  }

  // MARK: Display

  /// Display form for `locale`, e.g. en_US "$1,234.56", de_DE "1.234,56 €", fr_FR
  /// "1 234,56 €" (narrow no-break space as grouping, as the locale has it).
  ///
  /// Separators, symbol, grouping size and where the symbol and minus sign go come from
  /// the locale's currency pattern; the digits come from integer arithmetic and are always
  /// ASCII, with exactly `currency.minorDigits` fraction digits. The space between amount
  /// and symbol is a plain U+0020 (the locale's no-break space is replaced, so terminal
  /// column arithmetic and comparisons stay simple), and invisible bidi marks are dropped.
  public func formatted(locale: Locale) -> String {
    let style = CurrencyStyle.for(locale: locale, currency: currency)
    let (integer, fraction) = digitStrings()
    var grouped = ""
    if let separator = style.grouping, style.groupingSize > 0 {
      let digits = Array(integer)
      for (index, digit) in digits.enumerated() {
        let remaining = digits.count - index
        if index > 0 && remaining % style.groupingSize == 0 { grouped += separator }
        grouped.append(digit)
      }
    } else {
      grouped = integer
    }
    let number = fraction.isEmpty ? grouped : grouped + style.decimal + fraction
    if minorUnits < 0 {
      return style.negativePrefix + number + style.negativeSuffix
    }
    return style.prefix + number + style.suffix
  }

  // MARK: Parsing

  /// Exact parse of what a user typed into an amount field. The rules:
  ///
  /// - Optional leading "-" or "+" (also U+2212), before or after a currency prefix;
  ///   surrounding spaces; an optional currency symbol or code before or after ("$1,234.56",
  ///   "1.234,56 €", "EUR 12"). A symbol or code of another currency is
  ///   `currencyMismatch`.
  /// - Apostrophes (' ’) and spaces (including NBSP, narrow NBSP, thin and figure spaces)
  ///   are always grouping.
  /// - If both '.' and ',' occur, the last one is the decimal separator (and must occur
  ///   once); the other is grouping.
  /// - A separator occurring more than once is grouping.
  /// - A single separator followed by exactly 3 digits is ambiguous and resolved by
  ///   `locale`'s decimal separator; with a nil locale (or one whose decimal separator is
  ///   neither '.' nor ','), '.' is decimal and ',' is grouping, as in en_US. So "1.234" is
  ///   1234 EUR under de_DE but 1.234 under nil, which EUR refuses (3 > 2 decimals): an
  ///   ambiguous input is refused rather than silently read as 1000 times the amount.
  /// - Grouping must be in groups of 3 ("1,23,4" is refused; Indian 2-digit grouping is
  ///   not supported) and must use one kind of separator; no grouping after the decimal.
  /// - ".5" is allowed; "12." is not. Only ASCII digits.
  /// - More fraction digits than the currency allows is `tooManyFractionDigits` (never
  ///   rounds, even when the extra digits are zeros); beyond Int64 is `overflow`.
  public static func parse(
    _ text: String, currency: Currency, locale: Locale? = nil
  ) throws(MoneyParseError) -> Money {
    var scalars = Array(text.unicodeScalars)[...]
    trimSpaces(&scalars)
    if scalars.isEmpty { throw .empty }
    let malformed = MoneyParseError.malformed(text)

    var negative = false
    var sawSign = false
    func takeSign() {
      guard !sawSign, let first = scalars.first, let sign = signValue(first) else { return }
      negative = sign
      sawSign = true
      scalars = scalars.dropFirst()
      trimSpaces(&scalars)
    }

    takeSign()
    // Currency before the number.
    let prefixEnd = scalars.firstIndex { isDigit($0) || isSpace($0) || signValue($0) != nil }
    let prefixRun = scalars[scalars.startIndex..<(prefixEnd ?? scalars.endIndex)]
    var prefix = ""
    if !prefixRun.isEmpty {
      // "Fr. 12" keeps its dot; "$.5" gives the dot back to the number.
      var affix = prefixRun
      if (try? isOwnSymbol(String(String.UnicodeScalarView(affix)), currency, locale)) != true {
        while let last = affix.last, last == "." || last == "," { affix = affix.dropLast() }
      }
      prefix = String(String.UnicodeScalarView(affix))
      scalars = scalars[affix.endIndex...]
      trimSpaces(&scalars)
      takeSign()
    }
    // Currency after the number.
    let suffixStart = scalars.lastIndex { isDigit($0) || isSpace($0) || signValue($0) != nil }
    let suffixRun = scalars[(suffixStart.map { $0 + 1 } ?? scalars.startIndex)...]
    var suffix = ""
    if !suffixRun.isEmpty {
      var affix = suffixRun
      if (try? isOwnSymbol(String(String.UnicodeScalarView(affix)), currency, locale)) != true {
        while let first = affix.first, first == "." || first == "," {
          affix = affix.dropFirst()
        }
      }
      suffix = String(String.UnicodeScalarView(affix))
      scalars = scalars[..<affix.startIndex]
      trimSpaces(&scalars)
    }
    if !prefix.isEmpty && !suffix.isEmpty { throw malformed }
    for affix in [prefix, suffix] where !affix.isEmpty {
      guard try isOwnSymbol(affix, currency, locale) else { throw malformed }
    }
    if scalars.isEmpty { throw malformed }

    // The number itself: runs of digits with separators between them.
    var runs: [[UInt8]] = [[]]
    var separators: [Separator] = []
    for scalar in scalars {
      if isDigit(scalar) {
        runs[runs.count - 1].append(UInt8(scalar.value))
      } else if let separator = Separator(scalar) {
        separators.append(separator)
        runs.append([])
      } else {
        throw malformed
      }
    }
    // Only the first run may be empty (".5"), and only before a decimal separator.
    if runs.dropFirst().contains(where: \.isEmpty) { throw malformed }

    let dots = separators.filter { $0 == .dot }.count
    let commas = separators.filter { $0 == .comma }.count
    var decimalIndex: Int?
    if dots > 0 && commas > 0 {
      let last = separators.lastIndex { $0 == .dot || $0 == .comma }!
      if (separators[last] == .dot ? dots : commas) != 1 { throw malformed }
      decimalIndex = last
    } else if dots + commas == 1 {
      let index = separators.firstIndex { $0 == .dot || $0 == .comma }!
      if runs[0].isEmpty && index == 0 {
        decimalIndex = index
      } else if runs[index + 1].count == 3 {
        let localeDecimal = locale?.decimalSeparator
        let commaIsDecimal = localeDecimal == ","
        if (separators[index] == .comma) == commaIsDecimal { decimalIndex = index }
      } else {
        decimalIndex = index
      }
    }
    if let decimalIndex, decimalIndex != separators.count - 1 { throw malformed }
    if runs[0].isEmpty && decimalIndex != 0 { throw malformed }

    let integerRuns = runs[0...(decimalIndex ?? separators.count)]
    let groupSeparators = separators[0..<(decimalIndex ?? separators.count)]
    if let kind = groupSeparators.first {
      if groupSeparators.contains(where: { $0 != kind }) { throw malformed }
      if !(1...3).contains(integerRuns.first!.count) { throw malformed }
      if integerRuns.dropFirst().contains(where: { $0.count != 3 }) { throw malformed }
    }
    let fraction = decimalIndex.map { runs[$0 + 1] } ?? []
    if fraction.count > currency.minorDigits {
      throw .tooManyFractionDigits(allowed: currency.minorDigits)
    }
    guard
      let value = combine(
        integer: Array(integerRuns.joined()), fraction: fraction,
        minorDigits: currency.minorDigits, negative: negative)
    else { throw .overflow }
    return Money(minorUnits: value, currency: currency)
  }

  /// Whether `affix` names `currency`; throws `currencyMismatch` when it names another
  /// known currency; false when it is not a currency at all.
  private static func isOwnSymbol(
    _ affix: String, _ currency: Currency, _ locale: Locale?
  ) throws(MoneyParseError) -> Bool {
    if affix.uppercased() == currency.code { return true }
    if Currency.symbols[currency.code, default: []].contains(affix) { return true }
    if let locale, CurrencyStyle.for(locale: locale, currency: currency).symbol == affix {
      return true
    }
    if Currency(code: affix) != nil { throw .currencyMismatch(affix) }
    if Currency.symbols.values.contains(where: { $0.contains(affix) }) {
      throw .currencyMismatch(affix)
    }
    return false
  }

  /// Digits to a signed count of minor units; nil on overflow of Int64.
  private static func combine(
    integer: [UInt8], fraction: [UInt8], minorDigits: Int, negative: Bool
  ) -> Int64? {
    guard fraction.count <= minorDigits else { return nil }
    let padding = [UInt8](repeating: UInt8(ascii: "0"), count: minorDigits - fraction.count)
    var magnitude: UInt64 = 0
    for digit in integer + fraction + padding {
      let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (plus, overflow2) = times.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
      if overflow1 || overflow2 { return nil }
      magnitude = plus
    }
    if negative {
      if magnitude == Int64.min.magnitude { return Int64.min }
      return magnitude <= UInt64(Int64.max) ? -Int64(magnitude) : nil
    }
    return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
  }

  private enum Separator: Equatable {
    case dot
    case comma
    case apostrophe
    case space

    init?(_ scalar: Unicode.Scalar) {
      switch scalar {
      case ".": self = .dot
      case ",": self = .comma
      case "'", "\u{2019}": self = .apostrophe
      case _ where isSpace(scalar): self = .space
      default: return nil
      }
    }
  }

  private static func isASCIIDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII && isASCIIDigit(UInt8(scalar.value))
  }

  /// nil if not a sign, else whether it is a minus.
  private static func signValue(_ scalar: Unicode.Scalar) -> Bool? {
    switch scalar {
    case "-", "\u{2212}": return true
    case "+": return false
    default: return nil
    }
  }

  private static func trimSpaces(_ scalars: inout ArraySlice<Unicode.Scalar>) {
    while let first = scalars.first, isSpace(first) || first == "\t" || first == "\n" {
      scalars = scalars.dropFirst()
    }
    while let last = scalars.last, isSpace(last) || last == "\t" || last == "\n" {
      scalars = scalars.dropLast()
    }
  }
}

/// Space, no-break space, figure space, thin space, narrow no-break space.
private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
  switch scalar {
  case " ", "\u{00A0}", "\u{2007}", "\u{2009}", "\u{202F}": return true
  default: return false
  }
}

/// What a locale's currency format looks like, read once per (locale, currency) from
/// Foundation's number formatter (its patterns and symbols only; no number goes through it).
private struct CurrencyStyle: Sendable {
  var symbol: String
  var prefix: String
  var suffix: String
  var negativePrefix: String
  var negativeSuffix: String
  var decimal: String
  var grouping: String?
  var groupingSize: Int

  private static let cache = Mutex<[String: CurrencyStyle]>([:])

  static func `for`(locale: Locale, currency: Currency) -> CurrencyStyle {
    let key = locale.identifier + "|" + currency.code
    if let style = cache.withLock({ $0[key] }) { return style }
    let style = CurrencyStyle(locale: locale, currency: currency)
    cache.withLock { $0[key] = style }
    return style
  }

  private init(locale: Locale, currency: Currency) {
    let formatter = NumberFormatter()
    formatter.locale = locale
    formatter.numberStyle = .currency
    formatter.currencyCode = currency.code
    let symbol = CurrencyStyle.clean(
      CurrencyStyle.nonEmpty(formatter.currencySymbol) ?? currency.code)
    self.symbol = symbol
    decimal =
      CurrencyStyle.nonEmpty(formatter.currencyDecimalSeparator)
      ?? CurrencyStyle.nonEmpty(formatter.decimalSeparator) ?? "."
    if formatter.usesGroupingSeparator {
      grouping =
        CurrencyStyle.nonEmpty(formatter.currencyGroupingSeparator)
        ?? CurrencyStyle.nonEmpty(formatter.groupingSeparator)
    }
    groupingSize = formatter.groupingSize > 0 ? formatter.groupingSize : 3
    let minus = CurrencyStyle.clean(CurrencyStyle.nonEmpty(formatter.minusSign) ?? "-")

    func affixes(_ pattern: String?) -> (String, String)? {
      guard let pattern else { return nil }
      let scalars = Array(pattern.unicodeScalars)
      let isNumberChar: (Unicode.Scalar) -> Bool = { "#0123456789,.@".unicodeScalars.contains($0) }
      guard let first = scalars.firstIndex(where: isNumberChar),
        let last = scalars.lastIndex(where: isNumberChar)
      else { return nil }
      func expand(_ part: ArraySlice<Unicode.Scalar>) -> String {
        var text = String(String.UnicodeScalarView(part))
        text = text.replacingOccurrences(of: "¤¤", with: currency.code)
        text = text.replacingOccurrences(of: "¤", with: symbol)
        text = text.replacingOccurrences(of: "'", with: "")
        text = text.replacingOccurrences(of: "-", with: minus)
        return CurrencyStyle.clean(text)
      }
      return (expand(scalars[..<first]), expand(scalars[(last + 1)...]))
    }

    let positive = affixes(formatter.positiveFormat) ?? (symbol, "")
    prefix = positive.0
    suffix = positive.1
    if let pattern = formatter.negativeFormat, pattern.contains("-"),
      let negative = affixes(pattern)
    {
      negativePrefix = negative.0
      negativeSuffix = negative.1
    } else {
      negativePrefix = minus + prefix
      negativeSuffix = suffix
    }
  }

  private static func nonEmpty(_ text: String?) -> String? {
    guard let text, !text.isEmpty else { return nil }
    return text
  }

  /// No-break spaces become plain spaces; invisible format characters (bidi marks) go.
  private static func clean(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if scalar.properties.generalCategory == .format { continue }
      scalars.append(scalar == "\u{00A0}" || scalar == "\u{202F}" ? " " : scalar)
    }
    return String(scalars)
  }
}

extension Money: CustomStringConvertible {
  /// "1234.56 EUR": the decimal string and the code, for logs and debugging.
  public var description: String { decimalString + " " + currency.code }
}

/// Why a user's text is not an amount. `description` is a short message for a status line.
public enum MoneyParseError: Error, Equatable, Sendable, CustomStringConvertible {
  case empty
  case malformed(String)
  case tooManyFractionDigits(allowed: Int)
  case overflow
  case currencyMismatch(String)

  public var description: String {
    switch self {
    case .empty: return "no amount given"
    case .malformed(let text): return "\"\(text)\" is not an amount"
    case .tooManyFractionDigits(let allowed): return "amount " + Self.fractionMessage(allowed)
    case .overflow: return "amount is too large"
    case .currencyMismatch(let found): return "\"\(found)\" is a different currency"
    }
  }

  /// The message with the user's text in it, e.g. "\"12.345\" has more than 2 decimal
  /// places" (the cases carry no text for the fraction case, so the caller supplies it).
  public func message(for text: String) -> String {
    switch self {
    case .tooManyFractionDigits(let allowed): return "\"\(text)\" " + Self.fractionMessage(allowed)
    case .overflow: return "\"\(text)\" is too large an amount"
    case .currencyMismatch(let found): return "\"\(text)\": \"\(found)\" is a different currency"
    case .empty, .malformed: return description
    }
  }

  private static func fractionMessage(_ allowed: Int) -> String {
    switch allowed {
    case 0: return "has decimal places; this currency has none"
    case 1: return "has more than 1 decimal place"
    default: return "has more than \(allowed) decimal places"
    }
  }
}
