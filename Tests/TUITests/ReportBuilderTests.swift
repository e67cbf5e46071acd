import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// View 6's builder tab and pipeline switch, driven by keys against the fixture's store:
/// the definition changes line by line, the figures follow, and a saved report is listed on
/// the Saved tab and runs as the CLI runs it.
final class ReportBuilderTests: TUITestCase {
  private func openBuilder() {
    start()
    press(.char("6"))
    // The builder is the last tab: one step left of the first.
    press(.char("h"))
    XCTAssertEqual(state.reports.panel, .builder)
    XCTAssertNotNil(state.reports.builder.result)
    XCTAssertEqual(failures, [])
  }

  /// The rows of the builder's figures, as label and first measure.
  private var rows: [String] {
    state.reports.builder.result?.rows.map { row in
      "\(row.label ?? "-") \(row.currency?.code ?? "") \(row.values.first?.text ?? "")"
    } ?? []
  }

  private func words(_ lines: [String]) -> [String] {
    lines.map { $0.split(separator: " ").joined(separator: " ") }
  }

  func testBuilderAtThreeSizes() {
    openBuilder()
    state.reports.glyphs = .blocks
    let standard = screen(80, 24)
    let wide = screen(120, 40)
    let narrow = screen(40, 14)
    if ProcessInfo.processInfo.environment["DUMP_SCREENS"] != nil {
      dump(standard, "builder80")
      dump(wide, "builder120")
      dump(narrow, "builder40")
    }
    assertLines(standard, ReportScreens.builder80)
    assertLines(wide, ReportScreens.builder120)
    assertLines(narrow, ReportScreens.builder40)
  }

  func testAFilterTypedInPlaceReruns() {
    openBuilder()
    // Every pipeline's deals: the Partners pipeline has a Qualification of its own.
    XCTAssertEqual(
      rows,
      [
        "Qualification EUR 2", "Qualification USD 1", "Contact made EUR 1", "Contact made USD 1",
        "Proposal USD 1", "Qualification EUR 1",
      ])
    press(.char("f"))
    type("value>=10000 EUR")
    let typing = words(screen(80, 24))
    XCTAssertTrue(typing.contains { $0.hasPrefix("Filter value>=10000 EUR") }, "\(typing)")
    XCTAssertTrue(typing.contains { $0.hasPrefix("FIELD OP VALUE") }, "\(typing)")
    press(.enter)
    XCTAssertEqual(state.reports.builder.spec.filters.map(\.text), ["value>=10000 EUR"])
    XCTAssertEqual(rows, ["Qualification EUR 1", "Contact made EUR 1"])
    // Enter on the filter edits it; a name that matches nothing is said, not run.
    XCTAssertEqual(state.reports.builder.focusedLine, .filter(0))
    press(.enter)
    for _ in 0..<16 { press(.backspace) }
    type("stage=Porposal")
    press(.enter)
    XCTAssertNil(state.reports.builder.result)
    let error = try? XCTUnwrap(state.reports.builder.error)
    XCTAssertTrue(error?.contains("Porposal") ?? false, error ?? "")
    XCTAssertTrue(screen(80, 24).joined().contains("Porposal"))
    // d takes the filter away: everything again.
    press(.char("d"))
    XCTAssertEqual(state.reports.builder.spec.filters, [])
    XCTAssertEqual(rows.count, 6)
    // Text that is no filter stays open for mending, with the reason in the status bar.
    press(.char("f"))
    type("value")
    press(.enter)
    XCTAssertTrue(state.status?.isError ?? false)
    XCTAssertNotNil(state.reports.builder.edit)
    press(.escape)
    XCTAssertNil(state.reports.builder.edit)
    XCTAssertEqual(state.view, .reports)
  }

  func testGroupMeasureAndEntityArePicked() {
    openBuilder()
    // j/k walk the lines: entity, "+ filter", group, count, sum:value, "+ measure".
    press(.char("j"), .char("j"))
    XCTAssertEqual(state.reports.builder.focusedLine, .group)
    press(.enter)
    XCTAssertTrue(screen(80, 24).joined().contains("month:closeDate"))
    type("currency")
    press(.enter)
    XCTAssertEqual(state.reports.builder.spec.group, ReportGroup(field: "currency"))
    XCTAssertEqual(rows, ["EUR EUR 4", "USD USD 3"])
    press(.char("m"))
    type("max:value")
    press(.enter)
    XCTAssertEqual(
      state.reports.builder.spec.measures.map(\.text), ["count", "sum:value", "max:value"])
    XCTAssertEqual(state.reports.builder.result?.measureNames, ["count", "sum:value", "max:value"])
    // d on a measure takes it away; the group's d makes it none.
    press(.char("d"))
    XCTAssertEqual(state.reports.builder.spec.measures.map(\.text), ["count", "sum:value"])
    press(.char("g"), .char("j"), .char("j"), .char("d"))
    XCTAssertNil(state.reports.builder.spec.group)
    XCTAssertEqual(rows, ["- EUR 4", "- USD 3"])
    // Another entity starts a definition of its own.
    press(.char("g"), .enter)
    type("compan")
    press(.enter)
    XCTAssertEqual(state.reports.builder.spec, ReportSpec(entity: .companies))
    XCTAssertEqual(state.reports.builder.error, nil)
  }

