import XCTest

@testable import Model

/// The byte-level checks of ASCII emails and phone numbers (an import's fast path) accept and
/// refuse exactly what the general checks do.
final class ContactValidationTests: XCTestCase {
  func valid(email: String) -> Bool {
    (try? EmailAddress.check(email, field: "email")) != nil
  }

  func valid(phone: String) -> Bool {
    (try? PhoneNumber.check(phone, field: "phone")) != nil
  }

  func testEmails() {
    let good = ["a@b.co", "ann.lee+crm@example.com", "x@y.z.io", "\"odd\"@x.io", "a/b@c.io"]
    let bad = [
      "", "@b.co", "a@", "a@b", "a@.b.co", "a@b.co.", "a@@b.co", "a@b@c.io", "a b@c.io",
      "a@b.co\n", "a\t@b.co", "a@b.co\r\n", String(repeating: "a", count: 250) + "@b.co",
    ]
    for email in good { XCTAssertTrue(valid(email: email), email) }
    for email in bad { XCTAssertFalse(valid(email: email), email) }
    XCTAssertTrue(valid(email: "zoë@exämple.com"))
    XCTAssertFalse(valid(email: "zoë@exämple"))
    XCTAssertFalse(valid(email: "zoë\u{00A0}@exämple.com"))
    XCTAssertNil(EmailAddress.checkASCII("zoë@exämple.com"), "not ASCII: the general check")
  }

  func testPhones() {
    let good = ["+1 555 0100", "(030) 123-45", "1/2/3", "555.0100 x12", "123"]
    let bad = ["", "12", "+1 555 CALL", "1;2;3", "555\t0100", String(repeating: "1", count: 41)]
    for phone in good { XCTAssertTrue(valid(phone: phone), phone) }
    for phone in bad { XCTAssertFalse(valid(phone: phone), phone) }
    XCTAssertFalse(valid(phone: "١٢٣٤"), "Arabic-Indic digits are not ASCII digits")
    XCTAssertNil(PhoneNumber.checkASCII("١٢٣٤"))
  }

  /// The byte scan that lets most text skip the scalar walk finds every control character.
  func testControlCharactersAndLengthsAreFoundInAnyText() {
    func printable(_ text: String, newlines: Bool = false) -> Bool {
      (try? Check.printable(text, field: "x", allowNewlines: newlines)) != nil
    }
    for text in ["plain", "Müller é 日本語 👩‍💻", "\u{A0}nbsp", "\u{C2}\u{A0}", "¡"] {
      XCTAssertTrue(printable(text), text)
    }
    for text in ["a\u{0}b", "tab\there", "line\nbreak", "\u{7F}", "next\u{85}line", "\u{9F}", "\r"]
    {
      XCTAssertFalse(printable(text), text.debugDescription)
    }
    XCTAssertTrue(printable("line\nbreak\tand tab", newlines: true))
    XCTAssertFalse(printable("line\r\nbreak", newlines: true))
    XCTAssertFalse(printable("Agenda\n\u{85}", newlines: true))
    XCTAssertNoThrow(try Check.maxLength("ééééé", 5, field: "x"))
    XCTAssertThrows(try Check.maxLength("éééééé", 5, field: "x"))
    XCTAssertNoThrow(try Check.maxLength("👩‍💻👩‍💻", 2, field: "x"))
    XCTAssertThrows(try Check.maxLength("abc", 2, field: "x"))
  }

  func XCTAssertThrows(_ body: @autoclosure () throws -> Void, line: UInt = #line) {
    XCTAssertThrowsError(try body(), line: line)
  }

  func testANameOfOnlySpacesIsRefused() {
    XCTAssertThrowsError(try Contact(firstName: "  ", lastName: "\u{2003}").validate())
    XCTAssertNoThrow(try Contact(firstName: " ", lastName: "Lee").validate())
    XCTAssertNoThrow(try Contact(firstName: "Zoë").validate())
  }
}
