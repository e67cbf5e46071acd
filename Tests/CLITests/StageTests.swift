import Foundation
import XCTest

final class StageTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  private func names(_ pipeline: String = "Sales") throws -> [String] {
    try jsonArray("stage", "list", "--pipeline", pipeline).compactMap { $0["name"] as? String }
  }

  private func stage(_ name: String) throws -> [String: Any]? {
    try jsonArray("stage", "list").first { $0["name"] as? String == name }
  }

  func testStageJSONKeys() throws {
    let stages = try jsonArray("stage", "list")
    assertCamelCaseKeys(stages)
    for stage in stages {
      for key in ["id", "name", "pipelineId", "kind", "probability", "rotDays", "requiredFields"] {
        XCTAssertNotNil(stage[key], "stage JSON lacks \(key)")
      }
    }
  }

  func testAddAfterAStage() throws {
    let id = try add("stage", "add", "Demo", "--pipeline", "Sales", "--after", "Proposal")
    XCTAssertEqual(
      try names(),
      ["Qualification", "Contact made", "Proposal", "Demo", "Negotiation", "Won", "Lost"])
    XCTAssertEqual(try stage("Demo")?["id"] as? String, id)
    XCTAssertEqual(try stage("Demo")?["kind"] as? String, "open")
  }

  func testAddWithoutAfterGoesLast() throws {
    try add("stage", "add", "Archive", "--pipeline", "Sales")
    XCTAssertEqual(try names().last, "Archive")
  }

  func testAddDuplicateNameRefused() throws {
    try refused("stage", "add", "Proposal", "--pipeline", "Sales", naming: "Proposal")
  }

  func testAddToUnknownPipelineRefused() throws {
    try refused("stage", "add", "Demo", "--pipeline", "Nope", naming: "Nope")
  }

  func testAddBadProbabilityRefused() throws {
    try refused(
      "stage", "add", "Demo", "--pipeline", "Sales", "--probability", "150",
      naming: "probability")
    try refused("stage", "add", "Demo", "--pipeline", "Sales", "--kind", "maybe", naming: "kind")
  }

  func testRename() throws {
    try ok("stage", "rename", "Proposal", "Offer")
    XCTAssertEqual(try names()[2], "Offer")
    try refused("stage", "rename", "Offer", "Negotiation", naming: "Negotiation")
    try refused("stage", "rename", "Offer", "", naming: "name")
    try refused("stage", "rename", "Nowhere", "X", naming: "Nowhere")
  }

  func testEdit() throws {
    try ok(
      "stage", "edit", "Proposal", "--probability", "60", "--rot-days", "5", "--require", "value",
      "--require", "closeDate")
    let edited = try XCTUnwrap(try stage("Proposal"))
    XCTAssertEqual(edited["probability"] as? Int, 60)
    XCTAssertEqual(edited["rotDays"] as? Int, 5)
    XCTAssertEqual(edited["requiredFields"] as? [String], ["value", "closeDate"])

    try ok("stage", "edit", "Proposal", "--rot-days", "0", "--require-nothing")
    let cleared = try XCTUnwrap(try stage("Proposal"))
    XCTAssertTrue(cleared["rotDays"] is NSNull)
    XCTAssertEqual(cleared["requiredFields"] as? [String], [])
    XCTAssertEqual(cleared["probability"] as? Int, 60, "untouched settings stay")

    try refused("stage", "edit", "Proposal", "--require", "shoeSize", naming: "shoeSize")
    try refused("stage", "edit", "Proposal", "--probability=-1", naming: "probability")
  }

  func testRequiredFieldIsEnforcedOnMove() throws {
    try ok("stage", "edit", "Proposal", "--require", "value")
    let deal = try add("deal", "add", "--title", "No value")
    try refused("deal", "move", deal, "--stage", "Proposal", naming: "value")
  }

  func testMove() throws {
    try ok("stage", "move", "Negotiation", "--to", "1")
    XCTAssertEqual(
      try names(), ["Negotiation", "Qualification", "Contact made", "Proposal", "Won", "Lost"])
    try ok("stage", "move", "Negotiation", "--to", "6")
    XCTAssertEqual(try names().last, "Negotiation")
    try refused("stage", "move", "Negotiation", "--to", "0", naming: "position")
    try refused("stage", "move", "Negotiation", "--to", "7", naming: "position")
  }

  func testDeleteEmptyStage() throws {
    try ok("stage", "delete", "Contact made", "--yes")
    XCTAssertFalse(try names().contains("Contact made"))
    try ok("undo")
    XCTAssertEqual(try names()[1], "Contact made")
  }

  func testDeleteWithoutYesRefused() throws {
    try refused("stage", "delete", "Contact made", naming: "--yes")
    XCTAssertTrue(try names().contains("Contact made"))
  }

  func testDeleteStageWithDealsNeedsMoveTo() throws {
    let deal = try add("deal", "add", "--title", "Here", "--stage", "Contact made")
    try refused("stage", "delete", "Contact made", "--yes", naming: "--move-to")
    try refused(
      "stage", "delete", "Contact made", "--yes", "--move-to", "Nowhere", naming: "Nowhere")
    try refused(
      "stage", "delete", "Contact made", "--yes", "--move-to", "Contact made",
      naming: "stage")
    XCTAssertTrue(try names().contains("Contact made"))

    try ok("stage", "delete", "Contact made", "--yes", "--move-to", "Proposal")
    XCTAssertFalse(try names().contains("Contact made"))
    XCTAssertEqual(try jsonObject("deal", "show", deal)["stage"] as? String, "Proposal")
  }

  func testStageNamesRepeatAcrossPipelines() throws {
    try ok("pipeline", "add", "Second")
    // Both pipelines have a "Proposal": a bare name is ambiguous, --pipeline settles it.
    try refused("stage", "rename", "Proposal", "Offer", naming: "Proposal", "--pipeline")
    try ok("stage", "rename", "Proposal", "Offer", "--pipeline", "Second")
    XCTAssertTrue(try names("Second").contains("Offer"))
    XCTAssertTrue(try names("Sales").contains("Proposal"))
  }

  func testListUnknownPipelineRefused() throws {
    try refused("stage", "list", "--pipeline", "Nope", naming: "Nope")
  }
}

