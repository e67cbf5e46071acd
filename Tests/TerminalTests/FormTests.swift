/// Form: focus moves between fields, validation messages show under their field.
import Terminal
import XCTest

final class FormTests: XCTestCase {
  override func setUp() { pinLocale() }

  private func sample() -> FormState {
    FormState(fields: [FormField("Title"), FormField("Value"), FormField("会社")])
  }

  func testFocusWrapsAndKeysGoToTheFocusedField() {
    var form = sample()
    form.handle(.char("A"))
    form.handle(.tab)
    form.handle(.char("9"))
    form.handle(.backTab)
    form.handle(.backTab)
    XCTAssertEqual(form.focus, 2)
    form.handle(.paste("東京"))
    XCTAssertEqual(form.values, ["A", "9", "東京"])
  }

  func testValidationFocusesFirstBadFieldAndShowsMessages() {
    var form = sample()
    form.handle(.char("x"))
    let ok = form.validate { i, text in
      switch i {
      case 1: return Int(text) == nil ? "must be a number" : nil
      case 2: return text.isEmpty ? "必須です" : nil
      default: return nil
      }
    }
    XCTAssertFalse(ok)
    XCTAssertEqual(form.focus, 1)
    let buffer = render(width: 28, height: 6) { buffer, area in
      Form(state: form).render(into: &buffer, area: area)
    }
    assertBuffer(
      buffer,
      [
        "Title: x                    ",
        "Value:                      ",
        "       must be a number     ",
        "会社:                       ",
        "       必須です             ",
        "                            ",
      ])
    XCTAssertEqual(Form(state: form).height, 5)
    // Editing the field clears its message.
    form.handle(.char("5"))
    XCTAssertNil(form.fields[1].error)
  }
}
