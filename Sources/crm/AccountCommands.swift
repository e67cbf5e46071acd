import ArgumentParser
import Foundation
import Model
import Sync

/// `crm signup`: a new account on a sync server, then this database joins its team.
struct Signup: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create an account on a sync server and sync this database with its team.",
    discussion: """
      Without --invite, creates a new team (named --team, else after you) with you as its \
      admin; with --invite CODE, joins the team that invited you. The password is read from \
      standard input. An untouched database takes the team's data; one with local work asks \
      whether to merge it (or needs --merge-local / --no-merge when not run from a terminal). \
      The tokens are kept in <db>.auth, readable only by you.
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var join: JoinOptions
  @Option(help: "Your name as the team sees it.") var name: String
  @Option(help: "An invite code from a team's admin (`crm invite`).") var invite: String?
  @Option(help: "The new team's name (without --invite).") var team: String?

  func validate() throws {
    guard invite == nil || team == nil else {
      throw ArgumentParser.ValidationError(
        "--team names a new team; an --invite joins an existing one")
    }
  }

  func run() async throws {
    let store = try global.openStore()
    let joining = Joining(store: store, credentialsPath: store.path + ".auth")
    let merge = try join.mergeDecision(joining)
    let request = SignupRequest(
      email: join.email, name: name, password: try join.readPassword(), invite: invite,
      teamName: team)
    let result = try await joining.signup(server: join.server, request, mergeLocalWork: merge)
    try result.report("Signed up", server: join.server)
  }
}

/// `crm login`: this database syncs as an existing account.
struct Login: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Log in to a sync server and sync this database with your team.",
    discussion: """
      The password is read from standard input. An untouched database takes the team's data; \
      one with local work asks whether to merge it (or needs --merge-local / --no-merge when \
      not run from a terminal). Logging in again as the same user renews an expired session.
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var join: JoinOptions

  func run() async throws {
    let store = try global.openStore()
    let joining = Joining(store: store, credentialsPath: store.path + ".auth")
    let merge = try join.mergeDecision(joining)
    let request = LoginRequest(email: join.email, password: try join.readPassword())
    let result = try await joining.login(server: join.server, request, mergeLocalWork: merge)
    try result.report("Logged in", server: join.server)
  }
}

/// `crm logout`: forget the account; the data and unsent changes stay.
struct Logout: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Log out: revoke the session and forget the tokens (the data and unsent changes stay).")

  @OptionGroup var global: GlobalOptions

  func run() async throws {
    let store = try global.openStore()
    let joining = Joining(store: store, credentialsPath: store.path + ".auth")
    let told = try await joining.logout()
    Output.line(told ? "Logged out" : "Logged out here (the server could not be reached)")
  }
}

/// `crm invite`: an invite code for a new team member (admins).
struct Invite: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Invite someone to your team (admins): prints the invite code for `crm signup --invite`.")

  @OptionGroup var global: GlobalOptions
  @Option(help: "The invitee's email address.") var email: String
  @Option(help: "Their role: admin, manager or rep.") var role: String

  func validate() throws {
    guard Role(rawValue: role) != nil else {
      throw ArgumentParser.ValidationError("--role must be admin, manager or rep, not \"\(role)\"")
    }
  }

  func run() async throws {
    let store = try global.openStore()
    let joining = Joining(store: store, credentialsPath: store.path + ".auth")
    let info = try await joining.invite(email: email, role: Role(rawValue: role) ?? .rep)
    Output.line(info.code)
  }
}
