import Foundation
import Model
import Store
import Terminal
import XCTest

@testable import TUI

/// The pipelines and stages screen against the real store: every change is one Store call,
/// a refusal is shown and writes nothing, and the board follows.
final class PipelinesTests: TUITestCase {
  var screen: PipelinesState? {
    if case .pipelines(let screen) = state.overlay { return screen }
    return nil
  }

  var stageNames: [String] { screen?.settings.stages.map(\.stage.name) ?? [] }

  func salesStages() throws -> [Stage] {
    try store.stages(pipelineId: try store.pipeline(named: "Sales").id)
  }

  /// Opens the screen with `P` and selects the stage `name`.
  func open(selecting name: String? = nil, file: StaticString = #filePath, line: UInt = #line) {
    start()
    press(.char("P"))
    XCTAssertEqual(screen?.settings.pipeline?.name, "Sales", file: file, line: line)
    if let name, let index = stageNames.firstIndex(of: name) {
      for _ in 0..<index { press(.char("j")) }
    }
  }

  /// Clears the focused field and types `text`.
  func retype(_ text: String) {
    press(.ctrl("u"))
    type(text)
  }

  func testOpensOnTheBoardsPipelineWithCounts() {
    open()
    XCTAssertEqual(
      stageNames, ["Qualification", "Contact made", "Proposal", "Negotiation", "Won", "Lost"])
    XCTAssertEqual(screen?.settings.stages.map(\.deals), [3, 2, 1, 0, 0, 0])
    XCTAssertEqual(screen?.settings.pipelines.map(\.name), ["Sales", "Partners"])
    press(.escape)
    XCTAssertNil(state.overlay)
  }

  func testAddAStage() throws {
    open()
    press(.char("n"))
    type("Demo")
    press(.tab)
    press(.tab)
    type("40")
    press(.tab)
    type("7")
    press(.enter)
    XCTAssertEqual(failures, [])
    let added = try XCTUnwrap(try salesStages().last)
    XCTAssertEqual([added.name, added.kind.rawValue], ["Demo", "open"])
    XCTAssertEqual(added.probability, 40)
    XCTAssertEqual(added.rotDays, 7)
    XCTAssertEqual(stageNames.last, "Demo")
    XCTAssertEqual(screen?.selectedStage?.stage.name, "Demo", "the new stage is selected")
    XCTAssertEqual(state.board?.columns.last?.stage.name, "Demo", "the board reloaded")
    XCTAssertEqual(state.status?.text, "Added stage Demo")
    XCTAssertEqual(try store.undo(), "add stage Demo")
  }

  func testABadValueIsNamedInTheFormAndNothingIsWritten() throws {
    open()
    let before = try salesStages()
    press(.char("n"))
    type("Demo")
    press(.tab)
    retype("maybe")
    press(.tab)
    type("150")
    XCTAssertEqual(press(.enter), [.bell])
    guard case .stageForm(let form, _)? = screen?.popup else { return XCTFail("form closed") }
    XCTAssertEqual(form.fields[1].error, "open / won / lost")
    XCTAssertEqual(form.fields[2].error, "a whole number from 0 to 100")
    XCTAssertEqual(try salesStages(), before)
  }

  func testRenameAndEditAStage() throws {
    open(selecting: "Proposal")
    press(.char("r"))
    retype("Offer")
    press(.enter)
    XCTAssertEqual(try salesStages()[2].name, "Offer")
    XCTAssertEqual(state.board?.columns[2].stage.name, "Offer")
    press(.char("e"))
    press(.tab)
    retype("65")
    press(.tab)
    retype("")
    press(.enter)
    let edited = try salesStages()[2]
    XCTAssertEqual(edited.probability, 65)
    XCTAssertNil(edited.rotDays)
    XCTAssertEqual(screen?.selectedStage?.stage.name, "Offer")
    XCTAssertEqual(failures, [])
  }

  func testARefusedRenameIsShownAndWritesNothing() throws {
    open(selecting: "Proposal")
    let changes = try store.changes().count
    press(.char("r"))
    retype("Won")
    press(.enter)
    XCTAssertEqual(try store.changes().count, changes)
    XCTAssertEqual(try salesStages()[2].name, "Proposal")
    XCTAssertEqual(state.status?.isError, true)
    XCTAssertTrue(
      state.status?.text.contains("already has a stage named \"Won\"") ?? false,
      state.status?.text ?? "")
    XCTAssertNotNil(screen, "the screen stays open")
  }

