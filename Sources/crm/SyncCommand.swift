import ArgumentParser
import Foundation
import Store
import Sync

/// `crm sync`: push this database's changes, pull the team's; `--status` shows where it stands.
struct SyncCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Sync with the team's server: push local changes, then pull everyone else's.",
    discussion: """
      Prints what moved, e.g. "pushed 3 changes, pulled 12, 1 refused: Move X: you may not \
      edit Ada's deal". A refused change is set back here and listed (the TUI's sync screen \
      redoes or drops it). Fails with the reason (offline, session expired, ...) and a \
      non-zero exit; what was already pushed stays pushed, the rest is sent next time. \
      --status shows the server, the user, whether the server answers, the changes waiting, \
      the last sync, refused changes and conflicts, without syncing.
      """)

  @OptionGroup var global: GlobalOptions
  @Flag(help: "Show the sync state instead of syncing.") var status = false
  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard !output.json || status else {
      throw ArgumentParser.ValidationError("--json goes with --status")
    }
  }

  func run() async throws {
    let store = try global.openStore()
    let engine = SyncEngine(store: store, credentialsPath: store.path + ".auth")
    if status { return try await showStatus(engine) }
    // A SyncError's description is the one line `crm:` prints, with exit status 1.
    let summary = try await engine.sync()
    Output.line(summary.sentence)
  }

  private func showStatus(_ engine: SyncEngine) async throws {
    let state = try await engine.status()
    let online = state.account == nil ? false : await engine.isOnline()
    if output.json {
      var object: [String: Any] = [
        "loggedIn": state.account != nil, "pending": state.pending, "cursor": state.cursor,
        "lastSyncAt": Output.iso(state.lastSyncAt), "refused": state.refusals,
        "conflicts": state.conflicts, "online": online,
      ]
      if let account = state.account {
        object["server"] = account.server
        object["user"] = [
          "id": account.userId, "teamId": account.teamId, "name": account.name,
          "email": account.email, "role": account.role.rawValue,
        ]
      } else {
        object["server"] = NSNull()
        object["user"] = NSNull()
      }
      return try Output.json(object)
    }
    let last = state.lastSyncAt.map { Output.iso($0) as? String ?? "" } ?? "never"
    Output.fields([
      ("Server", state.account?.server ?? "none (not logged in)"),
      ("User", state.account.map { "\($0.name) <\($0.email)> (\($0.role.rawValue))" }),
      ("Online", state.account == nil ? nil : (online ? "yes" : "no")),
      ("Pending", "\(state.pending) \(state.pending == 1 ? "change" : "changes") waiting"),
      ("Last sync", last),
      ("Refused", "\(state.refusals)"),
      ("Conflicts", "\(state.conflicts)"),
    ])
  }
}
