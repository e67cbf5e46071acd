import Foundation
import Model
import Store
import XCTest

/// Every figure of the built-in reports against the team of `ReportTestCase`, worked out
/// by hand.
final class ReportTests: ReportTestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try buildTeam()
  }

  private func figures(_ report: PipelineReport, _ name: String) throws -> StageFigures {
    try XCTUnwrap(report.stages.first { $0.stage.name == name })
  }

  func testPipelineCountsAndValuesPerCurrency() throws {
    let report = try store.pipelineReport(options())
    XCTAssertEqual(report.pipeline.name, "Sales")
    XCTAssertEqual(
      report.stages.map(\.stage.name),
      ["Qualification", "Contact made", "Proposal", "Negotiation", "Won", "Lost"])
    XCTAssertEqual(report.stages.map(\.count), [3, 0, 1, 1, 1, 1])
    let qualification = try figures(report, "Qualification")
    // Alpha 1000 + Zeta 400 EUR, Eta 300 USD: two totals, never one.
    XCTAssertEqual(qualification.totals, [euros(1400), dollars(300)])
    XCTAssertEqual(qualification.weighted, [euros(140), dollars(30)])
    XCTAssertEqual(try figures(report, "Negotiation").weighted, [dollars(375)])
    XCTAssertEqual(try figures(report, "Won").totals, [euros(3000)])
    XCTAssertEqual(try figures(report, "Contact made").totals, [])
  }

  func testRottingFollowsTheLastChange() throws {
    let report = try store.pipelineReport(options())
    // Alpha sat 31 days (Zeta and Eta 5); Beta 29 in Proposal; Gamma was edited 9 days ago.
    XCTAssertEqual(report.stages.map(\.rotting), [1, 0, 1, 0, 0, 0])
  }

  func testFunnelFromTheStageHistory() throws {
    let report = try store.pipelineReport(options())
    XCTAssertEqual(
      report.funnel.map(\.stage.name),
      ["Qualification", "Contact made", "Proposal", "Negotiation", "Won"])
    // Furthest reached: Alpha, Zeta, Eta Qualification; Epsilon Contact made (then lost);
    // Beta Proposal (skipping Contact made counts as passing it); Gamma Negotiation; Delta Won.
    XCTAssertEqual(report.funnel.map(\.reached), [7, 4, 3, 2, 1])
    let conversions = report.funnel.map { $0.conversion ?? -1 }
    for (got, want) in zip(conversions, [4.0 / 7, 3.0 / 4, 2.0 / 3, 1.0 / 2, -1]) {
      XCTAssertEqual(got, want, accuracy: 1e-9)
    }
  }

  func testFunnelOfTheDealsThatEnteredInAPeriod() throws {
    let january = try ReportPeriod(
      from: Day.parse("2026-01-01"), to: Day.parse("2026-01-31"), zone: utc)
    let report = try store.pipelineReport(options(period: january))
    // Zeta and Eta entered in February.
    XCTAssertEqual(report.funnel.map(\.reached), [5, 4, 3, 2, 1])
  }

  func testAverageTimeInStage() throws {
    let report = try store.pipelineReport(options())
    let qualification = try figures(report, "Qualification")
    // Alpha 31 (still there), Beta 2, Gamma 1, Delta 21.479 (to 31 Jan 23:30), Zeta 5, Eta 5.
    XCTAssertEqual(qualification.stays, 6)
    let delta: Double = 21 + 11.5 / 24
    let expected: Double = (31 + 2 + 1 + delta + 5 + 5) / 6
    XCTAssertEqual(qualification.averageDays ?? 0, expected, accuracy: 1e-6)
    XCTAssertEqual(try figures(report, "Contact made").averageDays ?? 0, 3.5, accuracy: 1e-6)
    XCTAssertEqual(try figures(report, "Proposal").averageDays ?? 0, 29, accuracy: 1e-6)
    XCTAssertEqual(try figures(report, "Negotiation").averageDays ?? 0, 28, accuracy: 1e-6)
    XCTAssertNil(try figures(report, "Won").averageDays)
  }

  func testOneOwnersPipeline() throws {
    let report = try store.pipelineReport(options(owner: "bea"))
    XCTAssertEqual(report.stages.map(\.count), [1, 0, 0, 0, 1, 1])
    XCTAssertEqual(report.funnel.map(\.reached), [3, 2, 1, 1, 1])
  }

  func testForecastByExpectedCloseMonth() throws {
    let report = try store.forecastReport(options())
    XCTAssertEqual(
      report.months.map(\.label),
      ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"])
    let february = report.months[0]
    // Alpha 1000 EUR at 10%; Gamma 500 USD at 75% and Eta 300 USD at 10%.
    XCTAssertEqual(february.openCount, 3)
    XCTAssertEqual(february.expected, [euros(1000), dollars(800)])
    XCTAssertEqual(february.weighted, [euros(100), dollars(405)])
    XCTAssertEqual(report.months[1].expected, [euros(2000)])
    XCTAssertEqual(report.months[1].weighted, [euros(1000)])
    XCTAssertEqual(report.months[2].openCount, 0)
    // Zeta was expected on 5 January and is still open.
    XCTAssertEqual(report.overdue.openCount, 1)
    XCTAssertEqual(report.overdue.expected, [euros(400)])
    // Delta was won on 31 January in UTC: before the forecast's first month.
    XCTAssertEqual(report.won, [])
  }

  func testWonMonthIsTheUsersAcrossTheMonthEnd() throws {
    // 31 January 23:30 UTC is 1 February 00:30 in Berlin.
    let berlinReport = try store.forecastReport(options(zone: berlin))
    XCTAssertEqual(berlinReport.months[0].wonCount, 1)
    XCTAssertEqual(berlinReport.months[0].won, [euros(3000)])
    XCTAssertEqual(berlinReport.won, [euros(3000)])
    let january = ReportPeriod.month(containing: at("2026-01-15T00:00:00Z"), zone: utc)
    let utcReport = try store.forecastReport(options(period: january))
    XCTAssertEqual(utcReport.months.map(\.label), ["2026-01"])
    XCTAssertEqual(utcReport.months[0].won, [euros(3000)])
  }

  func testPerformancePerOwnerOverAPeriod() throws {
    let january = ReportPeriod.month(containing: at("2026-01-15T00:00:00Z"), zone: utc)
    let report = try store.performanceReport(options(period: january))
    XCTAssertEqual(report.owners.map(\.ownerName), ["Bea"])
    let bea = report.owners[0]
    XCTAssertEqual(bea.won, 1)
    XCTAssertEqual(bea.lost, 1)
    XCTAssertEqual(bea.wonValue, [euros(3000)])
    XCTAssertEqual(bea.averageDeal, [euros(3000)])
    XCTAssertEqual(bea.winRate ?? -1, 0.5, accuracy: 1e-9)
    XCTAssertEqual(bea.cycleDays ?? 0, 21 + 11.5 / 24, accuracy: 1e-6)
    // ISO weeks of January 2026: from Thu 1st, then Mondays the 5th, 12th, 19th and 26th.
    XCTAssertEqual(report.buckets.count, 5)
    XCTAssertEqual(bea.trend, [0, 0, 0, 0, 1])
  }

  func testPerformancePeriodEndsAtTheUsersMidnight() throws {
    let january = ReportPeriod.month(containing: at("2026-01-15T00:00:00Z"), zone: berlin)
    let report = try store.performanceReport(options(period: january, zone: berlin))
    // In Berlin Delta was won in February: Bea only lost in January.
    let bea = try XCTUnwrap(report.owners.first)
    XCTAssertEqual(bea.won, 0)
    XCTAssertEqual(bea.lost, 1)
    XCTAssertEqual(bea.winRate ?? -1, 0, accuracy: 1e-9)
    XCTAssertNil(bea.cycleDays)
    let quarter = ReportPeriod.quarter(containing: reportNow, zone: berlin)
    let q1 = try store.performanceReport(options(period: quarter, zone: berlin))
    XCTAssertEqual(q1.owners.first?.won, 1)
    XCTAssertEqual(q1.buckets.count, 13 + 1)  // ISO weeks touching Q1 2026
  }

  func testActivitiesDoneOverdueUpcomingPerOwnerAndKind() throws {
    let alex = try me().id
    let bea = try store.user(named: "Bea").id
    let now = reportNow
    func add(_ activity: Activity) throws { try store.createActivity(activity, now: t0) }
    try add(Activity(kind: .task, title: "Late", dueAt: now - 1 * days, assigneeId: alex))
    try add(Activity(kind: .task, title: "Soon", dueAt: now + 1 * days, assigneeId: alex))
    // All day today: not overdue until midnight.
    try add(
      Activity(
        kind: .task, title: "Today", dueAt: at("2026-02-10T00:00:00Z"), allDay: true,
        assigneeId: alex))
    try add(
      Activity(
        kind: .call, title: "Called", dueAt: now - 9 * days, doneAt: now - 9 * days,
        assigneeId: alex))
    // In progress: not overdue yet.
    try add(
      Activity(
        kind: .meeting, title: "Now", startAt: now - 3600, endAt: now + 3600, assigneeId: alex))
    try add(Activity(kind: .meeting, title: "Missed", startAt: now - 7 * days, assigneeId: bea))
    try add(Activity(kind: .task, title: "Someday"))
    let report = try store.activitiesReport(options())
    let rows = report.rows.map {
      "\($0.ownerName ?? "-") \($0.kind) \($0.done)/\($0.overdue)/\($0.upcoming)"
    }
    XCTAssertEqual(
      rows,
      [
        "Alex Admin task 0/1/2", "Alex Admin call 1/0/0", "Alex Admin meeting 0/0/1",
        "Bea meeting 0/1/0",
      ])
    let week = ReportPeriod(start: now - 2 * days, end: now + 2 * days)
    let inWeek = try store.activitiesReport(options(owner: "Alex Admin", period: week))
    XCTAssertEqual(
      inWeek.rows.map { "\($0.kind) \($0.done)/\($0.overdue)/\($0.upcoming)" },
      ["task 0/1/2", "meeting 0/0/1"])
  }

  func testBadOptionsNameWhatIsWrong() throws {
    XCTAssertThrowsError(try store.pipelineReport(ReportOptions(pipeline: "Nope"))) { error in
      XCTAssertTrue("\(error)".contains("Nope"), "\(error)")
    }
    XCTAssertThrowsError(try store.forecastReport(ReportOptions(owner: "Nobody"))) { error in
      XCTAssertTrue("\(error)".contains("Nobody"), "\(error)")
    }
    XCTAssertThrowsError(try store.activitiesReport(ReportOptions(pipeline: "Sales")))
    XCTAssertThrowsError(
      try ReportPeriod(from: Day.parse("2026-02-01"), to: Day.parse("2026-01-01"), zone: utc))
  }
}