  func testMoveAStageUpAndDown() throws {
    open(selecting: "Proposal")
    press(.char("K"))
    XCTAssertEqual(
      try salesStages().map(\.name).prefix(3), ["Qualification", "Proposal", "Contact made"])
    XCTAssertEqual(screen?.selectedStage?.stage.name, "Proposal", "the selection follows")
    XCTAssertEqual(state.board?.columns[1].stage.name, "Proposal")
    press(.char("J"), .char("J"))
    XCTAssertEqual(
      try salesStages().map(\.name).prefix(4),
      ["Qualification", "Contact made", "Negotiation", "Proposal"])
    press(.char("g"))
    XCTAssertEqual(press(.char("K")), [.bell], "the first stage cannot go up")
  }

  func testDeleteAStageMovesItsDealsWhereTheRepSays() throws {
    open(selecting: "Contact made")
    press(.char("d"))
    guard case .destination? = screen?.popup else { return XCTFail("expected the picker") }
    type("propo")
    press(.enter)
    guard case .confirm(_, _, let message)? = screen?.popup else {
      return XCTFail("expected to be asked")
    }
    XCTAssertEqual(message, "Delete stage \"Contact made\" and move its 2 deals to Proposal?")
    press(.char("y"))
    XCTAssertFalse(try salesStages().map(\.name).contains("Contact made"))
    XCTAssertEqual(try stageName(of: "Acme expansion"), "Proposal")
    XCTAssertEqual(try stageName(of: "🚀 Launch deal"), "Proposal")
    XCTAssertEqual(screen?.settings.stages.first { $0.stage.name == "Proposal" }?.deals, 3)
    XCTAssertEqual(state.board?.columns.count, 5)
    XCTAssertEqual(failures, [])
  }

  func testDeleteAnEmptyStageOnlyAsks() throws {
    open(selecting: "Negotiation")
    press(.char("d"))
    guard case .confirm? = screen?.popup else { return XCTFail("expected to be asked") }
    press(.char("n"))
    XCTAssertEqual(try salesStages().count, 6, "No keeps it")
    press(.char("d"), .char("y"))
    XCTAssertEqual(try salesStages().count, 5)
  }

  func testAddRenameAndDeletePipelines() throws {
    open()
    press(.char("N"))
    type("Renewals")
    press(.enter)
    XCTAssertEqual(try store.pipelines().map(\.name), ["Sales", "Partners", "Renewals"])
    XCTAssertEqual(screen?.settings.pipeline?.name, "Renewals", "the new pipeline is chosen")
    XCTAssertEqual(stageNames.first, "Qualification")
    press(.char("R"))
    retype("Upsell")
    press(.enter)
    XCTAssertEqual(try store.pipelines().last?.name, "Upsell")
    press(.char("D"), .char("y"))
    XCTAssertEqual(try store.pipelines().map(\.name), ["Sales", "Partners"])
    XCTAssertEqual(state.status?.text, "Deleted pipeline Upsell")
    XCTAssertEqual(failures, [])
  }

  func testTabChoosesAPipelineAndAPipelineWithDealsIsNotDeleted() throws {
    open()
    press(.tab, .char("j"))
    XCTAssertEqual(screen?.pane, .pipelines)
    XCTAssertEqual(screen?.settings.pipeline?.name, "Partners")
    XCTAssertEqual(screen?.settings.stages.first?.deals, 1)
    let changes = try store.changes().count
    press(.char("d"), .char("y"))
    XCTAssertEqual(try store.pipelines().map(\.name), ["Sales", "Partners"])
    XCTAssertEqual(try store.changes().count, changes, "nothing written")
    XCTAssertEqual(state.status?.isError, true)
    XCTAssertTrue(state.status?.text.contains("has 1 deal") ?? false, state.status?.text ?? "")
    // Small r on the pipeline list renames the pipeline, not a stage.
    press(.char("r"))
    retype("Channel")
    press(.enter)
    XCTAssertEqual(try store.pipelines().map(\.name), ["Sales", "Channel"])
    XCTAssertEqual(try salesStages().first?.name, "Qualification")
  }
}
