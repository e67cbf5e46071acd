import Foundation
import Model
import XCTest

final class UUIDv7Tests: XCTestCase {
  func testFormatAndBits() {
    let id = UUIDv7.generate()
    XCTAssertEqual(id.count, 36)
    XCTAssertTrue(UUIDv7.isValid(id), id)
    XCTAssertEqual(id, id.lowercased())
    let chars = Array(id)
    for index in [8, 13, 18, 23] { XCTAssertEqual(chars[index], "-") }
    XCTAssertEqual(chars[14], "7")
    XCTAssertTrue("89ab".contains(chars[19]))
    // Foundation agrees it is a UUID, and its bytes carry version 7 and variant 10.
    let uuid = UUID(uuidString: id)!
    XCTAssertEqual(uuid.uuid.6 >> 4, 7)
    XCTAssertEqual(uuid.uuid.8 >> 6, 0b10)
  }

  func testIsValidRefuses() {
    let good = UUIDv7.generate()
    XCTAssertTrue(UUIDv7.isValid(good))
    XCTAssertFalse(UUIDv7.isValid(good.uppercased()))
    XCTAssertFalse(UUIDv7.isValid(""))
    XCTAssertFalse(UUIDv7.isValid(String(good.dropLast())))
    XCTAssertFalse(UUIDv7.isValid(good.replacingOccurrences(of: "-", with: "")))
    XCTAssertFalse(UUIDv7.isValid(UUID().uuidString.lowercased()))  // version 4
    var wrongVersion = Array(good)
    wrongVersion[14] = "4"
    XCTAssertFalse(UUIDv7.isValid(String(wrongVersion)))
    var wrongVariant = Array(good)
    wrongVariant[19] = "c"
    XCTAssertFalse(UUIDv7.isValid(String(wrongVariant)))
    XCTAssertNil(UUIDv7.timestamp(of: "not a uuid"))
  }

  func testTenThousandAreUniqueAndSorted() {
    let ids = (0..<10_000).map { _ in UUIDv7.generate() }
    XCTAssertEqual(Set(ids).count, ids.count)
    XCTAssertEqual(ids, ids.sorted())
    XCTAssertTrue(ids.allSatisfy(UUIDv7.isValid))
  }

  func testSameMillisecondAndBackwardsClockStaySorted() {
    let now = Date()
    var ids = (0..<5_000).map { _ in UUIDv7.generate(now: now) }
    ids.append(UUIDv7.generate(now: now.addingTimeInterval(-3600)))
    XCTAssertEqual(Set(ids).count, ids.count)
    XCTAssertEqual(ids, ids.sorted())
  }

  func testTimestampRoundTrip() {
    // A generator of its own: the shared one is monotonic for the whole process, and other
    // tests (sync's, with clocks an hour fast) carry it ahead of the wall clock.
    var fresh = UUIDv7.Generator()
    let before = Date()
    let id = fresh.next(now: Date())
    let after = Date()
    let stamp = UUIDv7.timestamp(of: id)!
    XCTAssertGreaterThanOrEqual(
      stamp.timeIntervalSince1970, floor(before.timeIntervalSince1970 * 1000) / 1000)
    XCTAssertLessThanOrEqual(stamp.timeIntervalSince1970, after.timeIntervalSince1970)

    var generator = UUIDv7.Generator()
    let date = Date(timeIntervalSince1970: 1_700_000_000.123)
    let exact = generator.next(now: date)
    XCTAssertTrue(exact.hasPrefix("018bcfe5-687b-7"), exact)
    XCTAssertEqual(
      UUIDv7.timestamp(of: exact)?.timeIntervalSince1970 ?? 0, 1_700_000_000.123, accuracy: 0.0005)
  }

  func testGeneratorCounterOverflowCarriesMillisForward() {
    var generator = UUIDv7.Generator()
    let date = Date(timeIntervalSince1970: 1_700_000_000)
    let ids = (0..<10_000).map { _ in generator.next(now: date) }
    XCTAssertEqual(ids, ids.sorted())
    XCTAssertEqual(Set(ids).count, ids.count)
    // 4096 slots per millisecond at most, so 10,000 ids need at least three milliseconds.
    let last = UUIDv7.timestamp(of: ids.last!)!.timeIntervalSince1970
    XCTAssertGreaterThanOrEqual(last, 1_700_000_000.002)
    XCTAssertLessThan(last, 1_700_000_000.010)
  }
}
