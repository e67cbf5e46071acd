import Foundation
import Model
import XCTest

final class HLCTests: XCTestCase {
  private let siteA = SiteID(rawValue: "00000000000000aa")!
  private let siteB = SiteID(rawValue: "00000000000000bb")!

  func testSiteID() {
    XCTAssertNil(SiteID(rawValue: "00000000000000AA"))
    XCTAssertNil(SiteID(rawValue: "00000000000000a"))
    XCTAssertNil(SiteID(rawValue: "00000000000000aaa"))
    XCTAssertNil(SiteID(rawValue: "00000000000000ag"))
    XCTAssertLessThan(siteA, siteB)
    let random = SiteID.random()
    XCTAssertNotNil(SiteID(rawValue: random.rawValue))
    XCTAssertNotEqual(SiteID.random(), SiteID.random())
    XCTAssertEqual(SiteID(0xAB).rawValue, "00000000000000ab")
  }

  func testOrdering() {
    let base = HLC(millis: 1000, counter: 5, site: siteB)
    XCTAssertLessThan(HLC(millis: 999, counter: 9, site: siteB), base)
    XCTAssertLessThan(HLC(millis: 1000, counter: 4, site: siteB), base)
    XCTAssertLessThan(HLC(millis: 1000, counter: 5, site: siteA), base)
    XCTAssertLessThan(base, HLC(millis: 1000, counter: 6, site: siteA))
    XCTAssertLessThan(base, HLC(millis: 1001, counter: 0, site: siteA))
    XCTAssertEqual(base, HLC(millis: 1000, counter: 5, site: siteB))
  }

  func testPackedRoundTrip() {
    let values: [(UInt64, UInt16)] = [
      (0, 0), (1, 0), (0, 1), (1_700_000_000_000, 42), (HLC.maxMillis, .max), ((1 << 47) - 1, 7),
    ]
    for (millis, counter) in values {
      let clock = HLC(millis: millis, counter: counter, site: siteA)
      XCTAssertEqual(HLC(packed: clock.packed, site: siteA), clock)
      XCTAssertEqual(UInt64(bitPattern: clock.packed), millis << 16 | UInt64(counter))
    }
    XCTAssertEqual(HLC(millis: 1, counter: 2, site: siteA).packed, 65_538)
    XCTAssertGreaterThanOrEqual(HLC(millis: (1 << 47) - 1, counter: .max, site: siteA).packed, 0)
  }