  func testSavedByNameListedAndRunnable() throws {
    openBuilder()
    press(.char("f"))
    type("status=open")
    press(.enter)
    press(.char("s"))
    type("Open by stage")
    XCTAssertTrue(words(screen(80, 24)).contains { $0.hasPrefix("Save as: Open by stage") })
    press(.enter)
    XCTAssertEqual(state.status?.text, "Saved report “Open by stage”")
    XCTAssertEqual(state.reports.dashboard?.saved.map(\.name), ["Open by stage"])
    // As `crm report run "Open by stage"` runs it.
    let run = try store.runSavedReport(named: "Open by stage")
    XCTAssertEqual(run.spec, state.reports.builder.spec)
    XCTAssertEqual(run.rows.count, 6)
    // Saving again under its name replaces it; another taken name is refused.
    try store.saveReport(name: "Other", spec: ReportSpec(entity: .contacts), now: Self.now)
    press(.char("s"))
    for _ in 0..<13 { press(.backspace) }
    type("other")
    press(.enter)
    XCTAssertEqual(state.status?.isError, true)
    XCTAssertTrue(state.status?.text.contains("“Other” exists") ?? false)
    XCTAssertEqual(try store.runSavedReport(named: "Other").spec.entity, .contacts)
    // The Saved tab lists both (once read again); e opens one in the builder.
    press(.char("h"))
    XCTAssertEqual(state.reports.panel, .saved)
    press(.char("R"))
    press(.char("j"))
    press(.char("e"))
    XCTAssertEqual(state.reports.panel, .builder)
    XCTAssertEqual(state.reports.builder.savedName, "Other")
    XCTAssertEqual(state.reports.builder.spec.entity, .contacts)
    // u undoes the save as any change.
    XCTAssertEqual(failures, [])
  }

  func testPipelineSwitchInView6() throws {
    start()
    press(.char("6"))
    XCTAssertEqual(state.reports.dashboard?.pipeline?.pipeline.name, "Sales")
    press(.char("p"))
    type("Partn")
    press(.enter)
    XCTAssertEqual(state.reports.dashboard?.pipeline?.pipeline.name, "Partners")
    XCTAssertEqual(state.reports.dashboard?.pipeline?.stages.first?.count, 1)
    XCTAssertTrue(screen(120, 40)[1].contains("Partners · EUR"), screen(120, 40)[1])
    // The board keeps its own pipeline.
    XCTAssertEqual(state.board?.pipeline.name, "Sales")
    press(.char("R"))
    XCTAssertEqual(state.reports.dashboard?.pipeline?.pipeline.name, "Partners")
    XCTAssertEqual(failures, [])
  }

  func testBuilderKeysAreInTheKeyTableWithTheirHelp() {
    let table = KeyTable()
    XCTAssertEqual(table.action(for: .char("f"), in: .reports), .addReportFilter)
    XCTAssertEqual(table.action(for: .char("m"), in: .reports), .addReportMeasure)
    XCTAssertEqual(table.action(for: .char("s"), in: .reports), .saveReport)
    openBuilder()
    press(.char("?"))
    let help = HelpLayout(state: state).rows.map(\.text).joined(separator: "\n")
    for text in [
      "Add a filter (report builder)", "Add a measure (report builder)",
      "Save the built report by name", "Take the line away (builder)",
      "Pipeline of the dashboards", "Next line (builder)",
    ] {
      XCTAssertTrue(help.contains(text), text)
    }
    press(.escape)
    // A remapped key works, and the builder's key line says so.
    var keys = KeyTable()
    XCTAssertEqual(keys.remap(["add_report_filter": ["F"]]), [])
    state.keys = keys
    XCTAssertTrue(words(screen(80, 24)).contains { $0.contains("F filter") })
    press(.char("F"))
    guard case .filter(nil, _) = state.reports.builder.edit else {
      return XCTFail("F did not start a filter")
    }
    press(.escape)
    press(.char("f"))
    XCTAssertNil(state.reports.builder.edit)
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