final class PipelineTests: CLITestCase {
  override func setUpWithError() throws {
    try super.setUpWithError()
    try initDatabase()
  }

  private func names() throws -> [String] {
    try jsonArray("pipeline", "list").compactMap { $0["name"] as? String }
  }

  func testAddWithDefaultStages() throws {
    let id = try add("pipeline", "add", "Renewals")
    XCTAssertEqual(try names(), ["Sales", "Renewals"])
    let shown = try jsonObject("pipeline", "show", "Renewals")
    XCTAssertEqual(shown["id"] as? String, id)
    XCTAssertTrue(isISO8601(shown["createdAt"]))
    let stages = try XCTUnwrap(shown["stages"] as? [[String: Any]])
    XCTAssertEqual(stages.count, 6)
    XCTAssertTrue(stages.allSatisfy { $0["pipelineId"] as? String == id })
    assertCamelCaseKeys(shown)
    // By id too.
    XCTAssertEqual(try jsonObject("pipeline", "show", id)["name"] as? String, "Renewals")
  }

  func testAddWithStages() throws {
    try add("pipeline", "add", "Partners", "--stages", "Lead, Intro call,Pilot")
    let stages = try jsonArray("stage", "list", "--pipeline", "Partners")
    XCTAssertEqual(
      stages.compactMap { $0["name"] as? String }, ["Lead", "Intro call", "Pilot", "Won", "Lost"])
    let probabilities = stages.prefix(3).compactMap { $0["probability"] as? Int }
    XCTAssertEqual(probabilities, probabilities.sorted(), "probabilities rise along the pipeline")
  }

  func testAddRefusals() throws {
    try refused("pipeline", "add", "Sales", naming: "Sales")
    try refused("pipeline", "add", "", naming: "name")
    try refused("pipeline", "add", "P", "--stages", "Lead,,Pilot", naming: "stages")
    XCTAssertEqual(try names(), ["Sales"])
  }

  func testRename() throws {
    try add("pipeline", "add", "Partners")
    try ok("pipeline", "rename", "Partners", "Alliances")
    XCTAssertEqual(try names(), ["Sales", "Alliances"])
    try refused("pipeline", "rename", "Alliances", "Sales", naming: "Sales")
    try refused("pipeline", "rename", "Nope", "X", naming: "Nope")
  }

  func testDeleteEmptyPipelineAndUndo() throws {
    try add("pipeline", "add", "Partners")
    try refused("pipeline", "delete", "Partners", naming: "--yes")
    try ok("pipeline", "delete", "Partners", "--yes")
    XCTAssertEqual(try names(), ["Sales"])
    try ok("undo")
    XCTAssertEqual(try names(), ["Sales", "Partners"])
    XCTAssertEqual(try jsonArray("stage", "list", "--pipeline", "Partners").count, 6)
  }

  func testDeletePipelineWithDealsRefused() throws {
    try add("pipeline", "add", "Partners")
    try add("deal", "add", "--title", "Busy", "--pipeline", "Partners")
    try refused("pipeline", "delete", "Partners", "--yes", naming: "Partners")
    XCTAssertEqual(try names(), ["Sales", "Partners"])
  }

  func testDeleteOnlyPipelineRefused() throws {
    try refused("pipeline", "delete", "Sales", "--yes", naming: "Sales")
  }
}
