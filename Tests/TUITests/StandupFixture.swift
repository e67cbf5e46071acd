import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The calendar fixture plus a daily 08:30 standup, 15 minutes long, that started five days
/// before the fixture's Sunday noon, assigned to the local user.
class StandupTestCase: CalendarTestCase {
  var standupId: String!
  let hour: TimeInterval = 3_600

  override func setUpWithError() throws {
    try super.setUpWithError()
    let start = Self.now.addingTimeInterval(-5 * 86_400 - 3.5 * hour)
    let made = try store.createActivity(
      Activity(
        kind: .meeting, title: "Standup", startAt: start, endAt: start.addingTimeInterval(900),
        assigneeId: try store.localUser()?.id, recurrence: Recurrence(.daily),
        createdAt: start), now: start)
    standupId = made.id
  }

  var listTimes: [String] {
    state.activityList.rows.map {
      "\($0.activity.title) \(shortDate(Day($0.activity.when!, in: state.timeZone), state.locale))"
    }
  }
}
