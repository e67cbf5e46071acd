import Model
import Sync

/// The rules for what people type into signup, profile and invites; each failure is a
/// 400 problem naming the field.
enum AccountValidation {
  static func email(_ email: String, field: String = "email") throws(Problem) {
    let folded = AccountStore.fold(email)
    if folded.isEmpty { throw Problem.badRequest("must not be empty", field: field) }
    do {
      try EmailAddress.check(folded, field: field)
    } catch {
      throw Problem.badRequest(error.message, field: error.field)
    }
  }

  /// A person's or a team's name: what the Model allows a user's name to be.
  static func name(_ name: String, field: String = "name") throws(Problem) {
    do {
      try User(name: name, email: "", role: .rep).validate()
    } catch {
      throw Problem.badRequest(error.message, field: field)
    }
  }

  static func inviteCode(_ code: String) throws(Problem) {
    if code.isEmpty || code.utf8.count > 64 {
      throw Problem.badRequest("is not an invite code of this server", field: "invite")
    }
  }

  static func signup(_ request: SignupRequest) throws(Problem) {
    try email(request.email)
    try name(request.name)
    try PasswordHasher.check(request.password)
    if let invite = request.invite { try inviteCode(invite) }
    if let team = request.teamName { try name(team, field: "teamName") }
  }
}
