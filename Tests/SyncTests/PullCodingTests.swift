import Foundation
import Model
import XCTest

@testable import Sync

/// `PullCoding` reads what `Codable` reads, the same way, and refuses what it should.
final class PullCodingTests: XCTestCase {
  private func hlc(_ millis: UInt64, _ counter: UInt16, _ site: UInt64) -> HLC {
    HLC(millis: millis, counter: counter, site: SiteID(site))
  }

  /// Pages of every value kind: texts with quotes, escapes, control characters, non-ASCII
  /// and astral characters, integers at both ends, reals small and large, blobs, nulls, with
  /// and without an actor, ids repeating within a record as the server sends them.
  private func randomPages(count: Int) -> [PullResponse] {
    var generator = SplitMix64(seed: 0x5eed)
    let texts = [
      "", "ACME renewal", "quote \" backslash \\ slash /", "line\nbreak\ttab\r\u{1}\u{1f}",
      "\u{0}nul", "é ü ß ✓", "日本語のテキスト", "emoji 🎉👩‍👩‍👧", "\u{7f}\u{80}\u{ffff}",
      String(repeating: "long ", count: 200),
    ]
    let fields = ["title", "valueMinor", "probability", "logo", "lostReason", "expectedCloseDate"]
    let entities = ["deal", "contact", "company", "activity", "user"]
    var pages: [PullResponse] = []
    for _ in 0..<count {
      var changes: [FieldChange] = []
      for _ in 0..<Int.random(in: 0...12, using: &generator) {
        let entity = entities.randomElement(using: &generator)!
        let id = UUIDv7.generate()
        let actor: String? =
          Bool.random(using: &generator)
          ? nil : "01900000-0000-7000-8000-00000000000\(Int.random(in: 1...3, using: &generator))"
        for field in fields.shuffled(using: &generator).prefix(
          Int.random(in: 1...6, using: &generator))
        {
          let value: FieldValue
          switch Int.random(in: 0..<9, using: &generator) {
          case 0: value = .null
          case 1: value = .integer(.min)
          case 2: value = .integer(.max)
          case 3: value = .integer(Int64.random(in: -1_000_000...1_000_000, using: &generator))
          case 4:
            value = .real(
              [
                0.25, -1.5e-300, 1.7976931348623157e308, Double.leastNonzeroMagnitude, 1e20, 3.0,
                -0.5,
              ].randomElement(
                using: &generator)!)
          case 5:
            value = .blob(
              (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
              })
          default: value = .text(texts.randomElement(using: &generator)!)
          }
          changes.append(
            FieldChange(
              entity: entity, id: id, field: field, value: value,
              hlc: hlc(
                UInt64.random(in: 0...HLC.maxMillis, using: &generator),
                UInt16.random(in: 0...UInt16.max, using: &generator),
                UInt64.random(in: 0...UInt64.max, using: &generator)),
              actor: actor))
        }
      }
      pages.append(
        PullResponse(
          changes: changes, cursor: Int64.random(in: 0...Int64.max, using: &generator),
          more: Bool.random(using: &generator),
          serverClock: hlc(1_700_000_000_000, 7, 0xabc)))
    }
    return pages
  }