  func testStringRoundTripAndOrder() throws {
    let clock = HLC(millis: 1_700_000_000_000, counter: 3, site: siteA)
    XCTAssertEqual(clock.description, "018bcfe568000003-00000000000000aa")
    XCTAssertEqual(HLC(string: clock.description), clock)
    XCTAssertNil(HLC(string: "018BCFE568000003-00000000000000aa"))
    XCTAssertNil(HLC(string: "018bcfe568000003_00000000000000aa"))
    XCTAssertNil(HLC(string: "018bcfe56800003-00000000000000aa"))
    XCTAssertNil(HLC(string: ""))

    var generator = SplitMix64(seed: 7)
    var clocks: [HLC] = []
    for _ in 0..<2000 {
      let millis = generator.next() % 4 + (generator.next() % 2 == 0 ? 0 : HLC.maxMillis - 3)
      let counter = UInt16(truncatingIfNeeded: generator.next() % 3)
      let site = generator.next() % 2 == 0 ? siteA : siteB
      clocks.append(HLC(millis: millis, counter: counter, site: site))
    }
    for clock in clocks { XCTAssertEqual(HLC(string: clock.description), clock) }
    XCTAssertEqual(clocks.sorted().map(\.description), clocks.map(\.description).sorted())

    let data = try JSONEncoder().encode([clock])
    XCTAssertEqual(String(decoding: data, as: UTF8.self), #"["018bcfe568000003-00000000000000aa"]"#)
    XCTAssertEqual(try JSONDecoder().decode([HLC].self, from: data), [clock])
  }

  func testTickIsMonotonicWhenWallGoesBackwards() {
    var clock = HybridClock(site: siteA)
    var previous = clock.tick(wallMillis: 10_000)
    XCTAssertEqual(previous, HLC(millis: 10_000, counter: 0, site: siteA))
    for wall: UInt64 in [10_000, 10_000, 9_000, 0, 10_001, 10_001, 5, 20_000] {
      let next = clock.tick(wallMillis: wall)
      XCTAssertGreaterThan(next, previous, "wall \(wall)")
      XCTAssertEqual(next.site, siteA)
      previous = next
    }
    XCTAssertEqual(previous, HLC(millis: 20_000, counter: 0, site: siteA))
    XCTAssertEqual(clock.last, previous)
  }

  func testTickAfterWallGoesBackKeepsMillisAndCounts() {
    var clock = HybridClock(site: siteA)
    _ = clock.tick(wallMillis: 5_000)
    XCTAssertEqual(clock.tick(wallMillis: 1_000), HLC(millis: 5_000, counter: 1, site: siteA))
    XCTAssertEqual(clock.tick(wallMillis: 1_000), HLC(millis: 5_000, counter: 2, site: siteA))
  }

  func testCounterOverflowAdvancesMillis() {
    var clock = HybridClock(site: siteA, last: HLC(millis: 100, counter: .max - 1, site: siteB))
    XCTAssertEqual(clock.last.site, siteA)
    XCTAssertEqual(clock.tick(wallMillis: 100), HLC(millis: 100, counter: .max, site: siteA))
    XCTAssertEqual(clock.tick(wallMillis: 100), HLC(millis: 101, counter: 0, site: siteA))
    XCTAssertEqual(clock.tick(wallMillis: 100), HLC(millis: 101, counter: 1, site: siteA))
  }

  func testResumesAfterLast() {
    var clock = HybridClock(site: siteA, last: HLC(millis: 50_000, counter: 9, site: siteA))
    XCTAssertEqual(clock.tick(wallMillis: 1), HLC(millis: 50_000, counter: 10, site: siteA))
  }

  func testReceiveAdvancesPastRemote() throws {
    var clock = HybridClock(site: siteA)
    _ = clock.tick(wallMillis: 1_000)
    // Remote ahead of us (within drift): we jump to its millis and count past it.
    let remote = HLC(millis: 30_000, counter: 7, site: siteB)
    let received = try clock.receive(remote, wallMillis: 1_000)
    XCTAssertEqual(received, HLC(millis: 30_000, counter: 8, site: siteA))
    XCTAssertGreaterThan(received, remote)
    XCTAssertGreaterThan(clock.tick(wallMillis: 1_000), received)

    // Same millis on both sides: max counter + 1.
    var other = HybridClock(site: siteB)
    _ = other.tick(wallMillis: 30_000)  // (30000, 0)
    let both = try other.receive(HLC(millis: 30_000, counter: 4, site: siteA), wallMillis: 29_000)
    XCTAssertEqual(both, HLC(millis: 30_000, counter: 5, site: siteB))

    // Wall clock ahead of both: wall wins, counter restarts.
    let fresh = try other.receive(HLC(millis: 30_000, counter: 99, site: siteA), wallMillis: 40_000)
    XCTAssertEqual(fresh, HLC(millis: 40_000, counter: 0, site: siteB))

    // Remote behind us: local millis, counter + 1.
    let behind = try other.receive(HLC(millis: 10, counter: 500, site: siteA), wallMillis: 39_000)
    XCTAssertEqual(behind, HLC(millis: 40_000, counter: 1, site: siteB))
  }

  func testReceiveRefusesDrift() throws {
    var clock = HybridClock(site: siteA, maxDriftMillis: 1_000)
    let before = clock.tick(wallMillis: 10_000)
    let remote = HLC(millis: 11_001, counter: 0, site: siteB)
    XCTAssertThrowsError(try clock.receive(remote, wallMillis: 10_000)) { error in
      XCTAssertEqual(
        error as? HLCError, .driftTooLarge(remoteMillis: 11_001, wallMillis: 10_000))
    }
    XCTAssertEqual(clock.last, before)
    let edge = try clock.receive(HLC(millis: 11_000, counter: 0, site: siteB), wallMillis: 10_000)
    XCTAssertEqual(edge, HLC(millis: 11_000, counter: 1, site: siteA))
    XCTAssertEqual(HybridClock(site: siteA).maxDriftMillis, 60_000)
  }

  func testRandomHistoryIsStrictlyIncreasing() throws {
    var generator = SplitMix64(seed: 42)
    var clocks = [HybridClock(site: siteA), HybridClock(site: siteB)]
    var wall: [UInt64] = [1_000_000, 1_000_000]
    var issued: [[HLC]] = [[], []]
    for _ in 0..<10_000 {
      let i = Int(generator.next() % 2)
      // Wall clocks jitter, sometimes backwards.
      wall[i] = wall[i] + generator.next() % 5 - 2
      let previous = clocks[i].last
      let next: HLC
      if generator.next() % 3 == 0, let remote = issued[1 - i].last {
        next = try clocks[i].receive(remote, wallMillis: wall[i])
        XCTAssertGreaterThan(next, remote)
      } else {
        next = clocks[i].tick(wallMillis: wall[i])
      }
      XCTAssertGreaterThan(next, previous)
      issued[i].append(next)
    }
  }
}

/// A small seeded generator, so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
