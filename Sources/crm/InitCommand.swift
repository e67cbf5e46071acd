import ArgumentParser
import Foundation
import Store

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create the database with a default pipeline; --demo adds a sample team.")

  @OptionGroup var global: GlobalOptions
  @Flag(
    help:
      "Add a realistic sample: 4 users, 2 pipelines, companies, contacts, deals, activities and notes."
  )
  var demo = false

  func run() throws {
    let store = try Store(path: global.databasePath)
    let created = try store.initialize(localUserName: GlobalOptions.localUserName)
    if demo {
      guard !(try store.hasRecords()) else {
        throw CLIError("\(store.path) already holds records; the demo needs an empty database")
      }
      try store.loadDemo()
      Output.line("Created \(store.path) with the demo data")
    } else {
      Output.line(created ? "Created \(store.path)" : "\(store.path) is already set up")
    }
  }
}

struct Undo: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Undo the last change.")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let label = try global.openStore().undo()
    Output.line("Undid: \(label)")
  }
}

struct Redo: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Redo the last undone change.")
  @OptionGroup var global: GlobalOptions

  func run() throws {
    let label = try global.openStore().redo()
    Output.line("Redid: \(label)")
  }
}

struct Log: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the change log: every field written, oldest first (of one record with ID).")
  @OptionGroup var global: GlobalOptions
  @OptionGroup var output: OutputOptions
  @Argument(help: "A record id (the full id).") var id: String?
  @Option(help: "Show at most N entries.") var limit: Int = 1000

  func run() throws {
    let entries = try global.openStore().changes(recordId: id, limit: limit)
    if output.json {
      try Output.json(
        entries.map {
          [
            "seq": $0.seq, "mutation": $0.mutation, "entity": $0.entity, "recordId": $0.recordId,
            "field": $0.field, "value": Output.orNull($0.value), "hlc": $0.hlc.description,
            "actor": Output.orNull($0.actor),
          ] as [String: Any]
        })
    } else {
      Output.table(
        ["SEQ", "ENTITY", "RECORD", "FIELD", "VALUE"],
        entries.map { [String($0.seq), $0.entity, $0.recordId, $0.field, $0.value ?? "null"] })
    }
  }
}
