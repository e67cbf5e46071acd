import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The list fixture plus activities around its clock (Sunday 2025-06-15 12:00 UTC), read in
/// UTC: an overdue call with Ann, a task on the Acme deal this afternoon, a meeting with
/// Globex on Tuesday assigned to Bea, an overdue task from last week, a done one from
/// yesterday, and one in July.
class CalendarTestCase: ListTestCase {
  var activityIds: [String: String] = [:]
  var bea: User!

  override func setUpWithError() throws {
    try super.setUpWithError()
    state.timeZone = TimeZone(identifier: "UTC")!
    let me = try store.localUser()!.id
    let at = Self.now.addingTimeInterval(-5 * 86_400)
    bea = try store.createUser(
      User(name: "Bea Rep", email: "bea@example.com", role: .rep, createdAt: at), now: at)
    let hour = 3_600.0
    let seeds: [(String, ActivityKind, Double, String?, Bool)] = [
      ("Call Ann", .call, -2 * hour, me, false),
      ("Send Acme quote", .task, 5 * hour, me, false),
      ("Globex review", .meeting, 50 * hour, bea.id, false),
      ("Old follow-up", .task, -5 * 24 * hour - 3 * hour, me, false),
      ("Prep slides", .task, -27 * hour, me, true),
      ("Quarterly plan", .task, 17 * 24 * hour, me, false),
    ]
    for (index, seed) in seeds.enumerated() {
      let when = Self.now.addingTimeInterval(seed.2)
      var activity = Activity(
        kind: seed.1, title: seed.0, dueAt: seed.1 == .task ? when : nil,
        startAt: seed.1 == .task ? nil : when,
        endAt: seed.1 == .meeting ? when.addingTimeInterval(hour) : nil,
        doneAt: seed.4 ? when : nil, assigneeId: seed.3,
        createdAt: at.addingTimeInterval(Double(index)))
      switch seed.0 {
      case "Call Ann": activity.contactId = contactIds["Ann"]
      case "Send Acme quote": activity.dealId = id("Acme renewal")
      case "Globex review": activity.companyId = companyIds["Globex"]
      default: break
      }
      activityIds[seed.0] = try store.createActivity(activity, now: activity.createdAt).id
    }
  }

  func assertScreen(_ expected: [String], file: StaticString = #filePath, line: UInt = #line) {
    let buffer = render(state)
    if let diff = buffer.diff(against: expected) {
      dump(buffer.lines, "actual")
      XCTFail(diff, file: file, line: line)
    }
    for (y, row) in buffer.lines.enumerated() {
      XCTAssertEqual(displayWidth(row), state.size.width, "row \(y)", file: file, line: line)
    }
  }

  var agendaTitles: [String] { state.calendar.rows.map(\.activity.title) }
  var listTitles: [String] { state.activityList.rows.map(\.activity.title) }
}
