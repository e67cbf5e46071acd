import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// View 6: the dashboards drawn from the fixture's board at three sizes, moving between
/// them, the currency of the bars, the period, and the ASCII fallback.
final class ReportScreenTests: TUITestCase {
  private func openReports() {
    start()
    press(.char("6"))
    XCTAssertEqual(state.view, .reports)
    XCTAssertNotNil(state.reports.dashboard)
    XCTAssertEqual(failures, [])
  }

  func testPipelineAt80x24() {
    openReports()
    state.reports.glyphs = .blocks
    let lines = screen(80, 24)
    if ProcessInfo.processInfo.environment["DUMP_SCREENS"] != nil { dump(lines, "pipeline80") }
    assertLines(lines, ReportScreens.pipeline80)
  }

  func testPipelineWideAndNarrow() {
    openReports()
    state.reports.glyphs = .blocks
    let wide = screen(120, 40)
    let narrow = screen(40, 14)
    if ProcessInfo.processInfo.environment["DUMP_SCREENS"] != nil {
      dump(wide, "pipeline120")
      dump(narrow, "pipeline40")
    }
    assertLines(wide, ReportScreens.pipeline120)
    assertLines(narrow, ReportScreens.pipeline40)
  }

  func testASCIIFallbackAndTheOtherDashboards() {
    openReports()
    state.reports.glyphs = .ascii
    let ascii = screen(80, 24)
    press(.char("c"))
    let dollars = screen(80, 24)
    press(.char("l"))
    let forecast = screen(80, 24)
    press(.char("l"))
    let performance = screen(80, 24)
    press(.char("l"))
    let activities = screen(80, 24)
    if ProcessInfo.processInfo.environment["DUMP_SCREENS"] != nil {
      for (lines, name) in [
        (ascii, "ascii80"), (dollars, "dollars80"), (forecast, "forecast80"),
        (performance, "performance80"), (activities, "activities80"),
      ] {
        dump(lines, name)
      }
    }
    assertLines(ascii, ReportScreens.ascii80)
    assertLines(dollars, ReportScreens.dollars80)
    assertLines(forecast, ReportScreens.forecast80)
    assertLines(performance, ReportScreens.performance80)
    assertLines(activities, ReportScreens.activities80)
    XCTAssertFalse(ascii.joined().contains("█"))
  }

  func testKeysCyclePanelsAndPeriodAndReadAgain() {
    openReports()
    press(.char("h"))
    XCTAssertEqual(state.reports.panel, .builder)
    press(.char("h"))
    XCTAssertEqual(state.reports.panel, .saved)
    press(.right, .right)
    XCTAssertEqual(state.reports.panel, .pipeline)
    let generation = state.reports.generation
    press(.char("t"))
    XCTAssertEqual(state.reports.range, .year)
    XCTAssertEqual(state.reports.generation, generation + 1)
    // A stale answer (an older generation) is dropped.
    let dashboard = state.reports.dashboard!
    var stale = dashboard
    stale.pipeline = nil
    _ = update(
      &state,
      .reportsLoaded(
        ReportsQuery(
          generation: generation, pipelineId: nil, range: .month, now: Self.now, zone: .current),
        stale))
    XCTAssertNotNil(state.reports.dashboard?.pipeline)
    press(.char("1"))
    XCTAssertEqual(state.view, .board)
  }

  func testSavedReportsAreListedAndRunInView6() throws {
    try store.saveReport(
      name: "Deals by stage",
      spec: ReportSpec(
        entity: .deals, group: ReportGroup(field: "stage"),
        measures: [ReportMeasure(.count), ReportMeasure(.sum, "value")]), now: Self.now)
    try store.saveReport(
      name: "Activities", spec: ReportSpec(entity: .activities), now: Self.now)
    openReports()
    press(.char("h"), .char("h"))
    XCTAssertEqual(state.reports.panel, .saved)
    var lines = screen(80, 24)
    XCTAssertTrue(lines[2].contains("Activities (1 of 2, j/k for the others)"), lines[2])
    press(.char("j"))
    lines = screen(80, 24)
    XCTAssertTrue(lines[2].contains("Deals by stage (2 of 2"), lines[2])
    let words = lines.map { $0.split(separator: " ").joined(separator: " ") }
    XCTAssertTrue(words.contains("stage currency count sum:value"), "\(words)")
    XCTAssertTrue(words.contains("Qualification EUR 2 14500.00"), "\(words)")
    XCTAssertTrue(words.contains("Qualification USD 1 8500.00"), "\(words)")
  }

  private func assertLines(
    _ lines: [String], _ expected: [String], file: StaticString = #filePath, line: UInt = #line
  ) {
    guard lines != expected else { return }
    var report = ""
    for index in 0..<max(lines.count, expected.count) {
      let got = index < lines.count ? lines[index] : "<none>"
      let want = index < expected.count ? expected[index] : "<none>"
      if got != want { report += "\nline \(index):\n  got  \(got)\n  want \(want)" }
    }
    XCTFail(report, file: file, line: line)
  }
}
