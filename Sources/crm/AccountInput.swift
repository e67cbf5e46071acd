import ArgumentParser
import Foundation
import Sync

/// What signup and login share: the server, reading the password, and whether to merge the
/// database's local work into the team.
struct JoinOptions: ParsableArguments {
  @Option(help: "The sync server's URL, e.g. http://127.0.0.1:8080.") var server: String
  @Option(help: "Your email address (the account's name on the server).") var email: String
  @Flag(help: "Read the password from standard input (the only way to give it).")
  var passwordStdin = false
  @Flag(help: "Merge this database's local work into the team without asking.")
  var mergeLocal = false
  @Flag(help: "Refuse to join if this database has local work (nothing is changed then).")
  var noMerge = false

  func validate() throws {
    guard passwordStdin else {
      throw ArgumentParser.ValidationError(
        "--password-stdin is required: the password is read from standard input, never from arguments"
      )
    }
    guard !(mergeLocal && noMerge) else {
      throw ArgumentParser.ValidationError("--merge-local and --no-merge exclude each other")
    }
  }

  /// Whether to merge: false for an untouched database (it joins silently) and for one that
  /// already syncs (nothing to join); else the flag, or the answer to the question on a
  /// terminal. Asked before anything is sent.
  func mergeDecision(_ joining: Joining) throws -> Bool {
    guard try joining.account() == nil, let work = try joining.localWork() else { return false }
    if mergeLocal { return true }
    if noMerge { return false }
    guard isatty(STDIN_FILENO) == 1 else {
      throw CLIError(
        "this database has local work (\(work.deals) deals, \(work.contacts) contacts): "
          + "pass --merge-local to merge it into the team, or --no-merge; nothing changed")
    }
    FileHandle.standardError.write(Data("\(work.question) [y/N] ".utf8))
    let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    guard answer == "y" || answer == "yes" else {
      throw CLIError("not joined: the local work stays here; nothing changed")
    }
    return true
  }

  /// The password: standard input up to its end (a pipe) or its first line (a terminal,
  /// read without echo), without the line ending.
  func readPassword() throws -> String {
    var password: String
    if isatty(STDIN_FILENO) == 1 {
      FileHandle.standardError.write(Data("Password: ".utf8))
      var saved = termios()
      let hidden = tcgetattr(STDIN_FILENO, &saved) == 0
      if hidden {
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
      }
      password = readLine(strippingNewline: true) ?? ""
      if hidden { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
      FileHandle.standardError.write(Data("\n".utf8))
    } else {
      password = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
      if password.hasSuffix("\n") { password.removeLast() }
      if password.hasSuffix("\r") { password.removeLast() }
    }
    guard !password.isEmpty else {
      throw CLIError("--password-stdin: no password on standard input")
    }
    return password
  }
}

extension JoinResult {
  /// "Logged in as Ada (ada@example.com, admin) on SERVER; pushed 0 changes, pulled 12", or
  /// the first sync's failure as the command's error.
  func report(_ verb: String, server: String) throws {
    let who = "\(user.name) (\(user.email), \(user.role.rawValue))"
    switch firstSync {
    case .success(let summary):
      Output.line("\(verb) as \(who) on \(server); \(summary.sentence)")
    case .failure(let error):
      Output.line("\(verb) as \(who) on \(server)")
      throw CLIError("the first sync failed: \(error); run `crm sync` to finish it")
    }
  }
}