  func testItReadsWhatCodableWritesAsCodableReadsIt() throws {
    let encoders: [JSONEncoder] = [
      WireJSON.encoder(),
      JSONEncoder(),
      {
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.prettyPrinted]
        return pretty
      }(),
    ]
    for page in randomPages(count: 300) {
      for encoder in encoders {
        let bytes = Array(try encoder.encode(page))
        let fast = try PullCoding.decode(bytes)
        let codable = try WireJSON.decoder().decode(PullResponse.self, from: Data(bytes))
        XCTAssertEqual(fast, page)
        XCTAssertEqual(fast, codable)
      }
    }
  }

  /// (Escapes in either case: "\\uD83C" as "\\ud83c".)
  func testItReadsEscapesSpacesAndKeysInAnyOrder() throws {
    let json = #"""
       { "serverClock" : "0000000000010002-00000000000000ab" , "more":false,
         "future": {"nested": [1, 2.5e3, "x", true, null, {}]},
         "changes" : [ { "hlc":"0000000000000001-0000000000000002", "value" : "\u00e9\uD83C\udF89\n\/",
           "field":"t\u0069tle", "id":"r1", "entity":"deal", "actor": null, "site": "x" },
           {"entity":"deal","id":"r1","field":"n","value":{ "real" : -2E-2 },
            "hlc":"0000000000000001-0000000000000003","actor":"u"} ],
         "cursor" : 12 }
      """#
    let page = try PullCoding.decode(Array(json.utf8))
    XCTAssertEqual(page, try WireJSON.decoder().decode(PullResponse.self, from: Data(json.utf8)))
    XCTAssertEqual(page.changes.first?.value, .text("é🎉\n/"))
    XCTAssertEqual(page.changes.first?.field, "title")
    XCTAssertEqual(page.changes.last?.value, .real(-0.02))
    XCTAssertEqual(page.changes.last?.actor, "u")
    XCTAssertEqual(page.cursor, 12)
    XCTAssertEqual(page.serverClock, HLC(string: "0000000000010002-00000000000000ab"))
  }

  private let valid =
    #"{"changes":[{"entity":"deal","id":"r1","field":"title","value":"ACME","hlc":"0000000000000001-0000000000000002","actor":"u1"}],"cursor":5,"more":false,"serverClock":"0000000000000009-0000000000000001"}"#

  /// `valid` with `old` replaced by `new`.
  private func variant(_ old: String, _ new: String) -> [UInt8] {
    XCTAssertTrue(valid.contains(old), old)
    return Array(valid.replacingOccurrences(of: old, with: new).utf8)
  }

  private func refusal(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line)
    -> PullDecodingError?
  {
    do {
      let page = try PullCoding.decode(bytes)
      XCTFail("decoded \(page)", file: file, line: line)
      return nil
    } catch {
      return error
    }
  }

  func testHostileAnswersAreRefusedNamingWhereAndWhat() {
    XCTAssertNoThrow(try PullCoding.decode(Array(valid.utf8)))
    let cases: [(bytes: [UInt8], path: String, says: String)] = [
      // Wrong kinds.
      (variant(#""cursor":5"#, #""cursor":"5""#), "cursor", "integer"),
      (variant(#""more":false"#, #""more":0"#), "more", "true or false"),
      (variant(#""value":"ACME""#, #""value":true"#), "changes.0.value", "field value"),
      (variant(#""value":"ACME""#, #""value":1.5"#), "changes.0.value", "fraction"),
      (variant(#""value":"ACME""#, #""value":[1]"#), "changes.0.value", "field value"),
      (
        variant(#""value":"ACME""#, #""value":{"real":1,"blob":""}"#), "changes.0.value",
        "field value"
      ),
      (variant(#""value":"ACME""#, #""value":{"text":"x"}"#), "changes.0.value", "field value"),
      (variant(#""value":"ACME""#, #""value":{"blob":"%%%"}"#), "changes.0.value", "base64"),
      (variant(#""value":"ACME""#, #""value":{"real":"1"}"#), "changes.0.value", "number"),
      (variant(#""id":"r1""#, #""id":7"#), "changes.0.id", "string"),
      (variant(#""actor":"u1""#, #""actor":{}"#), "changes.0.actor", "string"),
      (variant(#"[{"#, #"{"x":{"#), "changes", "array"),
      (
        variant(
          #""hlc":"0000000000000001-0000000000000002""#,
          #""hlc":"0000000000000001-000000000000000G""#),
        "changes.0.hlc", "clock"
      ),
      (
        variant(
          #""hlc":"0000000000000001-0000000000000002""#,
          #""hlc":"00000000000000010000000000000002""#),
        "changes.0.hlc", "clock"
      ),
      (
        variant(#""hlc":"0000000000000001-0000000000000002""#, #""hlc":12"#), "changes.0.hlc",
        "string"
      ),
      (
        variant(#""serverClock":"0000000000000009-0000000000000001""#, #""serverClock":null"#),
        "serverClock", "string"
      ),
      // Missing keys.
      (variant(#","cursor":5"#, ""), "", "\"cursor\" is missing"),
      (variant(#""more":false,"#, ""), "", "\"more\" is missing"),
      (
        variant(#","serverClock":"0000000000000009-0000000000000001""#, ""), "",
        "\"serverClock\" is missing"
      ),
      (
        variant(
          #""changes":[{"entity":"deal","id":"r1","field":"title","value":"ACME","hlc":"0000000000000001-0000000000000002","actor":"u1"}],"#,
          ""),
        "", "\"changes\" is missing"
      ),
      (variant(#""entity":"deal","#, ""), "changes.0", "\"entity\" is missing"),
      (variant(#","value":"ACME""#, ""), "changes.0", "\"value\" is missing"),
      (
        variant(#","hlc":"0000000000000001-0000000000000002""#, ""), "changes.0",
        "\"hlc\" is missing"
      ),
      // Duplicates.
      (variant(#""cursor":5"#, #""cursor":5,"cursor":6"#), "cursor", "twice"),
      (variant(#""id":"r1""#, #""id":"r1","id":"r2""#), "changes.0.id", "twice"),
      // Numbers that do not fit.
      (variant(#""cursor":5"#, #""cursor":9223372036854775808"#), "cursor", "64 bits"),
      (
        variant(#""value":"ACME""#, #""value":-9223372036854775809"#), "changes.0.value",
        "64 bits"
      ),
      (variant(#""value":"ACME""#, #""value":{"real":1e400}"#), "changes.0.value", "finite"),
      (variant(#""cursor":5"#, #""cursor":05"#), "cursor", "leading zero"),
      (variant(#""cursor":5"#, #""cursor":5e2"#), "cursor", "exponent"),
      // Strings.
      (variant(#""ACME""#, "\"AC\u{1}ME\""), "changes.0.value", "control character"),
      (variant(#""ACME""#, #""AC\qME""#), "changes.0.value", "escape"),
      (variant(#""ACME""#, #""AC\u12G4""#), "changes.0.value", "escape"),
      (variant(#""ACME""#, #""\ud800""#), "changes.0.value", "surrogate"),
      (variant(#""ACME""#, #""\udc00x""#), "changes.0.value", "surrogate"),
      (variant(#""ACME""#, #""\ud800\u0041""#), "changes.0.value", "surrogate"),
      // Structure.
      (Array((valid + " x").utf8), "", "after the end"),
      (Array("[]".utf8), "", "object"),
      (Array("".utf8), "", "object"),
      (variant(#","cursor""#, #" "cursor""#), "", ", or }"),
      (variant(#"}],"#, #"} x],"#), "changes.0", ", or ]"),
      (
        variant(#""cursor":5"#, #""cursor":5,"x":"# + String(repeating: "[", count: 100)),
        "x", "nested"
      ),
    ]
    for (bytes, path, says) in cases {
      guard let error = refusal(bytes) else { continue }
      XCTAssertEqual(error.path, path, "\(error) for \(String(decoding: bytes, as: UTF8.self))")
      XCTAssertTrue(
        error.message.contains(says), "\(error) for \(String(decoding: bytes, as: UTF8.self))")
    }
  }

  func testInvalidUTF8IsRefused() {
    let prefix = Array(#"{"changes":[{"entity":"deal","id":"r1","field":"title","value":""#.utf8)
    let suffix = Array(
      #"","hlc":"0000000000000001-0000000000000002"}],"cursor":5,"more":false,"serverClock":"0000000000000009-0000000000000001"}"#
        .utf8)
    let bad: [[UInt8]] = [
      [0xC3, 0x28],  // a lead byte without its continuation
      [0x80],  // a lone continuation byte
      [0xED, 0xA0, 0x80],  // a surrogate encoded as UTF-8
      [0xC0, 0xAF],  // an overlong "/"
      [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
      [0x5C, 0x6E, 0xFF],  // an escape, then a byte that is never UTF-8
    ]
    for bytes in bad {
      guard let error = refusal(prefix + bytes + suffix) else { continue }
      XCTAssertEqual(error.path, "changes.0.value")
      XCTAssertTrue(error.message.contains("UTF-8"), "\(error)")
    }
    // The same bytes as an id, an entity and a key.
    let spots: [(String, [UInt8])] = [
      (#""r1""#, [0xC3, 0x28]), (#""deal""#, [0xFF]), (#""title""#, [0xC3]),
    ]
    for (at, bytes) in spots {
      let text = Array(valid.utf8)
      let range = text.firstRange(of: Array(at.utf8))!
      var broken = text
      broken.replaceSubrange(range.lowerBound + 1..<range.upperBound - 1, with: bytes)
      guard let error = refusal(broken) else { continue }
      XCTAssertTrue(error.message.contains("UTF-8"), "\(error)")
    }
  }

  func testEveryTruncationIsRefused() throws {
    let page = randomPages(count: 40).first { $0.changes.count > 3 }!
    let bytes = Array(try WireJSON.encoder().encode(page))
    XCTAssertEqual(try PullCoding.decode(bytes), page)
    for end in 0..<bytes.count {
      XCTAssertThrowsError(try PullCoding.decode(Array(bytes[0..<end])), "cut at \(end)")
    }
  }

  /// Random bytes flipped in valid pages: the reader never crashes, and whatever it accepts
  /// `Codable` reads the same.
  func testFlippedBytesNeverCrashAndAgreeWithCodableWhenAccepted() throws {
    var generator = SplitMix64(seed: 77)
    let pages = randomPages(count: 30)
    var accepted = 0
    for page in pages {
      let bytes = Array(try WireJSON.encoder().encode(page))
      guard !bytes.isEmpty else { continue }
      for _ in 0..<60 {
        var mutated = bytes
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
          mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(
            in: 0...255, using: &generator)
        }
        guard let fast = try? PullCoding.decode(mutated) else { continue }
        accepted += 1
        if let codable = try? WireJSON.decoder().decode(PullResponse.self, from: Data(mutated)) {
          XCTAssertEqual(fast, codable, String(decoding: mutated, as: UTF8.self))
        }
      }
    }
    XCTAssertGreaterThan(accepted, 0, "some flips land in texts and still decode")
  }
}
