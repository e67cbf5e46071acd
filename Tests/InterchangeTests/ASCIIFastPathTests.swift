import Foundation
import Model
import XCTest

@testable import Interchange

/// The byte-level shortcuts of a CSV import give exactly what the general code gives, for
/// ASCII and for everything else.
final class ASCIIFastPathTests: XCTestCase {
  /// Cells made of the characters list splitting and trimming care about, ASCII or not.
  func corpus() -> [String] {
    let pieces = [
      "a", "Bé", " ", "\t", ",", ";", ":", " ::: ", ":::", "*", "\n", "\r\n", "\u{A0}", "\u{2003}",
      "日本", "x y", "", "'", "\u{1F}",
    ]
    var cells = pieces
    var random = SystemRandomNumberGenerator()
    for _ in 0..<3000 {
      let count = Int.random(in: 1...6, using: &random)
      cells.append((0..<count).map { _ in pieces.randomElement(using: &random)! }.joined())
    }
    return cells + ["lead ::: vip", "a, b; c", " Work ", "* Home ::: Mobile", "x ::: ::: y"]
  }

  func testListItemsAreWhatCharacterSplittingGives() {
    for cell in corpus() {
      for colons in [false, true] {
        XCTAssertEqual(
          ContactMapping.listItems(cell, colons: colons),
          ContactMapping.splitListItems(cell, colons: colons), "\(cell.debugDescription)")
      }
    }
  }

  func testTrimmingIsFoundations() {
    for cell in corpus() {
      XCTAssertEqual(
        ASCIIFastPath.trimmingWhitespace(cell), cell.trimmingCharacters(in: .whitespaces),
        cell.debugDescription)
    }
  }

  func testTypeLabels() {
    let expected: [String: ContactPointType?] = [
      "Work": .work, "* Work": .work, " MOBILE ": .mobile, "Home Fax": .fax, "Cell": .mobile,
      "Personal": .home, "Main": .work, "Business": .work, "Other": .other, "*": nil, "": nil,
      " \t": nil, "Télé": .other, "Móvil": .other, "Home ☎": .home, "WORK\u{A0}": .work,
    ]
    for (label, type) in expected {
      XCTAssertEqual(ContactMapping.pointType(label), type, label.debugDescription)
    }
  }

  /// A field's bytes become a string exactly when they are UTF-8.
  func testFieldBytesAreValidatedAsUTF8() {
    let samples: [[UInt8]] = [
      [], Array("plain".utf8), Array("Zoë 日本 👩‍💻".utf8), Array("\u{FFFD}".utf8), [0xFF],
      [0x61, 0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
      [0x61, 0xE2, 0x82], [0xEF, 0xBF, 0xBD, 0x80],
    ]
    for bytes in samples {
      XCTAssertEqual(CSVReader.string(bytes), String(validating: bytes, as: UTF8.self), "\(bytes)")
    }
  }
}
