import Foundation
import Model
import Store
import XCTest

@testable import Sync

/// Figures for the speed targets, measured in whatever build runs the tests (the
/// targets are for a release build; a debug build is several times slower). Printed, and
/// held to generous bounds so a regression by an order of magnitude fails.
final class SyncSpeedTests: SyncTestCase {
  func testPushAndBootstrapFigures() async throws {
    let server = try startServer()
    let ada = try await admin(on: server)
    let deals = 500
    for index in 0..<deals { _ = try addDeal(ada, "Deal \(index)", cents: Int64(index)) }
    let changes = try ada.store.pendingMutations(limit: 10_000).reduce(0) { $0 + $1.changes.count }

    let pushStart = Date()
    let pushed = try await ada.sync()
    let push = Date().timeIntervalSince(pushStart)
    XCTAssertEqual(pushed.pushed, changes)

    let bootStart = Date()
    let laptop = try await secondComputer(on: server)
    let boot = Date().timeIntervalSince(bootStart)
    XCTAssertEqual(try laptop.deals().count, deals)

    var idle: [Double] = []
    for _ in 0..<20 {
      let start = Date()
      _ = try await laptop.sync()
      idle.append(Date().timeIntervalSince(start) * 1000)
    }
    idle.sort()
    print(
      String(
        format:
          "sync figures: push of %d changes (and their pull back) %.2f s = %.0f changes/s; bootstrap of %d deals (login + first sync) %.2f s; idle sync median %.1f ms, p95 %.1f ms",
        changes, push, Double(changes) / push, deals, boot, idle[10], idle[18]))
    XCTAssertLessThan(push, 60)
    XCTAssertLessThan(boot, 60)
  }
}
